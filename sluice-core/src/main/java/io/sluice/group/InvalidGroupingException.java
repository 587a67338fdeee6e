package io.sluice.group;

import io.sluice.SluiceException;
import java.util.List;

/** A grouping failed validation; the message lists every problem with its fix. */
public final class InvalidGroupingException extends SluiceException {
    private final transient List<GroupProblem> problems;

    InvalidGroupingException(String message, List<GroupProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found. */
    public List<GroupProblem> problems() {
        return problems;
    }
}

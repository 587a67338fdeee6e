package io.sluice.reliability;

import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child process, as {@code sluice run --run-id ID --params scale=3} would run: one run of
 * {@link ResumeProject} in {@code args[0]} under run id {@code args[1]}.
 */
public final class ResumeRunMain {
    private ResumeRunMain() {
    }

    public static void main(String[] args) {
        try (Session session = Session.compile(new ResumeProject(),
                new SessionOptions(Path.of(args[0]), "local", Map.of("scale", 3), false))) {
            session.run(spec(args[1]));
        }
    }

    /** The spec the child runs, which the uninterrupted run of the test runs too. */
    static RunSpec spec(String runId) {
        return RunSpec.builder().runId(runId).param("scale", 3).build();
    }
}

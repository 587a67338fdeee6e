package io.sluice.reliability;

import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child process: saves the dataset of format {@code args[1]} in project {@code args[0]} again
 * and again, round after round, until it is killed.
 */
public final class SaveLoopMain {
    private SaveLoopMain() {
    }

    public static void main(String[] args) {
        try (Session session = Session.compile(new SaveProject(), new SessionOptions(Path.of(args[0]), "local",
                Map.of(), false))) {
            for (int round = 1; ; round++) {
                session.run(RunSpec.builder(args[1]).param("round", round).journal(false).build());
            }
        }
    }
}

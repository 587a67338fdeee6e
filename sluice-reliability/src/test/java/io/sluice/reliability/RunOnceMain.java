package io.sluice.reliability;

import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.nio.file.Path;
import java.util.Map;

/** A child process: one run of {@link ChainProject} in {@code args[0]} with {@code round = args[1]}. */
public final class RunOnceMain {
    private RunOnceMain() {
    }

    public static void main(String[] args) {
        int round = Integer.parseInt(args[1]);
        try (Session session = Session.compile(new ChainProject(),
                new SessionOptions(Path.of(args[0]), "local", Map.of("round", round), false))) {
            session.run(RunSpec.builder().param("round", round).build());
        }
    }
}

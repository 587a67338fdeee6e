package io.sluice.session;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child process of {@link SharedDataAcrossProcessesTest}: runs the write-then-read pipeline of
 * {@link SharedDataIsolationTest} {@code args[2]} times over the project {@code args[0]}, with
 * ids starting at {@code args[1]}, and prints one line per run: the id and the report it got.
 */
public final class SharedDataRunsMain {
    private SharedDataRunsMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Pipeline p = Pipeline.of(
                node(SharedDataIsolationTest::stamp).inputs("id").outputs("mid").name("stamp"),
                node(SharedDataIsolationTest::report).inputs("mid").outputs("report").name("report"));
        try (Session session = Session.compile(TestProject.of(p), new SessionOptions(dir, "local", Map.of(), false))) {
            RunSpec spec = RunSpec.builder().journal(false).build();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < runs; i++) {
                int id = first + i;
                out.append(id).append('\t').append(session.run(spec, Injected.input("id", id)).outputs().get("report"))
                        .append('\n');
            }
            System.out.print(out);
        }
    }
}

package io.sluice.journal;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link KilledRunTest}: runs a four-node chain under run id
 * {@code args[1]} in the project at {@code args[0]}; the third node blocks until the process is
 * killed.
 */
public final class KilledRunMain {
    private KilledRunMain() {
    }

    static int inc(int x) {
        return x + 1;
    }

    static int blockForever(int x) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
        return x;
    }

    static Pipeline pipeline() {
        return Pipeline.of(
                node(KilledRunMain::inc).inputs("a").outputs("b").name("first"),
                node(KilledRunMain::inc).inputs("b").outputs("c").name("second"),
                node(KilledRunMain::blockForever).inputs("c").outputs("d").name("third"),
                node(KilledRunMain::inc).inputs("d").outputs("e").name("fourth"));
    }

    public static void main(String[] args) {
        Session session = JournalProject.session(Path.of(args[0]), Map.of("chain", pipeline()));
        session.run(RunSpec.builder("chain").runId(args[1]).build(), Injected.input("a", 1));
    }
}

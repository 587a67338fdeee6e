package io.sluice.bench;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A linear chain of {@code x + 1} nodes run through a compiled session (Kedro: 1,000 nodes in
 * 2.7 s). Divide the score by {@code nodes} for the per-node overhead; compare the 10,000 and
 * 100,000 scores for linear growth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChainBenchmark {
    @Param({"1000", "10000", "100000"})
    public int nodes;

    private Session session;
    private RunSpec request;
    private Injected injected;

    static int increment(int x) {
        return x + 1;
    }

    @Setup(Level.Trial)
    public void setUp() {
        List<Node> chain = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            chain.add(node(ChainBenchmark::increment).inputs("d" + i).outputs("d" + (i + 1)).name("n" + i));
        }
        session = BenchProjects.session(Pipeline.of(chain));
        injected = Injected.input("d0", 0);
        request = RunSpec.builder().outputs("d" + nodes).journal(false).build();
        int result = (Integer) session.run(request, injected).outputs().get("d" + nodes);
        if (result != nodes) {
            throw new IllegalStateException("chain computed " + result + ", expected " + nodes);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }

    @Benchmark
    public Object run() {
        return session.run(request, injected).outputs();
    }
}

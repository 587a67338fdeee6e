package io.sluice.bench;

import static io.sluice.pipeline.Node.node;
import static io.sluice.pipeline.Node.varargs;

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
 * One source, {@code width} independent {@code x + 1} nodes reading it, and one node summing
 * them all (Kedro: 1,000 wide in 2.5 s). {@code width + 2} nodes run per operation, on the
 * sequential runner or on the parallel one with 2 workers (its per-node cost of handing nodes to
 * threads and back).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FanOutFanInBenchmark {
    @Param({"1000"})
    public int width;

    @Param({"sequential"})
    public String runner;

    private Session session;
    private RunSpec request;
    private Injected injected;

    static int source(int seed) {
        return seed;
    }

    static int increment(int x) {
        return x + 1;
    }

    static long sum(List<Integer> values) {
        long total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }

    @Setup(Level.Trial)
    public void setUp() {
        List<Node> nodes = new ArrayList<>(width + 2);
        nodes.add(node(FanOutFanInBenchmark::source).inputs("seed").outputs("x").name("source"));
        String[] branches = new String[width];
        for (int i = 0; i < width; i++) {
            branches[i] = "b" + i;
            nodes.add(node(FanOutFanInBenchmark::increment).inputs("x").outputs(branches[i]).name("branch" + i));
        }
        nodes.add(varargs(FanOutFanInBenchmark::sum).inputs(branches).outputs("total").name("sum"));
        session = BenchProjects.session(Pipeline.of(nodes));
        injected = Injected.input("seed", 1);
        request = RunSpec.builder().runner(runner).maxWorkers(runner.equals(RunSpec.PARALLEL) ? 2 : 0).journal(false)
                .build();
        long total = (Long) session.run(request, injected).outputs().get("total");
        if (total != 2L * width) {
            throw new IllegalStateException("fan-in computed " + total + ", expected " + 2L * width);
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

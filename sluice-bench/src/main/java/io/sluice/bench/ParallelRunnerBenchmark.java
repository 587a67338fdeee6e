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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 16 independent nodes that each sleep 100 ms, on the parallel runner with 4 workers (Kedro:
 * 0.42 s). The floor is 4 rounds of 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class ParallelRunnerBenchmark {
    private Session session;
    private RunSpec request;

    static int sleepy() throws InterruptedException {
        Thread.sleep(100);
        return 1;
    }

    @Setup(Level.Trial)
    public void setUp() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            nodes.add(node(ParallelRunnerBenchmark::sleepy).outputs("out" + i).name("sleep" + i));
        }
        session = BenchProjects.session(Pipeline.of(nodes));
        request = RunSpec.builder().runner(RunSpec.PARALLEL).maxWorkers(4).journal(false).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }

    @Benchmark
    public Object run() {
        return session.run(request).outputs();
    }
}

package io.sluice.bench;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * What an {@code engine:} input adds to a warm in-memory run (issue 11: at most 50 ns per
 * input): the same 10-node chain run warm, once with plain nodes and once with every node also
 * taking {@code engine:warehouse} (a {@code jdbc} engine on in-memory DuckDB, created by the
 * first run; the nodes do not use it). (withEngines - withoutEngines) / 10 is the cost of one
 * engine input.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class EngineInputBenchmark {
    static final int NODES = 10;

    private Session plain;
    private Session withEngine;
    private RunSpec request;

    static long step(long x) {
        return x + 1;
    }

    static long stepWith(DataSource warehouse, long x) {
        return x + 1;
    }

    private static Pipeline chain(boolean engine) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            String in = i == 0 ? "x" : "x" + i;
            String out = "x" + (i + 1);
            nodes.add(engine
                    ? node(EngineInputBenchmark::stepWith).inputs("engine:warehouse", in).outputs(out).name("n" + i)
                    : node(EngineInputBenchmark::step).inputs(in).outputs(out).name("n" + i));
        }
        return Pipeline.of(nodes);
    }

    @Setup(Level.Trial)
    public void setUp() {
        plain = BenchProjects.session(chain(false), "");
        withEngine = BenchProjects.session(chain(true), Map.of("conf/base/engines.yml",
                "warehouse:\n  type: jdbc\n  url: 'jdbc:duckdb:'\n"));
        request = RunSpec.builder().outputs("x" + NODES).journal(false).build();
        withEngine.run(request, Injected.input("x", 0L)); // creates the engine's client once, as a first run would
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plain.close();
        withEngine.close();
    }

    @Benchmark
    public Object withoutEngines() {
        return plain.run(request, Injected.input("x", 1L)).outputs();
    }

    @Benchmark
    public Object withEngines() {
        return withEngine.run(request, Injected.input("x", 1L)).outputs();
    }
}

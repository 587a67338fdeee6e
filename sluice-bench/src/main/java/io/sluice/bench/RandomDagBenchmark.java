package io.sluice.bench;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pipeline construction at scale: a seeded random DAG of {@code nodes} two-input nodes is built
 * (validated and toposorted) and filtered with {@code fromNodes} (Kedro: 20,000 nodes in 4.2 s
 * for build, toposort and three filters). Node objects are created in the measured time too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class RandomDagBenchmark {
    @Param({"20000", "100000"})
    public int nodes;

    private int[][] edges;

    static int add(int a, int b) {
        return a + b;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        edges = new int[nodes][2];
        for (int i = 0; i < nodes; i++) {
            // inputs come from earlier nodes' outputs (or free inputs for the first ones)
            edges[i][0] = i == 0 ? -1 : random.nextInt(i);
            edges[i][1] = i == 0 ? -2 : random.nextInt(i);
            if (edges[i][1] == edges[i][0]) {
                edges[i][1] = -2 - i;
            }
        }
    }

    /** Builds, validates and toposorts the DAG, then filters from a node in the middle. */
    @Benchmark
    public Pipeline buildSortAndFilter() {
        Pipeline p = build();
        return p.fromNodes("n" + nodes / 2);
    }

    /** Builds, validates and toposorts the DAG only. */
    @Benchmark
    public Pipeline build() {
        List<Node> list = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            list.add(node(RandomDagBenchmark::add).inputs(name(edges[i][0]), name(edges[i][1])).outputs("o" + i)
                    .name("n" + i));
        }
        return Pipeline.of(list);
    }

    private static String name(int source) {
        return source >= 0 ? "o" + source : "free" + (-source);
    }
}

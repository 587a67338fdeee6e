package io.sluice.bench;

import static io.sluice.pipeline.Node.node;

import io.sluice.group.GroupCheck;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * Grouping and validation of a 100,000-node pipeline (issue 13's budget: at most 1 s): a seeded
 * random DAG of two-input nodes (as {@link RandomDagBenchmark}) in 20 namespaces, each node tagged
 * {@code group:gN}, a fifth of the datasets in memory. Measured: indexing the pipeline with the
 * persisted-dataset predicate, the strategy, and the full check; the pipeline is built once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GroupingBenchmark {
    @Param({"100000"})
    public int nodes;

    @Param({"node", "namespace", "tag", "memory-components", "persistence-cuts", "branch",
            "memory-components+merge", "node+merge"})
    public String strategy;

    private Pipeline pipeline;
    private Set<String> persisted;
    private GroupStrategy groupStrategy;

    static int add(int a, int b) {
        return a + b;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        List<Node> list = new ArrayList<>(nodes);
        persisted = new HashSet<>();
        for (int i = 0; i < nodes; i++) {
            int a = i == 0 ? -1 : random.nextInt(i);
            int b = i == 0 ? -2 : random.nextInt(i);
            if (a == b) {
                b = -2 - i;
            }
            list.add(node(GroupingBenchmark::add).inputs(name(a), name(b)).outputs("o" + i).name("n" + i)
                    .namespace("ns" + i * 20 / nodes).tags("group:g" + random.nextInt(50)));
            if (random.nextInt(5) > 0) {
                persisted.add("o" + i);
            }
        }
        pipeline = Pipeline.of(list);
        groupStrategy = switch (strategy) {
            case "memory-components+merge" -> new GroupStrategy.Merged(new GroupStrategy.MemoryComponents(), 64, 0,
                    null);
            case "node+merge" -> new GroupStrategy.Merged(new GroupStrategy.PerNode(), 64, 0, null);
            default -> GroupStrategy.named(strategy, "group:", null)
                    .orElseThrow(() -> new IllegalArgumentException(strategy));
        };
        Grouping g = Grouper.of("bench", pipeline, persisted::contains).group(groupStrategy);
        System.out.println(strategy + ": " + g.groups().size() + " groups, " + g.dependencies().size()
                + " dependencies, " + g.boundaries().size() + " boundary datasets, "
                + Grouper.check(g, Map.of()).problems().size() + " problems");
    }

    private static String name(int source) {
        return source >= 0 ? "o" + source : "free" + (-source);
    }

    /** Index the pipeline, group it and check the grouping. */
    @Benchmark
    public GroupCheck groupAndCheck() {
        Grouping g = Grouper.of("bench", pipeline, persisted::contains).group(groupStrategy);
        return Grouper.check(g, Map.of());
    }
}

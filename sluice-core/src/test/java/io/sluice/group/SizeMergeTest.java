package io.sluice.group;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SizeMergeTest {

    @Test
    void mergesConnectedNeighboursFirstUpToTheTargetCount() {
        Grouping g = Shop.grouper().group(new GroupStrategy.Merged(new GroupStrategy.MemoryComponents(), 2, 0, null));
        // components load+clean, features+train, split, evaluate+report; split+evaluate (connected, cost 3)
        // goes first, then load+features (connected, cost 4)
        assertThat(Shop.summary(g)).containsExactly(
                "data.load=[data.load, data.clean, data.features, ds.train]",
                "data.split=[data.split, ds.evaluate, report]");
        assertThat(Shop.deps(g)).containsExactly("data.load->data.split[data.clean, ds.model]");
        assertThat(g.strategy()).isEqualTo("memory-components+merge(target=2)");
        assertThat(Grouper.check(g, Map.of()).ok()).isTrue();
    }

    @Test
    void aMaximumCostStopsMergingAndCostTagsWeighNodes() {
        // ds.train costs 5 (tag cost:5): its component (features+train, 6) merges with nothing under 7
        Grouping g = Shop.grouper().group(new GroupStrategy.Merged(new GroupStrategy.MemoryComponents(), 0, 7,
                "cost:"));
        assertThat(Shop.summary(g)).containsExactly(
                "data.load=[data.load, data.clean]",
                "data.features=[data.features, ds.train]",
                "data.split=[data.split, ds.evaluate, report]");
    }

    @Test
    void mergingMayFixMemoryCrossingsButNotCycles() {
        Grouping byNode = Shop.grouper().group(new GroupStrategy.Merged(new GroupStrategy.PerNode(), 1, 0, null));
        assertThat(byNode.groups()).hasSize(1);
        assertThat(Grouper.check(byNode, Map.of()).ok()).isTrue();

        Pipeline loop = Pipeline.of(node(Shop::one).inputs("i").outputs("x").name("a1").namespace("a"),
                node(Shop::one).inputs("x").outputs("y").name("b1").namespace("b"),
                node(Shop::one).inputs("y").outputs("z").name("a2").namespace("a"));
        Grouper grouper = Grouper.of(null, loop, n -> true);
        assertThatThrownBy(() -> grouper.group(new GroupStrategy.Merged(new GroupStrategy.ByNamespace(), 1, 0, null)))
                .isInstanceOf(InvalidGroupingException.class)
                .hasMessageContaining("Cannot merge the groups of namespace")
                .hasMessageContaining("a -[x]-> b -[y]-> a");
    }

    @Test
    void anExplicitRestGroupNobodyNeedsDoesNotDisturbTheMerge() {
        io.sluice.config.Location code = io.sluice.config.Location.of("code");
        DeploySpec spec = new DeploySpec(List.of(
                new DeploySpec.DeployGroup("prep", code, List.of(new DeploySpec.Selector(DeploySpec.Kind.NAMESPACE,
                        "data", code))),
                new DeploySpec.DeployGroup("model", code, List.of(new DeploySpec.Selector(DeploySpec.Kind.NAMESPACE,
                        "ds", code), new DeploySpec.Selector(DeploySpec.Kind.NODE, "report", code)))),
                java.util.Optional.of("unused"));
        Grouping g = Shop.grouper().group(new GroupStrategy.Merged(new GroupStrategy.Explicit(spec), 1, 0, null));
        assertThat(g.groupIds()).containsExactly("prep");
        assertThat(g.groups().get(0).nodes()).hasSize(7);
    }

    @Test
    void badCostTagsAreAllNamed() {
        Pipeline p = Pipeline.of(node(Shop::one).inputs("i").outputs("x").name("a").tags("cost:lots"),
                node(Shop::one).inputs("x").outputs("y").name("b").tags("cost:0"));
        assertThatThrownBy(() -> Grouper.of(null, p, n -> true)
                .group(new GroupStrategy.Merged(new GroupStrategy.PerNode(), 1, 0, "cost:")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("'a' (cost:lots)").hasMessageContaining("'b' (cost:0)");
    }

    @Test
    void aMergeNeedsATargetOrACost() {
        assertThatThrownBy(() -> new GroupStrategy.Merged(new GroupStrategy.PerNode(), 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> randomDags() {
        return IntStream.rangeClosed(1, 24).mapToObj(seed -> Arguments.of(seed, 20 + seed * 7));
    }

    /** Seeded random DAGs, random persistence, every base strategy, random targets and costs: never a cycle. */
    @ParameterizedTest(name = "seed {0}, {1} nodes")
    @MethodSource("randomDags")
    void mergingNeverCreatesACycle(int seed, int size) {
        Random random = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        Set<String> persisted = new HashSet<>();
        for (int i = 0; i < size; i++) {
            String a = i == 0 ? "free" : "d" + random.nextInt(i);
            String b = i < 2 ? "free2" : "d" + random.nextInt(i);
            if (b.equals(a)) {
                b = "free" + i;
            }
            nodes.add(node(Shop::two).inputs(a, b).outputs("d" + i).name("n" + i)
                    .namespace(random.nextInt(3) == 0 ? null : "ns" + random.nextInt(4))
                    .tags("cost:" + (1 + random.nextInt(5))));
            if (random.nextInt(3) > 0) {
                persisted.add("d" + i);
            }
        }
        Grouper grouper = Grouper.of(null, Pipeline.of(nodes), persisted::contains);
        for (GroupStrategy base : List.of(new GroupStrategy.PerNode(), new GroupStrategy.MemoryComponents(),
                new GroupStrategy.ByBranch(), new GroupStrategy.PersistenceCuts())) {
            Grouping before = grouper.group(base);
            int target = 1 + random.nextInt(Math.max(1, before.groups().size()));
            long maxCost = random.nextBoolean() ? 0 : 3 + random.nextInt(20);
            Grouping merged = grouper.group(new GroupStrategy.Merged(base, target, maxCost, "cost:"));
            assertThat(GroupValidator.cycles(merged)).as("%s merged to %d, max cost %d", base, target, maxCost)
                    .isEmpty();
            assertThat(merged.ungrouped()).isEmpty();
            assertThat(merged.inSeveralGroups()).isEmpty();
            if (maxCost == 0) {
                assertThat(merged.groups()).hasSize(Math.min(target, before.groups().size()));
            } else {
                assertThat(merged.groups().size()).isGreaterThanOrEqualTo(Math.min(target, before.groups().size()));
                assertMergedGroupsFit(before, merged, maxCost, Pipeline.of(nodes));
            }
            // every base group stays whole
            Map<String, String> groupOf = new HashMap<>();
            merged.groups().forEach(gr -> gr.nodes().forEach(n -> groupOf.put(n, gr.id())));
            for (Group gr : before.groups()) {
                assertThat(gr.nodes().stream().map(groupOf::get).distinct()).hasSize(1);
            }
        }
    }

    /** A group that holds more than one base group costs at most {@code maxCost}. */
    private static void assertMergedGroupsFit(Grouping before, Grouping merged, long maxCost, Pipeline p) {
        Map<String, String> baseOf = new HashMap<>();
        before.groups().forEach(gr -> gr.nodes().forEach(n -> baseOf.put(n, gr.id())));
        for (Group gr : merged.groups()) {
            long bases = gr.nodes().stream().map(baseOf::get).distinct().count();
            long cost = gr.nodes().stream().mapToLong(n -> p.node(n).tags().stream()
                    .filter(t -> t.startsWith("cost:")).mapToLong(t -> Long.parseLong(t.substring(5))).sum()).sum();
            if (bases > 1) {
                assertThat(cost).as(gr.id()).isLessThanOrEqualTo(maxCost);
            }
        }
    }
}

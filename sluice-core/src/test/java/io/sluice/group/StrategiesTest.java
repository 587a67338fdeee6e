package io.sluice.group;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.Pipeline;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrategiesTest {
    private final Grouper grouper = Shop.grouper();

    @Test
    void perNodeMakesOneGroupPerNodeNamedAfterIt() {
        Grouping g = grouper.group(new GroupStrategy.PerNode());
        assertThat(g.groupIds()).containsExactly("data.load", "data.clean", "data.features", "data.split",
                "ds.train", "ds.evaluate", "report");
        assertThat(g.pipeline()).isEqualTo("shop");
        assertThat(g.strategy()).isEqualTo("node");
        assertThat(g.boundaries()).extracting(BoundaryDataset::dataset).containsExactly("data.raw_table",
                "data.clean", "data.features", "data.holdout", "ds.model", "ds.metrics");
        assertThat(g.boundaries().get(1).to()).containsExactly("data.features", "data.split");
        assertThat(g.boundaries()).filteredOn(b -> !b.persisted()).extracting(BoundaryDataset::dataset)
                .containsExactly("data.raw_table", "data.features", "ds.metrics");
    }

    @Test
    void byNamespaceGroupsTopLevelNamespacesAndTheRest() {
        Grouping g = grouper.group(new GroupStrategy.ByNamespace());
        assertThat(Shop.summary(g)).containsExactly(
                "data=[data.load, data.clean, data.features, data.split]",
                "ds=[ds.train, ds.evaluate]",
                "no-namespace=[report]");
        assertThat(Shop.deps(g)).containsExactly("data->ds[data.features, data.holdout]",
                "ds->no-namespace[ds.metrics]");
        assertThat(g.boundaries()).extracting(b -> b.dataset() + ":" + b.from() + "->" + b.to() + ":" + b.persisted())
                .containsExactly("data.features:data->[ds]:false", "data.holdout:data->[ds]:true",
                        "ds.metrics:ds->[no-namespace]:false");
    }

    @Test
    void byNamespaceUsesTheTopLevelOfNestedNamespaces() {
        Pipeline p = Pipeline.of(node(Shop::one).inputs("a").outputs("b").name("x").namespace("eu.fr"),
                node(Shop::one).inputs("b").outputs("c").name("y").namespace("eu"));
        Grouping g = Grouper.of(null, p, n -> true).group(new GroupStrategy.ByNamespace());
        assertThat(Shop.summary(g)).containsExactly("eu=[eu.fr.x, eu.y]");
    }

    @Test
    void byTagTakesTheValueAfterThePrefix() {
        Grouping g = grouper.group(new GroupStrategy.ByTag("group:", "misc"));
        assertThat(Shop.summary(g)).containsExactly(
                "prep=[data.load, data.clean, data.features, data.split]",
                "model=[ds.train, ds.evaluate]",
                "misc=[report]");
        assertThat(g.strategy()).isEqualTo("tag:group:,rest=misc");
    }

    @Test
    void byTagWithoutRestLeavesUntaggedNodesInNoGroup() {
        Grouping g = grouper.group(new GroupStrategy.ByTag("group:", null));
        assertThat(g.groupIds()).containsExactly("prep", "model");
        assertThat(g.ungrouped()).containsExactly("report");
    }

    @Test
    void memoryComponentsKeepNodesJoinedByMemoryTogether() {
        Grouping g = grouper.group(new GroupStrategy.MemoryComponents());
        assertThat(Shop.summary(g)).containsExactly(
                "data.load=[data.load, data.clean]",
                "data.features=[data.features, ds.train]",
                "data.split=[data.split]",
                "ds.evaluate=[ds.evaluate, report]");
        assertThat(Shop.deps(g)).containsExactly("data.load->data.features[data.clean]",
                "data.load->data.split[data.clean]", "data.features->ds.evaluate[ds.model]",
                "data.split->ds.evaluate[data.holdout]");
        assertThat(g.boundaries()).allMatch(BoundaryDataset::persisted);
        assertThat(Grouper.check(g, java.util.Map.of()).ok()).isTrue();
    }

    @Test
    void memoryComponentsMergeGroupsThatWouldFormACycle() {
        // a0 -[m: memory]-> a1 -[x]-> b1 -[y]-> a2 <-[m]- : {a0, a1, a2} and {b1} would depend on each other
        Pipeline p = Pipeline.of(node(Shop::one).inputs("in").outputs("m").name("a0"),
                node(Shop::one).inputs("m").outputs("x").name("a1"),
                node(Shop::one).inputs("x").outputs("y").name("b1"),
                node(Shop::two).inputs("m", "y").outputs("z").name("a2"));
        Grouping g = Grouper.of(null, p, Set.of("x", "y", "z")::contains).group(new GroupStrategy.MemoryComponents());
        assertThat(Shop.summary(g)).containsExactly("a0=[a0, a1, b1, a2]");
        assertThat(g.dependencies()).isEmpty();
    }

    @Test
    void persistenceCutsMakeStagesWhereNoMemoryIsLive() {
        Grouping g = grouper.group(new GroupStrategy.PersistenceCuts());
        assertThat(Shop.summary(g)).containsExactly(
                "data.load=[data.load, data.clean]",
                "data.features=[data.features, data.split, ds.train]",
                "ds.evaluate=[ds.evaluate, report]");
        assertThat(Shop.deps(g)).containsExactly("data.load->data.features[data.clean]",
                "data.features->ds.evaluate[data.holdout, ds.model]");
        assertThat(Grouper.check(g, java.util.Map.of()).ok()).isTrue();
    }

    @Test
    void byBranchContractsChainsAndCutsAtForksAndJoins() {
        Grouping g = grouper.group(new GroupStrategy.ByBranch());
        assertThat(Shop.summary(g)).containsExactly(
                "data.load=[data.load, data.clean]",
                "data.features=[data.features, ds.train]",
                "data.split=[data.split]",
                "ds.evaluate=[ds.evaluate, report]");
    }

    @Test
    void byBranchReportsMemoryAcrossAFork() {
        // a -[m: memory]-> b, c: the fork cuts, so m crosses
        Pipeline p = Pipeline.of(node(Shop::one).inputs("in").outputs("m").name("a"),
                node(Shop::one).inputs("m").outputs("x").name("b"),
                node(Shop::one).inputs("m").outputs("y").name("c"));
        Grouper grouper = Grouper.of(null, p, Set.of("x", "y")::contains);
        Grouping g = grouper.group(new GroupStrategy.ByBranch());
        assertThat(Shop.summary(g)).containsExactly("a=[a]", "b=[b]", "c=[c]");
        assertThat(Grouper.check(g, java.util.Map.of()).problems())
                .containsExactly(new GroupProblem.MemoryCrossing("m", "a", List.of("b", "c")));
        assertThat(Shop.summary(grouper.group(new GroupStrategy.MemoryComponents()))).containsExactly("a=[a, b, c]");
    }

    @Test
    void unsafeNamesBecomeStableSafeIds() {
        Pipeline p = Pipeline.of(node(Shop::one).inputs("in").outputs("x").name("load raw/data"),
                node(Shop::one).inputs("x").outputs("y").name("_hidden"));
        Grouping g = Grouper.of(null, p, n -> true).group(new GroupStrategy.PerNode());
        assertThat(g.groupIds()).allMatch(io.sluice.run.RunIds::isSafeName);
        assertThat(g.groupIds().get(0)).matches("load_raw_data\\+[0-9a-f]{8}");
        assertThat(g.groupIds().get(1)).matches("hidden\\+[0-9a-f]{8}");
        assertThat(Grouper.of(null, p, n -> true).group(new GroupStrategy.PerNode()).groupIds())
                .isEqualTo(g.groupIds());
    }
}

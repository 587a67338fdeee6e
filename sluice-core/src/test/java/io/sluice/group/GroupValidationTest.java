package io.sluice.group;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.hooks.Hook;
import io.sluice.hooks.Hooks;
import io.sluice.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupValidationTest {

    @Test
    void aValidGroupingHasNoProblem() {
        GroupCheck check = Grouper.check(Shop.grouper().group(new GroupStrategy.MemoryComponents()), Map.of());
        assertThat(check.ok()).isTrue();
        assertThat(check.describe()).isEqualTo("ok");
        assertThat(check.orThrow()).isSameAs(check);
    }

    @Test
    void everyMemoryDatasetAcrossGroupsIsNamedWithBothGroupsAndTheFix() {
        GroupCheck check = Grouper.check(Shop.grouper().group(new GroupStrategy.ByNamespace()), Map.of());
        assertThat(check.problems()).containsExactly(
                new GroupProblem.MemoryCrossing("data.features", "data", List.of("ds")),
                new GroupProblem.MemoryCrossing("ds.metrics", "ds", List.of("no-namespace")));
        assertThat(check.problems().get(0).message()).isEqualTo("Memory dataset 'data.features' crosses from group "
                + "data to ds: separate processes do not share memory. Fix: declare 'data.features' in the catalog "
                + "(conf/<env>/catalog.yml), or add a persisted '{default}' dataset factory in the deployment env, "
                + "or put its producer and consumers in one group.");
    }

    @Test
    void nodesInNoGroupAndInSeveralAreEachNamed() {
        Pipeline p = Pipeline.of(
                node(Shop::one).inputs("i").outputs("x").name("a").tags("group:one", "group:two"),
                node(Shop::one).inputs("x").outputs("y").name("b"),
                node(Shop::one).inputs("y").outputs("z").name("c").tags("group:two"),
                node(Shop::one).inputs("z").outputs("w").name("d"));
        Grouping g = Grouper.of(null, p, n -> true).group(new GroupStrategy.ByTag("group:", null));
        assertThat(Shop.summary(g)).containsExactly("one=[a]", "two=[a, c]");
        GroupCheck check = Grouper.check(g, Map.of());
        assertThat(check.problems()).containsExactly(new GroupProblem.NoGroup("b"), new GroupProblem.NoGroup("d"),
                new GroupProblem.SeveralGroups("a", List.of("one", "two")));
        assertThat(check.problems().get(0).message()).contains("Node 'b' is in no group. Fix:");
        assertThat(check.problems().get(2).message())
                .isEqualTo("Node 'a' is in 2 groups: one, two. Fix: keep it in exactly one of them.");
    }

    @Test
    void aCycleBetweenGroupsIsNamedWithItsDatasets() {
        Pipeline p = Pipeline.of(node(Shop::one).inputs("i").outputs("x").name("a1").namespace("a"),
                node(Shop::one).inputs("x").outputs("y").name("b1").namespace("b"),
                node(Shop::one).inputs("y").outputs("z").name("c1").namespace("c"),
                node(Shop::one).inputs("z").outputs("w").name("a2").namespace("a"),
                node(Shop::one).inputs("w").outputs("v").name("d1").namespace("d"),
                node(Shop::one).inputs("v").outputs("u").name("e1").namespace("e"),
                node(Shop::one).inputs("u").outputs("t").name("d2").namespace("d"));
        GroupCheck check = Grouper.check(Grouper.of(null, p, n -> true).group(new GroupStrategy.ByNamespace()),
                Map.of());
        assertThat(check.problems()).containsExactly(
                new GroupProblem.Cycle(List.of("a", "b", "c", "a"), List.of("x", "y", "z")),
                new GroupProblem.Cycle(List.of("d", "e", "d"), List.of("v", "u")));
        assertThat(check.problems().get(0).message()).startsWith(
                "Groups a, b, c depend on each other in a cycle: a -[x]-> b -[y]-> c -[z]-> a. Fix:");
        assertThatThrownBy(check::orThrow).isInstanceOf(InvalidGroupingException.class)
                .hasMessageContaining("The grouping has 2 problems:")
                .hasMessageContaining("d -[v]-> e -[u]-> d")
                .satisfies(e -> assertThat(((InvalidGroupingException) e).problems()).hasSize(2));
    }

    @Test
    void projectHooksAddTheirOwnChecks() {
        Hook quiet = new Hook() {
        };
        Hooks hooks = Hooks.of(List.of(new TrainAlone(), quiet, new TrainAlone()));
        Grouping g = Shop.grouper().group(new GroupStrategy.MemoryComponents());
        GroupCheck check = Grouper.check(g, hooks.groupRules());
        assertThat(check.problems()).containsExactly(
                new GroupProblem.Rule("TrainAlone", "group data.features holds ds.train with other nodes: give "
                        + "training its own group"),
                new GroupProblem.Rule("TrainAlone#2", "group data.features holds ds.train with other nodes: give "
                        + "training its own group"));
        assertThat(check.problems().get(0).message()).startsWith("TrainAlone: group data.features");
        assertThat(Grouper.check(Shop.grouper().group(new GroupStrategy.PerNode()), hooks.groupRules())
                .problems()).noneMatch(p -> p instanceof GroupProblem.Rule);
    }

    static final class TrainAlone implements Hook {
        @Override
        public List<String> checkGroups(Grouping grouping) {
            return grouping.groups().stream().filter(gr -> gr.nodes().contains("ds.train") && gr.nodes().size() > 1)
                    .map(gr -> "group " + gr.id() + " holds ds.train with other nodes: give training its own group")
                    .toList();
        }
    }

    @Test
    void theJsonFormListsGroupsDependenciesBoundariesAndProblems() {
        Grouping g = Shop.grouper().group(new GroupStrategy.ByNamespace());
        assertThat(g.toJson().toString()).isEqualTo("{\"pipeline\":\"shop\",\"strategy\":\"namespace\","
                + "\"groups\":[{\"id\":\"data\",\"nodes\":[\"data.load\",\"data.clean\",\"data.features\","
                + "\"data.split\"]},{\"id\":\"ds\",\"nodes\":[\"ds.train\",\"ds.evaluate\"]},{\"id\":\"no-namespace\","
                + "\"nodes\":[\"report\"]}],\"dependencies\":[{\"from\":\"data\",\"to\":\"ds\",\"datasets\":"
                + "[\"data.features\",\"data.holdout\"]},{\"from\":\"ds\",\"to\":\"no-namespace\",\"datasets\":"
                + "[\"ds.metrics\"]}],\"boundary_datasets\":[{\"dataset\":\"data.features\",\"from\":\"data\",\"to\":"
                + "[\"ds\"],\"persisted\":false},{\"dataset\":\"data.holdout\",\"from\":\"data\",\"to\":[\"ds\"],"
                + "\"persisted\":true},{\"dataset\":\"ds.metrics\",\"from\":\"ds\",\"to\":[\"no-namespace\"],"
                + "\"persisted\":false}],\"ungrouped\":[],\"in_several_groups\":{}}");
        assertThat(Grouper.check(g, Map.of()).toJson().get("problems").get(1).get("kind").asText())
                .isEqualTo("memory-crossing");
    }
}

package io.sluice.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigException;
import io.sluice.config.ConfigYaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploySpecTest {
    private static final String FILE = "conf/prod/deploy.yml";

    private static Grouping group(String yaml) {
        return Shop.grouper().group(new GroupStrategy.Explicit(DeploySpec.of(ConfigYaml.parse(yaml, FILE))));
    }

    @Test
    void groupsSelectNodesByNamespaceNameAndTag() {
        Grouping g = group("""
                groups:
                  prep:
                    namespaces: [data]
                  model:
                    nodes: [ds.train]
                    tags: [group:model]
                  publish:
                    nodes: report
                """);
        assertThat(Shop.summary(g)).containsExactly(
                "prep=[data.load, data.clean, data.features, data.split]",
                "model=[ds.train, ds.evaluate]",
                "publish=[report]");
        assertThat(g.strategy()).isEqualTo("deploy");
    }

    @Test
    void unlistedNodesAreInNoGroupUnlessARestGroupIsNamed() {
        String groups = """
                groups:
                  prep:
                    namespaces: [data]
                """;
        Grouping without = group(groups);
        assertThat(without.ungrouped()).containsExactly("ds.train", "ds.evaluate", "report");
        assertThat(Grouper.check(without, Map.of()).problems()).containsExactly(
                new GroupProblem.NoGroup("ds.train"), new GroupProblem.NoGroup("ds.evaluate"),
                new GroupProblem.NoGroup("report"));
        Grouping with = group(groups + "rest: other\n");
        assertThat(Shop.summary(with)).containsExactly("prep=[data.load, data.clean, data.features, data.split]",
                "other=[ds.train, ds.evaluate, report]");
    }

    @Test
    void aNodeSelectedTwiceIsInSeveralGroups() {
        Grouping g = group("""
                groups:
                  prep:
                    namespaces: [data]
                  rest:
                    nodes: [data.split, ds.train, ds.evaluate, report]
                """);
        assertThat(g.inSeveralGroups()).containsExactly(Map.entry("data.split", java.util.List.of("prep", "rest")));
    }

    @Test
    void namesThatSelectNothingAreAllReportedAtTheirLineWithCloseMatches() {
        assertThatThrownBy(() -> group("""
                groups:
                  prep:
                    namespaces: [dat]
                  model:
                    nodes:
                      - ds.trian
                    tags: [group:modle]
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("3 names in the deploy config select no node")
                .hasMessageContaining(FILE + ":3:18: no namespace 'dat' in the pipeline (namespaces: [data, ds]) "
                        + "(did you mean 'data'?)")
                .hasMessageContaining(FILE + ":6:9: no node named 'ds.trian' in the pipeline (did you mean 'ds.train'?)")
                .hasMessageContaining(FILE + ":7:12: no node tagged 'group:modle' in the pipeline "
                        + "(did you mean 'group:model'?)");
    }

    @Test
    void oneUnknownNameIsReportedAtItsLine() {
        assertThatThrownBy(() -> group("""
                groups:
                  prep:
                    nodes: [data.lod]
                """)).isInstanceOf(ConfigException.class)
                .hasMessage(FILE + ":3:13: no node named 'data.lod' in the pipeline (did you mean 'data.load'?). "
                        + "Fix the name, or remove it.");
    }

    @Test
    void tasksAreLeftToSluiceExport() {
        Grouping g = group("""
                groups:
                  prep: {namespaces: [data]}
                rest: other
                tasks:
                  prep: {memory: 4Gi, anything: checked by sluice export}
                """);
        assertThat(g.groupIds()).containsExactly("prep", "other");
    }

    @Test
    void unknownKeysAreReportedByTheBinderWithCloseMatches() {
        assertThatThrownBy(() -> DeploySpec.of(ConfigYaml.parse("""
                groups:
                  prep:
                    namespace: [data]
                """, FILE))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(FILE + ":3:5")
                .hasMessageContaining("namespaces");
        assertThatThrownBy(() -> DeploySpec.of(ConfigYaml.parse("grups: {}\n", FILE)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FILE + ":1:1")
                .hasMessageContaining("groups");
    }

    @Test
    void groupIdsMustBeSafeNamesAndGroupsMustSelectSomething() {
        assertThatThrownBy(() -> DeploySpec.of(ConfigYaml.parse("""
                groups:
                  ../escape:
                    nodes: [a]
                """, FILE))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(FILE + ":2:3: group id '../escape' is not a safe name");
        assertThatThrownBy(() -> DeploySpec.of(ConfigYaml.parse("""
                groups:
                  prep: {}
                """, FILE))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(FILE + ":2:3: group 'prep' selects no node");
        assertThatThrownBy(() -> DeploySpec.of(ConfigYaml.parse("rest: misc\n", FILE)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("the deploy config has no groups");
    }

    @Test
    void aDeployConfigWithOnlyTaskSettingsGroupsByTheDefaultStrategyAndOptionsWithoutAStrategyAreErrors() {
        assertThat(DeploySpec.strategyOf(ConfigYaml.parse("""
                tasks:
                  default: {cpu: 500m}
                """, FILE))).isEqualTo(DeploySpec.DEFAULT_STRATEGY);
        assertThatThrownBy(() -> DeploySpec.strategyOf(ConfigYaml.parse("target_groups: 2\n", FILE)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the deploy config names no strategy and lists no groups");
    }
}

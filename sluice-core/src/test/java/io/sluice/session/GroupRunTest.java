package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.group.InvalidGroupingException;
import io.sluice.hooks.Hook;
import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of one group of a pipeline ({@link RunSpec#group()}): which nodes run per deploy.yml
 * strategy, refusals, versions pinned to the run across sessions (as across processes), the run
 * context of every step and the journal's missing groups.
 * <pre>
 *   raw -> data.load -[data.table: memory]-> data.clean -[data.clean: json, versioned]->
 *       ds.train -[ds.model: memory]-> ds.score -> score (json, path with ${run:group})
 * </pre>
 */
class GroupRunTest {
    @TempDir
    Path dir;

    static int inc(int x) {
        return x + 1;
    }

    static Pipeline shop() {
        return Pipeline.of(
                node(GroupRunTest::inc).inputs("raw").outputs("data.table").name("load").namespace("data")
                        .tags("group:prep"),
                node(GroupRunTest::inc).inputs("data.table").outputs("data.clean").name("clean").namespace("data")
                        .tags("group:prep"),
                node(GroupRunTest::inc).inputs("data.clean").outputs("ds.model").name("train").namespace("ds")
                        .tags("group:fit"),
                node(GroupRunTest::inc).inputs("ds.model").outputs("score").name("score").namespace("ds")
                        .tags("group:fit"));
    }

    private static final String CATALOG = """
            raw: {type: json, filepath: data/raw.json}
            data.clean: {type: json, filepath: data/clean.json, versioned: true}
            score: {type: json, filepath: "data/score-${run:group}.json"}
            """;

    private Session session(String deploy, Hook... hooks) {
        Map<String, String> files = new HashMap<>(Map.of("conf/base/catalog.yml", CATALOG, "data/raw.json", "1"));
        if (deploy != null) {
            files.put("conf/local/deploy.yml", deploy);
        }
        TestProject.write(dir, files);
        return TestProject.session(dir, new TestProject(Map.of("shop", shop()), List.of(hooks)));
    }

    private static RunSpec group(String id, String runId) {
        return RunSpec.builder("shop").group(id).runId(runId).build();
    }

    private List<String> ran(String runId, String group) {
        RunJournal j = new JournalStore(dir).read(runId).orElseThrow();
        return j.parts().stream().filter(p -> p.group().equals(group)).findFirst().orElseThrow().nodes().stream()
                .map(RunJournal.NodeRecord::name).toList();
    }

    @Test
    void withoutDeployYmlGroupsAreMemoryComponentsAndAGroupRunsExactlyItsNodes() {
        try (Session s = session(null)) {
            assertThat(s.grouping("shop").groupIds()).containsExactly("data.load", "ds.train");
            s.run(group("data.load", "r1"));
        }
        assertThat(ran("r1", "data.load")).containsExactly("data.load", "data.clean");
        assertThat(dir.resolve("data/clean.json/r1/clean.json")).exists();
        assertThat(dir.resolve("data/score-ds.train.json")).doesNotExist();
    }

    @Test
    void eachStrategyOfDeployYmlSelectsItsGroupsNodes() {
        try (Session s = session("strategy: namespace\n")) {
            assertThat(s.grouping("shop").groupIds()).containsExactly("data", "ds");
            s.run(group("data", "r1"));
        }
        assertThat(ran("r1", "data")).containsExactly("data.load", "data.clean");
        try (Session s = session("strategy: tag\ntag_prefix: \"group:\"\n")) {
            assertThat(s.grouping("shop").groupIds()).containsExactly("prep", "fit");
            s.run(group("fit", "r1"));
        }
        assertThat(ran("r1", "fit")).containsExactly("ds.train", "ds.score");
        try (Session s = session("strategy: memory-components\ntarget_groups: 1\n")) {
            assertThat(s.grouping("shop").groupIds()).containsExactly("data.load");
            s.run(group("data.load", "r2"));
        }
        assertThat(ran("r2", "data.load")).containsExactly("data.load", "data.clean", "ds.train", "ds.score");
        try (Session s = session("""
                groups:
                  ingest: {namespaces: [data]}
                  model: {namespaces: [ds]}
                """)) {
            s.run(group("model", "r1"));
        }
        assertThat(ran("r1", "model")).containsExactly("ds.train", "ds.score");
    }

    @Test
    void anUnknownGroupIsRefusedWithTheGroupsAndTheClosestId() {
        try (Session s = session(null)) {
            assertThatThrownBy(() -> s.run(group("ds.trian", "r1")))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("Pipeline 'shop' has no group 'ds.trian' (grouped by memory-components)")
                    .hasMessageContaining("Did you mean 'ds.train'?")
                    .hasMessageContaining("Its groups: data.load, ds.train.");
        }
        assertThat(dir.resolve(".sluice/runs/r1")).doesNotExist();
    }

    @Test
    void anExplicitGroupingWithAMemoryDatasetAcrossGroupsIsRefusedBeforeAnyNodeRuns() {
        try (Session s = session("""
                groups:
                  a: {nodes: [data.load]}
                  b: {nodes: [data.clean, ds.train, ds.score]}
                """)) {
            assertThatThrownBy(() -> s.run(group("b", "r1")))
                    .isInstanceOf(InvalidGroupingException.class)
                    .hasMessageContaining("Pipeline 'shop' cannot run by groups of deploy")
                    .hasMessageContaining("'data.table'")
                    .hasMessageContaining("deploy.yml");
        }
        assertThat(dir.resolve("data/clean.json")).doesNotExist();
    }

    @Test
    void aStrategyBesideGroupsOrAnUnknownStrategyIsAConfigError() {
        try (Session s = session("strategy: memory-componnets\n")) {
            assertThatThrownBy(() -> s.run(group("data.load", "r1")))
                    .hasMessageContaining("unknown grouping strategy 'memory-componnets'")
                    .hasMessageContaining("memory-components");
        }
    }

    @Test
    void aDownstreamGroupInAnotherSessionLoadsTheVersionItsRunWroteNotTheLatest() throws Exception {
        try (Session s = session(null)) {
            s.run(group("data.load", "r1")); // clean = 3 at version r1
        }
        Files.writeString(dir.resolve("data/raw.json"), "100");
        try (Session s = TestProject.session(dir, new TestProject(Map.of("shop", shop()), List.of()))) {
            s.run(group("data.load", "r2")); // clean = 102 at version r2, the latest
        }
        try (Session s = TestProject.session(dir, new TestProject(Map.of("shop", shop()), List.of()))) {
            s.run(group("ds.train", "r1"));
        }
        assertThat(Files.readString(dir.resolve("data/score-ds.train.json")).trim()).isEqualTo("5");
        RunJournal r1 = new JournalStore(dir).read("r1").orElseThrow();
        assertThat(r1.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(r1.parts()).extracting(RunJournal.Part::group).containsExactly("data.load", "ds.train");
        assertThat(r1.missingGroups()).isEmpty();
        assertThat(r1.datasetVersions()).containsEntry("data.clean", "r1");
    }

    @Test
    void aGroupWhoseUpstreamGroupHasNotRunInItsRunIsRefusedNamingThatGroup() {
        try (Session s = session(null)) {
            s.run(group("data.load", "r1"));
            assertThatThrownBy(() -> s.run(group("ds.train", "r2")))
                    .hasMessageContaining("Group ds.train of run r2 reads version r2 of dataset 'data.clean', which "
                            + "group data.load writes")
                    .hasMessageContaining("sluice run -p shop --group data.load --run-id r2");
        }
        assertThat(dir.resolve(".sluice/runs/r2")).doesNotExist();
    }

    @Test
    void aStrategyBesideGroupsIsAConfigError() {
        try (Session s = session("strategy: namespace\ngroups: {a: {namespaces: [data]}}\n")) {
            assertThatThrownBy(() -> s.grouping("shop"))
                    .hasMessageContaining("the deploy config has strategy 'namespace' and lists groups");
        }
    }

    @Test
    void theJournalNamesTheGroupsNotRunYet() {
        try (Session s = session(null)) {
            s.run(group("data.load", "r1"));
        }
        RunJournal j = new JournalStore(dir).read("r1").orElseThrow();
        assertThat(j.missingGroups()).containsExactly("ds.train");
        assertThat(j.parts()).singleElement().satisfies(p ->
                assertThat(p.groups()).containsExactly("data.load", "ds.train"));
        assertThat(JournalStore.toJson(j)).contains("\"missing_groups\" : [ \"ds.train\" ]");
    }

    @Test
    void hooksAndPathsSeeThePipelineRunIdAndGroup() throws Exception {
        List<String> hooked = new CopyOnWriteArrayList<>();
        Hook hook = new Hook() {
            @Override
            public void beforeNodeRun(RunContext run, Node node, Map<String, Object> inputs) {
                hooked.add(node.name() + " " + run.runId() + " " + run.pipelineName() + " " + run.group());
            }

            @Override
            public void beforePipelineRun(RunContext run, Pipeline pipeline) {
                hooked.add("pipeline " + run.runId() + " " + run.pipelineName() + " " + run.group());
            }
        };
        try (Session s = session(null, hook)) {
            s.run(group("data.load", "r1"));
            s.run(group("ds.train", "r1"));
        }
        assertThat(hooked).containsExactly("pipeline r1 shop data.load", "data.load r1 shop data.load",
                "data.clean r1 shop data.load", "pipeline r1 shop ds.train", "ds.train r1 shop ds.train",
                "ds.score r1 shop ds.train");
        // the logging context (MDC) is checked in sluice-cli's GroupRunsCliTest: core's tests have no slf4j provider
        assertThat(dir.resolve("data/score-ds.train.json")).exists();
    }

    @Test
    void aWholeRunRefusesAPathWithRunGroup() {
        try (Session s = session(null)) {
            assertThatThrownBy(() -> s.run(RunSpec.builder("shop").runId("r1").build()))
                    .hasMessageContaining("${run:group} has no value in run r1");
        }
    }
}

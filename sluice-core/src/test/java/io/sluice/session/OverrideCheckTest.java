package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.io.ParameterBindingException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run refuses parameter overrides and load versions that it would otherwise ignore. */
class OverrideCheckTest {
    @TempDir
    Path dir;

    record Scale(int factor, String label) {
    }

    static String label(int x, Scale scale) {
        return scale.label() + ":" + x * scale.factor();
    }

    static int times(int x, int factor) {
        return x * factor;
    }

    static int plusOne(int x) {
        return x + 1;
    }

    static int count(Map<String, Object> all) {
        return all.size();
    }

    private static final String PARAMETERS = "scale:\n  factor: 3\n  label: x\nother:\n  limit: 5\n";

    private Session scaling(Map<String, Object> runtimeParams, Map<String, String> files) {
        TestProject.write(dir, files);
        Pipeline p = Pipeline.of(node(OverrideCheckTest::label).inputs("n", "params:scale").outputs("text")
                .name("label"));
        Pipeline q = Pipeline.of(node(OverrideCheckTest::times).inputs("n", "params:other.limit").outputs("m")
                .name("limit"));
        return Session.compile(new TestProject(Map.of("scaling", p, "limiting", q), List.of()),
                new SessionOptions(dir, "local", runtimeParams));
    }

    private Session scaling() {
        return scaling(Map.of(), Map.of("conf/base/parameters.yml", PARAMETERS));
    }

    private static Object text(Session session, RunSpec spec) {
        return session.run(spec, Injected.input("n", 2)).outputs().get("text");
    }

    @Test
    void aPathInsideAParameterANodeReadsIsApplied() {
        assertThat(text(scaling(), RunSpec.builder("scaling").param("scale.factor", 10).build())).isEqualTo("x:20");
    }

    @Test
    void aMappingHoldingAParameterANodeReadsIsApplied() {
        RunSpec spec = RunSpec.builder("scaling").param("scale", Map.of("factor", 4, "label", "y")).build();

        assertThat(text(scaling(), spec)).isEqualTo("y:8");
    }

    @Test
    void aPathNoNodeReadsIsRefusedNamingItWhereParametersAreReadAndTheClosestOne() {
        Session session = scaling();

        assertThatThrownBy(() -> text(session, RunSpec.builder("scaling").param("scael.factor", 10).build()))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Parameter override 'scael.factor' is read by no node of pipeline 'scaling' and by no "
                        + "configuration. Did you mean 'scale.factor'? Where parameters are read: pipeline 'scaling' "
                        + "reads scale (node 'label'); the configuration reads no runtime param. Fix the path, or "
                        + "drop the override.");
    }

    @Test
    void aParameterOfAnotherPipelineIsRefusedNamingThePipelinesThatReadIt() {
        Session session = scaling();

        assertThatThrownBy(() -> text(session, RunSpec.builder("scaling").param("other.limit", 1).build()))
                .hasMessageStartingWith("Parameter override 'other.limit' is read by no node of pipeline 'scaling' "
                        + "and by no configuration (pipelines '__default__', 'limiting' read it).");
    }

    @Test
    void aNewKeyInsideAMappingBoundToARecordIsRefusedByBindingWithTheRecordsComponents() {
        Session session = scaling();

        assertThatThrownBy(() -> text(session, RunSpec.builder("scaling").param("scale.factr", 10).build()))
                .isInstanceOf(ParameterBindingException.class)
                .hasMessageContaining("unknown field 'factr'")
                .hasMessageContaining("did you mean 'factor'?");
    }

    @Test
    void aPipelineReadingEveryParameterAcceptsAnyPath() {
        TestProject.write(dir, Map.of("conf/base/parameters.yml", PARAMETERS));
        Pipeline p = Pipeline.of(node(OverrideCheckTest::count).inputs("parameters").outputs("size").name("count"));
        Session session = TestProject.session(dir, TestProject.of(p));

        assertThat(session.run(RunSpec.builder().param("brand.new", 1).build()).outputs()).containsEntry("size", 3);
    }

    @Test
    void aParamOnlyAPerRunPlaceholderReadsIsApplied() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", "b:\n  type: json\n  filepath: data/${run:day}.json\n"));
        Pipeline p = Pipeline.of(node(OverrideCheckTest::plusOne).inputs("a").outputs("b").name("write"));
        Session session = TestProject.session(dir, TestProject.of(p));

        session.run(RunSpec.builder().param("day", "mon").build(), Injected.input("a", 1));

        assertThat(dir.resolve("data/mon.json")).exists();
    }

    @Test
    void aParamTheConfigReadsIsAcceptedWithTheValueTheSessionWasCompiledWith() {
        Map<String, String> files = Map.of("conf/base/parameters.yml", "scale:\n  factor: ${runtime_params:f, 3}\n"
                + "  label: x\n");
        Session session = scaling(Map.of("f", 5), files);

        assertThat(text(session, RunSpec.builder("scaling").param("f", 5).build())).isEqualTo("x:10");
        assertThatThrownBy(() -> text(session, RunSpec.builder("scaling").param("f", 6).build()))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Parameter override 'f' is read only by the configuration (${runtime_params:f} at "
                        + "conf/base/parameters.yml:2:11), which was resolved when this session was compiled with f=5: "
                        + "the run cannot change it. Compile a session with that value (SessionOptions runtime "
                        + "params, or sluice run --params f=...), or drop the override.");
    }

    @Test
    void anUnknownPathListsTheConfigsRuntimeParamsAmongWhereParametersAreRead() {
        Map<String, String> files = Map.of("conf/base/parameters.yml", "scale:\n  factor: ${runtime_params:f, 3}\n"
                + "  label: x\n");
        Session session = scaling(Map.of(), files);

        assertThatThrownBy(() -> text(session, RunSpec.builder("scaling").param("g", 6).build()))
                .hasMessageContaining("the configuration reads ${runtime_params:f} (conf/base/parameters.yml:2:11).");
    }

    private Session versioned() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", """
                model:
                  type: json
                  filepath: data/model.json
                  versioned: true
                table:
                  type: json
                  filepath: data/table.json
                """));
        Pipeline p = Pipeline.of(
                node(OverrideCheckTest::times).inputs("model", "table").outputs("score").name("score"),
                node(OverrideCheckTest::plusOne).inputs("score").outputs("report").name("report"));
        return TestProject.session(dir, TestProject.of(p));
    }

    @Test
    void aLoadVersionForADatasetThatIsNotVersionedIsRefusedBeforeAnyNodeRuns() {
        Session session = versioned();

        assertThatThrownBy(() -> session.run(RunSpec.builder().loadVersion("table", "v1").build()))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Load version for dataset 'table': it is not versioned (json, conf/base/catalog.yml:5:1), "
                        + "so it has only one version to load. Pin versioned datasets only, or add 'versioned: true' "
                        + "to its catalog entry. Versioned datasets pipeline '__default__' reads: model.");
    }

    @Test
    void aLoadVersionForADatasetThePipelineDoesNotHaveSuggestsTheClosestVersionedOne() {
        Session session = versioned();

        assertThatThrownBy(() -> session.run(RunSpec.builder().loadVersion("modle", "v1").build()))
                .hasMessage("Load version for dataset 'modle': pipeline '__default__' has no such dataset. Did you "
                        + "mean 'model'? Versioned datasets it reads: model.");
    }

    @Test
    void aLoadVersionForADatasetThePipelineOnlyWritesIsRefused() {
        Session session = versioned();

        assertThatThrownBy(() -> session.run(RunSpec.builder().loadVersion("report", "v1").build()))
                .hasMessageStartingWith("Load version for dataset 'report': pipeline '__default__' only writes it, "
                        + "and a pinned version applies to loads.");
    }
}

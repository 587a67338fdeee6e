package io.sluice.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.PipelineFilter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON form of a run spec, written by hand and by {@link RunSpec#toJson()}, and its builder. */
class RunSpecJsonTest {

    @Test
    void aSpecOfDefaultsIsWrittenWithItsVersionAndPipelineOnly() {
        assertThat(RunSpec.ofDefault().toJson()).isEqualTo("{\"spec_version\":1,\"pipeline\":\"__default__\"}");
    }

    @Test
    void aSpecWithEveryFieldIsWrittenWithSnakeCaseKeysAndReadBackEqual() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("lr", 0.1);
        model.put("layers", List.of(4, 2));
        model.put("name", null);
        RunSpec spec = RunSpec.builder("etl")
                .nodes("a").fromNodes("b").toNodes("c").fromInputs("raw").toOutputs("report").tags("nightly")
                .namespaces("eu.de")
                .onlyMissingOutputs(true)
                .group("g1")
                .runner("parallel").maxWorkers(3)
                .runId("2026-01-01T00.00.00.000Z-0000-cafe")
                .param("model", model).param("report.top_n", 5).param("big", 5_000_000_000L).param("on", true)
                .loadVersion("companies", "v1")
                .outputs("report", "summary")
                .env("prod")
                .journal(false)
                .build();

        String json = spec.toJson();

        assertThat(json).isEqualTo("{\"spec_version\":1,\"pipeline\":\"etl\",\"run_id\":\"2026-01-01T00.00.00.000Z-0000-cafe\","
                + "\"group\":\"g1\",\"selection\":{\"nodes\":[\"a\"],\"from_nodes\":[\"b\"],\"to_nodes\":[\"c\"],"
                + "\"from_inputs\":[\"raw\"],\"to_outputs\":[\"report\"],\"tags\":[\"nightly\"],\"namespaces\":[\"eu.de\"]},"
                + "\"only_missing_outputs\":true,\"runner\":\"parallel\",\"max_workers\":3,"
                + "\"params\":{\"model\":{\"lr\":0.1,\"layers\":[4,2],\"name\":null},\"report.top_n\":5,"
                + "\"big\":5000000000,\"on\":true},\"load_versions\":{\"companies\":\"v1\"},"
                + "\"outputs\":[\"report\",\"summary\"],\"env\":\"prod\",\"journal\":false}");
        assertThat(RunSpec.fromJson(json)).isEqualTo(spec);
    }

    @Test
    void aHandWrittenSpecReadsWithDefaultsForWhatItLeavesOut() {
        RunSpec spec = RunSpec.fromJson("""
                {
                  "pipeline": "reporting",
                  "selection": {"tags": ["daily", "cheap"]},
                  "params": {"report": {"top_n": 3}}
                }
                """);

        assertThat(spec).isEqualTo(RunSpec.builder("reporting").tags("daily", "cheap")
                .param("report", Map.of("top_n", 3)).build());
        assertThat(spec.runner()).isEqualTo("default");
        assertThat(spec.journal()).isTrue();
        assertThat(spec.runId()).isNull();
        assertThat(spec.env()).isNull();
    }

    @Test
    void anEmptyObjectIsTheDefaultPipelineWithDefaults() {
        assertThat(RunSpec.fromJson("{}")).isEqualTo(RunSpec.ofDefault());
    }

    @Test
    void nullFieldsReadAsAbsent() {
        assertThat(RunSpec.fromJson("{\"pipeline\": null, \"run_id\": null, \"selection\": null, \"params\": null,"
                + " \"max_workers\": null, \"journal\": null}")).isEqualTo(RunSpec.ofDefault());
    }

    @Test
    void paramsReadBackAsJacksonReadsNumbers() {
        RunSpec spec = RunSpec.fromJson("{\"params\": {\"i\": 7, \"l\": 12345678901, \"d\": 2.5, \"e\": 1e3,"
                + " \"b\": false, \"n\": null, \"s\": \"7\", \"list\": [1, \"x\", [true]], \"map\": {\"k\": {}}}}");

        assertThat(spec.params()).containsExactly(
                Map.entry("i", 7), Map.entry("l", 12345678901L), Map.entry("d", 2.5), Map.entry("e", 1000.0),
                Map.entry("b", false), new java.util.AbstractMap.SimpleEntry<>("n", null), Map.entry("s", "7"),
                Map.entry("list", List.of(1, "x", List.of(true))), Map.entry("map", Map.of("k", Map.of())));
        assertThat(spec.params().get("i")).isInstanceOf(Integer.class);
        assertThat(spec.params().get("l")).isInstanceOf(Long.class);
    }

    @Test
    void anUnknownFieldIsRefusedWithTheKnownOnesAndTheClosest() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"pipline\": \"etl\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run spec: unknown field 'pipline'. Did you mean 'pipeline'? Known fields: spec_version, "
                        + "pipeline, selection, only_missing_outputs, group, group_by, runner, max_workers, run_id, params, "
                        + "load_versions, outputs, env, journal.");
    }

    @Test
    void anUnknownFieldFarFromEveryKnownOneGetsNoSuggestion() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"colour\": \"blue\"}"))
                .hasMessageStartingWith("run spec: unknown field 'colour'. Known fields: spec_version,");
    }

    @Test
    void anUnknownSelectionFieldIsRefusedWithTheClosest() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"selection\": {\"from_node\": [\"a\"]}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run spec selection: unknown field 'from_node'. Did you mean 'from_nodes'? Known fields: "
                        + "nodes, from_nodes, to_nodes, from_inputs, to_outputs, tags, namespaces.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"pipeline": 3}                            | run spec: pipeline must be a string, got number 3
            {"runner": ["parallel"]}                   | run spec: runner must be a string, got array ["parallel"]
            {"max_workers": "2"}                       | run spec: max_workers must be an integer of 0 or more, got string "2"
            {"max_workers": 1.5}                       | run spec: max_workers must be an integer of 0 or more, got number 1.5
            {"journal": "yes"}                         | run spec: journal must be true or false, got string "yes"
            {"only_missing_outputs": 1}                | run spec: only_missing_outputs must be true or false, got number 1
            {"params": [1, 2]}                         | run spec: params must be an object, got array [1,2]
            {"selection": "a"}                         | run spec: selection must be an object, got string "a"
            {"selection": {"nodes": "a"}}              | run spec: selection.nodes must be a list of strings, got string "a"
            {"selection": {"tags": [1]}}               | run spec: selection.tags must be a list of strings, got array [1]
            {"outputs": [""]}                          | run spec: outputs must be a list of non-empty strings, got array [""]
            {"load_versions": {"companies": 1}}        | run spec: load_versions.companies must be a string, got number 1
            {"load_versions": ["companies"]}           | run spec: load_versions must be an object of dataset names to versions, got array ["companies"]
            {"pipeline": ""}                           | run spec: pipeline must be a non-empty string, got string ""
            """)
    void aValueOfTheWrongTypeIsRefusedNamingTheField(String json, String message) {
        assertThatThrownBy(() -> RunSpec.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aNegativeMaxWorkersIsRefusedNamingTheField() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"runner\": \"parallel\", \"max_workers\": -1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run spec: max_workers must be an integer of 0 or more, got number -1");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            run_id | ../etc
            run_id | a/b
            run_id | -leading-dash
            group  | ..
            group  | has space
            """)
    void anUnsafeRunIdOrGroupIsRefusedNamingTheField(String field, String value) {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"" + field + "\": \"" + value + "\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run spec: " + field + " '" + value + "' is not a safe name: use 1 to 128 letters, "
                        + "digits and . _ : + - starting with a letter or digit, without '..' (it names files).");
    }

    @Test
    void aVersionThatCouldEscapeTheDatasetFolderIsRefusedNamingTheDataset() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"load_versions\": {\"companies\": \"../../etc\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("run spec: load_versions.companies '../../etc' is not a safe name");
        assertThatThrownBy(() -> RunSpec.builder().loadVersion("companies", "../../etc").build())
                .isInstanceOf(io.sluice.SluiceException.class)
                .hasMessageStartingWith("load_versions.companies '../../etc' is not a safe name");
    }

    @ParameterizedTest(name = "spec_version {0}")
    @CsvSource({"2", "0", "1.5", "'\"1\"'"})
    void anUnsupportedSpecVersionIsRefused(String version) {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"spec_version\": " + version + ", \"pipeline\": \"etl\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run spec: spec_version " + version + " is not supported by this Sluice, which reads "
                        + "version 1. Write the spec with the same Sluice version.");
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"pipeline\": \"etl\",\n \"runner\" }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("run spec: not valid JSON: ")
                .hasMessageEndingWith("(line 2, column 11)");
    }

    @Test
    void trailingTextAfterTheObjectIsRefused() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"pipeline\": \"etl\"} {}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("run spec: not valid JSON: ");
    }

    @Test
    void aFieldGivenTwiceIsRefusedRatherThanOneValueWinningSilently() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"pipeline\": \"etl\", \"pipeline\": \"report\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("run spec: not valid JSON: Duplicate field 'pipeline'");
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() {
        for (String json : List.of("[]", "\"etl\"", "3", "null", "")) {
            assertThatThrownBy(() -> RunSpec.fromJson(json)).as(json)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("run spec: expected a JSON object");
        }
    }

    @Test
    void theConstructorRefusesANegativeMaxWorkersAndUnsafeIds() {
        assertThatThrownBy(() -> RunSpec.builder().maxWorkers(-2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_workers must be 0 or more, got -2");
        assertThatThrownBy(() -> RunSpec.builder().runId("a/b").build())
                .hasMessageStartingWith("Invalid run id 'a/b'");
        assertThatThrownBy(() -> RunSpec.builder().group("../g").build())
                .hasMessageStartingWith("Invalid group id '../g'");
    }

    @Test
    void emptyNamesAreRefusedByTheConstructorAsTheSchemaRefusesThem() {
        assertThatThrownBy(() -> RunSpec.builder("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pipeline must not be empty");
        assertThatThrownBy(() -> RunSpec.builder().runner("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("runner must not be empty");
        assertThatThrownBy(() -> RunSpec.builder().env("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("env must not be empty");
    }

    // ---------------------------------------------------------------- builder

    @Test
    void toBuilderKeepsEveryField() {
        RunSpec spec = RunSpec.builder("etl").nodes("a").fromNodes("b").toNodes("c").fromInputs("d").toOutputs("e")
                .tags("t").namespaces("ns").onlyMissingOutputs(true).group("g").runner("parallel").maxWorkers(2)
                .runId("r1").param("p", 1).loadVersion("ds", "v1").outputs("e").env("prod").journal(false).build();

        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.toBuilder().build().toJson()).isEqualTo(spec.toJson());
    }

    @Test
    void selectionSettersAddToWhatIsAlreadySelected() {
        RunSpec spec = RunSpec.builder("etl").nodes("a").tags("x").build().toBuilder()
                .nodes("b", "c").tags("y").fromNodes("f").build();

        assertThat(spec.selection().nodeNames()).containsExactly("a", "b", "c");
        assertThat(spec.selection().tags()).containsExactly("x", "y");
        assertThat(spec.selection().fromNodes()).containsExactly("f");
    }

    @Test
    void selectionReplacesTheWholeSelection() {
        RunSpec spec = RunSpec.builder("etl").nodes("a").selection(PipelineFilter.NONE.withTags(Set.of("t"))).build();

        assertThat(spec.selection().nodeNames()).isEmpty();
        assertThat(spec.selection().tags()).containsExactly("t");
    }

    @Test
    void paramsOutputsAndVersionsAddAndALaterValueForTheSameKeyWins() {
        RunSpec spec = RunSpec.builder().param("a", 1).params(Map.of("b", 2)).param("a", 3)
                .outputs("x").outputs(List.of("y", "x")).loadVersion("d", "v1").loadVersions(Map.of("e", "v2"))
                .loadVersion("d", "v3").build();

        assertThat(spec.params()).containsExactly(Map.entry("a", 3), Map.entry("b", 2));
        assertThat(spec.outputs()).containsExactly("x", "y");
        assertThat(spec.loadVersions()).containsExactly(Map.entry("d", "v3"), Map.entry("e", "v2"));
    }

    @Test
    void aBuilderChangedAfterBuildDoesNotChangeTheBuiltSpec() {
        RunSpec.Builder builder = RunSpec.builder("etl").param("a", 1).outputs("x");
        RunSpec first = builder.build();

        builder.param("a", 2).outputs("y").nodes("n");

        assertThat(first.params()).containsExactly(Map.entry("a", 1));
        assertThat(first.outputs()).containsExactly("x");
        assertThat(first.selection().isEmpty()).isTrue();
    }

    @Test
    void theSpecsCollectionsCannotBeChanged() {
        RunSpec spec = RunSpec.builder().param("a", 1).outputs("x").loadVersion("d", "v").build();

        assertThatThrownBy(() -> spec.params().put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.outputs().add("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.loadVersions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withRunIdChangesOnlyTheRunId() {
        RunSpec spec = RunSpec.builder("etl").tags("t").param("p", List.of(1)).env("prod").build();

        RunSpec withId = spec.withRunId("r-9");

        assertThat(withId.runId()).isEqualTo("r-9");
        assertThat(withId.toBuilder().runId(null).build()).isEqualTo(spec);
    }

    @Test
    void ofAndBuilderAgreeOnTheDefaults() {
        assertThat(RunSpec.builder("etl").build()).isEqualTo(RunSpec.of("etl"));
        assertThat(RunSpec.builder().build()).isEqualTo(RunSpec.ofDefault());
        assertThat(RunSpec.ofDefault().pipeline()).isEqualTo("__default__");
        assertThat(Arrays.asList(RunSpec.ofDefault().runner(), RunSpec.ofDefault().maxWorkers(),
                RunSpec.ofDefault().journal())).containsExactly("default", 0, true);
    }
}

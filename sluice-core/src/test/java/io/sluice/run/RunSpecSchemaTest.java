package io.sluice.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every spec Sluice writes reads back equal and validates against the published schema
 * ({@code run-spec.schema.json}), and what the schema refuses the reader refuses too. Random specs
 * are seeded: a failure names its seed, and the same seed rebuilds the same spec.
 */
class RunSpecSchemaTest {
    private static final Schema SCHEMA = loadSchema();

    private static Schema loadSchema() {
        try (InputStream in = RunSpec.class.getResourceAsStream("run-spec.schema.json")) {
            assertThat(in).as("run-spec.schema.json beside RunSpec").isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Error> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON);
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 300).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRandomSpecReadsBackEqualFromItsJson(long seed) {
        RunSpec spec = new RandomSpecs(seed).next();

        String json = spec.toJson();

        assertThat(RunSpec.fromJson(json)).as(json).isEqualTo(spec);
        assertThat(RunSpec.fromJson(json).toJson()).isEqualTo(json);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRandomSpecsJsonValidatesAgainstTheSchema(long seed) {
        String json = new RandomSpecs(seed).next().toJson();

        assertThat(errors(json)).as(json).isEmpty();
    }

    @Test
    void theSameSeedMakesTheSameSpecAndSeedsDiffer() {
        assertThat(new RandomSpecs(7).next()).isEqualTo(new RandomSpecs(7).next());
        assertThat(new RandomSpecs(7).next()).isNotEqualTo(new RandomSpecs(8).next());
    }

    @Test
    void theRandomSpecsCoverEveryField() {
        String all = String.join("\n", seeds().map(s -> new RandomSpecs(s).next().toJson()).toList());

        assertThat(all).contains("\"selection\"", "\"nodes\"", "\"from_nodes\"", "\"to_nodes\"", "\"from_inputs\"",
                "\"to_outputs\"", "\"tags\"", "\"namespaces\"", "\"only_missing_outputs\"", "\"group\"", "\"group_by\"",
                "\"strategy\"", "\"tag_prefix\"", "\"rest\"", "\"target_groups\"", "\"max_cost\"", "\"cost_tag\"",
                "\"runner\"",
                "\"max_workers\"", "\"run_id\"", "\"params\"", "\"load_versions\"", "\"outputs\"", "\"env\"",
                "\"journal\"", "null", "true", "[[", "{\"");
    }

    @Test
    void aHandWrittenSpecWithEveryFieldValidates() {
        assertThat(errors("""
                {"spec_version": 1, "pipeline": "etl", "run_id": "r1", "group": "g1",
                 "group_by": {"strategy": "tag", "tag_prefix": "stage:", "rest": "misc", "target_groups": 3,
                              "max_cost": 9, "cost_tag": "cost:"},
                 "selection": {"nodes": ["a"], "from_nodes": ["b"], "to_nodes": ["c"], "from_inputs": ["d"],
                               "to_outputs": ["e"], "tags": ["t"], "namespaces": ["n"]},
                 "only_missing_outputs": true, "runner": "parallel", "max_workers": 4,
                 "params": {"a": {"b": [1, 2.5, null, "x"]}}, "load_versions": {"companies": "v1"},
                 "outputs": ["e"], "env": "prod", "journal": false}
                """)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"pipline\": \"etl\"}",
            "{\"selection\": {\"node\": [\"a\"]}}",
            "{\"max_workers\": -1}",
            "{\"max_workers\": \"2\"}",
            "{\"journal\": \"yes\"}",
            "{\"run_id\": \"../etc\"}",
            "{\"group\": \"a/b\"}",
            "{\"group\": \"g\", \"group_by\": {\"strategy\": \"brnch\"}}",
            "{\"group\": \"g\", \"group_by\": {\"strategy\": \"node\", \"target_group\": 2}}",
            "{\"group_by\": {\"strategy\": \"node\"}}",
            "{\"spec_version\": 2}",
            "{\"params\": [1]}",
            "{\"pipeline\": \"\"}",
            "{\"outputs\": [\"\"]}",
            "{\"load_versions\": {\"companies\": \"../x\"}}",
    })
    void whatTheSchemaRefusesTheReaderRefusesToo(String json) {
        assertThat(errors(json)).as("schema errors").isNotEmpty();
        assertThatThrownBy(() -> RunSpec.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("run spec");
    }
}

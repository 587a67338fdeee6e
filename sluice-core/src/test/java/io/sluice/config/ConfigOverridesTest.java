package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOverridesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        new TestProject(dir)
                .write("conf/base/globals.yml", "bucket: s3://prod\n")
                .write("conf/base/catalog.yml", "companies:\n  type: csv\n  filepath: data/companies.csv\n"
                        + "  load_args: {sep: ';'}\n")
                .write("conf/base/parameters.yml", "model_options:\n  test_size: 0.2\n  seed: 1\nlr: 0.1\n")
                .write("conf/base/features.yml", "cols: [a]\n")
                .write("conf/prod/parameters.yml", "lr: 0.5\n");
    }

    private ProjectConfig load(String env, ConfigOverrides overrides, Map<String, Object> params) {
        return ConfigLoader.load(new ConfigInput(null, overrides), dir, env, params, Map.of());
    }

    @Test
    void eachTopLevelKeyReplacesTheFilesOneWholeLikeAnEnvironment() {
        ConfigOverrides json = ConfigOverrides.parse("{\"catalog\": {\"companies\": {\"type\": \"csv\", "
                + "\"filepath\": \"${globals:bucket}/companies.csv\"}}, "
                + "\"parameters\": {\"model_options\": {\"test_size\": 0.3}}}", "--conf-json");

        ProjectConfig config = load("prod", json, Map.of());

        assertThat(config.catalog().get("companies").unwrap())
                .isEqualTo(Map.of("type", "csv", "filepath", "s3://prod/companies.csv")); // load_args gone
        assertThat(config.parameters().unwrap())
                .isEqualTo(Map.of("model_options", Map.of("test_size", 0.3), "lr", 0.5));
        assertThat(config.parameters().keyLocation("model_options")).hasToString("--conf-json:1:107");
    }

    @Test
    void runtimeParamsStillApplyOverIt() {
        ConfigOverrides json = ConfigOverrides.parse("{\"parameters\": {\"lr\": 0.7}}", "--conf-json");

        assertThat(load("local", json, Map.of("lr", 0.9)).parameters().get("lr").unwrap()).isEqualTo(0.9);
        assertThat(load("local", json, Map.of()).parameters().get("lr").unwrap()).isEqualTo(0.7);
    }

    @Test
    void theCommandLineIsLayeredOverTheEnvironmentVariable() {
        ConfigOverrides fromEnv = ConfigOverrides.parse(
                "{\"parameters\": {\"lr\": 0.7, \"extra\": 1}, \"features\": {\"cols\": [\"b\"]}}", "SLUICE_CONF_JSON");
        ConfigOverrides fromLine = ConfigOverrides.parse("{\"parameters\": {\"lr\": 0.8}}", "--conf-json");

        ProjectConfig config = load("local", fromLine.over(fromEnv), Map.of());

        assertThat(config.parameters().get("lr").unwrap()).isEqualTo(0.8);
        assertThat(config.parameters().get("extra").unwrap()).isEqualTo(1);
        assertThat(config.get("features").unwrap()).isEqualTo(Map.of("cols", List.of("b")));
        assertThat(config.parameters().keyLocation("lr").file()).isEqualTo("--conf-json");
        assertThat(config.parameters().keyLocation("extra").file()).isEqualTo("SLUICE_CONF_JSON");
    }

    @Test
    void malformedJsonIsLocatedAtItsPosition() {
        assertThatThrownBy(() -> ConfigOverrides.parse("{\"parameters\": {\"lr\": 0.1,}}", "--conf-json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--conf-json:1:27: malformed JSON")
                .hasMessageContaining("single quotes");
        assertThatThrownBy(() -> ConfigOverrides.parse("{\"parameters\": {}} x", "SLUICE_CONF_JSON"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SLUICE_CONF_JSON:1:");
        assertThatThrownBy(() -> ConfigOverrides.parse("[1]", "--conf-json"))
                .hasMessageContaining("must be an object by config kind");
        assertThatThrownBy(() -> ConfigOverrides.parse("{\"parameters\": 3}", "--conf-json"))
                .hasMessageStartingWith("--conf-json:1:16: the value of config kind \"parameters\" must be an object");
        assertThatThrownBy(() -> ConfigOverrides.parse("{\"parameters\": {\"a\": 1, \"a\": 2}}", "--conf-json"))
                .hasMessageContaining("duplicate key \"a\"");
        assertThatThrownBy(() -> ConfigOverrides.parse("  ", "--conf-json")).hasMessageContaining("the JSON is empty");
    }

    @Test
    void anUnknownKindIsRefusedWithTheClosestOne() {
        ConfigOverrides json = ConfigOverrides.parse("{\"catalogue\": {\"x\": {}}}", "--conf-json");

        assertThatThrownBy(() -> load("local", json, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--conf-json:1:15: unknown config kind \"catalogue\"")
                .hasMessageContaining("Did you mean 'catalog'?")
                .hasMessageContaining("features"); // kinds with files are known too
        // a prefix of a kind matches its files, but no component reads it
        assertThatThrownBy(() -> load("local", ConfigOverrides.parse("{\"parameter\": {}}", "--conf-json"), Map.of()))
                .hasMessageContaining("Did you mean 'parameters'?");
        assertThat(load("local", ConfigOverrides.parse("{\"features\": {\"cols\": []}}", "--conf-json"), Map.of())
                .get("features").unwrap()).isEqualTo(Map.of("cols", List.of()));
    }

    @Test
    void credentialsAreRefused() {
        assertThatThrownBy(() -> ConfigOverrides.parse("{\"credentials\": {\"db\": {\"password\": \"x\"}}}",
                "--conf-json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--conf-json:1:2: credentials cannot be given as JSON")
                .hasMessageContaining("${env:VAR}");
    }

    @Test
    void errorsInInterpolatedValuesNameTheJson() {
        ConfigOverrides json = ConfigOverrides.parse("{\"parameters\": {\"lr\": \"${nope}\"}}", "--conf-json");

        assertThatThrownBy(() -> load("local", json, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--conf-json:1:");
    }
}

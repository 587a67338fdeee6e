package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(dir).mkdir("conf/base");
    }

    @Test
    void readsEveryKindFromKedroFilePatterns() {
        project.write("conf/base/catalog.yml", "companies: {type: csv}\n")
                .write("conf/base/catalog_eu.yaml", "eu_sales: {type: csv}\n")
                .write("conf/base/catalog/raw/shuttles.yml", "shuttles: {type: excel}\n")
                .write("conf/base/pipelines/ds/catalog.yml", "model: {type: pickle}\n")
                .write("conf/base/pipelines/ds/parameters.yml", "lr: 0.1\n")
                .write("conf/base/notes.txt", "catalog: not yaml\n");

        ProjectConfig config = project.load("local");

        assertThat(config.catalog().keys()).containsExactly("companies", "shuttles", "eu_sales", "model"); // files in path order
        assertThat(config.parameters().unwrap()).isEqualTo(Map.of("lr", 0.1));
        assertThat(config.credentials().keys()).isEmpty();
        assertThat(config.env()).isEqualTo("local");
        assertThat(config.confDir()).isEqualTo(dir.toAbsolutePath().normalize().resolve("conf"));
    }

    @Test
    void locationsAreRelativeToTheProjectDirectory() {
        project.write("conf/base/catalog/raw.yml", "companies:\n  type: csv\n");

        ConfigMap companies = (ConfigMap) project.load("local").catalog().get("companies");

        assertThat(companies.keyLocation("type")).hasToString("conf/base/catalog/raw.yml:2:3");
    }

    @Test
    void ignoresHiddenFilesAndDirectories() {
        project.write("conf/base/.catalog.yml", "hidden: {}\n")
                .write("conf/base/.backup/catalog.yml", "backup: {}\n")
                .write("conf/base/catalog.yml", "shown: {}\n");

        assertThat(project.load("local").catalog().keys()).containsExactly("shown");
    }

    @Test
    void filesStartingWithAnUnderscoreAreRead() {
        project.write("conf/base/catalog/_shared.yml", "shared: {}\n");

        assertThat(project.load("local").catalog().keys()).containsExactly("shared");
    }

    @Test
    void otherKindsAreLoadedByNameAndCached() {
        project.write("conf/base/runners.yml", "fast: {type: parallel, workers: 4}\n");

        ProjectConfig config = project.load("local");

        assertThat(config.get("runners").unwrap()).isEqualTo(Map.of("fast", Map.of("type", "parallel", "workers", 4)));
        assertThat(config.get("runners")).isSameAs(config.get("runners"));
        assertThat(config.get("server").keys()).isEmpty();
        assertThat(config.get("catalog")).isSameAs(config.catalog());
    }

    @Test
    void theSameTopLevelKeyInTwoFilesOfOneEnvironmentIsAnError() {
        project.write("conf/base/catalog.yml", "# companies\n\ncompanies: {type: csv}\n")
                .write("conf/base/catalog/more.yml", "other: {}\ncompanies: {type: parquet}\n");

        assertThatThrownBy(() -> project.load("local"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/catalog/more.yml:2:1: duplicate key \"companies\" in environment \"base\": "
                        + "also defined at conf/base/catalog.yml:3:1. Define each top-level key once per environment.");
    }

    @Test
    void theEnvironmentReplacesBaseKeysAtTheTopLevelOnly() {
        project.write("conf/base/parameters.yml", """
                        model:
                          lr: 0.1
                          depth: 3
                        seed: 1
                        """)
                .write("conf/prod/parameters.yml", """
                        model:
                          lr: 0.2
                        extra: true
                        """);

        ProjectConfig config = project.load("prod");

        // model is replaced as a whole: base's model.depth is gone
        assertThat(config.parameters().unwrap()).isEqualTo(Map.of("model", Map.of("lr", 0.2), "seed", 1, "extra", true));
        assertThat(config.parameters().keys()).containsExactly("model", "seed", "extra");
        assertThat(config.parameters().keyLocation("model")).hasToString("conf/prod/parameters.yml:1:1");
    }

    @Test
    void aMissingLocalEnvironmentIsFine() {
        project.write("conf/base/parameters.yml", "a: 1\n");

        assertThat(project.load("local").parameters().unwrap()).isEqualTo(Map.of("a", 1));
    }

    @Test
    void aMissingOtherEnvironmentIsAnErrorListingTheExistingOnes() {
        project.mkdir("conf/staging").mkdir("conf/local");

        assertThatThrownBy(() -> project.load("prod"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf/prod: the config environment \"prod\" does not exist. "
                        + "Create conf/prod, or use one of the existing environments: local, staging.");
    }

    @Test
    void aMissingBaseDirectoryIsAnError(@TempDir Path empty) {
        assertThatThrownBy(() -> ConfigLoader.load(empty, "local", Map.of(), Map.of()))
                .hasMessage("conf/base: the base config directory does not exist. Create conf/base (it may be empty) "
                        + "in the project directory " + empty.toAbsolutePath().normalize() + ".");
    }

    @Test
    void aSyntaxErrorNamesTheFileLineAndColumn() {
        project.write("conf/base/catalog.yml", "companies:\n  type: csv\n  path: data: x\n");

        assertThatThrownBy(() -> project.load("local"))
                .hasMessage("conf/base/catalog.yml:3:13: invalid YAML: a ':' is not allowed here. "
                        + "Quote the value if it contains ': ', or fix the indentation of this line.");
    }

    @Test
    void runtimeParamsOverrideParametersDeeplyCreatingMappings() {
        project.write("conf/base/parameters.yml", """
                model:
                  lr: 0.1
                  depth: 3
                """);

        ProjectConfig config = project.load("local", RuntimeParams.parse("model.lr=0.5,model.opt.name=adam,seed=7"), Map.of());

        assertThat(config.parameters().unwrap()).isEqualTo(Map.of(
                "model", Map.of("lr", 0.5, "depth", 3, "opt", Map.of("name", "adam")), "seed", 7));
        assertThat(config.runtimeParams()).containsEntry("model.lr", 0.5);
        assertThat(config.parameters().get("seed").location()).hasToString("runtime params");
    }

    @Test
    void aRuntimeParamThroughAScalarIsAnError() {
        project.write("conf/base/parameters.yml", "model:\n  lr: 0.1\n");

        assertThatThrownBy(() -> project.load("local", Map.of("model.lr.value", 1), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/parameters.yml:2:7: runtime param \"model.lr.value\" cannot be applied: "
                        + "\"model.lr\" is a scalar in parameters, not a mapping. "
                        + "Replace \"model.lr\" as a whole (--params model.lr=<value>) or fix the key.");
    }

    @Test
    void runtimeParamsOnlyChangeParameters() {
        project.write("conf/base/catalog.yml", "lr: 0.1\n");

        assertThat(project.load("local", Map.of("lr", 9), Map.of()).catalog().unwrap()).isEqualTo(Map.of("lr", 0.1));
    }
}

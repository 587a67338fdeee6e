package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import io.sluice.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class RunTemplatedDatasetTest {
    @TempDir
    Path project;

    private DataCatalog catalog(String yaml) throws Exception {
        Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(project.resolve("conf/base/catalog.yml"), yaml);
        ProjectConfig config = ConfigLoader.load(project, "local", Map.of());
        return DataCatalog.fromConfig(config.catalog(), config.credentials(), project);
    }

    private static RunContext.Scope run(String runId, Map<String, Object> params) {
        return RunContext.enter(new RunContext(runId, "scoring", "local", params, Path.of(".")));
    }

    @Test
    void aPathPlaceholderIsResolvedFromEachRunsParameters() throws Exception {
        DataCatalog catalog = catalog("""
                request:
                  type: text
                  filepath: data/requests/${run:customer}-${run:run_id}.txt
                """);
        Dataset<?> ds = catalog.dataset("request");

        try (RunContext.Scope ignored = run("r1", Map.of("customer", "acme"))) {
            ((Dataset<Object>) (Dataset<?>) ds).save("first");
        }
        try (RunContext.Scope ignored = run("r2", Map.of("customer", "globex"))) {
            ((Dataset<Object>) (Dataset<?>) ds).save("second");
            assertThat(ds.load()).isEqualTo("second");
        }

        assertThat(project.resolve("data/requests/acme-r1.txt")).hasContent("first");
        assertThat(project.resolve("data/requests/globex-r2.txt")).hasContent("second");
    }

    @Test
    void resolutionShowsTheTemplateAsWritten() throws Exception {
        DataCatalog catalog = catalog("""
                request:
                  type: text
                  filepath: data/requests/${run:customer}.txt
                """);

        assertThat(catalog.resolve("request").config())
                .containsEntry("filepath", "data/requests/${run:customer}.txt");
        assertThat(catalog.loadOnce("request")).isFalse();
    }

    @Test
    void aMissingRunValueSaysHowToPassIt() throws Exception {
        Dataset<?> ds = catalog("""
                request:
                  type: text
                  filepath: data/${run:customer}.txt
                """).dataset("request");

        try (RunContext.Scope ignored = run("r9", Map.of())) {
            assertThatThrownBy(ds::load)
                    .isInstanceOf(DatasetException.class)
                    .hasMessage("dataset 'request': ${run:customer} has no value in run r9. Pass it as a run "
                            + "parameter (RunSpec.builder(...).param(\"customer\", value), or --params customer=...).");
        }
    }

    @Test
    void placeholdersAreRefusedInSqlText() {
        assertThatThrownBy(() -> catalog("""
                q:
                  type: text
                  filepath: x.txt
                  sql: select * from t where id = ${run:id}
                """))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessage("conf/base/catalog.yml:4:3: dataset 'q': ${run:...} cannot appear in 'sql': values must "
                        + "travel as bind parameters. Write :name in the SQL and pass the value with params: "
                        + "{name: ${run:name}}.");
    }

    @Test
    void configErrorsOfATemplatedEntrySurfaceWhenTheCatalogIsBuilt() {
        assertThatThrownBy(() -> catalog("""
                request:
                  type: text
                  filepath: data/${run:customer}.txt
                  encodnig: utf-8
                """))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("unknown key 'encodnig'");
    }
}

package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config says which runtime params it reads, so that a run can refuse the ones nothing reads. */
class RuntimeParamsReadTest {
    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(dir).mkdir("conf/base");
    }

    @Test
    void runtimeParamInterpolationsAreReportedWithWhereTheyAreWritten() {
        project.write("conf/base/parameters.yml", "lr: ${runtime_params:model.lr, 0.1}\n")
                .write("conf/base/catalog.yml", "x:\n  type: csv\n  filepath: data/${runtime_params:day}.csv\n");

        ProjectConfig config = project.load("local", Map.of("day", "mon"), Map.of());

        assertThat(config.runtimeParamsRead()).containsOnlyKeys("model.lr", "day");
        assertThat(config.runtimeParamsRead().get("model.lr").toString()).isEqualTo("conf/base/parameters.yml:1:5");
        assertThat(config.runtimeParamsRead().get("day").toString()).isEqualTo("conf/base/catalog.yml:3:13");
    }

    @Test
    void aParamReadOnlyThroughADefaultOrAGlobalIsReportedToo() {
        project.write("conf/base/globals.yml", "seed: ${runtime_params:seed, 42}\n")
                .write("conf/base/parameters.yml", "seed: ${globals:seed}\nn: ${runtime_params:n, ${runtime_params:m, 3}}\n");

        assertThat(project.load("local").runtimeParamsRead()).containsOnlyKeys("seed", "n", "m");
    }

    @Test
    void perRunPlaceholdersAreReportedApart() {
        project.write("conf/base/catalog.yml", "req:\n  type: json\n  filepath: data/${run:request_id}.json\n");

        ProjectConfig config = project.load("local");

        assertThat(config.runParamsRead()).containsOnlyKeys("request_id");
        assertThat(config.runtimeParamsRead()).isEmpty();
    }

    @Test
    void otherKindsAddTheirReadsWhenLoaded() {
        project.write("conf/base/runners.yml", "workers: ${runtime_params:workers, 2}\n");
        ProjectConfig config = project.load("local");
        assertThat(config.runtimeParamsRead()).isEmpty();

        config.get("runners");

        assertThat(config.runtimeParamsRead()).containsOnlyKeys("workers");
    }
}

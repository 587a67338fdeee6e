package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.test.CommandResult;
import io.sluice.test.ProjectDirs;
import io.sluice.test.SluiceCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sluice command line, in-process, against a copy of the spaceflights project. */
class SpaceflightsCliTest {

    @TempDir
    Path project;

    @BeforeEach
    void copyProject() {
        ProjectDirs.copyInputs(project);
    }

    private CommandResult sluice(String... args) {
        return SluiceCommand.run(project, args);
    }

    @Test
    void pipelinesListShowsTheRegisteredPipelinesAndTheDefault() {
        CommandResult r = sluice("pipelines", "list");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                __default__            6 nodes
                data_processing        3 nodes
                data_processing_sql    3 nodes
                data_science           3 nodes
                price_prediction       1 node
                sql                    6 nodes
                """);
    }

    @Test
    void memoryComponentsKeepTheInMemorySplitWithTrainingAndPassTheCheck() {
        CommandResult r = sluice("groups", "--by", "memory-components", "--check");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Pipeline __default__ grouped by memory-components: 4 groups")
                .contains(String.join(System.lineSeparator(), "split_data (3 nodes)", "  split_data",
                        "  train_model", "  evaluate_model"))
                .contains("  create_model_input_table -> split_data via model_input_table")
                .endsWith("Check: ok" + System.lineSeparator());
    }

    @Test
    void oneGroupPerNodeFailsTheCheckOnTheMemoryDatasetsOfTheSplit() {
        CommandResult r = sluice("groups", "--by", "node", "--check");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("Check: 4 problems")
                .contains("  - Memory dataset 'X_train' crosses from group split_data to train_model")
                .contains("  - Memory dataset 'y_test' crosses from group split_data to evaluate_model");
    }

    @Test
    void dataScienceRunsAloneFromThePersistedModelInputTableWithOverriddenParams() {
        assertThat(sluice("run", "-p", "data_processing").exitCode()).isZero();
        assertThat(project.resolve("data/08_reporting")).doesNotExist();

        CommandResult r = sluice("run", "-p", "data_science", "--params", "model_options.test_size=0.3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("of pipeline data_science succeeded: 3 of 3 nodes");
        assertThat(ProjectDirs.read(project.resolve("data/08_reporting/metrics.json")))
                .containsPattern("\"test_rows\" : 640");
    }

    @Test
    void theSqlVariantRunsAsTheReadmeSaysAndKeepsItsModelBesideTheJavaOne() {
        CommandResult r = sluice("run", "-p", "sql");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("of pipeline sql succeeded: 6 of 6 nodes");
        assertThat(project.resolve("data/08_reporting/metrics_sql.json")).isNotEmptyFile();
        assertThat(project.resolve("data/08_reporting/metrics.json")).doesNotExist();
        assertThat(project.resolve("data/03_primary/model_input_table.parquet")).doesNotExist();
        assertThat(project.resolve("data/03_primary/warehouse.duckdb")).isNotEmptyFile();
    }

    @Test
    void theWarehouseEngineIsListedAndAnswersAPing() {
        CommandResult list = sluice("engines", "list");
        CommandResult ping = sluice("engines", "ping", "warehouse");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .containsPattern("warehouse\\s+jdbc\\s+javax\\.sql\\.DataSource\\s+conf/base/engines\\.yml:");
        assertThat(ping.exitCode()).as(ping.err()).isZero();
        assertThat(ping.out()).startsWith("warehouse (jdbc): up in ");
    }

    @Test
    void aFeatureThatIsNotAColumnFailsSplitDataNamingIt() throws Exception {
        // conf/local replaces base's top-level keys: the whole of model_options.
        Files.writeString(project.resolve("conf/local/parameters.yml"), """
                model_options:
                  test_size: 0.2
                  random_state: 3
                  features: [engines, warp_factor]
                  epochs: 50
                  learning_rate: 20.0
                """);

        CommandResult r = sluice("run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("split_data", "'warp_factor' is not a numeric column");
        assertThat(r.err()).containsPattern("To resume the run: sluice run .*split_data");
    }

    @Test
    void aListParamFromTheCommandLineReachesTheNodeAndTheResumeCommandKeepsIt() {
        CommandResult r = sluice("run", "--params", "model_options.features=[engines, warp_factor]");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("split_data", "'warp_factor' is not a numeric column");
        assertThat(r.err()).contains("sluice run --env local --params 'model_options.features=[engines,warp_factor]'");
    }

    @Test
    void runnersYmlDeclaresADefaultAndAParallelRunnerAndBothRunThePipeline() {
        CommandResult list = sluice("runners", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("default\\s+sequential\\s+1 retry, 1 timeout\\s+conf/base/runners.yml")
                .containsPattern("parallel\\s+parallel\\s+-\\s+conf/base/runners.yml");

        CommandResult sequential = sluice("run");
        CommandResult parallel = sluice("run", "--runner", "parallel");

        assertThat(sequential.exitCode()).as(sequential.err()).isZero();
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        assertThat(parallel.out()).contains("succeeded: 6 of 6 nodes");
    }
}

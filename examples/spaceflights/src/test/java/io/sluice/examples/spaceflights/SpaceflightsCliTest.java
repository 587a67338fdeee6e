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
    void everyPipelineExportsAsADocumentThatReadsBackToTheSameBytes() {
        for (String name : java.util.List.of("__default__", "data_processing", "data_processing_sql", "data_science",
                "price_prediction", "sql")) {
            CommandResult r = sluice("pipelines", "export", "-p", name);

            assertThat(r.exitCode()).as(r.err()).isZero();
            io.sluice.pipeline.doc.PipelineDocument doc = io.sluice.pipeline.doc.PipelineDocument.fromJson(r.out());
            assertThat(doc.pipeline()).isEqualTo(name);
            assertThat(doc.toJson()).isEqualTo(r.out());
            assertThat(sluice("pipelines", "export", "-p", name).out()).as("the same bytes twice").isEqualTo(r.out());
        }
        io.sluice.pipeline.doc.PipelineDocument science = io.sluice.pipeline.doc.PipelineDocument.fromJson(
                sluice("pipelines", "export", "-p", "data_science").out());
        assertThat(science.datasets()).anySatisfy(d -> assertThat(d.artifactKind()).isEqualTo("model"));
        assertThat(science.parameters()).isNotEmpty();
        assertThat(science.nodes()).allSatisfy(n -> assertThat(n.function().className())
                .startsWith("io.sluice.examples.spaceflights"));
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
    void everyExportTargetWritesTheGroupsOfTwoGroupingsAndCheckFindsThemUpToDate() throws Exception {
        String image = "registry.example.com/spaceflights:1.0.0";
        String[][] groupings = {{"--group-by", "memory-components"},
                {"--group-by", "memory-components", "--target-groups", "2"}};
        for (String[] grouping : groupings) {
            for (String target : java.util.List.of("argo", "aws", "airflow", "databricks", "docker", "kubeflow")) {
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("export", target, "--image",
                        image, "--env", "local", "--out", "deploy/" + target));
                args.addAll(java.util.List.of(grouping));
                CommandResult r = sluice(args.toArray(String[]::new));
                assertThat(r.exitCode()).as(target + " " + String.join(" ", grouping) + ": " + r.err()).isZero();
                args.set(args.indexOf("--out"), "--check");
                CommandResult check = sluice(args.toArray(String[]::new));
                assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
                assertThat(check.out()).startsWith("Up to date");
            }
            String workflow = Files.readString(project.resolve("deploy/argo/workflow.yaml"));
            int tasks = grouping.length == 2 ? 4 : 2;
            assertThat(io.sluice.deploy.ExportedDag.readArgo(workflow, "wf", java.util.Map.of()).tasks()).as(workflow)
                    .hasSize(tasks);
            assertThat(workflow).contains("- --group\n          - split_data\n");
            assertThat(Files.readString(project.resolve("deploy/aws/state-machine.asl.json")))
                    .contains("arn:aws:states:::batch:submitJob.sync");
        }
        CommandResult perNode = sluice("export", "argo", "--image", image, "--group-by", "node", "--out", "nowhere");
        assertThat(perNode.exitCode()).isEqualTo(1);
        assertThat(perNode.err()).contains("Memory dataset 'X_train' crosses from group split_data to train_model");
        assertThat(project.resolve("nowhere")).doesNotExist();
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
        assertThat(r.err()).containsPattern("To resume the run: sluice run --resume \\S+")
                .containsPattern("Or as a new run: sluice run .*split_data");
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

    @Test
    void theTuningSweepRunsNineParameterSetsAndItsRowForTheDefaultsMatchesAPlainRun() throws Exception {
        assertThat(sluice("run", "-p", "data_processing").exitCode()).isZero();
        assertThat(sluice("run", "-p", "data_science").exitCode()).isZero();
        String plain = ProjectDirs.read(project.resolve("data/08_reporting/metrics.json"));

        CommandResult r = sluice("run", "-p", "data_science", "--runner", "tuning");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Launcher tuning made 9 runs");
        java.util.List<String> rows = Files.readAllLines(project.resolve("data/08_reporting/tuning_summary.csv"));
        assertThat(rows.get(0)).isEqualTo("run_id,state,model_options.test_size,model_options.random_state,"
                + "metrics.r2_score,metrics.mae,metrics.max_error,metrics.test_rows,error");
        assertThat(rows).hasSize(10);
        assertThat(rows.subList(1, 10)).extracting(row -> row.split(",")[2] + "/" + row.split(",")[3])
                .as("grid order, the last key fastest")
                .containsExactly("0.1/1", "0.1/2", "0.1/3", "0.2/1", "0.2/2", "0.2/3", "0.3/1", "0.3/2", "0.3/3");
        assertThat(rows.subList(1, 10)).allSatisfy(row -> assertThat(row.split(",")[1]).isEqualTo("succeeded"));
        String[] defaults = rows.get(6).split(","); // test_size 0.2, random_state 3: parameters.yml's values
        assertThat(plain).contains("\"r2_score\" : " + defaults[4], "\"test_rows\" : " + defaults[7]);
    }

    @Test
    void theGuardedRunnerLogsEachRunAndRefusesWhenARawInputIsMissing() throws Exception {
        CommandResult ran = sluice("run", "--runner", "guarded");

        assertThat(ran.exitCode()).as(ran.err()).isZero();
        String runId = ran.out().lines().filter(l -> l.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        assertThat(Files.readString(project.resolve("data/08_reporting/runs.log")))
                .isEqualTo(runId + " __default__ succeeded\n");

        Files.delete(project.resolve("data/01_raw/reviews.csv"));
        CommandResult refused = sluice("run", "--runner", "guarded");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("reviews");
        assertThat(Files.readAllLines(project.resolve("data/08_reporting/runs.log"))).as("nothing ran").hasSize(1);
    }
}

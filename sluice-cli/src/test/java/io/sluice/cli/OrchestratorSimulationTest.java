package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.deploy.ExportedDag;
import io.sluice.journal.JournalStore;
import io.sluice.run.RunJournal;
import io.sluice.run.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator simulation of issue 14: exports of {@link FlightsGroupsProject} read back with
 * {@link ExportedDag} as their orchestrator would run them — {@code sluice export argo} (grouped by
 * the deploy config's strategy) under an Argo workflow name, and {@code sluice export aws
 * --group-by namespace} (another grouping, carried into every task command) under a Step Functions
 * execution name — each task's container command run as its own JVM in an order the exported
 * dependencies allow, leave the bytes of a single-process run under the same run id, and
 * {@code sluice runs show} reports one run with every group succeeded. No platform is reachable,
 * so the test is the orchestrator: what it runs is exactly what the exported files tell a container.
 */
class OrchestratorSimulationTest {
    private static final String IMAGE = "registry.example.com/flights:1.0";
    /** The name Argo would give a workflow submitted from the export; {@code {{workflow.name}}} is the run id. */
    private static final String WORKFLOW = "sluice-flights-x7k2p";
    /** A Step Functions execution name ({@code aws stepfunctions start-execution --name}); {@code $$.Execution.Name} is the run id. */
    private static final String EXECUTION = "nightly-2026-12-06";
    private static final long TASK_TIMEOUT_SECONDS = 120;

    @TempDir
    Path exported;
    @TempDir
    Path single;
    @TempDir
    Path services;
    @TempDir
    Path logs;

    @Test
    void theExportedArgoTasksRunAsProcessesLeaveTheBytesOfASingleProcessRunAndOneRun() throws Exception {
        FlightsGroupsProject.write(exported, services);
        FlightsGroupsProject.write(single, services);

        Cli export = RunsTestProject.sluice(exported, services, "export", "argo", "--image", IMAGE, "-p", "flights");
        assertThat(export.exitCode()).as(export.out() + export.err()).isZero();
        String yaml = Files.readString(exported.resolve("deploy/argo/workflow.yaml"));
        ExportedDag dag = ExportedDag.readArgo(yaml, WORKFLOW, Map.of());
        assertThat(dag.tasks()).extracting(ExportedDag.DagTask::group).containsExactlyInAnyOrder(
                "data_processing.preprocess", "data_science.train_rows", "data_science.test_rows", "reporting.report");
        // the group graph: evaluate (test_rows' group) reads the regressor train_rows' group writes
        assertThat(dag.tasks()).extracting(ExportedDag.DagTask::name, ExportedDag.DagTask::dependencies).containsExactly(
                tuple("data-processing-preprocess", List.of()),
                tuple("data-science-train-rows", List.of("data-processing-preprocess")),
                tuple("data-science-test-rows", List.of("data-processing-preprocess", "data-science-train-rows")),
                tuple("reporting-report", List.of("data-science-test-rows")));
        assertThat(dag.tasks()).allSatisfy(t -> assertThat(t.command()).doesNotContain("--group-by"));

        simulate(dag, WORKFLOW);
        assertSameAsASingleRun(WORKFLOW, 4, "Part data_processing.preprocess: succeeded",
                "Part reporting.report: succeeded");
    }

    @Test
    void theExportedStepFunctionsStatesOfAnotherGroupingRunAsProcessesLeaveTheBytesOfASingleProcessRun()
            throws Exception {
        FlightsGroupsProject.write(exported, services);
        FlightsGroupsProject.write(single, services);

        Cli export = RunsTestProject.sluice(exported, services, "export", "aws", "--image", IMAGE, "-p", "flights",
                "--group-by", "namespace");
        assertThat(export.exitCode()).as(export.out() + export.err()).isZero();
        assertThat(export.err()).contains("The tasks carry --group-by namespace");
        Map<String, String> files = new TreeMap<>();
        Path dir = exported.resolve("deploy/aws");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        ExportedDag dag = ExportedDag.readStepFunctions(files, EXECUTION);
        // namespaces: data_processing, then data_science, then reporting, each state after the one before
        assertThat(dag.tasks()).extracting(ExportedDag.DagTask::group, ExportedDag.DagTask::dependencies)
                .containsExactly(tuple("data_processing", List.of()),
                        tuple("data_science", List.of("data_processing")),
                        tuple("reporting", List.of("data_processing", "data_science")));
        assertThat(dag.tasks()).allSatisfy(t -> assertThat(t.command()).endsWith("--group-by", "namespace"));

        simulate(dag, EXECUTION);
        assertSameAsASingleRun(EXECUTION, 3, "Part data_processing: succeeded", "Part reporting: succeeded");
    }

    /** Runs every task as its own JVM, in the DAG's order, each after the tasks it waits for have succeeded. */
    private void simulate(ExportedDag dag, String runId) throws IOException, InterruptedException {
        Set<String> succeeded = new HashSet<>();
        for (ExportedDag.DagTask task : dag.tasks()) {
            assertThat(succeeded).as(task.name() + " waits for its dependencies")
                    .containsAll(task.dependencies());
            assertThat(task.command()).as(task.name()).startsWith("sluice", "run").contains("--run-id", runId);
            int code = runAsContainer(task);
            assertThat(code).as(task.name() + " exited with " + code + ":\n" + output(task)).isZero();
            succeeded.add(task.name());
        }
    }

    /** The data of the simulated run are those of one process running the pipeline under {@code runId}, and one run. */
    private void assertSameAsASingleRun(String runId, int groups, String... parts) throws IOException {
        Cli whole = RunsTestProject.sluice(single, services, "run", "-p", "flights", "--run-id", runId);
        assertThat(whole.exitCode()).as(whole.out() + whole.err()).isZero();

        SameData.assertSame(single.resolve("data"), exported.resolve("data"),
                "03_primary/model_input_table.parquet", "06_models/regressor.bin/" + runId + "/regressor.bin",
                "08_reporting/metrics.json/" + runId + "/metrics.json", "08_reporting/report.json");

        RunJournal run = new JournalStore(exported).read(runId).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.parts()).hasSize(groups).allSatisfy(p -> assertThat(p.state()).isEqualTo(RunState.SUCCEEDED));
        assertThat(run.parts()).extracting(RunJournal.Part::pid).doesNotHaveDuplicates()
                .doesNotContain(ProcessHandle.current().pid());
        assertThat(run.missingGroups()).isEmpty();
        Cli show = RunsTestProject.sluice(exported, services, "runs", "show", runId);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Run " + runId + " of pipeline flights: succeeded")
                .contains("Groups: " + groups + " of " + groups + " run").contains(parts);
        Cli list = RunsTestProject.sluice(exported, services, "runs", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(runId);
    }

    /**
     * Runs the task's container command as the image would: its {@code sluice} is this test's class
     * path's {@code SluiceMain} in a child JVM, working in the project (the image's working directory).
     */
    private int runAsContainer(ExportedDag.DagTask task) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dsluice.project.classpath=" + services, "-cp", System.getProperty("java.class.path"),
                "io.sluice.cli.SluiceMain", "-C", exported.toString()));
        command.addAll(task.command().subList(1, task.command().size()));
        Process p = new ProcessBuilder(command).directory(exported.toFile())
                .redirectOutput(logs.resolve(task.name() + ".out").toFile())
                .redirectError(logs.resolve(task.name() + ".err").toFile())
                .start();
        p.getOutputStream().close(); // a container's stdin: nothing
        if (!p.waitFor(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(task.name() + " did not finish in " + TASK_TIMEOUT_SECONDS + "s:\n"
                    + output(task));
        }
        return p.exitValue();
    }

    private String output(ExportedDag.DagTask task) {
        try {
            return Files.readString(logs.resolve(task.name() + ".out")) + Files.readString(logs.resolve(task.name() + ".err"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}

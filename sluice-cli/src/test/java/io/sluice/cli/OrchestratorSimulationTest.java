package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.deploy.ArgoDag;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator simulation of issue 14: {@code sluice export argo} of {@link FlightsGroupsProject}
 * (grouped by the deploy config's strategy), read back with {@link ArgoDag} as Argo would run it
 * under a workflow name, each task's container command run as its own JVM in an order the exported
 * dependencies allow, leaves the bytes of a single-process run under the same run id, and
 * {@code sluice runs show} reports one run with every group succeeded. No Argo is reachable, so
 * the test is the orchestrator: what it runs is exactly what the exported file tells a container.
 */
class OrchestratorSimulationTest {
    private static final String IMAGE = "registry.example.com/flights:1.0";
    /** The name Argo would give a workflow submitted from the export; {@code {{workflow.name}}} is the run id. */
    private static final String WORKFLOW = "sluice-flights-x7k2p";
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
        ArgoDag dag = ArgoDag.read(yaml, WORKFLOW, Map.of());
        assertThat(dag.tasks()).extracting(ArgoDag.DagTask::group).containsExactlyInAnyOrder(
                "data_processing.preprocess", "data_science.train_rows", "data_science.test_rows", "reporting.report");
        // the group graph: evaluate (test_rows' group) reads the regressor train_rows' group writes
        assertThat(dag.tasks()).extracting(ArgoDag.DagTask::name, ArgoDag.DagTask::dependencies).containsExactly(
                tuple("data-processing-preprocess", List.of()),
                tuple("data-science-train-rows", List.of("data-processing-preprocess")),
                tuple("data-science-test-rows", List.of("data-processing-preprocess", "data-science-train-rows")),
                tuple("reporting-report", List.of("data-science-test-rows")));

        Set<String> succeeded = new HashSet<>();
        for (ArgoDag.DagTask task : dag.tasks()) {
            assertThat(succeeded).as(task.name() + " waits for its dependencies")
                    .containsAll(task.dependencies());
            assertThat(task.command()).as(task.name()).startsWith("sluice", "run").contains("--run-id", WORKFLOW);
            int code = runAsContainer(task);
            assertThat(code).as(task.name() + " exited with " + code + ":\n" + output(task)).isZero();
            succeeded.add(task.name());
        }

        Cli whole = RunsTestProject.sluice(single, services, "run", "-p", "flights", "--run-id", WORKFLOW);
        assertThat(whole.exitCode()).as(whole.out() + whole.err()).isZero();

        SameData.assertSame(single.resolve("data"), exported.resolve("data"),
                "03_primary/model_input_table.parquet", "06_models/regressor.bin/" + WORKFLOW + "/regressor.bin",
                "08_reporting/metrics.json/" + WORKFLOW + "/metrics.json", "08_reporting/report.json");

        RunJournal run = new JournalStore(exported).read(WORKFLOW).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.parts()).hasSize(4).allSatisfy(p -> assertThat(p.state()).isEqualTo(RunState.SUCCEEDED));
        assertThat(run.parts()).extracting(RunJournal.Part::pid).doesNotHaveDuplicates()
                .doesNotContain(ProcessHandle.current().pid());
        assertThat(run.missingGroups()).isEmpty();
        Cli show = RunsTestProject.sluice(exported, services, "runs", "show", WORKFLOW);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Run " + WORKFLOW + " of pipeline flights: succeeded")
                .contains("Groups: 4 of 4 run").contains("Part data_processing.preprocess: succeeded")
                .contains("Part reporting.report: succeeded");
        Cli list = RunsTestProject.sluice(exported, services, "runs", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(WORKFLOW);
    }

    /**
     * Runs the task's container command as the image would: its {@code sluice} is this test's class
     * path's {@code SluiceMain} in a child JVM, working in the project (the image's working directory).
     */
    private int runAsContainer(ArgoDag.DagTask task) throws IOException, InterruptedException {
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

    private String output(ArgoDag.DagTask task) {
        try {
            return Files.readString(logs.resolve(task.name() + ".out")) + Files.readString(logs.resolve(task.name() + ".err"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}

package io.sluice.launch.process;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.group.InvalidGroupingException;
import io.sluice.launch.LaunchRefusedException;
import io.sluice.launch.LauncherCatalog;
import io.sluice.launch.StopSignal;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.TestProject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code process} launcher with stand-in commands (sh): which groups it starts in which order,
 * what it refuses before starting any, how a failed group and a stop end the launch. The real
 * {@code sluice run --group} children are in sluice-cli's GroupRunsCliTest.
 * <pre>
 *   raw -> data.load -[data.table: memory]-> data.clean -[data.clean]-> ds.train -[ds.model: memory]-> ds.score -> score
 * </pre>
 */
class ProcessLauncherTest {
    @TempDir
    Path dir;
    private final StringWriter printed = new StringWriter();
    private final StopSignal stop = new StopSignal();

    static int inc(int x) {
        return x + 1;
    }

    private Session session(String runners, String deploy) {
        Map<String, String> files = new HashMap<>(Map.of("conf/base/catalog.yml", """
                raw: {type: json, filepath: data/raw.json}
                data.clean: {type: json, filepath: data/clean.json}
                score: {type: json, filepath: data/score.json}
                """, "conf/base/runners.yml", runners));
        if (deploy != null) {
            files.put("conf/local/deploy.yml", deploy);
        }
        TestProject.write(dir, files);
        return TestProject.session(dir, new TestProject(Map.of("shop", Pipeline.of(
                node(ProcessLauncherTest::inc).inputs("raw").outputs("data.table").name("load").namespace("data"),
                node(ProcessLauncherTest::inc).inputs("data.table").outputs("data.clean").name("clean")
                        .namespace("data"),
                node(ProcessLauncherTest::inc).inputs("data.clean").outputs("ds.model").name("train").namespace("ds"),
                node(ProcessLauncherTest::inc).inputs("ds.model").outputs("score").name("score").namespace("ds"))),
                List.of()));
    }

    private static String entry(String script) {
        return "by_process:\n  launcher: process\n  max_parallel: 1\n  grace: 1s\n  command: [sh, -c, '" + script
                + "']\n";
    }

    private List<RunResult> launch(Session s, RunSpec spec) throws Exception {
        return LauncherCatalog.of(s).launch(s, spec, Injected.NONE, new PrintWriter(printed, true), stop);
    }

    @Test
    void thisJvmRunsTheCommandLinesMainClassOnItsClassPath() {
        List<String> command = ChildCommand.thisJvm();
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly("-cp", System.getProperty("java.class.path"), "io.sluice.cli.SluiceMain");
        // as bin/sluice: native access on JDK 24+ (no warning when DuckDB loads), not on 17-23
        assertThat(ChildCommand.thisJvm(25)).containsOnlyOnce("--enable-native-access=ALL-UNNAMED");
        assertThat(ChildCommand.thisJvm(17)).noneMatch(a -> a.startsWith("--enable-native-access"));
        assertThat(ChildCommand.resolved(List.of("bin/sluice"), dir)).containsExactly(dir.resolve("bin/sluice")
                .toString());
        assertThat(ChildCommand.of(List.of("sluice"), dir, RunSpec.builder("shop").group("g").runId("r").build()))
                .containsExactly("sluice", "-C", dir.toString(), "run", "--spec",
                        "{\"spec_version\":1,\"pipeline\":\"shop\",\"run_id\":\"r\",\"group\":\"g\"}");
    }

    @Test
    void everyGroupStartsAfterTheGroupsItReadsWithOneRunIdAndItsOutputPrefixed() throws Exception {
        // $4 is the run spec: sh -c SCRIPT -C DIR run --spec JSON
        try (Session s = session(entry("echo spec $4"), null)) {
            List<RunResult> results = launch(s, RunSpec.builder("shop").runner("by_process").runId("r7").build());
            assertThat(results).singleElement().satisfies(r -> assertThat(r.runId()).isEqualTo("r7"));
        }
        String out = printed.toString();
        assertThat(out).contains("run r7 of pipeline shop in 2 groups (memory-components), 1 at a time")
                .contains("[data.load] spec {\"spec_version\":1,\"pipeline\":\"shop\",\"run_id\":\"r7\","
                        + "\"group\":\"data.load\",\"env\":\"local\"}")
                .contains("[ds.train] spec {\"spec_version\":1,\"pipeline\":\"shop\",\"run_id\":\"r7\","
                        + "\"group\":\"ds.train\",\"env\":\"local\"}");
        assertThat(out.indexOf("Group data.load succeeded.")).isLessThan(out.indexOf("Starting group ds.train."));
    }

    @Test
    void aFailedGroupStartsNoDependentAndFailsTheLaunchWithHowToResume() {
        try (Session s = session(entry("echo boom; exit 3"), null)) {
            assertThatThrownBy(() -> launch(s, RunSpec.builder("shop").runner("by_process").runId("r8").build()))
                    .isInstanceOf(RunFailedException.class)
                    .hasMessageContaining("Group data.load of run r8 (pipeline shop) failed with exit code 3; "
                            + "not started: ds.train.")
                    .hasMessageContaining("sluice run --resume r8")
                    .hasMessageContaining("--runner by_process --run-id r8");
        }
        assertThat(printed.toString()).contains("[data.load] boom").doesNotContain("Starting group ds.train.");
    }

    @Test
    void aSelectionOrAnInvalidGroupingIsRefusedBeforeAnyProcessStarts() {
        try (Session s = session(entry("echo started"), null)) {
            assertThatThrownBy(() -> launch(s, RunSpec.builder("shop").runner("by_process").nodes("data.load")
                    .build())).isInstanceOf(LaunchRefusedException.class).hasMessageContaining("a node selection");
            assertThatThrownBy(() -> launch(s, RunSpec.builder("shop").runner("by_process").param("x", 1).build()))
                    .hasMessageContaining("x");
        }
        try (Session s = session(entry("echo started"), """
                groups:
                  a: {nodes: [data.load]}
                  b: {nodes: [data.clean, ds.train, ds.score]}
                """)) {
            assertThatThrownBy(() -> launch(s, RunSpec.builder("shop").runner("by_process").build()))
                    .isInstanceOf(InvalidGroupingException.class).hasMessageContaining("data.table");
        }
        assertThat(printed.toString()).doesNotContain("started");
    }

    @Test
    void aStopEndsTheRunningChildrenWithinTheGrace() throws Exception {
        try (Session s = session(entry("echo up; exec sleep 60"), null)) {
            Thread stopper = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!printed.toString().contains("[data.load] up") && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                stop.fire();
            });
            stopper.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> launch(s, RunSpec.builder("shop").runner("by_process").runId("r9").build()))
                    .isInstanceOf(RunCancelledException.class).hasMessageContaining("--run-id r9");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
            stopper.join();
        }
        assertThat(printed.toString()).contains("Stopping groups data.load.").doesNotContain("Starting group ds.train");
    }
}

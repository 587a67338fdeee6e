package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sluice.journal.JournalStore;
import io.sluice.run.GroupBy;
import io.sluice.run.NodeState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.sluice.run.RunJournal;
import io.sluice.run.RunState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed runs on a real Temporal server: Temporal's own server as a separate JVM on
 * 127.0.0.1 (one per class), two {@code sluice worker} JVMs per test, and the {@code sluice run}
 * client. A run's groups execute on both workers and leave the bytes of a local run; a worker
 * killed (-9) while it executes a group loses it to the other after the heartbeat timeout, and a
 * client killed mid-run is replaced by one that attaches to the run by its id.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TemporalRunsCliTest {
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static Process server;
    private static int port;

    @TempDir
    Path project;
    @TempDir
    Path local;
    @TempDir
    Path services;
    @TempDir
    Path logs;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void startServer(@TempDir Path serverLogs) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        server = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LoopbackTemporalServer.class.getName(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(serverLogs.resolve("server.log").toFile()).start();
        await("the Temporal server to listen on 127.0.0.1:" + port, () -> {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** runners.yml: the temporal entry 'cluster' on this test's own task queue. */
    private void cluster(Path dir, String queue) throws IOException {
        cluster(dir, queue, "");
    }

    /** {@link #cluster(Path, String)} with more keys of the entry ({@code "  grouping: {strategy: tag}\n"}). */
    private void cluster(Path dir, String queue, String more) throws IOException {
        Files.writeString(dir.resolve("conf/base/runners.yml"), "cluster:\n  launcher: temporal\n"
                + "  address: 127.0.0.1:" + port + "\n  task_queue: " + queue + "\n  parallelism: 4\n"
                + "  heartbeat: 5s\n  start_to_close: 2m\n  worker_slots: 1\n"
                + "  retry: {max_attempts: 4, initial_interval: 200ms, max_interval: 1s}\n" + more);
    }

    /** {@code sluice <args>} as its own JVM in {@code project}, output to {@code logs/<name>.log}. */
    private Process sluice(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dsluice.project.classpath=" + services, "-cp", System.getProperty("java.class.path"),
                "io.sluice.cli.SluiceMain", "-C", project.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        started.add(p);
        return p;
    }

    private Process worker(String name) throws IOException, InterruptedException {
        Process p = sluice(name, "worker", "--runner", "cluster");
        awaitLogged(name + " to poll", () -> log(name).contains("polls task queue"));
        return p;
    }

    private String log(String name) {
        try {
            Path f = logs.resolve(name + ".log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        await(what, done, () -> "");
    }

    /** {@link #await(String, BooleanSupplier)} whose failure shows every log of this test's processes. */
    private void awaitLogged(String what, BooleanSupplier done) throws InterruptedException {
        await(what, done, () -> {
            StringBuilder all = new StringBuilder();
            try (Stream<Path> files = Files.list(logs)) {
                files.filter(f -> f.toString().endsWith(".log")).sorted().forEach(f -> all.append("\n--- ")
                        .append(f.getFileName()).append(":\n").append(log(f.getFileName().toString()
                                .replace(".log", ""))));
            } catch (IOException e) {
                all.append(e);
            }
            return all.toString();
        });
    }

    private static void await(String what, BooleanSupplier done, java.util.function.Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + BOUND.toSeconds() + " s for " + what + detail.get());
            }
            Thread.sleep(50); // awaiting real processes
        }
    }

    private Cli client(Path dir, String... args) {
        return assertTimeoutPreemptively(BOUND, () -> RunsTestProject.sluice(dir, services, args));
    }

    @Test
    void groupsRunOnBothWorkersAndLeaveTheBytesOfALocalRun() throws Exception {
        String run = "r-temporal";
        TemporalFanProject.write(project, services);
        TemporalFanProject.write(local, services);
        cluster(project, "q-bytes");
        Process a = worker("worker-a");
        Process b = worker("worker-b");

        Cli launched = client(project, "run", "-p", "fan", "--runner", "cluster", "--run-id", run,
                "--params", "pause_ms=1000");
        assertThat(launched.exitCode()).as(launched.out() + launched.err() + log("worker-a") + log("worker-b"))
                .isZero();
        assertThat(launched.out()).contains("Temporal run " + run + " of pipeline fan in 6 groups")
                .contains("Workflow id: " + run + "\n").contains("Run " + run + ": all 6 groups succeeded (workflow ");
        Cli whole = client(local, "run", "-p", "fan", "--run-id", run, "--params", "pause_ms=1000");
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        SameData.assertSame(local.resolve("data"), project.resolve("data"), "08_reporting/summary.json",
                "03_primary/part_2.json/" + run + "/part_2.json");

        RunJournal journal = new JournalStore(project).read(run).orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts()).as(log("worker-a") + log("worker-b")).hasSize(6)
                .extracting(RunJournal.Part::pid).containsOnly(a.pid(), b.pid())
                .contains(a.pid(), b.pid());
        Cli show = client(project, "runs", "show", run);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Workflow " + run + ": completed").contains(a.pid() + "@")
                .contains(b.pid() + "@").contains("Groups: 6 of 6 run");
    }

    @Test
    void aWorkerKilledMidGroupLosesItToTheOtherAndAClientKilledMidRunIsReplacedByOneThatAttaches()
            throws Exception {
        String run = "r-killed";
        TemporalFanProject.write(project, services);
        cluster(project, "q-kill");
        Process a = worker("worker-a");
        Process b = worker("worker-b");
        Path gate = logs.resolve("gate");
        String params = "hold=w1,gate=" + gate;

        Process firstClient = sluice("client", "run", "-p", "fan", "--runner", "cluster", "--run-id", run,
                "--params", params);
        Path pidFile = Path.of(gate + ".w1.pid");
        await("work_1 to start on a worker", () -> Files.exists(pidFile));
        long holder = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(holder).isIn(a.pid(), b.pid());
        assertThat(log("client")).contains("Workflow id: " + run);
        Process victim = holder == a.pid() ? a : b;
        Process survivor = victim == a ? b : a;
        victim.destroyForcibly(); // kill -9 while it executes work_1
        firstClient.destroyForcibly(); // and the client that follows the run
        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(firstClient.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Files.writeString(gate, "open");

        Cli attached = client(project, "run", "-p", "fan", "--runner", "cluster", "--run-id", run,
                "--params", params);
        assertThat(attached.exitCode()).as(attached.out() + attached.err() + log("worker-a") + log("worker-b"))
                .isZero();
        assertThat(attached.out()).contains("Workflow id: " + run + " (it exists already: attached to it)")
                .contains("Run " + run + ": all 6 groups succeeded (workflow ");

        Cli show = client(project, "runs", "show", run);
        assertThat(show.exitCode()).as(show.err()).isZero();
        String row = show.out().lines().filter(l -> l.startsWith("work_1 ") || l.contains(" work_1 ")
                && l.contains("done")).filter(l -> l.contains("done")).findFirst().orElse("");
        String[] cells = row.trim().split("\\s+"); // GROUP STATE ATTEMPTS WORKER: retried on the survivor
        assertThat(cells).as(show.out()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(cells[1]).isEqualTo("done");
        assertThat(Integer.parseInt(cells[2])).isGreaterThanOrEqualTo(2);
        assertThat(cells[3]).startsWith(survivor.pid() + "@");
        RunJournal journal = new JournalStore(project).read(run).orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        try (Stream<Path> versions = Files.list(project.resolve("data/03_primary/part_1.json"))) {
            assertThat(versions.map(p -> p.getFileName().toString()).toList()).containsExactly(run);
        }
        Path version = project.resolve("data/03_primary/part_1.json/" + run);
        try (Stream<Path> files = Files.walk(version)) { // written once, atomically: no second copy, no temp file left
            assertThat(files.filter(Files::isRegularFile).map(p -> version.relativize(p).toString())
                    .filter(n -> !n.endsWith(".sluice")).toList()).containsExactly("part_1.json");
        }
    }

    @Test
    void theEntrysGroupingStrategyGroupsTheRunOnBothWorkersWithTheBytesOfALocalRun() throws Exception {
        String run = "r-tags";
        TemporalFanProject.write(project, services);
        TemporalFanProject.write(local, services);
        cluster(project, "q-tags", "  grouping: {strategy: tag}\n"); // no deploy.yml: it would group by node
        Process a = worker("worker-a");
        Process b = worker("worker-b");

        Cli launched = client(project, "run", "-p", "fan", "--runner", "cluster", "--run-id", run,
                "--params", "pause_ms=600");
        assertThat(launched.exitCode()).as(launched.out() + launched.err() + log("worker-a") + log("worker-b"))
                .isZero();
        assertThat(launched.out()).contains("Temporal run " + run + " of pipeline fan in 4 groups (tag:group:)")
                .contains("Run " + run + ": all 4 groups succeeded (workflow ");
        Cli whole = client(local, "run", "-p", "fan", "--run-id", run, "--params", "pause_ms=600");
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        SameData.assertSame(local.resolve("data"), project.resolve("data"), "08_reporting/summary.json",
                "03_primary/part_3.json/" + run + "/part_3.json");

        RunJournal journal = new JournalStore(project).read(run).orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts()).as(log("worker-a") + log("worker-b"))
                .extracting(RunJournal.Part::group).containsExactlyInAnyOrder("head", "left", "right", "tail");
        assertThat(journal.parts()).extracting(p -> p.spec().groupBy()).containsOnly(GroupBy.of("tag"));
        assertThat(journal.parts()).extracting(RunJournal.Part::pid).contains(a.pid(), b.pid()); // left and right apart
        Cli show = client(project, "runs", "show", run);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Workflow " + run + ": completed").contains("Groups: 4 of 4 run");
        assertThat(show.out().lines().map(String::trim).filter(l -> l.matches("(head|left|right|tail) +done .*")))
                .as(show.out()).hasSize(4);
    }

    @Test
    void runsCancelStopsTheRunningGroupsNodeAndEndsTheRunCancelled() throws Exception {
        String run = "r-cancel";
        TemporalFanProject.write(project, services);
        cluster(project, "q-cancel");
        worker("worker-a");
        worker("worker-b");
        Path gate = logs.resolve("gate");
        Process follower = sluice("client", "run", "-p", "fan", "--runner", "cluster", "--run-id", run,
                "--params", "hold=w1,gate=" + gate);
        awaitLogged("work_1 to start on a worker", () -> Files.exists(Path.of(gate + ".w1.pid")));

        Cli cancel = client(project, "runs", "cancel", run);

        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("Cancellation of run " + run + " requested");
        awaitLogged("the client to end", () -> !follower.isAlive());
        assertThat(follower.exitValue()).as(log("client")).isNotZero();
        assertThat(log("client")).contains("Run " + run + " was cancelled (sluice runs show " + run);
        awaitLogged("work_1's node to see the cancellation", () -> Files.exists(Path.of(gate + ".w1.interrupted")));
        JournalStore journals = new JournalStore(project);
        await("work_1's journal part to end", () -> journals.read(run).flatMap(j -> j.parts().stream()
                .filter(p -> p.group().equals("work_1")).findFirst()).filter(p -> p.state().isFinal()).isPresent());
        RunJournal.Part part = journals.read(run).orElseThrow().parts().stream()
                .filter(p -> p.group().equals("work_1")).findFirst().orElseThrow();
        assertThat(part.state()).isEqualTo(RunState.CANCELLED);
        assertThat(journals.read(run).orElseThrow().parts()).extracting(RunJournal.Part::group).doesNotContain("join");

        Cli show = client(project, "runs", "show", run);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Workflow " + run + ": canceled").containsPattern("work_1 +cancelled")
                .containsPattern("join +cancelled");
        assertThat(project.resolve("data/03_primary/part_1.json")).doesNotExist(); // nothing half-written
        try (Stream<Path> files = Files.walk(project.resolve("data"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".tmp")).toList()).isEmpty();
        }
    }

    /**
     * The worker whose sticky queue has run {@code runId}'s next workflow task: the identity of its
     * last started workflow task. Temporal's test server never moves a sticky task to another worker
     * (a real server does after a few seconds), so a test that kills a worker spares that one.
     */
    private static String stickyWorker(String runId) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port).build());
        try {
            List<HistoryEvent> events = WorkflowClient.newInstance(stubs).fetchHistory(runId).getEvents();
            return events.stream().filter(HistoryEvent::hasWorkflowTaskStartedEventAttributes)
                    .map(e -> e.getWorkflowTaskStartedEventAttributes().getIdentity()).reduce((x, y) -> y)
                    .orElseThrow();
        } finally {
            stubs.shutdownNow();
        }
    }

    @Test
    void aWorkerKilledAfterAGroupsSaveLosesTheGroupAndItsRetryDoesNotWriteItAgain() throws Exception {
        String run = "r-saved";
        TemporalFanProject.write(project, services);
        cluster(project, "q-saved", "  grouping: {strategy: tag}\n"); // left: work_0, work_1; right: work_2, work_3
        Process a = worker("worker-a");
        Process b = worker("worker-b");
        Path gate = logs.resolve("gate");
        // work_1 and work_3 hold, each on its worker, after work_0 and work_2 saved part_0 and part_2
        Process client = sluice("client", "run", "-p", "fan", "--runner", "cluster", "--run-id", run,
                "--params", "hold=w1+w3,gate=" + gate);
        awaitLogged("work_1 and work_3 to hold", () -> Files.exists(Path.of(gate + ".w1.pid"))
                && Files.exists(Path.of(gate + ".w3.pid")));
        String sticky = stickyWorker(run);
        Process victim = sticky.startsWith(a.pid() + "@") ? b : a;
        Process survivor = victim == a ? b : a;
        int held = Long.parseLong(Files.readString(Path.of(gate + ".w1.pid")).trim()) == victim.pid() ? 1 : 3;
        String group = held == 1 ? "left" : "right";
        String dataset = "part_" + (held - 1);
        Path saved = project.resolve("data/03_primary/" + dataset + ".json/" + run + "/" + dataset + ".json");
        assertThat(saved).exists();
        java.nio.file.attribute.FileTime savedAt = Files.getLastModifiedTime(saved);
        victim.destroyForcibly(); // kill -9: its group's first node saved, the group never reported
        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Files.writeString(gate, "open");

        awaitLogged("the client to end", () -> !client.isAlive());
        assertThat(client.exitValue()).as(log("client")).isZero();
        assertThat(log("client")).contains("Run " + run + ": all 4 groups succeeded");
        RunJournal journal = new JournalStore(project).read(run).orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        RunJournal.Part retried = journal.parts().stream().filter(p -> p.group().equals(group)).findFirst()
                .orElseThrow();
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.pid()).isEqualTo(survivor.pid());
        assertThat(retried.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::state)
                .containsExactly(tuple("work_" + (held - 1), NodeState.COMPLETED), tuple("work_" + held,
                        NodeState.COMPLETED));
        assertThat(Files.getLastModifiedTime(saved)).isEqualTo(savedAt); // written once: the retry did not run it again
        for (int i = 0; i < 4; i++) {
            Path versions = project.resolve("data/03_primary/part_" + i + ".json");
            try (Stream<Path> files = Files.walk(versions)) { // one version, one file, no temporary file left
                assertThat(files.filter(Files::isRegularFile).map(p -> versions.relativize(p).toString())
                        .filter(n -> !n.endsWith(".sluice")).toList())
                        .containsExactly(run + "/part_" + i + ".json");
            }
        }
        TemporalFanProject.write(local, services);
        Cli whole = client(local, "run", "-p", "fan", "--run-id", run);
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        SameData.assertSame(local.resolve("data"), project.resolve("data"), "08_reporting/summary.json",
                "03_primary/" + dataset + ".json/" + run + "/" + dataset + ".json");
    }

    @Test
    void aMemoryDatasetAcrossGroupsRefusesToStartBeforeAnythingIsContacted() throws Exception {
        TemporalFanProject.write(project, services);
        Files.writeString(project.resolve("conf/base/runners.yml"), "cluster:\n  launcher: temporal\n"
                + "  address: 127.0.0.1:1\n");
        Files.writeString(project.resolve("conf/base/catalog.yml"), Files.readString(project.resolve(
                "conf/base/catalog.yml")).replace("prepared: {type: json, filepath: data/02_intermediate/prepared.json, "
                + "versioned: true}\n", ""));
        Files.writeString(project.resolve("conf/base/deploy.yml"), "strategy: node\n");

        Cli refused = client(project, "run", "-p", "fan", "--runner", "cluster", "--run-id", "r-refused");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("prepared").contains("memory");
        assertThat(project.resolve(".sluice/runs/r-refused")).doesNotExist();
    }

    @Test
    void aWrongEntryIsRefusedAtItsLineAndAWorkerOrADetachNeedsATemporalEntry() throws Exception {
        TemporalFanProject.write(project, services);
        Files.writeString(project.resolve("conf/base/runners.yml"), "cluster:\n  launcher: temporal\n"
                + "  task_queu: q\n");
        Cli typo = client(project, "run", "-p", "fan", "--runner", "cluster");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).contains("runners.yml:3").contains("task_queu").contains("task_queue");
        Files.writeString(project.resolve("conf/base/runners.yml"), "cluster:\n  launcher: temporal\n"
                + "  grouping:\n    strategy: brnch\n");
        Cli strategy = client(project, "run", "-p", "fan", "--runner", "cluster");
        assertThat(strategy.exitCode()).isEqualTo(1);
        assertThat(strategy.err()).contains("runners.yml:").contains("unknown grouping strategy 'brnch'")
                .contains("Did you mean 'branch'?");

        Files.writeString(project.resolve("conf/base/runners.yml"), "cluster:\n  launcher: temporal\n"
                + "local2:\n  type: parallel\n");
        Cli worker = client(project, "worker", "--runner", "local2");
        assertThat(worker.exitCode()).isEqualTo(2);
        assertThat(worker.err()).contains("--runner local2 is not a temporal entry of runners.yml")
                .contains("Temporal entries: cluster.");
        Cli detached = client(project, "run", "-p", "fan", "--runner", "local2", "--detach");
        assertThat(detached.exitCode()).isEqualTo(2);
        assertThat(detached.err()).contains("--detach goes with a temporal runner entry");
        Cli cancel = client(project, "runs", "cancel", "r-none");
        assertThat(cancel.exitCode()).isEqualTo(1);
        assertThat(cancel.err()).contains("Run r-none is not a distributed run");
    }
}

package io.sluice.launch.checks;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.journal.JournalStore;
import io.sluice.launch.LaunchRefusedException;
import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherCatalog;
import io.sluice.launch.LauncherConfig;
import io.sluice.launch.LauncherType;
import io.sluice.launch.StopSignal;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.session.TestProject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksLauncherTest {

    /** What launchers of the type {@code checks_fake_env} see as the environment; the real one is never read. */
    static final Map<String, String> FAKE_ENV = fakeEnv();

    private static Map<String, String> fakeEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("DATABASE_URL", "postgres://user:s3cret@db/prod");
        env.put("EMPTY_ONE", "");
        return Map.copyOf(env);
    }

    /** The checks launcher over {@link #FAKE_ENV}, registered in the test resources' META-INF/services. */
    public static final class FakeEnvChecks implements LauncherType<ChecksConfig> {
        private final ChecksType checks = new ChecksType(FAKE_ENV);

        @Override
        public String name() {
            return "checks_fake_env";
        }

        @Override
        public Class<ChecksConfig> configType() {
            return checks.configType();
        }

        @Override
        public ChecksConfig defaults() {
            return checks.defaults();
        }

        @Override
        public Launcher create(LauncherConfig<ChecksConfig> config) {
            return checks.create(config);
        }
    }

    /** An after hook with arguments: appends the outcome to a file. */
    public static final class WriteOutcome implements AfterRun {
        public record Args(String file, String label) {
        }

        private final Args args;

        public WriteOutcome(Args args) {
            this.args = args;
        }

        @Override
        public void afterRun(RunOutcome outcome) throws IOException {
            Files.writeString(Path.of(args.file()), args.label() + " " + outcome.launcher() + " " + outcome.state()
                    + " " + outcome.runIds() + " " + outcome.runs().size() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** An after hook that always fails. */
    public static final class Broken implements AfterRun {
        @Override
        public void afterRun(RunOutcome outcome) {
            throw new IllegalStateException("the notification service is down");
        }
    }

    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();

    static int times(int x, int factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("negative factor " + factor);
        }
        return x * factor;
    }

    private Session session(String runners) {
        TestProject.write(dir, Map.of(
                "conf/base/runners.yml", runners,
                "conf/base/parameters.yml", "factor: 2\n",
                "conf/base/catalog.yml", """
                        x: {type: json, filepath: data/x.json}
                        y: {type: json, filepath: data/y.json}
                        """,
                "data/x.json", "5\n"));
        Pipeline p = Pipeline.of(node(ChecksLauncherTest::times).inputs("x", "params:factor").outputs("y")
                .name("multiply"));
        return Session.compile(TestProject.of(p), new SessionOptions(dir, "local", Map.of()));
    }

    private List<RunResult> launch(Session s, String runner) throws Exception {
        return launch(s, RunSpec.builder().runner(runner).build());
    }

    private List<RunResult> launch(Session s, RunSpec spec) throws Exception {
        return LauncherCatalog.of(s).launch(s, spec, Injected.NONE, new PrintWriter(printed, true), new StopSignal());
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Test", "-c",
                "user.email=test@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", List.of(args), out).isZero();
    }

    private void commitAll() throws Exception {
        Files.writeString(dir.resolve(".gitignore"), ".sluice/\ndata/y.json\n");
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "project");
    }

    private boolean ran() throws IOException {
        return Files.exists(dir.resolve("data/y.json")) || !new JournalStore(dir).list().isEmpty();
    }

    @Test
    void everyCheckKindPassingLetsTheWrappedRunRun() throws Exception {
        try (Session s = session("""
                guarded:
                  launcher: checks_fake_env
                  wraps: default
                  before:
                    - git_clean: true
                    - env: [DATABASE_URL]
                    - command: [sh, -c, 'test -f data/x.json']
                      timeout: 10s
                    - datasets_exist: [x]
                """)) {
            commitAll();

            List<RunResult> runs = launch(s, "guarded");

            assertThat(runs).singleElement().satisfies(r ->
                    assertThat(new JournalStore(dir).read(r.runId()).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED));
            assertThat(Files.readString(dir.resolve("data/y.json")).strip()).isEqualTo("10");
            assertThat(printed.toString()).contains("Checks of guarded passed: git_clean, env, command, datasets_exist.");
        }
    }

    @Test
    void everyFailingCheckIsListedTogetherWithTheFixAndNothingRuns() throws Exception {
        try (Session s = session("""
                guarded:
                  launcher: checks_fake_env
                  before:
                    - git_clean: true
                    - env: [DATABASE_URL, API_TOKEN, EMPTY_ONE]
                    - command: [sh, -c, 'echo checking schema; echo column id is missing >&2; exit 3']
                    - datasets_exist: [y, compnies, x]
                  after:
                    - command: [sh, -c, 'echo after > after.txt']
                      when: always
                """)) {
            Throwable thrown = catchThrowable(() -> launch(s, "guarded"));

            assertThat(thrown).isInstanceOf(LaunchRefusedException.class)
                    .hasMessageContaining("Launcher 'guarded' refused to run: 4 of 4 checks failed. Nothing ran.")
                    .hasMessageContaining("git_clean: the project directory " + dir + " is not in a git repository")
                    .hasMessageContaining("Run 'git init'")
                    .hasMessageContaining("env: environment variables API_TOKEN, EMPTY_ONE are not set (or empty)")
                    .hasMessageContaining("command: [sh, -c, echo checking schema; echo column id is missing >&2; "
                            + "exit 3] exited with 3; last lines of output:\n      checking schema\n      column id "
                            + "is missing")
                    .hasMessageContaining("datasets_exist: 'y' does not exist; 'compnies' is not a dataset of the "
                            + "catalog.");
            assertThat(thrown.getMessage()).as("values are never shown").doesNotContain("s3cret")
                    .doesNotContain("DATABASE_URL").doesNotContain("'x'");
            assertThat(ran()).as("no run, no journal, no output").isFalse();
            assertThat(dir.resolve("after.txt")).as("no after-action after a refusal").doesNotExist();
        }
    }

    @Test
    void gitCleanNamesTheUncommittedFilesUpToTen() throws Exception {
        try (Session s = session("guarded: {launcher: checks_fake_env, before: [{git_clean: true}]}\n")) {
            commitAll();
            Files.writeString(dir.resolve("conf/base/parameters.yml"), "factor: 3\n");
            for (int i = 1; i <= 11; i++) {
                Files.writeString(dir.resolve(String.format("new%02d.txt", i)), "x");
            }

            assertThatThrownBy(() -> launch(s, "guarded"))
                    .isInstanceOf(LaunchRefusedException.class)
                    .hasMessageContaining("git_clean: 12 uncommitted changes in the project:")
                    .hasMessageContaining(" M conf/base/parameters.yml")
                    .hasMessageContaining("?? new09.txt")
                    .hasMessageContaining("... and 2 more")
                    .hasMessageContaining("Fix: Commit them");
            assertThat(ran()).isFalse();
        }
    }

    @Test
    void gitCleanSaysWhenGitCannotRun() {
        Check.Context context = new Check.Context(dir, null, FAKE_ENV);

        assertThat(new Check.GitClean(true).verify(context, "/nonexistent/bin/git")).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo("git_clean");
            assertThat(f.found()).startsWith("git could not be run (");
            assertThat(f.fix()).isEqualTo("Install git and put it on the PATH, or remove the git_clean check.");
        });
        assertThat(new Check.GitClean(false).verify(context)).as("git_clean: false checks nothing").isEmpty();
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        try (Session s = session("""
                guarded:
                  launcher: checks_fake_env
                  before:
                    - command: [sh, -c, 'echo started; sleep 60 & echo $! > sleeper.pid; wait']
                      timeout: 300ms
                """)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> launch(s, "guarded"))
                    .isInstanceOf(LaunchRefusedException.class)
                    .hasMessageContaining("did not end within 300ms and was killed with its child processes")
                    .hasMessageContaining("started")
                    .hasMessageContaining("Fix: Make it faster or raise the check's 'timeout'.");

            assertThat(System.nanoTime() - start).as("bounded by the timeout, not the sleep")
                    .isLessThan(TimeUnit.SECONDS.toNanos(20));
            long sleeper = Long.parseLong(Files.readString(dir.resolve("sleeper.pid")).strip());
            ProcessHandle.of(sleeper).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
            assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(ran()).isFalse();
        }
    }

    @Test
    void aCommandThatCannotStartSaysSo() throws Exception {
        try (Session s = session("guarded: {launcher: checks_fake_env, before: [{command: [bin/validate.sh]}]}\n")) {
            assertThatThrownBy(() -> launch(s, "guarded"))
                    .isInstanceOf(LaunchRefusedException.class)
                    .hasMessageContaining("command: [bin/validate.sh] could not start")
                    .hasMessageContaining("a relative one is resolved in the project directory");
        }
    }

    private String afterActions() {
        return """
            guarded:
              launcher: checks_fake_env
              after:
                - command: [sh, -c, 'echo "always $SLUICE_RUN_STATE $SLUICE_RUN_ID $SLUICE_PIPELINE $SLUICE_ENV $SLUICE_LAUNCHER" >> after.txt']
                  when: always
                - command: [sh, -c, 'echo "success $SLUICE_RUN_STATE $SLUICE_RUN_ID" >> after.txt']
                - command: [sh, -c, 'echo "failure $SLUICE_RUN_STATE $SLUICE_RUN_ID" >> after.txt; env | grep -c s3cret >> after.txt']
                  when: failure
                - hook: io.sluice.launch.checks.ChecksLauncherTest$WriteOutcome
                  args: {file: HOOK_FILE, label: told}
                  when: always
            """.replace("HOOK_FILE", "'" + dir.resolve("hook.txt") + "'");
    }

    @Test
    void afterASuccessTheAlwaysAndSuccessActionsRunWithTheOutcomeInTheirEnvironment() throws Exception {
        try (Session s = session(afterActions())) {
            List<RunResult> runs = launch(s, "guarded");

            String id = runs.get(0).runId();
            assertThat(Files.readAllLines(dir.resolve("after.txt"))).containsExactly(
                    "always succeeded " + id + " __default__ local guarded",
                    "success succeeded " + id);
            assertThat(Files.readString(dir.resolve("hook.txt"))).isEqualTo("told guarded succeeded [" + id + "] 1\n");
            assertThat(LauncherCatalog.of(s).find("guarded").describe().get("config").toString())
                    .as("runners describe shows the hook and its args as written")
                    .contains("hook=io.sluice.launch.checks.ChecksLauncherTest$WriteOutcome",
                            "args={file=" + dir.resolve("hook.txt") + ", label=told}", "when=always");
        }
    }

    @Test
    void afterAFailedRunTheAlwaysAndFailureActionsRunAndTheRunsErrorIsThrown() throws Exception {
        try (Session s = session(afterActions())) {
            Throwable thrown = catchThrowable(() -> launch(s, RunSpec.builder().runner("guarded")
                    .param("factor", -1).build()));

            assertThat(thrown).isInstanceOf(RunFailedException.class).hasMessageContaining("negative factor");
            String id = ((RunFailedException) thrown).runId();
            assertThat(Files.readAllLines(dir.resolve("after.txt"))).containsExactly(
                    "always failed " + id + " __default__ local guarded",
                    "failure failed " + id,
                    "1");
            assertThat(Files.readString(dir.resolve("hook.txt"))).isEqualTo("told guarded failed [" + id + "] 0\n");
            assertThat(thrown.getSuppressed()).isEmpty();
        }
    }

    @Test
    void aFailingAfterActionIsReportedButTheRunsOutcomeStays() throws Exception {
        try (Session s = session("""
                guarded:
                  launcher: checks_fake_env
                  after:
                    - command: [sh, -c, 'echo cannot reach chat >&2; exit 7']
                    - hook: io.sluice.launch.checks.ChecksLauncherTest$Broken
                    - command: [sh, -c, 'echo still ran > after.txt']
                """)) {
            Throwable thrown = catchThrowable(() -> launch(s, "guarded"));

            assertThat(thrown).isInstanceOf(AfterActionFailedException.class)
                    .hasMessageContaining("succeeded, but 2 after-actions failed")
                    .hasMessageContaining("command [sh, -c, echo cannot reach chat >&2; exit 7] exited with 7")
                    .hasMessageContaining("cannot reach chat")
                    .hasMessageContaining("hook io.sluice.launch.checks.ChecksLauncherTest$Broken failed: "
                            + "java.lang.IllegalStateException: the notification service is down");
            assertThat(thrown.getSuppressed()).hasSize(2);
            assertThat(dir.resolve("after.txt")).as("the actions after a failed one still run").exists();
            RunJournal journal = new JournalStore(dir).list().get(0);
            assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(thrown.getMessage()).contains(journal.runId());
            assertThat(Files.readString(dir.resolve("data/y.json")).strip()).isEqualTo("10");
        }
    }

    @Test
    void whenTheRunFailedTheAfterActionFailuresAreSuppressedOnTheRunsError() throws Exception {
        try (Session s = session("""
                guarded:
                  launcher: checks_fake_env
                  after: [{command: ['/bin/sh', -c, 'exit 4'], when: failure}]
                """)) {
            Throwable thrown = catchThrowable(() -> launch(s, RunSpec.builder().runner("guarded")
                    .param("factor", -1).build()));

            assertThat(thrown).isInstanceOf(RunFailedException.class);
            assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(AfterActionFailedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("exited with 4"));
            assertThat(new JournalStore(dir).list().get(0).state()).isEqualTo(RunState.FAILED);
        }
    }

    @Test
    void theBuiltInChecksTypeIsRegisteredAndReadsTheProcessEnvironment() throws Exception {
        try (Session s = session("guarded: {launcher: checks, before: [{command: ['/bin/sh', -c, 'exit 0']}]}\n")) {
            assertThat(LauncherCatalog.of(s).find("guarded").type()).isEqualTo("checks");
            assertThat(launch(s, "guarded")).hasSize(1);
        }
    }

    @Test
    void badEntriesAreReportedAtTheirLineWithTheFix() {
        try (Session s = session("""
                g1:
                  launcher: checks
                  before:
                    - git_clen: true
                g2:
                  launcher: checks
                  before:
                    - env: [A]
                      command: [x]
                g3:
                  launcher: checks
                  before:
                    - command: []
                g4:
                  launcher: checks
                  after:
                    - command: [bin/notify.sh]
                      when: allways
                g5:
                  launcher: checks
                  after:
                    - hook: com.acme.NoSuchNotify
                g6:
                  launcher: checks
                  after:
                    - hook: io.sluice.launch.checks.ChecksLauncherTest$WriteOutcome
                      args: {file: x, lable: y}
                g7:
                  launcher: checks
                g8:
                  launcher: checks
                  before:
                    - git_clean: true
                      timeout: 5s
                """)) {
            Throwable thrown = catchThrowable(() -> LauncherCatalog.of(s));
            assertThat(thrown).hasMessageContaining("runners.yml:4:7: unknown key 'git_clen'")
                    .hasMessageContaining("Did you mean 'git_clean'?")
                    .hasMessageContaining("runners.yml:8:7:")
                    .hasMessageContaining("2 check kinds (env, command). Write each check as its own list item")
                    .hasMessageContaining("runners.yml:13:7:")
                    .hasMessageContaining("command is empty")
                    .hasMessageContaining("runners.yml:18:13:")
                    .hasMessageContaining("always, success or failure")
                    .hasMessageContaining("runners.yml:22:13: launcher 'g5' (checks) has the after hook "
                            + "'com.acme.NoSuchNotify', but no class of that name is on the class path")
                    .hasMessageContaining("runners.yml:27:23: unknown key 'lable' in after hook of launcher 'g6' (type "
                            + "io.sluice.launch.checks.ChecksLauncherTest$WriteOutcome). Known keys: file, label. Did you "
                            + "mean 'label'?")
                    .hasMessageContaining("runners.yml:28:1: launcher 'g7' (checks) has neither 'before' nor 'after'")
                    .hasMessageContaining("runners.yml:33:7:")
                    .hasMessageContaining("'timeout' applies to a command check only");
        }
    }
}

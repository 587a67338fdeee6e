package io.sluice.launch;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.runner.RunnerConfigException;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.session.TestProject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherCatalogTest {

    @TempDir
    Path dir;

    /** A launcher type contributed through META-INF/services (test resources): runs the spec {@code times} times. */
    public static final class RepeatType implements LauncherType<RepeatType.Args> {
        public record Args(int times, String label) {
        }

        @Override
        public String name() {
            return "repeat";
        }

        @Override
        public Class<Args> configType() {
            return Args.class;
        }

        @Override
        public Args defaults() {
            return new Args(2, "again");
        }

        @Override
        public Launcher create(LauncherConfig<Args> config) {
            if (config.args().times() < 1) {
                throw new RunnerConfigException(config.location() + ": launcher '" + config.name()
                        + "': times must be 1 or more.");
            }
            return launch -> {
                List<RunResult> runs = new ArrayList<>();
                for (int i = 0; i < config.args().times(); i++) {
                    runs.addAll(launch.proceed(launch.spec().withRunId(null)));
                    launch.out().println(config.args().label() + " " + (i + 1));
                }
                return runs;
            };
        }
    }

    /** A launcher class named by its fully qualified name, with a record of arguments: adds a parameter. */
    public static final class WithParam implements Launcher {
        public record Args(String path, int value, Optional<String> note) {
        }

        final Args args;

        public WithParam(Args args) {
            this.args = args;
        }

        @Override
        public List<RunResult> launch(Launch launch) throws Exception {
            return launch.proceed(launch.spec().toBuilder().param(args.path(), args.value()).build());
        }
    }

    static int times(int x, int factor) {
        return x * factor;
    }

    private final StringWriter printed = new StringWriter();

    private Session session(String runners) {
        TestProject.write(dir, Map.of("conf/base/runners.yml", runners,
                "conf/base/parameters.yml", "factor: 2\n"));
        Pipeline p = Pipeline.of(node(LauncherCatalogTest::times).inputs("x", "params:factor").outputs("y")
                .name("multiply"));
        return Session.compile(TestProject.of(p), new SessionOptions(dir, "local", Map.of()));
    }

    private List<RunResult> launch(Session s, LauncherCatalog launchers, String runner) throws Exception {
        RunSpec spec = RunSpec.builder(RunSpec.DEFAULT_PIPELINE).runner(runner).outputs("y").build();
        return launchers.launch(s, spec, Injected.input("x", 5), new PrintWriter(printed, true), new StopSignal());
    }

    @Test
    void aLauncherTypeFromTheClassPathRunsTheSpecThroughTheRunnerItWraps() throws Exception {
        try (Session s = session("""
                wide: {type: parallel, max_workers: 2}
                thrice:
                  launcher: repeat
                  wraps: wide
                  times: 3
                """)) {
            LauncherCatalog launchers = LauncherCatalog.of(s);
            List<RunResult> runs = launch(s, launchers, "thrice");
            assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.outputs()).containsEntry("y", 10));
            assertThat(runs).extracting(RunResult::runId).doesNotHaveDuplicates();
            assertThat(printed.toString()).contains("again 1", "again 2", "again 3");
            RunJournal journal = new JournalStore(dir).read(runs.get(0).runId()).orElseThrow();
            assertThat(journal.parts().get(0).runner()).as("the runs use the wrapped runner").isEqualTo("wide");
            assertThat(launchers.find("thrice").describe()).containsEntry("wraps", "wide")
                    .containsEntry("launcher", "repeat")
                    .containsEntry("config", Map.of("times", 3, "label", "again"));
            assertThat(launchers.find("thrice").declaredAt()).endsWith("runners.yml:2:1");
        }
    }

    @Test
    void launchersComposeAndTheChainEndsAtOneRunner() throws Exception {
        try (Session s = session("""
                wide: {type: parallel, max_workers: 2}
                doubled:
                  launcher: repeat
                  wraps: tripled_factor
                tripled_factor:
                  launcher: io.sluice.launch.LauncherCatalogTest$WithParam
                  wraps: wide
                  path: factor
                  value: 3
                """)) {
            LauncherCatalog launchers = LauncherCatalog.of(s);
            List<RunResult> runs = launch(s, launchers, "doubled");
            assertThat(runs).hasSize(2).allSatisfy(r -> assertThat(r.outputs()).containsEntry("y", 15));
            assertThat(launchers.runnerOf("doubled")).isEqualTo("wide");
            assertThat(launchers.find("tripled_factor").args()).isEqualTo(new WithParam.Args("factor", 3,
                    Optional.empty()));
        }
    }

    @Test
    void aRunnerNameRunsOnceAndWithoutLaunchersNothingIsScanned() throws Exception {
        try (Session s = session("wide: {type: parallel, max_workers: 2}\n")) {
            LauncherCatalog launchers = LauncherCatalog.of(s);
            assertThat(launchers.entries()).isEmpty();
            assertThat(launch(s, launchers, "wide")).singleElement()
                    .satisfies(r -> assertThat(r.outputs()).containsEntry("y", 10));
        }
    }

    @Test
    void aLauncherWithoutWrapsUsesTheDefaultRunnerNeverADefaultLauncher() throws Exception {
        try (Session s = session("""
                wide: {type: parallel, max_workers: 2}
                default: wide_default
                """.replace("wide_default", "{type: parallel, max_workers: 3}") + "other: {launcher: repeat}\n")) {
            assertThat(LauncherCatalog.of(s).find("other").wraps()).isEqualTo("default");
        }
        try (Session s = session("""
                default: {launcher: repeat, times: 1}
                other: {launcher: repeat}
                """)) {
            LauncherCatalog launchers = LauncherCatalog.of(s);
            assertThat(launchers.find("default").wraps()).isEqualTo("sequential");
            assertThat(launchers.find("other").wraps()).as("not the default launcher: no surprise repetition")
                    .isEqualTo("sequential");
            assertThat(launch(s, launchers, RunSpec.DEFAULT_RUNNER)).as("a run without --runner uses it").hasSize(1);
            assertThat(launch(s, launchers, "other")).hasSize(2);
        }
    }

    @Test
    void sessionRunRefusesALauncherNameAndSaysHowToLaunchIt() {
        try (Session s = session("thrice: {launcher: repeat, times: 3}\n")) {
            assertThatThrownBy(() -> s.run(RunSpec.builder().runner("thrice").build(), Injected.input("x", 1)))
                    .isInstanceOf(RunnerConfigException.class)
                    .hasMessageContaining("'thrice' is a run launcher")
                    .hasMessageContaining("sluice run --runner thrice");
        }
    }

    @Test
    void aLauncherChainThatComesBackToItselfIsRefusedWithTheLoop() {
        try (Session s = session("""
                a: {launcher: repeat, wraps: b}
                b: {launcher: repeat, wraps: a}
                """)) {
            assertThatThrownBy(() -> LauncherCatalog.of(s))
                    .isInstanceOf(RunnerConfigException.class)
                    .hasMessageContaining("runners.yml:1:1: launcher 'a' wraps itself, through a -> b -> a")
                    .hasMessageContaining("runners.yml:2:1: launcher 'b' wraps itself, through b -> a -> b");
        }
    }

    @Test
    void everyWrongLauncherEntryIsReportedAtItsPlaceWithTheFix() {
        try (Session s = session("""
                wide: {type: parallel}
                w1: {launcher: repeat, wraps: wdie}
                w2: {launcher: repeet}
                w3: {launcher: repeat, tims: 3}
                w4: {launcher: repeat, times: 0}
                w5: {launcher: io.sluice.launch.NoSuchLauncher}
                w6: {launcher: io.sluice.launch.LauncherCatalogTest$WithParam, path: factor}
                """)) {
            assertThatThrownBy(() -> LauncherCatalog.of(s))
                    .isInstanceOf(RunnerConfigException.class)
                    .hasMessageContaining("runners.yml:2:1: launcher 'w1' wraps 'wdie', which is no runner or launcher "
                            + "entry. Did you mean 'wide'?")
                    .hasMessageContaining("runners.yml:3:6: launcher 'w2' has type 'repeet', which is not a known "
                            + "launcher type. Did you mean 'repeat'?")
                    .hasMessageContaining("runners.yml:4:24: unknown key 'tims'")
                    .hasMessageContaining("tims")
                    .hasMessageContaining("times must be 1 or more")
                    .hasMessageContaining("no class of that name is on the class path")
                    .hasMessageContaining("value");
        }
    }

    @Test
    void aLauncherWrittenAsARunnerTypeOrARunnerThatWrapsIsRefusedWithTheRightSpelling() {
        assertThatThrownBy(() -> session("tuning: {type: sweep}\n"))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("'sweep' is a run launcher: write 'launcher: sweep' instead of 'type: sweep'");
        assertThatThrownBy(() -> session("fast: {type: parallel, wraps: sequential}\n"))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:1:24: runner 'fast' (type parallel) has 'wraps', but only a run "
                        + "launcher wraps another entry");
        assertThatThrownBy(() -> session("both: {type: parallel, launcher: repeat}\n"))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("entry 'both' has both 'type' (a runner) and 'launcher'");
    }

    @Test
    void aRunPlaceholderInALauncherIsRefusedSinceItIsBuiltOnce() {
        try (Session s = session("r: {launcher: repeat, label: '${run:id}'}\n")) {
            assertThatThrownBy(() -> LauncherCatalog.of(s))
                    .isInstanceOf(RunnerConfigException.class)
                    .hasMessageContaining("launcher 'r' uses a ${run:...} placeholder");
        }
    }
}

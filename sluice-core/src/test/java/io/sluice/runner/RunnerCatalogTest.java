package io.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerCatalogTest {

    @TempDir
    Path dir;

    /** A runner type contributed through META-INF/services (test resources). */
    public static final class ReversedType implements RunnerType<ReversedType.Label> {
        public record Label(String label) {
        }

        @Override
        public String name() {
            return "labelled";
        }

        @Override
        public Class<Label> configType() {
            return Label.class;
        }

        @Override
        public Label defaults() {
            return new Label("unnamed");
        }

        @Override
        public Runner create(RunnerConfig<Label> config) {
            SequentialRunner inner = new SequentialRunner();
            String label = config.args().label();
            return new Runner() {
                @Override
                public void run(Schedule schedule, NodeTask task) throws NodeFailedException {
                    inner.run(schedule, task);
                }

                @Override
                public String name() {
                    return label;
                }
            };
        }
    }

    /** A runner class named by its fully qualified name, with a record of arguments. */
    public static final class ChunkedRunner implements Runner {
        public record Args(int chunk, Duration pause, List<String> hosts, Optional<String> note) {
        }

        final Args args;

        public ChunkedRunner(Args args) {
            this.args = args;
        }

        @Override
        public void run(Schedule schedule, NodeTask task) throws NodeFailedException {
            new SequentialRunner().run(schedule, task);
        }
    }

    /** A runner class without arguments. */
    public static final class PlainRunner implements Runner {
        @Override
        public void run(Schedule schedule, NodeTask task) {
        }
    }

    /** A runner class that needs credentials: its record has a {@code credentials} component. */
    public static final class ClusterRunner implements Runner {
        public record Args(String cluster, Map<String, String> credentials) {
        }

        final Args args;

        public ClusterRunner(Args args) {
            this.args = args;
        }

        @Override
        public void run(Schedule schedule, NodeTask task) throws NodeFailedException {
            new SequentialRunner().run(schedule, task);
        }
    }

    @Test
    void anEntrysCredentialsBindFromCredentialsYmlAndAreMaskedInItsDescription() throws IOException {
        Files.createDirectories(dir.resolve("conf/local"));
        Files.writeString(dir.resolve("conf/local/credentials.yml"), "cluster_login: {token: s3cr3t-t0ken}\n");
        Files.createDirectories(dir.resolve("conf/base"));
        Files.writeString(dir.resolve("conf/base/runners.yml"), """
                remote: {type: io.sluice.runner.RunnerCatalogTest$ClusterRunner, cluster: prod, credentials: cluster_login}
                """);
        ProjectConfig config = ConfigLoader.load(dir, "local", Map.of());
        try (RunnerCatalog runners = RunnerCatalog.fromConfig(config.get(RunnerCatalog.KIND), config.credentials(),
                getClass().getClassLoader())) {
            ClusterRunner r = (ClusterRunner) runners.entry("remote").runner();
            assertThat(r.args.credentials()).containsEntry("token", "s3cr3t-t0ken");
            assertThat(runners.entry("remote").describe().toString()).doesNotContain("s3cr3t")
                    .contains("credentials={token=****}");
        }
        Files.writeString(dir.resolve("conf/base/runners.yml"), """
                remote: {type: io.sluice.runner.RunnerCatalogTest$ClusterRunner, cluster: prod, credentials: clustr_login}
                """);
        ProjectConfig wrong = ConfigLoader.load(dir, "local", Map.of());
        assertThatThrownBy(() -> RunnerCatalog.fromConfig(wrong.get(RunnerCatalog.KIND), wrong.credentials(),
                getClass().getClassLoader()))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runner 'remote' uses credentials 'clustr_login', which are not defined in")
                .hasMessageContaining("Did you mean 'cluster_login'?")
                .hasMessageNotContaining("s3cr3t");
    }

    private RunnerCatalog load(String base) throws IOException {
        return load(base, null);
    }

    private RunnerCatalog load(String base, String local) throws IOException {
        Files.createDirectories(dir.resolve("conf/base"));
        Files.createDirectories(dir.resolve("conf/local"));
        Files.writeString(dir.resolve("conf/base/runners.yml"), base);
        if (local != null) {
            Files.writeString(dir.resolve("conf/local/runners.yml"), local);
        }
        ProjectConfig config = ConfigLoader.load(dir, "local", Map.of());
        return RunnerCatalog.fromConfig(config.get(RunnerCatalog.KIND), getClass().getClassLoader());
    }

    @Test
    void buildsEachBuiltInTypeFromYamlWithItsArguments() throws IOException {
        try (RunnerCatalog runners = load("""
                default:
                  type: sequential
                wide:
                  type: parallel
                  max_workers: 3
                """)) {
            assertThat(runners.entry("default").runner()).isInstanceOf(SequentialRunner.class);
            assertThat(runners.entry("wide").runner()).isInstanceOfSatisfying(ParallelRunner.class,
                    p -> assertThat(p.maxWorkers()).isEqualTo(3));
            assertThat(runners.entry("wide").declaredAt()).endsWith("runners.yml:3:1");
            assertThat(runners.entry("wide").describe()).containsEntry("config", Map.of("max_workers", 3));
        }
    }

    @Test
    void keepsTheBuiltInEntriesWhenNotDeclared() throws IOException {
        try (RunnerCatalog runners = load("wide: {type: parallel, max_workers: 2}\n")) {
            assertThat(runners.names()).containsExactly("default", "parallel", "sequential", "wide");
            assertThat(runners.entry("default").runner()).isInstanceOf(SequentialRunner.class);
            assertThat(runners.entry("parallel").declaredAt()).isEqualTo(RunnerEntry.BUILT_IN);
        }
    }

    @Test
    void anEnvironmentOverridesAnEntryOfBase() throws IOException {
        try (RunnerCatalog runners = load("wide: {type: parallel, max_workers: 2}\n",
                "wide: {type: parallel, max_workers: 6}\n")) {
            assertThat(((ParallelRunner) runners.entry("wide").runner()).maxWorkers()).isEqualTo(6);
        }
    }

    @Test
    void interpolatesArgumentsLikeEveryConfigFile() throws IOException {
        Files.createDirectories(dir.resolve("conf/base"));
        Files.writeString(dir.resolve("conf/base/globals.yml"), "workers: 5\n");
        try (RunnerCatalog runners = load("wide: {type: parallel, max_workers: '${globals:workers}'}\n")) {
            assertThat(((ParallelRunner) runners.entry("wide").runner()).maxWorkers()).isEqualTo(5);
        }
    }

    @Test
    void aRegisteredRunnerTypeIsFoundByItsShortName() throws IOException {
        try (RunnerCatalog runners = load("tagged: {type: labelled, label: nightly}\n")) {
            assertThat(runners.entry("tagged").runner().name()).isEqualTo("nightly");
            assertThat(runners.entry("tagged").describe()).containsEntry("config", Map.of("label", "nightly"));
        }
    }

    @Test
    void aRunnerClassGetsItsArgumentsBoundToTheRecordItsConstructorTakes() throws IOException {
        try (RunnerCatalog runners = load("""
                chunked:
                  type: io.sluice.runner.RunnerCatalogTest$ChunkedRunner
                  chunk: 4
                  pause: 250ms
                  hosts: [a, b]
                """)) {
            ChunkedRunner r = (ChunkedRunner) runners.entry("chunked").runner();
            assertThat(r.args).isEqualTo(new ChunkedRunner.Args(4, Duration.ofMillis(250), List.of("a", "b"),
                    Optional.empty()));
        }
    }

    @Test
    void anUnknownKeyIsReportedAtItsLineWithTheClosestKey() throws IOException {
        assertThatThrownBy(() -> load("""
                wide:
                  type: parallel
                  max_worker: 4
                """))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:3:3")
                .hasMessageContaining("unknown key 'max_worker'")
                .hasMessageContaining("Did you mean 'max_workers'?");
    }

    @Test
    void aRunPlaceholderIsRefusedAtItsLineSinceARunnerServesEveryRun() {
        assertThatThrownBy(() -> load("""
                wide:
                  type: parallel
                  max_workers: ${run:workers}
                """))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:3:16: runner 'wide' uses a ${run:...} placeholder")
                .hasMessageContaining("Use ${runtime_params:...} or ${env:...}");
    }

    @Test
    void aValueOfTheWrongTypeIsReportedAtItsLine() throws IOException {
        assertThatThrownBy(() -> load("""
                chunked:
                  type: io.sluice.runner.RunnerCatalogTest$ChunkedRunner
                  chunk: many
                  pause: 1s
                """))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:3:")
                .hasMessageContaining("chunk");
    }

    @Test
    void anUnknownTypeIsReportedWithTheClosestTypeAndTheKnownOnes() throws IOException {
        assertThatThrownBy(() -> load("fast: {type: paralel}\n"))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:1:")
                .hasMessageContaining("Did you mean 'parallel'?")
                .hasMessageContaining("Known types: labelled, parallel, sequential");
    }

    @Test
    void aMissingRunnerClassAndAClassThatIsNoRunnerAreReported() throws IOException {
        assertThatThrownBy(() -> load("a: {type: com.acme.NoSuchRunner}\nb: {type: java.lang.String}\n"))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:1:")
                .hasMessageContaining("no class of that name")
                .hasMessageContaining("runners.yml:2:")
                .hasMessageContaining("does not implement io.sluice.runner.Runner");
    }

    @Test
    void aRunnerClassWithoutArgumentsRefusesKeys() throws IOException {
        assertThatThrownBy(() -> load("""
                plain:
                  type: io.sluice.runner.RunnerCatalogTest$PlainRunner
                  speed: 3
                """))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:3:3")
                .hasMessageContaining("unknown key 'speed'");
    }

    @Test
    void anUnknownRunnerNameListsTheEntriesWithTheClosestOne() throws IOException {
        try (RunnerCatalog runners = load("parallel4: {type: parallel, max_workers: 4}\n")) {
            assertThatThrownBy(() -> runners.entry("paralel4"))
                    .isInstanceOf(RunnerConfigException.class)
                    .hasMessageContaining("Unknown runner 'paralel4'")
                    .hasMessageContaining("Did you mean 'parallel4'?")
                    .hasMessageContaining("default, parallel, parallel4, sequential");
        }
    }

    @Test
    void bindsRetryAndTimeoutRules() throws IOException {
        try (RunnerCatalog runners = load("""
                default:
                  type: sequential
                  retry: [{nodes: [fetch_prices], tags: [flaky], max_attempts: 3, initial_backoff: 200ms, max_backoff: 5s, jitter: 0.2}]
                  timeout: [{tags: [slow], after: 30s}]
                """)) {
            RunPolicy policy = runners.entry("default").policy();
            assertThat(policy.retry()).singleElement().satisfies(r -> {
                assertThat(r.nodes()).containsExactly("fetch_prices");
                assertThat(r.maxAttempts()).contains(3);
                assertThat(r.initialBackoff()).contains(Duration.ofMillis(200));
                assertThat(r.jitter()).contains(0.2);
            });
            assertThat(policy.timeout()).singleElement().satisfies(t -> assertThat(t.after())
                    .isEqualTo(Duration.ofSeconds(30)));
            assertThat(runners.entry("default").describe()).containsKeys("retry", "timeout");
        }
    }

    @Test
    void aWrongRuleIsReportedAtItsLine() throws IOException {
        assertThatThrownBy(() -> load("""
                default:
                  type: sequential
                  retry:
                    - {tags: [flaky], max_atempts: 3}
                """))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:4:")
                .hasMessageContaining("Did you mean 'max_attempts'?");
        assertThatThrownBy(() -> load("""
                default:
                  type: sequential
                  retry: [{max_attempts: 3, jitter: 1.5}]
                """))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:3:")
                .hasMessageContaining("jitter must be from 0 to 1");
        assertThatThrownBy(() -> load("""
                default:
                  type: sequential
                  timeout: [{tags: [slow]}]
                """))
                .isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("runners.yml:3:")
                .hasMessageContaining("after");
    }

    @Test
    void aSecondMaxWorkersMakesANewRunnerAndKeepsThePolicy() throws IOException {
        try (RunnerCatalog runners = load("""
                wide:
                  type: parallel
                  max_workers: 2
                  timeout: [{after: 5s}]
                """)) {
            RunnerEntry eight = runners.entry("wide").withMaxWorkers(8);
            assertThat(((ParallelRunner) eight.runner()).maxWorkers()).isEqualTo(8);
            assertThat(eight.policy()).isEqualTo(runners.entry("wide").policy());
            ((ParallelRunner) eight.runner()).close();
        }
    }
}

package io.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineCatalogTest {
    private static final String SECRET = "t0ken-Very-Secret";

    @TempDir
    Path dir;

    private EngineCatalog catalog(String base, String local, String credentials) throws IOException {
        Files.createDirectories(dir.resolve("conf/base"));
        Files.createDirectories(dir.resolve("conf/local"));
        Files.writeString(dir.resolve("conf/base/engines.yml"), base);
        if (local != null) {
            Files.writeString(dir.resolve("conf/local/engines.yml"), local);
        }
        if (credentials != null) {
            Files.writeString(dir.resolve("conf/local/credentials.yml"), credentials);
        }
        ProjectConfig config = ConfigLoader.load(dir, "local", Map.of(), Map.of("LABEL", "from-env"));
        return EngineCatalog.fromConfig(config.get("engines"), config.credentials(), dir, config.env(),
                getClass().getClassLoader());
    }

    private static CountingEngine counting(EngineCatalog catalog, String name) {
        return (CountingEngine) catalog.find(name).orElseThrow();
    }

    @Test
    void anEngineIsBuiltAtCompileButCreatesItsClientOnlyOnFirstUseAndThenKeepsIt() throws IOException {
        try (EngineCatalog catalog = catalog("warehouse:\n  type: counting\nunused:\n  type: counting\n", null,
                null)) {
            CountingEngine warehouse = counting(catalog, "warehouse");
            assertThat(warehouse.creations()).isZero();
            assertThat(warehouse.isCreated()).isFalse();

            CountingEngine.Client first = warehouse.get();
            CountingEngine.Client second = warehouse.get();

            assertThat(second).isSameAs(first);
            assertThat(warehouse.creations()).isEqualTo(1);
            assertThat(counting(catalog, "unused").creations()).isZero();
            assertThat(catalog.created()).containsEntry("warehouse", true).containsEntry("unused", false);
        }
    }

    @Test
    void threadsAskingAtTheSameMomentShareOneClientCreatedOnce() throws Exception {
        try (EngineCatalog catalog = catalog("slow:\n  type: counting\n  create_delay: 100ms\n", null, null)) {
            CountingEngine slow = counting(catalog, "slow");
            int threads = 16;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<CountingEngine.Client>> got = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    got.add(pool.submit(() -> {
                        start.await();
                        return slow.get();
                    }));
                }
                start.countDown();
                Set<CountingEngine.Client> distinct = ConcurrentHashMap.newKeySet();
                for (Future<CountingEngine.Client> f : got) {
                    distinct.add(f.get(10, TimeUnit.SECONDS));
                }
                assertThat(distinct).hasSize(1);
                assertThat(slow.creations()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closingClosesClientsNewestFirstAndLaterUseFailsNamingTheEngine() throws IOException {
        EngineCatalog catalog = catalog("a:\n  type: counting\nb:\n  type: counting\nc:\n  type: counting\n", null,
                null);
        CountingEngine.Client b = counting(catalog, "b").get();
        CountingEngine.Client a = counting(catalog, "a").get();
        CountingEngine.Client c = counting(catalog, "c").get();

        catalog.close();

        assertThat(List.of(a, b, c)).allMatch(CountingEngine.Client::isClosed);
        assertThat(c.closedAt()).isLessThan(a.closedAt());
        assertThat(a.closedAt()).isLessThan(b.closedAt());
        assertThatThrownBy(() -> counting(catalog, "a").get()).isInstanceOf(EngineException.class)
                .hasMessageContaining("engine 'a'").hasMessageContaining("session has ended");
        catalog.close(); // again: nothing
    }

    @Test
    void aCustomEngineIsNamedByItsClassAndReadsEnvInterpolatedOptions() throws IOException {
        try (EngineCatalog catalog = catalog("custom:\n  type: " + CountingEngine.class.getName()
                + "\n  label: ${env:LABEL}\n", null, null)) {
            assertThat(counting(catalog, "custom").get().label()).isEqualTo("from-env");
            assertThat(catalog.find("custom").orElseThrow().config().env()).isEqualTo("local");
        }
    }

    @Test
    void theEnvFileOverridesTheBaseEntry() throws IOException {
        try (EngineCatalog catalog = catalog("w:\n  type: counting\n  label: base\n",
                "w:\n  type: counting\n  label: local\n", null)) {
            assertThat(counting(catalog, "w").get().label()).isEqualTo("local");
        }
    }

    @Test
    void anUnknownOptionIsRefusedAtItsLineWithTheKnownKeysAndTheClosestOne() {
        assertThatThrownBy(() -> catalog("w:\n  type: counting\n  lable: x\n", null, null))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:3:3")
                .hasMessageContaining("unknown key 'lable'")
                .hasMessageContaining("engine 'w'")
                .hasMessageContaining("Did you mean 'label'?");
    }

    @Test
    void aWrongValueIsRefusedAtItsPlace() {
        assertThatThrownBy(() -> catalog("w:\n  type: counting\n  create_delay: soon\n", null, null))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:3")
                .hasMessageContaining("create_delay");
    }

    @Test
    void anUnknownTypeSuggestsTheClosestAndListsTheKnownOnes() {
        assertThatThrownBy(() -> catalog("w:\n  type: countng\n", null, null))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:2:3")
                .hasMessageContaining("engine 'w' has type 'countng'")
                .hasMessageContaining("Did you mean 'counting'?")
                .hasMessageContaining("Known types: counting");
    }

    @Test
    void anEngineTypeOfAModuleThatIsNotOnTheClassPathNamesTheModuleToAdd() {
        assertThatThrownBy(() -> catalog("warehouse:\n  type: jdbc\n", null, null))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:2:3: engine 'warehouse' has type 'jdbc', which needs"
                        + " io.sluice:sluice-duckdb; add it to pom.xml");
        assertThatThrownBy(() -> catalog("lake:\n  type: s3\n", null, null))
                .hasMessageContaining("engine 'lake' has type 's3', which needs io.sluice:sluice-s3;");
    }

    @Test
    void aPerRunPlaceholderIsRefusedSinceAnEngineServesEveryRun() {
        assertThatThrownBy(() -> catalog("w:\n  type: counting\n  label: ${run:customer}\n", null, null))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:3:10")
                .hasMessageContaining("${run:...}");
    }

    @Test
    void everyWrongEntryIsReportedAtOnce() {
        assertThatThrownBy(() -> catalog("a:\n  type: nope\nb:\n  label: x\nc: 3\n", null, null))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("engine 'a' has type 'nope'")
                .hasMessageContaining("engine 'b' has no 'type'")
                .hasMessageContaining("engine 'c' must be a mapping");
    }

    @Test
    void missingCredentialsNameTheEntryTheFileAndTheFix() {
        assertThatThrownBy(() -> catalog("w:\n  type: counting\n  credentials: wh_login\n", null,
                "wh_logon:\n  token: x\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:3:3")
                .hasMessageContaining("engine 'w' uses credentials 'wh_login'")
                .hasMessageContaining("Did you mean 'wh_logon'?")
                .hasMessageContaining("conf/local/credentials.yml");
    }

    @Test
    void describeShowsOptionsButMasksCredentials() throws IOException {
        try (EngineCatalog catalog = catalog("w:\n  type: counting\n  label: l\n  credentials: login\n", null,
                "login:\n  token: " + SECRET + "\n")) {
            Map<String, Object> shown = catalog.describe("w");
            assertThat(shown).containsEntry("type", "counting").containsEntry("label", "l")
                    .containsEntry("credentials", Map.of("token", "****"));
            assertThat(shown.toString()).doesNotContain(SECRET);
            assertThat(catalog.find("w").orElseThrow().config().credentials().toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void aClientThatCannotBeCreatedFailsNamingTheEngineWithItsSecretMaskedAndIsTriedAgainNextTime()
            throws IOException {
        try (EngineCatalog catalog = catalog("w:\n  type: counting\n  fail: true\n  credentials: login\n", null,
                "login:\n  token: " + SECRET + "\n")) {
            CountingEngine w = counting(catalog, "w");
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(w::get);

            assertThat(failure).isInstanceOf(EngineException.class)
                    .hasMessageContaining("engine 'w' (counting, conf/base/engines.yml:1:1) could not create its client")
                    .hasMessageContaining("connection to backend refused for token ****");
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
                assertThat(t.toString()).doesNotContain(SECRET);
            }
            assertThatThrownBy(w::get).isInstanceOf(EngineException.class);
            assertThat(w.creations()).isEqualTo(2);
            assertThat(w.isCreated()).isFalse();
        }
    }

    @Test
    void pingSaysUpOrDownWithinItsTimeoutAndNeverShowsASecret() throws IOException {
        try (EngineCatalog catalog = catalog("""
                up:
                  type: counting
                hangs:
                  type: counting
                  hang: true
                down:
                  type: counting
                  fail: true
                  credentials: {token: %s}
                """.formatted(SECRET), null, null)) {
            long start = System.nanoTime();
            List<EngineHealth> health = catalog.ping(List.of("up", "hangs", "down"), Duration.ofMillis(300));
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(health).extracting(EngineHealth::up).containsExactly(true, false, false);
            assertThat(health.get(1).problem().orElseThrow()).contains("no answer within 300 ms");
            assertThat(health.get(2).problem().orElseThrow()).contains("engine 'down'").doesNotContain(SECRET)
                    .contains("token ****");
            assertThat(health.get(2).toString()).startsWith("down (counting): DOWN");
            assertThat(tookMs).isLessThan(3_000);
        }
    }

    @Test
    void anEngineCanBeAskedForOnlyByADeclaredNameAndForATypeItSupplies() throws IOException {
        try (EngineCatalog catalog = catalog("warehouse:\n  type: counting\n", null, null)) {
            assertThatThrownBy(() -> catalog.engine("warehous", "node 'x'"))
                    .isInstanceOf(EngineConfigException.class)
                    .hasMessageContaining("node 'x' uses engine 'warehous'")
                    .hasMessageContaining("Did you mean 'warehouse'?")
                    .hasMessageContaining("Declared engines: warehouse");
            assertThatThrownBy(() -> catalog.engine("warehouse", String.class, "parameter 1 of node 'x'"))
                    .isInstanceOf(EngineConfigException.class)
                    .hasMessageContaining("java.lang.String")
                    .hasMessageContaining(CountingEngine.Client.class.getName());
            assertThat(catalog.engine("warehouse", AutoCloseable.class, "p")).isNotNull();
            assertThat(counting(catalog, "warehouse").creations()).isZero();
        }
    }

    @Test
    void anEngineDeclaredOnlyInAnotherEnvIsNamedWithThatEnv() throws IOException {
        Files.createDirectories(dir.resolve("conf/spark"));
        Files.writeString(dir.resolve("conf/spark/engines.yml"), "# Spark\nspark:\n  type: counting\n");
        try (EngineCatalog catalog = catalog("warehouse:\n  type: counting\n", null, null)) {
            assertThatThrownBy(() -> catalog.engine("spark", "node 'x'"))
                    .isInstanceOf(EngineConfigException.class)
                    .hasMessageContaining("Declared engines: warehouse. It is declared in conf/spark/engines.yml: "
                            + "run in that environment (--env spark; this one is local).");
            assertThatThrownBy(() -> catalog.engine("other", "node 'x'"))
                    .isInstanceOf(EngineConfigException.class)
                    .message().doesNotContain("It is declared in");
        }
    }

    @Test
    void anEngineThatTakesNoCredentialsRefusesThem() throws IOException {
        Files.createDirectories(dir.resolve("conf/base"));
        assertThatThrownBy(() -> catalog("w:\n  type: " + NoOptionsEngine.class.getName()
                + "\n  credentials: {token: abc}\n", null, null))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:3:3")
                .hasMessageContaining("read none");
        assertThatThrownBy(() -> catalog("w:\n  type: " + NoOptionsEngine.class.getName() + "\n  size: 3\n",
                null, null))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("unknown key 'size'");
    }

    /** An engine that reads neither options nor credentials. */
    public static final class NoOptionsEngine extends Engine<Object> {
        public NoOptionsEngine(EngineConfig config) {
            super(config, Object.class);
        }

        @Override
        protected Object create() {
            return new Object();
        }
    }
}

package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.engine.CountingEngine;
import io.sluice.engine.Engine;
import io.sluice.io.DatasetConfigException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node inputs {@code engine:<name>}: bound at compile, created on first use, shared, closed with the session. */
class EngineInputTest {
    private static final String SECRET = "pw-Sup3r-Secret";
    private static final String ENGINES = """
            warehouse:
              type: counting
              label: wh
            unused:
              type: counting
            """;

    @TempDir
    Path dir;

    static String labelOf(CountingEngine.Client client, int x) {
        return client.label() + ":" + x;
    }

    static CountingEngine.Client same(CountingEngine.Client client, String ignored) {
        return client;
    }

    static CountingEngine.Client sameAgain(CountingEngine.Client client, Object ignored) {
        return client;
    }

    static boolean created(Engine<CountingEngine.Client> engine) {
        return engine.isCreated();
    }

    static int wrongType(String notAClient) {
        return 0;
    }

    private Session session(String engines, String catalog, Pipeline pipeline) {
        TestProject.write(dir, Map.of("conf/base/engines.yml", engines, "conf/base/catalog.yml", catalog));
        return TestProject.session(dir, TestProject.of(pipeline));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CountingEngine engine(Session session, String name) {
        return (CountingEngine) session.engines().find(name).orElseThrow();
    }

    @Test
    void aNodeReceivesTheClientOfItsEngineAndAnEngineNoRunUsesIsNeverCreated() {
        try (Session session = session(ENGINES, "{}", Pipeline.of(
                node(EngineInputTest::labelOf).inputs("engine:warehouse", "x").outputs("y")))) {
            assertThat(engine(session, "warehouse").creations()).as("nothing created at compile").isZero();

            Object y = session.run(RunSpec.ofDefault(), Injected.input("x", 7)).outputs().get("y");

            assertThat(y).isEqualTo("wh:7");
            assertThat(engine(session, "warehouse").creations()).isEqualTo(1);
            assertThat(engine(session, "unused").creations()).isZero();
        }
    }

    @Test
    void nodesThreadsAndRunsOfASessionShareOneClient() throws Exception {
        Pipeline pipeline = Pipeline.of(
                node(EngineInputTest::same).inputs("engine:warehouse", "x").outputs("a"),
                node(EngineInputTest::sameAgain).inputs("engine:warehouse", "a").outputs("b").name("second"));
        try (Session session = session(ENGINES.replace("label: wh", "label: wh\n  create_delay: 50ms"), "{}",
                pipeline)) {
            Set<Object> clients = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Map<String, Object>>> runs = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    runs.add(pool.submit(() -> session.run(RunSpec.builder().outputs("a", "b").journal(false).build(),
                            Injected.input("x", "in")).outputs()));
                }
                for (Future<Map<String, Object>> run : runs) {
                    Map<String, Object> out = run.get(30, TimeUnit.SECONDS);
                    clients.add(out.get("a"));
                    clients.add(out.get("b"));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(clients).hasSize(1);
            assertThat(engine(session, "warehouse").creations()).isEqualTo(1);
        }
    }

    @Test
    void closingTheSessionClosesTheClientsItCreated() {
        Session session = session(ENGINES, "{}", Pipeline.of(
                node(EngineInputTest::same).inputs("engine:warehouse", "x").outputs("y")));
        CountingEngine.Client client = (CountingEngine.Client) session.run(RunSpec.builder().journal(false).build(),
                Injected.input("x", "in")).outputs().get("y");
        assertThat(client.isClosed()).isFalse();

        session.close();

        assertThat(client.isClosed()).isTrue();
        assertThat(session.engines().isClosed()).isTrue();
    }

    @Test
    void aParameterDeclaredAsEngineReceivesTheEngineWithoutCreatingIt() {
        try (Session session = session(ENGINES, "{}", Pipeline.of(
                node(EngineInputTest::created).inputs("engine:warehouse").outputs("y")))) {
            Object created = session.run(RunSpec.builder().journal(false).build()).outputs().get("y");

            assertThat(created).isEqualTo(false);
            assertThat(engine(session, "warehouse").creations()).isZero();
        }
    }

    @Test
    void compileRefusesAnUndeclaredEngineListingTheDeclaredOnes() {
        assertThatThrownBy(() -> session(ENGINES, "{}", Pipeline.of(
                node(EngineInputTest::labelOf).inputs("engine:warehose", "x").outputs("y"))))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("reads 'engine:warehose' as parameter 1")
                .hasMessageContaining("Did you mean 'warehouse'?")
                .hasMessageContaining("Declared engines: unused, warehouse");
    }

    @Test
    void compileRefusesAParameterTypeTheEngineCannotSupplyNamingBothTypes() {
        assertThatThrownBy(() -> session(ENGINES, "{}", Pipeline.of(
                node(EngineInputTest::wrongType).inputs("engine:warehouse").outputs("y"))))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("is declared as java.lang.String")
                .hasMessageContaining("supplies " + CountingEngine.Client.class.getName())
                .hasMessageContaining("conf/base/engines.yml:1:1");
    }

    @Test
    void aDatasetNamesAnEngineAndTheSessionKnowsWhichEnginesAPipelineUses() {
        try (Session session = session(ENGINES, """
                labelled:
                  type: io.sluice.session.EngineDataset
                  engine: warehouse
                """, Pipeline.of(node(EngineInputTest::wrongType).inputs("labelled").outputs("y")))) {
            assertThat(session.enginesUsedBy(io.sluice.project.Project.DEFAULT_PIPELINE)).containsExactly("warehouse");
            assertThat(engine(session, "warehouse").creations()).isZero();

            assertThat(session.catalog().dataset("labelled").load()).isEqualTo("wh");
            assertThat(engine(session, "warehouse").creations()).isEqualTo(1);
        }
    }

    @Test
    void aDatasetNamingAnUndeclaredEngineFailsTheCompileAtItsLine() {
        assertThatThrownBy(() -> session(ENGINES, """
                labelled:
                  type: io.sluice.session.EngineDataset
                  engine: warehous
                """, Pipeline.of(node(EngineInputTest::wrongType).inputs("labelled").outputs("y"))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:3:3")
                .hasMessageContaining("dataset 'labelled'")
                .hasMessageContaining("Did you mean 'warehouse'?");
    }

    @Test
    void aDatasetNamingAnEngineOfAnotherClientTypeFailsTheCompileNamingBothTypes() {
        assertThatThrownBy(() -> session(ENGINES + "other:\n  type: io.sluice.engine.EngineCatalogTest$NoOptionsEngine\n",
                """
                labelled:
                  type: io.sluice.session.EngineDataset
                  engine: other
                """, Pipeline.of(node(EngineInputTest::wrongType).inputs("labelled").outputs("y"))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:3:3")
                .hasMessageContaining("supplies java.lang.Object")
                .hasMessageContaining("need an engine supplying " + CountingEngine.Client.class.getName());
    }

    @Test
    void anEngineThatCannotConnectFailsTheRunNamingItWithoutItsSecretInTheMessageOrTheJournal() throws IOException {
        TestProject.write(dir, Map.of("conf/local/credentials.yml", "login:\n  token: " + SECRET + "\n"));
        try (Session s = session("""
                warehouse:
                  type: counting
                  fail: true
                  credentials: login
                """, "{}", Pipeline.of(node(EngineInputTest::labelOf).inputs("engine:warehouse", "x").outputs("y")))) {
            Session finalSession = s;
            RunFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> finalSession.run(RunSpec.ofDefault(), Injected.input("x", 1)), RunFailedException.class);

            assertThat(failure).hasMessageContaining("engine 'warehouse'").hasMessageContaining("token ****");
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
            }
        }
        List<Path> written;
        try (Stream<Path> files = Files.walk(dir)) {
            written = files.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("conf"))).toList();
        }
        assertThat(written).as("the run wrote a journal with the failure")
                .anyMatch(p -> read(p).contains("engine 'warehouse'"));
        for (Path p : written) {
            assertThat(Files.readString(p)).as(p.toString()).doesNotContain(SECRET);
        }
    }
}

package io.sluice.s3;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.EngineConfigException;
import io.sluice.engine.EngineHealth;
import io.sluice.io.DatasetConfigException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The {@code s3} engine in sessions: config errors, laziness, nodes receiving the client, secrets kept out. */
class S3EngineTest {
    private static S3Server server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = S3Server.start();
        server.createBucket("lake");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    public record Shuttle(String id, double price) {
    }

    static List<Shuttle> expensive(List<Shuttle> shuttles) {
        return shuttles.stream().filter(s -> s.price() >= 100).toList();
    }

    /** A node that uses the engine's client itself: lists what the pipeline wrote. */
    static List<String> keys(S3Client s3, List<Shuttle> written) {
        return s3.listObjectsV2(b -> b.bucket("lake").prefix("out/")).contents().stream().map(o -> o.key()).toList();
    }

    private static final String CATALOG = """
            shuttles:
              type: csv
              filepath: s3://lake/in/shuttles.csv
              storage: lake
            expensive:
              type: json
              filepath: s3://lake/out/expensive.json
              storage: lake
            """;

    private Map<String, String> files(String engines) {
        return Map.of("conf/base/engines.yml", engines, "conf/base/catalog.yml", CATALOG,
                "conf/local/credentials.yml", S3Server.credentialsEntry("lake_keys"));
    }

    private Session session(String engines) {
        return TestProject.of(Pipeline.of(
                node(S3EngineTest::expensive).inputs("shuttles").outputs("expensive"),
                node(S3EngineTest::keys).inputs("engine:lake", "expensive").outputs("keys")))
                .compile(dir, files(engines));
    }

    @Test
    void aPipelineReadsAndWritesObjectsAndANodeGetsTheSessionsClient() {
        server.client().putObject(b -> b.bucket("lake").key("in/shuttles.csv"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("id,price\na,50\nb,150\nc,900\n"));
        try (Session session = session(server.engineEntry("lake", "lake_keys"))) {
            assertThat(session.engines().created()).as("nothing connects at compile").containsEntry("lake", false);

            Object keys = session.run(RunSpec.builder().journal(false).build()).outputs().get("keys");

            assertThat(keys).isEqualTo(List.of("out/.expensive.json.sluice", "out/expensive.json"));
            assertThat(session.catalog().dataset("expensive").load())
                    .isEqualTo(List.of(Map.of("id", "b", "price", 150.0), Map.of("id", "c", "price", 900.0)));
            assertThat(session.enginesUsedBy(io.sluice.project.Project.DEFAULT_PIPELINE)).containsExactly("lake");
        }
    }

    @Test
    void aSessionThatRunsNothingOnS3NeverCreatesTheClient() {
        try (Session session = session(server.engineEntry("lake", "lake_keys"))) {
            session.catalog().dataset("shuttles").describe();
            assertThat(session.engines().created()).containsEntry("lake", false);
        }
    }

    @Test
    void aMisspeltOptionIsRefusedAtItsLineWithTheClosestKey() {
        assertThatThrownBy(() -> session(server.engineEntry("lake", "lake_keys") + "  regoin: eu-west-1\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:6:3")
                .hasMessageContaining("unknown key 'regoin'")
                .hasMessageContaining("Did you mean 'region'?");
    }

    @Test
    void aMisspeltCredentialKeyIsRefusedAtItsLineWithoutItsValue() throws IOException {
        assertThatThrownBy(() -> TestProject.of(Pipeline.of(node(S3EngineTest::expensive).inputs("shuttles")
                .outputs("expensive"))).compile(dir, Map.of("conf/base/engines.yml",
                server.engineEntry("lake", "lake_keys"), "conf/base/catalog.yml", CATALOG,
                "conf/local/credentials.yml", "lake_keys:\n  access_key_id: " + S3Server.ACCESS_KEY
                        + "\n  secret_acess_key: " + S3Server.SECRET_KEY + "\n")))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/local/credentials.yml:3:3")
                .hasMessageContaining("unknown key 'secret_acess_key'")
                .hasMessageContaining("Did you mean 'secret_access_key'?")
                .hasMessageNotContaining(S3Server.SECRET_KEY);
    }

    @Test
    void anEndpointThatIsNotAUrlOrHoldsAPasswordIsRefused() {
        assertThatThrownBy(() -> session("lake:\n  type: s3\n  endpoint: 127.0.0.1:9000\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:1:1")
                .hasMessageContaining("is not an http:// or https:// URL");
        assertThatThrownBy(() -> session("lake:\n  type: s3\n  endpoint: http://me:pw@127.0.0.1:9000\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("put the keys in the entry's credentials");
    }

    @Test
    void aDatasetNamingAMissingStorageEngineIsRefusedAtItsKey() {
        assertThatThrownBy(() -> TestProject.of(Pipeline.of(node(S3EngineTest::expensive).inputs("shuttles")
                .outputs("expensive"))).compile(dir, Map.of("conf/base/engines.yml",
                server.engineEntry("lake", "lake_keys"), "conf/base/catalog.yml",
                "shuttles:\n  type: csv\n  filepath: s3://lake/x.csv\n  storage: lak\n",
                "conf/local/credentials.yml", S3Server.credentialsEntry("lake_keys"))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:4:3")
                .hasMessageContaining("Did you mean 'lake'?");
    }

    @Test
    void describeAndPingShowNoSecretAndAWrongSecretIsRefusedInWords() {
        try (Session session = session(server.engineEntry("lake", "lake_keys") + "  ping_bucket: lake\n")) {
            var lake = session.engines().find("lake").orElseThrow();
            assertThat(lake.describe().toString())
                    .contains("endpoint=" + server.endpoint(), "access_key_id=****", "secret_access_key=****")
                    .doesNotContain(S3Server.SECRET_KEY, S3Server.ACCESS_KEY);
            EngineHealth ok = lake.ping(Duration.ofSeconds(20));
            assertThat(ok.up()).as(ok.toString()).isTrue();
        }
        try (Session session = TestProject.of(Pipeline.of(node(S3EngineTest::expensive).inputs("shuttles")
                .outputs("expensive"))).compile(dir, Map.of("conf/base/engines.yml",
                server.engineEntry("lake", "lake_keys"), "conf/base/catalog.yml", CATALOG,
                "conf/local/credentials.yml", "lake_keys:\n  access_key_id: " + S3Server.ACCESS_KEY
                        + "\n  secret_access_key: wrong-" + S3Server.SECRET_KEY + "\n"))) {
            EngineHealth refused = session.engines().find("lake").orElseThrow().ping(Duration.ofSeconds(20));
            assertThat(refused.up()).isFalse();
            assertThat(refused.problem().orElseThrow())
                    .contains("refused the request", "Check the engine's credentials")
                    .doesNotContain(S3Server.SECRET_KEY, S3Server.ACCESS_KEY);
            assertThatThrownBy(() -> session.catalog().dataset("shuttles").load())
                    .hasMessageContaining("dataset 'shuttles' (csv)")
                    .hasMessageContaining("refused the request")
                    .hasMessageNotContaining(S3Server.SECRET_KEY)
                    .hasMessageNotContaining(S3Server.ACCESS_KEY);
        }
    }

    @Test
    void noSecretReachesTheLogsOrTheJournalOfARun() throws IOException {
        server.client().putObject(b -> b.bucket("lake").key("in/shuttles.csv"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("id,price\na,500\n"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(both);
            System.setErr(both);
            try (Session session = session(server.engineEntry("lake", "lake_keys"))) {
                session.run(RunSpec.builder().build());
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
        StringBuilder journal = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve(".sluice/runs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                journal.append(Files.readString(f));
            }
        }
        assertThat(journal).as("a journal was written").isNotEmpty();
        assertThat(journal.toString() + captured.toString(StandardCharsets.UTF_8))
                .doesNotContain(S3Server.SECRET_KEY)
                .doesNotContain(S3Server.ACCESS_KEY);
    }

    @Test
    void aBucketNameS3RefusesIsAConfigErrorAtTheFilepath() {
        assertThatThrownBy(() -> TestProject.of(Pipeline.of(node(S3EngineTest::expensive).inputs("shuttles")
                .outputs("expensive"))).compile(dir, Map.of("conf/base/engines.yml",
                server.engineEntry("lake", "lake_keys"), "conf/base/catalog.yml",
                "shuttles:\n  type: csv\n  filepath: s3://My_Bucket/x.csv\n  storage: lake\n",
                "conf/local/credentials.yml", S3Server.credentialsEntry("lake_keys"))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:3:")
                .hasMessageContaining("'My_Bucket' is not a valid S3 bucket name");
    }
}

package io.sluice.spark;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.engine.EngineConfigException;
import io.sluice.engine.EngineHealth;
import io.sluice.io.DatasetConfigException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong {@code engines.yml} and {@code catalog.yml} entries for Spark fail the compile at their
 * {@code file:line:column} with the fix; none of these tests starts Spark.
 */
class SparkConfigTest {
    @TempDir
    Path dir;

    static long count(Dataset<Row> frame) {
        return frame.count();
    }

    static long text(String notAFrame) {
        return notAFrame.length();
    }

    static int connection(Connection notASession) {
        return 0;
    }

    static String master(SparkSession spark) {
        return spark.sparkContext().master();
    }

    private static final String SPARK = "spark:\n  type: spark\n";

    private Session compile(Pipeline pipeline, String engines, String catalog) {
        return SparkProject.of(pipeline).compile(dir, Map.of("conf/base/engines.yml", engines,
                "conf/base/catalog.yml", catalog));
    }

    private Session compileEngines(String engines) {
        return compile(Pipeline.of(node(SparkConfigTest::master).inputs("engine:spark").outputs("m")), engines, "");
    }

    @Test
    void aMisspeltEngineKeyIsRefusedAtItsLineWithTheClosestKey() {
        assertThatThrownBy(() -> compileEngines(SPARK + "  mastr: local[2]\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:3:3")
                .hasMessageContaining("unknown key 'mastr'")
                .hasMessageContaining("Did you mean 'master'?");
    }

    @Test
    void anUnquotedNumberInConfIsRefusedWithTheFix() {
        assertThatThrownBy(() -> compileEngines(SPARK + "  conf:\n    spark.sql.shuffle.partitions: 8\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:4:")
                .hasMessageContaining("spark.sql.shuffle.partitions")
                .hasMessageContaining("quote numbers and booleans");
    }

    @Test
    void confKeysThatAreNotSparkPropertiesOrBelongToAnOptionAreRefused() {
        assertThatThrownBy(() -> compileEngines(SPARK + "  conf:\n    sql.shuffle.partitions: '8'\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("engine 'spark' (spark, conf/base/engines.yml:1:1)")
                .hasMessageContaining("'sql.shuffle.partitions', which is not a Spark property");
        assertThatThrownBy(() -> compileEngines(SPARK + "  conf:\n    spark.master: local[4]\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("which is the engine's option 'master'");
        assertThatThrownBy(() -> compileEngines(SPARK + "  credentials: {authenticate.secret: abcdef}\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("credentials has 'authenticate.secret'")
                .hasMessageNotContaining("abcdef");
    }

    @Test
    void aMasterSparkDoesNotKnowOrAMissingJarIsRefusedAtCompile() {
        assertThatThrownBy(() -> compileEngines(SPARK + "  master: spark:/host:7077\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("master 'spark:/host:7077' is not a Spark master")
                .hasMessageContaining("spark://host:7077");
        assertThatThrownBy(() -> compileEngines(SPARK + "  jars: [target/nothing-here.jar]\n"))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("jars lists 'target/nothing-here.jar'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void aSparkDatasetNeedsADeclaredEngine() {
        Pipeline pipeline = Pipeline.of(node(SparkConfigTest::count).inputs("t").outputs("n"));
        assertThatThrownBy(() -> compile(pipeline, SPARK, "t: {type: spark.Parquet, path: data/t}\n"))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:1:")
                .hasMessageContaining("add 'engine: spark'");
        assertThatThrownBy(() -> compile(pipeline, SPARK, "t:\n  type: spark.Csv\n  path: data/t\n  engine: sprak\n"))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:4:3")
                .hasMessageContaining("Did you mean 'spark'?");
    }

    @Test
    void wrongDatasetOptionsAreRefusedAtTheirLine() {
        Pipeline pipeline = Pipeline.of(node(SparkConfigTest::count).inputs("t").outputs("n"));
        assertThatThrownBy(() -> compile(pipeline, SPARK,
                "t:\n  type: spark.Parquet\n  engine: spark\n  path: data/t\n  save_args: {mode: overwrit}\n"))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:5:")
                .hasMessageContaining("Did you mean 'overwrite'?");
        assertThatThrownBy(() -> compile(pipeline, SPARK,
                "t:\n  type: spark.Parquet\n  engine: spark\n  path: data/t\n  load_args: {colect_limit: 3}\n"))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("unknown key 'colect_limit'")
                .hasMessageContaining("Did you mean 'collect_limit'?");
    }

    @Test
    void aNodeParameterASparkDatasetCannotFeedFailsBeforeAnythingRuns() {
        try (Session session = compile(Pipeline.of(node(SparkConfigTest::text).inputs("t").outputs("n")), SPARK,
                "t: {type: spark.Parquet, engine: spark, path: data/t}\n")) {
            assertThatThrownBy(() -> session.prepare(RunSpec.ofDefault(), Injected.NONE))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("Dataset 't' (spark.Parquet) cannot feed parameter 1")
                    .hasMessageContaining("declare Dataset<Row>, or List<YourRecord>");
            assertThat(session.engines().created()).containsEntry("spark", false);
        }
        assertThatThrownBy(() -> compile(Pipeline.of(node(SparkConfigTest::connection).inputs("engine:spark")
                .outputs("n")), SPARK, ""))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("java.sql.Connection")
                .hasMessageContaining("supplies org.apache.spark.sql.SparkSession");
    }

    @Test
    void anUnreachableMasterCompilesThenFailsItsPingFastWithoutStartingSpark() throws IOException {
        int port = SparkCluster.freePort();
        try (Session session = compileEngines(SPARK + "  master: spark://127.0.0.1:" + port
                + "\n  connect_timeout: 2s\n")) {
            assertThat(session.engines().created()).containsEntry("spark", false);

            EngineHealth health = session.engines().ping(List.of("spark"), Duration.ofSeconds(20)).get(0);

            assertThat(health.up()).isFalse();
            assertThat(health.problem().orElseThrow()).contains("engine 'spark'")
                    .contains("no Spark master answers at 127.0.0.1:" + port)
                    .contains("Check that the Spark master at spark://127.0.0.1:" + port + " is running");
            assertThat(health.elapsed()).isLessThan(Duration.ofSeconds(15));
            assertThat(SparkSession.getDefaultSession().isDefined()).isFalse();
        }
    }

    @Test
    void theModuleSystemRefusingSparkIsRecognisedAndTheTestJvmHasEveryOption() {
        assertThat(SparkJvmOptions.isClosedModule(new RuntimeException("x", new IllegalAccessError(
                "class org.apache.spark.storage.StorageUtils$ cannot access class sun.nio.ch.DirectBuffer (in module "
                        + "java.base) because module java.base does not export sun.nio.ch to unnamed module"))))
                .isTrue();
        assertThat(SparkJvmOptions.isClosedModule(new IllegalStateException("module java.base"))).isFalse();
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
                .as("surefire's argLine holds SparkJvmOptions.REQUIRED").containsAll(SparkJvmOptions.REQUIRED);
    }
}

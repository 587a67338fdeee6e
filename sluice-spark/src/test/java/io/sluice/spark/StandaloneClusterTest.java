package io.sluice.spark;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.EngineHealth;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real standalone cluster (master + worker JVMs from the Maven jars, see {@link SparkCluster})
 * runs what the nodes hand to Spark: the engine's {@code jars} ship this test's classes to the
 * executors, which the worker starts as JVMs of their own. One cluster and one Spark application
 * for the class.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
    private static SparkCluster cluster;
    private static Path dir;
    private static Session session;

    public record Sale(String company, double amount) {
    }

    public record Total(String company, double total) {
    }

    static List<Sale> sales() {
        return List.of(new Sale("acme", 10), new Sale("acme", 5.5), new Sale("globex", 7), new Sale("initech", 1));
    }

    /** Aggregates in Spark; the rows never come to the driver. */
    static Dataset<Row> totals(Dataset<Row> sales) {
        return sales.groupBy("company").agg(functions.sum("amount").alias("total"));
    }

    static double grandTotal(List<Total> totals) {
        return totals.stream().mapToDouble(Total::total).sum();
    }

    /**
     * Runs a function of this test class on the executors: its class reaches them only through
     * the engine's {@code jars}. Returns the PIDs of the JVMs that ran it.
     */
    static List<Long> executorPids(SparkSession spark) {
        MapFunction<Long, Long> pid = i -> ProcessHandle.current().pid();
        return spark.range(0, 8, 1, 4).as(Encoders.LONG()).map(pid, Encoders.LONG()).distinct().collectAsList();
    }

    @BeforeAll
    static void startClusterAndCompile() throws Exception {
        cluster = SparkCluster.start(2, "1g", Duration.ofSeconds(60), Path.of("target", "spark-cluster"));
        dir = Files.createTempDirectory("sluice-spark-cluster-project-");
        Path testClasses = Path.of(StandaloneClusterTest.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        String engines = "spark:\n  type: spark\n  master: " + cluster.masterUrl() + "\n  app_name: cluster-test\n"
                + "  jars: ['" + testClasses + "']\n"
                + "  conf:\n    spark.driver.host: 127.0.0.1\n    spark.driver.bindAddress: 127.0.0.1\n"
                + "    spark.executor.memory: 512m\n    spark.executor.cores: '2'\n    spark.cores.max: '2'\n"
                + "    spark.ui.enabled: 'false'\n    spark.sql.shuffle.partitions: '2'\n";
        String catalog = """
                sales:
                  type: spark.Parquet
                  engine: spark
                  path: data/sales
                totals:
                  type: spark.Csv
                  engine: spark
                  path: data/totals
                  load_args: {schema: 'company STRING, total DOUBLE'}
                """;
        Pipeline pipeline = Pipeline.of(
                node(StandaloneClusterTest::sales).outputs("sales"),
                node(StandaloneClusterTest::totals).inputs("sales").outputs("totals"),
                node(StandaloneClusterTest::grandTotal).inputs("totals").outputs("grand_total"),
                node(StandaloneClusterTest::executorPids).inputs("engine:spark").outputs("pids"));
        session = SparkProject.of(pipeline).compile(dir, Map.of("conf/base/engines.yml", engines,
                "conf/base/catalog.yml", catalog));
    }

    @AfterAll
    static void stopEverything() throws IOException {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            if (dir != null) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    @Order(1) // starts the application: its executors take a while to come up on a busy machine
    void aPipelineRunsItsSparkWorkOnTheWorkersExecutorsWithTheNodesClassesShipped() {
        var outputs = session.run(RunSpec.builder(Project.DEFAULT_PIPELINE).journal(false).build()).outputs();

        assertThat((double) outputs.get("grand_total")).isEqualTo(23.5);
        @SuppressWarnings("unchecked")
        List<Long> pids = (List<Long>) outputs.get("pids");
        assertThat(pids).as("the function ran in executor JVMs, not in the driver")
                .isNotEmpty().doesNotContain(ProcessHandle.current().pid());
        assertThat(cluster.pids()).as("the executors are JVMs the worker started").containsAll(pids);
        SparkSession spark = (SparkSession) session.engines().find("spark").orElseThrow().get();
        assertThat(spark.sparkContext().master()).isEqualTo(cluster.masterUrl());
        assertThat(spark.conf().get("spark.jars")).contains("sluice-spark-test-classes");
        assertThat(Files.isDirectory(dir.resolve("data/sales"))).isTrue();
        assertThat(Files.isDirectory(dir.resolve("data/totals"))).isTrue();
    }

    @Test
    @Order(2)
    void theDatasetsRoundTripThroughTheClusterIntoRecords() throws NoSuchMethodException {
        session.run(RunSpec.builder(Project.DEFAULT_PIPELINE).journal(false).build());

        Object totals = session.catalog().dataset("totals").load(StandaloneClusterTest.class
                .getDeclaredMethod("grandTotal", List.class).getGenericParameterTypes()[0]);

        assertThat(totals).asList().containsExactlyInAnyOrder(new Total("acme", 15.5), new Total("globex", 7),
                new Total("initech", 1));
    }

    @Test
    @Order(3)
    void aPingRunsAJobOnTheCluster() {
        EngineHealth health = session.engines().ping(List.of("spark"), Duration.ofSeconds(90)).get(0);

        assertThat(health.up()).as(health.toString()).isTrue();
    }
}

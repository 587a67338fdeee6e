package io.sluice.spark;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.EngineCatalog;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineException;
import io.sluice.engine.EngineHealth;
import io.sluice.io.DatasetException;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark datasets in {@code local[2]}: Parquet and CSV folders, a JDBC table (H2 through
 * Spark's JDBC source), save modes, and rows collected into records. One Sluice session, and so
 * one SparkSession, for the class; each test uses datasets of its own.
 */
@SuppressWarnings("unchecked") // loads give Object; the tests know what they asked for
class SparkDatasetsTest {
    private static final String CONF_SECRET = "S3-conf-s3cret";
    private static final String CREDENTIAL_SECRET = "Auth-cred-s3cret";

    private static Path dir;
    private static Session session;

    public record Sale(String company, double amount, LocalDate day) {
    }

    public record Total(String company, double total) {
    }

    public enum Kind { LAUNCH, LANDING }

    public record Event(String id, Kind kind, java.time.Instant at, java.math.BigDecimal price,
                        java.util.Optional<Integer> seats, long distance, boolean crewed) {
    }

    static void eventsParameter(List<Event> events) {
        // only its type matters
    }

    static List<Sale> sales() {
        return List.of(new Sale("acme", 10, LocalDate.of(2024, 1, 31)), new Sale("acme", 5.5, LocalDate.of(2024, 2, 1)),
                new Sale("globex", 7, LocalDate.of(2024, 2, 29)));
    }

    static Dataset<Row> totals(Dataset<Row> sales) {
        return sales.groupBy("company").agg(functions.sum("amount").alias("total"));
    }

    static double grandTotal(List<Total> totals) {
        return totals.stream().mapToDouble(Total::total).sum();
    }

    static void salesParameter(List<Sale> sales) {
        // only its type matters
    }

    private static Type listOfSales() throws NoSuchMethodException {
        return SparkDatasetsTest.class.getDeclaredMethod("salesParameter", List.class).getGenericParameterTypes()[0];
    }

    @BeforeAll
    static void compile() throws IOException {
        dir = Files.createTempDirectory("sluice-spark-datasets-");
        String engines = "spark:\n  type: spark\n  master: local[2]\n  credentials: spark_secrets\n  conf:\n"
                + "    spark.ui.enabled: 'false'\n    spark.sql.shuffle.partitions: '2'\n"
                + "    spark.hadoop.fs.s3a.secret.key: " + CONF_SECRET + "\n";
        String credentials = "spark_secrets:\n  spark.authenticate.secret: " + CREDENTIAL_SECRET + "\n"
                + "warehouse:\n  user: sluice\n  password: Db-pa55word\n";
        String catalog = """
                sales_parquet: {type: spark.Parquet, engine: spark, path: data/sales_parquet}
                totals: {type: spark.Parquet, engine: spark, path: data/totals}
                rewritten: {type: spark.Parquet, engine: spark, path: data/rewritten}
                sales_csv:
                  type: spark.Csv
                  engine: spark
                  path: data/sales_csv
                  load_args: {schema: 'company STRING, amount DOUBLE, day DATE'}
                sales_csv_text: {type: spark.Csv, engine: spark, path: data/sales_csv}
                semicolons:
                  type: spark.Csv
                  engine: spark
                  path: data/semicolons
                  load_args: {options: {sep: ';'}}
                  save_args: {options: {sep: ';'}}
                appended: {type: spark.Parquet, engine: spark, path: data/appended, save_args: {mode: append}}
                guarded: {type: spark.Parquet, engine: spark, path: data/guarded, save_args: {mode: error_if_exists}}
                kept: {type: spark.Parquet, engine: spark, path: data/kept, save_args: {mode: ignore}}
                events: {type: spark.Parquet, engine: spark, path: data/events}
                mapped: {type: spark.Parquet, engine: spark, path: data/mapped}
                small: {type: spark.Parquet, engine: spark, path: data/small, load_args: {collect_limit: 2}}
                sales_table:
                  type: spark.JdbcTable
                  engine: spark
                  url: jdbc:h2:file:data/warehouse
                  table: sales
                  credentials: warehouse
                  save_args: {options: {numPartitions: 1}}
                """.replace("jdbc:h2:file:data/", "jdbc:h2:file:" + dir.resolve("data").toString().replace('\\', '/') + "/");
        Pipeline pipeline = Pipeline.of(
                node(SparkDatasetsTest::sales).outputs("sales_parquet"),
                node(SparkDatasetsTest::totals).inputs("sales_parquet").outputs("totals"),
                node(SparkDatasetsTest::grandTotal).inputs("totals").outputs("grand_total"));
        session = SparkProject.of(pipeline).compile(dir, Map.of("conf/base/engines.yml", engines,
                "conf/local/credentials.yml", credentials, "conf/base/catalog.yml", catalog));
    }

    @AfterAll
    static void close() throws IOException {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static io.sluice.io.Dataset<Object> dataset(String name) {
        return (io.sluice.io.Dataset<Object>) session.catalog().dataset(name);
    }

    private static SparkSession spark() {
        return (SparkSession) session.engines().find("spark").orElseThrow().get();
    }

    @Test
    void aPipelineWritesRecordsAsParquetAggregatesInSparkAndCollectsTheSmallResult() throws Exception {
        var outputs = session.run(RunSpec.builder(Project.DEFAULT_PIPELINE).journal(false).build()).outputs();

        assertThat((double) outputs.get("grand_total")).isEqualTo(22.5);
        assertThat(session.enginesUsedBy(Project.DEFAULT_PIPELINE)).as("no node names the engine; its datasets do")
                .containsExactly("spark");
        assertThat((List<Object>) dataset("sales_parquet").load(listOfSales())).containsExactlyInAnyOrderElementsOf(sales());
        Dataset<Row> frame = (Dataset<Row>) dataset("sales_parquet").load();
        assertThat(frame.schema().apply("day").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(frame.schema().apply("amount").dataType()).isEqualTo(DataTypes.DoubleType);
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary folder left behind")
                    .noneMatch(n -> n.contains(".sluice-"));
        }
    }

    @Test
    void overwriteSwapsTheNewFolderInSoANodeMayRewriteWhatItRead() throws Exception {
        var rewritten = dataset("rewritten");
        rewritten.save(sales());
        @SuppressWarnings("unchecked")
        Dataset<Row> lazy = (Dataset<Row>) rewritten.load();

        rewritten.save(lazy.filter("company = 'acme'"));

        assertThat((List<Object>) rewritten.load(listOfSales())).containsExactlyInAnyOrderElementsOf(sales().subList(0, 2));
        assertThat(rewritten.exists()).isTrue();
    }

    @Test
    void csvRoundTripsWithASchemaOrAsTextConvertedIntoTheRecord() throws Exception {
        dataset("sales_csv").save(sales());

        @SuppressWarnings("unchecked")
        Dataset<Row> typed = (Dataset<Row>) dataset("sales_csv").load();
        @SuppressWarnings("unchecked")
        Dataset<Row> text = (Dataset<Row>) dataset("sales_csv_text").load();

        assertThat(typed.schema().apply("amount").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(typed.schema().apply("day").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(text.schema().apply("amount").dataType()).as("no schema: CSV columns are text")
                .isEqualTo(DataTypes.StringType);
        assertThat((List<Object>) dataset("sales_csv").load(listOfSales())).containsExactlyInAnyOrderElementsOf(sales());
        assertThat((List<Object>) dataset("sales_csv_text").load(listOfSales())).containsExactlyInAnyOrderElementsOf(sales());
    }

    @Test
    void readerAndWriterOptionsReachSpark() throws Exception {
        dataset("semicolons").save(sales());

        try (Stream<Path> parts = Files.list(dir.resolve("data/semicolons"))) {
            Path part = parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
            assertThat(Files.readAllLines(part).get(0)).isEqualTo("company;amount;day");
        }
        assertThat((List<Object>) dataset("semicolons").load(listOfSales())).containsExactlyInAnyOrderElementsOf(sales());
    }

    @Test
    void recordsOfEveryColumnKindRoundTripThroughSparkTypes() throws Exception {
        java.math.BigDecimal price = new java.math.BigDecimal("1325.5").setScale(18); // decimal(38,18) in Spark
        List<Event> events = List.of(
                new Event("a", Kind.LAUNCH, java.time.Instant.parse("2024-01-31T10:15:30Z"), price,
                        java.util.Optional.of(4), 384_400L, true),
                new Event("b", Kind.LANDING, java.time.Instant.parse("2024-02-29T23:59:59Z"), price,
                        java.util.Optional.empty(), 0L, false));

        dataset("events").save(events);

        Dataset<Row> frame = (Dataset<Row>) dataset("events").load();
        assertThat(frame.schema().apply("kind").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(frame.schema().apply("at").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(frame.schema().apply("seats").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat((List<Object>) dataset("events").load(SparkDatasetsTest.class
                .getDeclaredMethod("eventsParameter", List.class).getGenericParameterTypes()[0]))
                .containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void rowsAsMapsTakeTheirColumnTypesFromTheFirstValueThatIsNotNull() throws Exception {
        Map<String, Object> first = new java.util.LinkedHashMap<>();
        first.put("company", "acme");
        first.put("amount", null);
        first.put("day", LocalDate.of(2024, 1, 31));
        dataset("mapped").save(List.of(first, Map.of("company", "globex", "amount", 7.0, "day",
                LocalDate.of(2024, 2, 29))));

        Dataset<Row> frame = (Dataset<Row>) dataset("mapped").load();
        List<Object> rows = (List<Object>) dataset("mapped").load(List.class);

        assertThat(frame.schema().apply("amount").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(frame.schema().apply("day").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat((Map<String, Object>) r)
                .containsOnlyKeys("company", "amount", "day"));
    }

    @Test
    void saveModesAppendRefuseOrKeepWhatIsThere() throws Exception {
        dataset("appended").save(sales());
        dataset("appended").save(sales());
        dataset("guarded").save(sales());
        dataset("kept").save(sales());

        assertThat((List<?>) dataset("appended").load(listOfSales())).hasSize(6);
        assertThatThrownBy(() -> dataset("guarded").save(sales().subList(0, 1)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("exists already")
                .hasMessageContaining("error_if_exists");
        dataset("kept").save(sales().subList(0, 1));
        assertThat((List<?>) dataset("kept").load(listOfSales())).as("ignore: the first save stays").hasSize(3);
        assertThat((List<?>) dataset("guarded").load(listOfSales())).hasSize(3);
    }

    @Test
    void collectingMoreRowsThanTheLimitFailsButTheFrameStillLoads() throws Exception {
        dataset("small").save(sales());

        assertThatThrownBy(() -> dataset("small").load(listOfSales()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("dataset 'small'")
                .hasMessageContaining("more than 2 rows")
                .hasMessageContaining("Dataset<Row>");
        @SuppressWarnings("unchecked")
        Dataset<Row> frame = (Dataset<Row>) dataset("small").load();
        assertThat(frame.count()).isEqualTo(3);
    }

    @Test
    void aJdbcTableIsWrittenAndReadThroughSparksJdbcSource() throws Exception {
        var table = dataset("sales_table");
        assertThat(table.exists()).isFalse();

        table.save(sales());

        assertThat(table.exists()).isTrue();
        assertThat((List<Object>) table.load(listOfSales())).containsExactlyInAnyOrderElementsOf(sales());
        assertThat(table.describe().toString()).contains("engine=spark").doesNotContain("Db-pa55word");
    }

    @Test
    void describeAndPingMaskTheSecretsAndTheSessionAnswers() {
        Map<String, Object> described = session.engines().describe("spark");
        EngineHealth health = session.engines().ping(List.of("spark"), Duration.ofSeconds(60)).get(0);

        assertThat(described.toString()).doesNotContain(CONF_SECRET).doesNotContain(CREDENTIAL_SECRET)
                .contains("spark.hadoop.fs.s3a.secret.key=****").contains("spark.authenticate.secret=****")
                .contains("master=local[2]").contains("spark_version=4.1");
        assertThat(health.up()).as(health.toString()).isTrue();
        assertThat(spark().conf().get("spark.authenticate.secret")).as("credentials reach Spark's config")
                .isEqualTo(CREDENTIAL_SECRET);
        var engine = session.engines().find("spark").orElseThrow();
        assertThat(engine.mask("key " + CONF_SECRET + " and " + CREDENTIAL_SECRET)).isEqualTo("key **** and ****");
    }

    @Test
    void aSecondSparkEngineInTheSameJvmIsRefusedRatherThanSharingTheRunningContext() {
        spark(); // the class's session is running
        try (EngineCatalog other = EngineCatalog.of(new SparkEngine(EngineConfig.of("other", "spark",
                Map.of("master", "local[1]"), Map.of(), dir)))) {
            assertThatThrownBy(() -> other.find("other").orElseThrow().get())
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("engine 'other'")
                    .hasMessageContaining("already running in this JVM")
                    .hasMessageContaining("one SparkContext per JVM");
        }
        assertThat(spark().sparkContext().isStopped()).isFalse();
    }
}

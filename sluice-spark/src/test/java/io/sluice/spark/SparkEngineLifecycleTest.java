package io.sluice.spark;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a {@code spark} engine in {@code local[2]}: nothing at compile, one session on
 * first use shared by the nodes, stopped when the Sluice session closes. One Spark start for the
 * whole class: starting a SparkContext is the expensive part.
 */
class SparkEngineLifecycleTest {
    @TempDir
    Path dir;

    public record Sale(String company, double amount) {
    }

    public record Total(String company, double total) {
    }

    static List<Sale> sales() {
        return List.of(new Sale("acme", 10), new Sale("acme", 5.5), new Sale("globex", 7));
    }

    /** Computes the aggregate inside Spark, then hands back the small result. */
    static List<Total> totals(SparkSession spark, List<Sale> sales) {
        Dataset<Row> frame = SparkRows.toFrame(spark, sales, "node totals");
        return frame.groupBy("company").agg(functions.sum("amount").alias("total")).orderBy("company")
                .collectAsList().stream().map(r -> new Total(r.getString(0), r.getDouble(1))).toList();
    }

    static SparkSession sameSession(SparkSession spark, List<Total> ignoredButOrdersTheNodes) {
        return spark;
    }

    static SparkSession firstSession(SparkSession spark, List<Sale> ignoredButOrdersTheNodes) {
        return spark;
    }

    @Test
    void nothingStartsAtCompileThenOneSessionServesEveryNodeAndClosingStopsIt() {
        Pipeline pipeline = Pipeline.of(
                node(SparkEngineLifecycleTest::sales).outputs("sales"),
                node(SparkEngineLifecycleTest::totals).inputs("engine:spark", "sales").outputs("totals"),
                node(SparkEngineLifecycleTest::firstSession).inputs("engine:spark", "sales").outputs("first"),
                node(SparkEngineLifecycleTest::sameSession).inputs("engine:spark", "totals").outputs("second"));
        SparkSession used;
        Engine<?> engine;
        try (Session session = SparkProject.of(pipeline).compile(dir, Map.of("conf/base/engines.yml",
                "spark:\n  type: spark\n  master: local[2]\n  conf:\n    spark.ui.enabled: 'false'\n"
                        + "    spark.sql.shuffle.partitions: '2'\n"))) {
            engine = session.engines().find("spark").orElseThrow();
            assertThat(session.engines().created()).containsEntry("spark", false);
            assertThat(SparkSession.getDefaultSession().isDefined()).as("no SparkSession at compile").isFalse();

            var outputs = session.run(RunSpec.builder().journal(false).outputs("totals", "first", "second").build())
                    .outputs();

            assertThat(outputs.get("totals")).isEqualTo(List.of(new Total("acme", 15.5), new Total("globex", 7)));
            used = (SparkSession) outputs.get("first");
            assertThat(outputs.get("second")).as("every node gets the one session").isSameAs(used);
            assertThat(session.run(RunSpec.builder().journal(false).build()).outputs().get("first"))
                    .as("and so does the next run").isSameAs(used);
            assertThat(used.sparkContext().master()).isEqualTo("local[2]");
            assertThat(used.conf().get("spark.sql.shuffle.partitions")).isEqualTo("2");
            assertThat(used.sparkContext().appName()).isEqualTo("sluice-spark");
        }
        assertThat(used.sparkContext().isStopped()).as("closing the Sluice session stopped Spark").isTrue();
        assertThat(SparkSession.getDefaultSession().isDefined()).isFalse();
        assertThatThrownBy(engine::get).isInstanceOf(EngineException.class).hasMessageContaining("is closed");
    }
}

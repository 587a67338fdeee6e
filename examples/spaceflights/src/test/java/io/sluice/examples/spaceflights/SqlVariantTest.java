package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.datasets.sql.TableRef;
import io.sluice.run.RunContext;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.test.ProjectDirs;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL variant of the project ({@code data_processing_sql}, {@code sql}): the model input table
 * computed inside the DuckDB {@code warehouse} engine equals the Java variant's row for row, and
 * its SQL takes every value as a bind parameter.
 */
class SqlVariantTest {
    /** {@code List<ModelInputRow>}, as data_science's split_data declares its input. */
    private static final Type ROWS;

    static {
        try {
            ROWS = DataScience.class.getMethod("splitData", List.class, ModelOptions.class).getGenericParameterTypes()[0];
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path project;

    private Session compile(Map<String, Object> params) {
        ProjectDirs.copyInputs(project);
        return Session.compile(new SpaceflightsProject(), new SessionOptions(project, "local", params));
    }

    @SuppressWarnings("unchecked")
    private static List<ModelInputRow> rows(Session session, String dataset) {
        return (List<ModelInputRow>) session.catalog().dataset(dataset).load(ROWS);
    }

    private JsonNode json(String file) throws Exception {
        return new ObjectMapper().readTree(project.resolve(file).toFile());
    }

    @Test
    void theTableComputedInDuckDbEqualsTheJavaVariantsRowForRowAndTrainsTheSameModel() throws Exception {
        try (Session session = compile(Map.of())) {
            assertThat(session.catalog().dataset("model_input_table_sql").exists()).isFalse();

            RunResult java = session.run(RunSpec.ofDefault());
            RunResult sql = session.run(RunSpec.of("sql"));

            assertThat(java.journal().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(sql.journal().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(sql.journal().nodes()).hasSize(6);
            assertThat(session.enginesUsedBy("sql")).containsExactly("warehouse");
            assertThat(session.enginesUsedBy("__default__")).isEmpty();

            List<ModelInputRow> expected = rows(session, "model_input_table");
            List<ModelInputRow> actual = rows(session, "model_input_table_sql");
            assertThat(expected).hasSize(2_132);
            // Record equality: every column, doubles bit for bit; and the same order.
            assertThat(actual).containsExactlyElementsOf(expected);
            assertThat(session.catalog().dataset("model_input_table_sql").load(TableRef.class))
                    .isEqualTo(new TableRef("warehouse", null, "model_input_table"));
            assertThat(session.catalog().dataset("model_input_table_sql").exists()).isTrue();
        }
        assertThat(project.resolve("data/03_primary/warehouse.duckdb")).isNotEmptyFile();
        // Same rows in the same order, same seed: the same split and model, so the same metrics.
        JsonNode javaMetrics = json("data/08_reporting/metrics.json");
        JsonNode sqlMetrics = json("data/08_reporting/metrics_sql.json");
        assertThat(sqlMetrics).isEqualTo(javaMetrics);
        assertThat(sqlMetrics.get("r2_score").asDouble()).isBetween(0.6, 0.95);
        assertThat(project.resolve("data/06_models/regressor_sql.onnx")).isNotEmptyFile();
    }

    /**
     * The example's shuttles have one review each; here many have several, in shuffled lines, so
     * the order within a shuttle (the reviews' file order) and the join's fan-out are checked too.
     */
    @Test
    void shuttlesWithSeveralReviewsKeepTheReviewsFileOrderLikeTheJavaVariant() throws Exception {
        ProjectDirs.copyInputs(project);
        Path reviews = project.resolve("data/01_raw/reviews.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(reviews));
        String header = lines.remove(0);
        List<String> more = new ArrayList<>(lines);
        for (int i = 0; i < 1_000; i++) {
            // The same shuttle again, with other scores: the line's rating field changed.
            String[] cells = lines.get(i).split(",", -1);
            cells[1] = cells[1].isEmpty() ? "" : String.valueOf(50.0 + i % 50);
            more.add(String.join(",", cells));
        }
        java.util.Collections.shuffle(more, new java.util.Random(11));
        more.add(0, header);
        Files.write(reviews, more);

        try (Session session = Session.compile(new SpaceflightsProject(),
                new SessionOptions(project, "local", Map.of()))) {
            session.run(RunSpec.of("data_processing"));
            session.run(RunSpec.of("data_processing_sql"));

            List<ModelInputRow> expected = rows(session, "model_input_table");
            assertThat(expected).hasSizeGreaterThan(2_132 + 500);
            assertThat(rows(session, "model_input_table_sql")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void dataProcessingSqlRunsOnItsOwnFromTheRawFiles() {
        try (Session session = compile(Map.of())) {
            RunResult r = session.run(RunSpec.of("data_processing_sql"));

            assertThat(r.journal().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(r.journal().nodes()).hasSize(3);
            assertThat(rows(session, "model_input_table_sql")).hasSize(2_132);
            assertThat(session.catalog().dataset("model_input_table").exists()).isFalse();
        }
    }

    @Test
    void theFilesOfParamsModelInputFilesAreTheCatalogsFiles() {
        try (Session session = compile(Map.of())) {
            Object bound = session.parameters().bind("params:model_input_files", ModelInputFiles.class, "test");

            assertThat(bound).isEqualTo(new ModelInputFiles(filepath(session, "preprocessed_shuttles"),
                    filepath(session, "preprocessed_companies"), filepath(session, "reviews")));
        }
    }

    private static String filepath(Session session, String dataset) {
        return String.valueOf(session.catalog().dataset(dataset).describe().get("filepath"));
    }

    /**
     * Files in a directory whose name holds a quote (the classic way to break SQL built by
     * concatenation) are read like any other, and no statement the node sends holds a path: the
     * paths reach DuckDB only as bind parameters.
     */
    @Test
    void theNodeBindsThePathsSoAPathWithAQuoteWorksAndNoStatementHoldsAPath() throws Exception {
        String dir = "data/it's \"quoted\"; DROP TABLE x; --";
        try (Session session = compile(Map.of(
                "model_input_files.shuttles", dir + "/shuttles.parquet",
                "model_input_files.companies", dir + "/companies.parquet",
                "model_input_files.reviews", dir + "/reviews.csv"))) {
            session.run(RunSpec.of("data_processing"));
            Path quoted = Files.createDirectories(project.resolve(dir));
            Files.copy(project.resolve("data/02_intermediate/preprocessed_shuttles.parquet"),
                    quoted.resolve("shuttles.parquet"));
            Files.copy(project.resolve("data/02_intermediate/preprocessed_companies.parquet"),
                    quoted.resolve("companies.parquet"));
            Files.copy(project.resolve("data/01_raw/reviews.csv"), quoted.resolve("reviews.csv"));
            // The preprocessed files of the catalog are gone: only the quoted directory can be read.
            Files.delete(project.resolve("data/02_intermediate/preprocessed_shuttles.parquet"));
            Files.delete(project.resolve("data/02_intermediate/preprocessed_companies.parquet"));

            List<String> statements = new ArrayList<>();
            DataSource warehouse = recording((DataSource) session.engines().find("warehouse").orElseThrow().get(),
                    statements);
            ModelInputFiles files = new ModelInputFiles(dir + "/shuttles.parquet", dir + "/companies.parquet",
                    dir + "/reviews.csv");
            TableRef ref = DataProcessingSql.createModelInputTable(warehouse, files,
                    RunContext.outsideRun(project), List.of(), List.of(), List.of());

            assertThat(ref).isEqualTo(TableRef.of("model_input_table"));
            assertThat(rows(session, "model_input_table_sql")).containsExactlyElementsOf(rows(session, "model_input_table"));
            assertThat(statements).containsExactly(DataProcessingSql.STAGE_REVIEWS,
                    DataProcessingSql.CREATE_MODEL_INPUT_TABLE, DataProcessingSql.DROP_STAGED_REVIEWS);
            assertThat(statements).allSatisfy(sql -> assertThat(sql).doesNotContain("it's", ".parquet", ".csv",
                    project.toString()));
        }
    }

    /** {@code source}, recording the text of every statement its connections prepare or execute. */
    private static DataSource recording(DataSource source, List<String> statements) {
        return proxy(DataSource.class, source, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return result instanceof Connection c ? proxy(Connection.class, c, (conn, m, a) -> {
                if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                    statements.add(sql);
                }
                Object r = m.invoke(conn, a);
                return r instanceof Statement st && !m.getName().startsWith("prepare")
                        ? proxy(Statement.class, st, (s, sm, sa) -> {
                            if (sm.getName().startsWith("execute") && sa != null && sa[0] instanceof String sql) {
                                statements.add(sql);
                            }
                            return sm.invoke(s, sa);
                        })
                        : r;
            }) : result;
        });
    }

    interface Handler<T> {
        Object handle(T target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, method, args) -> {
            try {
                return handler.handle(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(SqlVariantTest.class.getClassLoader(), new Class<?>[] {type}, h);
    }
}

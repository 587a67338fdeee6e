package io.sluice.datasets.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.datasets.sql.JdbcConnections;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.DatasetType;
import io.sluice.resource.Resources;
import io.sluice.run.RunContext;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetDatasetTest {
    @TempDir
    Path project;

    /** What a catalog would own: the in-memory DuckDB database the datasets read and write with. */
    final Resources resources = new Resources("the test catalog");

    @AfterEach
    void closeResources() {
        resources.close();
    }

    public record Trip(long id, double a, double b, long c, String s, boolean flag, LocalDate day, LocalDateTime at,
                       BigDecimal amount, Integer n) {
    }

    public record IdAndS(long id, String s) {
    }

    static final RecursiveComparisonConfiguration DECIMALS_BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build();

    ParquetDataset parquet(Map<String, ?> keys) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("filepath", "data/trips.parquet");
        entry.putAll(keys);
        return new ParquetDataset(DatasetConfig.of("trips", ParquetDataset.TYPE, entry, project, resources));
    }

    static List<Trip> trips(int n) {
        List<Trip> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new Trip(i, i * 0.5, -i * 1.25, i * 7L, "s" + i, i % 2 == 0, LocalDate.of(2024, 2, 1).plusDays(i),
                    LocalDateTime.of(2024, 2, 1, 12, 0).plusSeconds(i), new BigDecimal("99.95").add(BigDecimal.ONE),
                    i % 4 == 0 ? null : i));
        }
        return out;
    }

    static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> loadAs(ParquetDataset ds, Class<T> element) {
        return (List<T>) ds.load(listOf(element));
    }

    List<List<String>> describe(Path file) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = JdbcConnections.in(resources).inMemoryDuckDb();
             PreparedStatement ps = c.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(List.of(rs.getString("column_name"), rs.getString("column_type")));
                }
            }
        }
        return out;
    }

    String compressionOf(Path file) throws Exception {
        try (Connection c = JdbcConnections.in(resources).inMemoryDuckDb();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT compression FROM parquet_metadata(?)")) {
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void recordsSaveAndLoadBackAsTheSameRecords() {
        ParquetDataset ds = parquet(Map.of());
        List<Trip> rows = trips(100);

        ds.save(rows);

        assertThat(loadAs(ds, Trip.class)).usingRecursiveFieldByFieldElementComparator(DECIMALS_BY_VALUE)
                .containsExactlyElementsOf(rows);
    }

    @Test
    void untypedLoadGivesMapsInColumnOrder() {
        ParquetDataset ds = parquet(Map.of());
        ds.save(trips(2));

        List<?> rows = ds.load();

        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) rows.get(0);
        assertThat(first.keySet()).containsExactly("id", "a", "b", "c", "s", "flag", "day", "at", "amount", "n");
        assertThat(first).containsEntry("id", 1L).containsEntry("a", 0.5).containsEntry("s", "s1")
                .containsEntry("day", LocalDate.of(2024, 2, 2)).containsEntry("at", LocalDateTime.of(2024, 2, 1, 12, 0, 1));
    }

    @Test
    void mapsSaveWithTypesTakenFromTheirValues() throws Exception {
        ParquetDataset ds = parquet(Map.of());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("name", "x");
        row.put("empty", null);

        ds.save(List.of(row));

        assertThat(describe(project.resolve("data/trips.parquet"))).containsExactly(
                List.of("id", "BIGINT"), List.of("name", "VARCHAR"), List.of("empty", "VARCHAR"));
        assertThat(ds.load()).isEqualTo(List.of(row));
    }

    @Test
    void theSchemaComesFromTheRecordTypes() throws Exception {
        parquet(Map.of()).save(trips(3));

        assertThat(describe(project.resolve("data/trips.parquet"))).containsExactly(
                List.of("id", "BIGINT"), List.of("a", "DOUBLE"), List.of("b", "DOUBLE"), List.of("c", "BIGINT"),
                List.of("s", "VARCHAR"), List.of("flag", "BOOLEAN"), List.of("day", "DATE"),
                List.of("at", "TIMESTAMP"), List.of("amount", "DECIMAL(38,10)"), List.of("n", "INTEGER"));
    }

    @Test
    void compressionIsSnappyByDefaultAndConfigurable() throws Exception {
        Path file = project.resolve("data/trips.parquet");
        parquet(Map.of()).save(trips(10));
        assertThat(compressionOf(file)).isEqualTo("SNAPPY");

        parquet(Map.of("save_args", Map.of("compression", "zstd"))).save(trips(10));
        assertThat(compressionOf(file)).isEqualTo("ZSTD");

        parquet(Map.of("save_args", Map.of("compression", "gzip"))).save(trips(10));
        assertThat(compressionOf(file)).isEqualTo("GZIP");
    }

    @Test
    void anUnknownCompressionIsRefused() {
        assertThatThrownBy(() -> parquet(Map.of("save_args", Map.of("compression", "lzma"))))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'trips' (parquet): save_args.compression is 'lzma'; expected one of gzip, snappy, "
                        + "uncompressed, zstd.");
    }

    @Test
    void columnsSelectWhatIsLoadedAndWhatIsSaved() throws Exception {
        parquet(Map.of("save_args", Map.of("columns", List.of("id", "s", "a")))).save(trips(2));
        assertThat(describe(project.resolve("data/trips.parquet"))).extracting(l -> l.get(0))
                .containsExactly("id", "s", "a");

        ParquetDataset ds = parquet(Map.of("load_args", Map.of("columns", List.of("id", "s"))));
        assertThat(loadAs(ds, IdAndS.class)).containsExactly(new IdAndS(1, "s1"), new IdAndS(2, "s2"));
    }

    @Test
    void versionedSavesWriteOneFilePerRunAndLoadTheLatestOrThePinnedOne() {
        ParquetDataset ds = parquet(Map.of("versioned", true));
        try (RunContext.Scope s = RunContext.enter(new RunContext("2024-01-01T00.00.00.000Z-aaaa", "p", "base",
                Map.of(), project))) {
            ds.save(trips(1));
        }
        try (RunContext.Scope s = RunContext.enter(new RunContext("2024-01-02T00.00.00.000Z-bbbb", "p", "base",
                Map.of(), project))) {
            ds.save(trips(2));
        }

        assertThat(ds.isVersioned()).isTrue();
        assertThat(ds.versions()).containsExactly("2024-01-01T00.00.00.000Z-aaaa", "2024-01-02T00.00.00.000Z-bbbb");
        assertThat(Files.isRegularFile(project.resolve(
                "data/trips.parquet/2024-01-02T00.00.00.000Z-bbbb/trips.parquet"))).isTrue();
        assertThat(ds.load()).hasSize(2);
        try (RunContext.Scope s = RunContext.enter(new RunContext("r3", "p", "base", Map.of(), project,
                Map.of("trips", "2024-01-01T00.00.00.000Z-aaaa")))) {
            assertThat(ds.load()).hasSize(1);
        }
    }

    private RunContext run(String runId, Map<String, String> loadVersions) {
        return new RunContext(runId, "p", "base", Map.of(), project, loadVersions);
    }

    @Test
    void aSaveGivenARunWritesThatRunsVersionWhateverRunTheThreadWorksFor() {
        ParquetDataset ds = parquet(Map.of("versioned", true));

        try (RunContext.Scope threads = RunContext.enter(run("2024-01-09T00.00.00.000Z-thread", Map.of()))) {
            ds.save(run("2024-01-01T00.00.00.000Z-given", Map.of()), trips(3));
        }
        ds.save(run("2024-01-02T00.00.00.000Z-nothread", Map.of()), trips(1));

        assertThat(ds.versions()).containsExactly("2024-01-01T00.00.00.000Z-given",
                "2024-01-02T00.00.00.000Z-nothread");
    }

    @Test
    void aLoadGivenARunReadsTheVersionItPinsWhateverRunTheThreadWorksFor() {
        ParquetDataset ds = parquet(Map.of("versioned", true));
        ds.save(run("2024-01-01T00.00.00.000Z-aaaa", Map.of()), trips(1));
        ds.save(run("2024-01-02T00.00.00.000Z-bbbb", Map.of()), trips(2));
        RunContext pinsFirst = run("r", Map.of("trips", "2024-01-01T00.00.00.000Z-aaaa"));
        RunContext pinsNothing = run("r", Map.of());

        try (RunContext.Scope threads = RunContext.enter(run("t", Map.of("trips", "2024-01-02T00.00.00.000Z-bbbb")))) {
            assertThat((List<?>) ds.load(pinsFirst, Object.class)).hasSize(1);
        }
        assertThat((List<?>) ds.load(pinsFirst, listOf(Trip.class))).hasSize(1);
        assertThat((List<?>) ds.load(pinsNothing, Object.class)).hasSize(2);
        assertThat(ds.exists(run("r", Map.of("trips", "2024-01-03T00.00.00.000Z-none")))).isFalse();
    }

    @Test
    void theInMemoryDuckDbIsTheRegistrysAndClosesWithIt() {
        ParquetDataset ds = parquet(Map.of());
        ds.save(trips(1));

        resources.close();

        assertThat(project.resolve("data/trips.parquet")).isRegularFile();
        assertThatThrownBy(ds::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The resources of the test catalog are closed: cannot use 'duckdb in-memory'");
    }

    @Test
    void aSaveThatFailsMidwayLeavesThePreviousFileAndNoTemporaryFile() throws Exception {
        ParquetDataset ds = parquet(Map.of());
        ds.save(trips(3));
        Path file = project.resolve("data/trips.parquet");
        byte[] before = Files.readAllBytes(file);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", (long) i);
            row.put("a", i == 500 ? (Object) "not a number" : (Object) 1.5);
            rows.add(row);
        }

        assertThatThrownBy(() -> ds.save(new ArrayList<Object>(rows)))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'trips' (parquet): row 500, column 'a': value 'not a number' (String) does not "
                        + "fit the column's type, double, taken from row 1. Save values of one type per column. "
                        + "Nothing was saved; the previous file is unchanged.");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("trips.parquet", ".trips.parquet.sluice", ".sluice-tmp");
        }
        try (Stream<Path> temps = Files.list(file.resolveSibling(".sluice-tmp"))) {
            assertThat(temps).isEmpty();
        }
        assertThat(ds.load()).as("the record still matches the file in place").hasSize(3);
    }

    @Test
    void anEmptyListIsRefusedPointingAtAnInputWithoutRows() {
        assertThatThrownBy(() -> parquet(Map.of()).save(List.of()))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'trips' (parquet) cannot save an empty list: a Parquet file takes its columns from"
                        + " the rows, and there are none. If the node returned no rows because an input had none (a CSV"
                        + " file with only its header, say), look at that input. Nothing was saved.");
        assertThat(project.resolve("data/trips.parquet")).doesNotExist();
    }

    @Test
    void loadingAMissingFileSaysWhichFile() {
        assertThatThrownBy(() -> parquet(Map.of()).load()).isInstanceOf(DatasetException.class)
                .hasMessageContaining("data/trips.parquet");
        assertThat(parquet(Map.of()).exists()).isFalse();
    }

    @Test
    void theTypesAreRegisteredByShortNameAndAlias() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        ServiceLoader.load(DatasetType.class).forEach(t -> names.put(t.name(), t.aliases()));

        assertThat(names).containsEntry("parquet", List.of("ParquetDataset"))
                .containsEntry("sql.Table", List.of("sql_table", "SQLTableDataset"))
                .containsEntry("sql.Query", List.of("sql_query", "SQLQueryDataset"));
    }
}

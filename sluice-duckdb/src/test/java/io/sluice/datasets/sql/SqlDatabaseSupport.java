package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.DatasetConfig;
import io.sluice.resource.Resources;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A database for SQL dataset tests and helpers to set up and check it; subclasses say which database. */
abstract class SqlDatabaseSupport {
    @TempDir
    Path project;

    /** What a catalog would own: the test's pools and DuckDB databases, closed after each test. */
    final Resources resources = new Resources("the test catalog");

    @AfterEach
    void closeResources() {
        resources.close();
    }

    /** An entry built in code whose connections live in {@link #resources}. */
    DatasetConfig config(String name, String type, Map<String, ?> entry) {
        return DatasetConfig.of(name, type, entry, project, resources);
    }

    /** A connection to the test's DuckDB database, from {@link #resources} like the datasets'. */
    Connection duckDb() throws Exception {
        return JdbcConnections.in(resources).open(JdbcTarget.of("jdbc:duckdb:" + project.resolve("data/sluice.duckdb"),
                null, null));
    }

    /** The database-specific keys of an entry ({@code url}, {@code credentials}). */
    abstract Map<String, Object> connection();

    /** A connection for setting up and checking tables directly. */
    abstract Connection direct() throws Exception;

    public record Shuttle(long id, String name, double price, boolean active, LocalDate day, LocalDateTime seen,
                          BigDecimal amount, Integer seats) {
    }

    public record IdAndPrice(long id, double price) {
    }

    static final RecursiveComparisonConfiguration DECIMALS_BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build();

    TableDataset table(Map<String, ?> keys) {
        Map<String, Object> entry = new LinkedHashMap<>(connection());
        entry.put("table", "shuttles");
        entry.putAll(keys);
        return new TableDataset(config("shuttles", TableDataset.TYPE, entry));
    }

    static List<Shuttle> shuttles(int n) {
        List<Shuttle> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new Shuttle(i, "shuttle " + i, 10.5 * i, i % 2 == 0, LocalDate.of(2024, 1, 1).plusDays(i),
                    LocalDateTime.of(2024, 5, 6, 7, 8, 9).plusMinutes(i), new BigDecimal("1234.56").add(BigDecimal.valueOf(i)),
                    i % 3 == 0 ? null : i));
        }
        return out;
    }

    static Type listOf(Class<?> element) {
        return new java.lang.reflect.ParameterizedType() {
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

            @Override
            public String getTypeName() {
                return "java.util.List<" + element.getName() + ">";
            }
        };
    }

    long count(String table) throws Exception {
        try (Connection c = direct(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String... sql) throws Exception {
        try (Connection c = direct(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    List<String> tableNames() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = direct(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = current_schema() ORDER BY table_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}

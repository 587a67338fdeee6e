package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code sql.Query} does on every database; subclasses say which database. */
abstract class QueryDatasetContract extends SqlDatabaseSupport {

    QueryDataset query(Map<String, ?> keys) {
        Map<String, Object> entry = new LinkedHashMap<>(connection());
        entry.putAll(keys);
        return new QueryDataset(config("expensive", QueryDataset.TYPE, entry));
    }

    @BeforeEach
    void saveShuttles() {
        table(Map.of()).save(shuttles(20));
    }

    @Test
    void namedParametersAreBoundAndRowsLoadAsRecords() {
        QueryDataset q = query(Map.of(
                "sql", "SELECT id, price FROM shuttles WHERE price >= :min_price AND id <= :max_id ORDER BY id",
                "params", Map.of("min_price", 100, "max_id", 11)));

        assertThat(q.load(listOf(IdAndPrice.class)))
                .isEqualTo(List.of(new IdAndPrice(10, 105.0), new IdAndPrice(11, 115.5)));
    }

    @Test
    void anInjectionAttemptInAParameterIsJustAValue() throws Exception {
        QueryDataset q = query(Map.of(
                "sql", "SELECT id FROM shuttles WHERE name = :name",
                "params", Map.of("name", "x' OR '1'='1'; DROP TABLE shuttles; --")));

        assertThat(q.load()).isEmpty();
        assertThat(count("shuttles")).isEqualTo(20);
    }

    @Test
    void aParameterMatchesItsValueExactly() {
        QueryDataset q = query(Map.of(
                "sql", "SELECT name, ':not_a_param' AS literal FROM shuttles WHERE name = :name -- :nor_this",
                "params", Map.of("name", "shuttle 7")));

        assertThat(q.load()).isEqualTo(List.of(Map.of("name", "shuttle 7", "literal", ":not_a_param")));
    }

    @Test
    void theQueryCanComeFromASqlFile() throws Exception {
        Files.createDirectories(project.resolve("queries"));
        Files.writeString(project.resolve("queries/top.sql"), "SELECT count(*) AS n FROM shuttles WHERE id > :above\n");
        QueryDataset q = query(Map.of("filepath", "queries/top.sql", "params", Map.of("above", 15)));

        assertThat(((Map<?, ?>) q.load().get(0)).get("n")).isEqualTo(5L);
    }

    @Test
    void aPlaceholderWithoutAValueIsRefusedWhenTheCatalogIsBuilt() {
        assertThatThrownBy(() -> query(Map.of("sql", "SELECT * FROM shuttles WHERE price > :min_price")))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'expensive' (sql.Query): the query uses :min_price but params has no value for "
                        + "it. Add min_price to params.");
    }

    @Test
    void aValueWithoutAPlaceholderIsRefused() {
        assertThatThrownBy(() -> query(Map.of("sql", "SELECT * FROM shuttles WHERE price > :min_price",
                "params", Map.of("min_price", 1, "min_prise", 2))))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'expensive' (sql.Query): params min_prise is not used by the query. Use "
                        + ":min_prise in the query or remove it.");
    }

    @Test
    void aQueryIsReadOnly() {
        QueryDataset q = query(Map.of("sql", "SELECT 1 AS one"));

        assertThatThrownBy(() -> q.save(List.of()))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'expensive' (sql.Query) is read-only: a query cannot be saved. Save to a sql.Table "
                        + "dataset instead.");
    }

    @Test
    void sqlAndFilepathTogetherAreRefused() {
        assertThatThrownBy(() -> query(Map.of("sql", "SELECT 1", "filepath", "q.sql")))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'expensive' (sql.Query) needs exactly one of 'sql' (the query) and 'filepath' "
                        + "(a .sql file), not both.");
    }
}

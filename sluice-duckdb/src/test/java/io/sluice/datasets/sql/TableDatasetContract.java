package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.DatasetException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code sql.Table} does on every database; subclasses say which database. */
abstract class TableDatasetContract extends SqlDatabaseSupport {

    @Test
    void replaceSavesRecordsThatLoadBackAsTheSameRecords() {
        TableDataset ds = table(Map.of());
        List<Shuttle> rows = shuttles(25);

        ds.save(rows);

        @SuppressWarnings("unchecked")
        List<Shuttle> loaded = (List<Shuttle>) ds.load(listOf(Shuttle.class));
        assertThat(loaded).usingRecursiveFieldByFieldElementComparator(DECIMALS_BY_VALUE).containsExactlyElementsOf(rows);
    }

    @Test
    void untypedLoadGivesMapsWithColumnsInTableOrder() {
        TableDataset ds = table(Map.of());
        ds.save(shuttles(2));

        List<?> loaded = ds.load();

        assertThat(loaded).hasSize(2);
        @SuppressWarnings("unchecked") Map<String, Object> first = (Map<String, Object>) loaded.get(0);
        assertThat(first.keySet()).containsExactly("id", "name", "price", "active", "day", "seen", "amount", "seats");
        assertThat(first.get("id")).isEqualTo(1L);
        assertThat(first.get("name")).isEqualTo("shuttle 1");
        assertThat(first.get("price")).isEqualTo(10.5);
        assertThat(first.get("active")).isEqualTo(false);
        assertThat(first.get("day")).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(first.get("seen")).isEqualTo(LocalDateTime.of(2024, 5, 6, 7, 9, 9));
        assertThat(first.get("seats")).isEqualTo(1);
    }

    @Test
    void replaceReplacesTheWholeTableAndLeavesNoTemporaryTable() throws Exception {
        TableDataset ds = table(Map.of());
        ds.save(shuttles(30));

        ds.save(shuttles(3));

        assertThat(count("shuttles")).isEqualTo(3);
        assertThat(tableNames()).containsExactly("shuttles");
    }

    @Test
    void appendAddsRowsAndCreatesTheTableWhenMissing() throws Exception {
        TableDataset ds = table(Map.of("save_args", Map.of("mode", "append")));
        assertThat(ds.exists()).isFalse();

        ds.save(shuttles(4));
        ds.save(shuttles(3));

        assertThat(ds.exists()).isTrue();
        assertThat(count("shuttles")).isEqualTo(7);
    }

    @Test
    void aReplaceThatFailsAtRow500LeavesThePreviousContent() throws Exception {
        TableDataset ds = table(Map.of("save_args", Map.of("batch_size", 100)));
        ds.save(shuttles(10));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", i == 500 ? (Object) "oops" : (Object) (long) i);
            row.put("name", "n" + i);
            rows.add(row);
        }

        assertThatThrownBy(() -> ds.save(new ArrayList<Object>(rows)))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'shuttles' (sql.Table): row 500, column 'id': value 'oops' (String) does not fit "
                        + "the column's type, long, taken from row 1. Save values of one type per column. Nothing was "
                        + "saved; table shuttles is unchanged.");

        @SuppressWarnings("unchecked")
        List<Shuttle> loaded = (List<Shuttle>) ds.load(listOf(Shuttle.class));
        assertThat(loaded).usingRecursiveFieldByFieldElementComparator(DECIMALS_BY_VALUE)
                .containsExactlyElementsOf(shuttles(10));
        assertThat(tableNames()).containsExactly("shuttles");
    }

    @Test
    void anAppendTheDatabaseRefusesMidwaySavesNothing() throws Exception {
        execute("CREATE TABLE shuttles (id BIGINT NOT NULL, price DOUBLE PRECISION NOT NULL)",
                "INSERT INTO shuttles VALUES (1, 2.5)");
        TableDataset ds = table(Map.of("save_args", Map.of("mode", "append", "batch_size", 100)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", (long) i);
            row.put("price", i == 650 ? null : 1.0 * i);
            rows.add(row);
        }

        assertThatThrownBy(() -> ds.save(new ArrayList<Object>(rows)))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'shuttles' (sql.Table): the database refused rows 601 to 700 of the "
                        + "save into table shuttles: ")
                .hasMessageEndingWith(". Nothing was saved; table shuttles is unchanged.");
        assertThat(count("shuttles")).isEqualTo(1);
    }

    @Test
    void loadArgsColumnsSelectsASubsetThatFillsASmallerRecord() {
        TableDataset ds = table(Map.of("load_args", Map.of("columns", List.of("id", "price"))));
        ds.save(shuttles(2));

        assertThat(ds.load(listOf(IdAndPrice.class)))
                .isEqualTo(List.of(new IdAndPrice(1, 10.5), new IdAndPrice(2, 21.0)));
    }

    @Test
    void aTableInASchema() throws Exception {
        execute("CREATE SCHEMA analytics");
        TableDataset ds = table(Map.of("schema", "analytics"));

        ds.save(shuttles(2));

        assertThat(count("analytics.shuttles")).isEqualTo(2);
        assertThat(ds.exists()).isTrue();
        assertThat(table(Map.of()).exists()).isFalse();
    }

    @Test
    void savingAnEmptyListEmptiesAnExistingTableOnReplace() throws Exception {
        TableDataset ds = table(Map.of());
        ds.save(shuttles(3));

        ds.save(List.of());

        assertThat(count("shuttles")).isZero();
    }

    @Test
    void aTableNameThatIsNotAnIdentifierIsRefused() {
        assertThatThrownBy(() -> table(Map.of("table", "shuttles; DROP TABLE x")))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'shuttles' (sql.Table): table name 'shuttles; DROP TABLE x' is not a valid SQL "
                        + "identifier: use letters, digits and '_', not starting with a digit, at most 63 characters.");
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> table(Map.of("save_args", Map.of("mode", "upsert"))))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'shuttles' (sql.Table): save_args.mode is 'upsert'; expected replace or append.");
    }
}

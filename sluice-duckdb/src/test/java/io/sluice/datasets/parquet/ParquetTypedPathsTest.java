package io.sluice.datasets.parquet;

import static io.sluice.datasets.parquet.ParquetDatasetTest.loadAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.resource.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unboxed paths: loads of records whose components all read from typed getters (built
 * straight from the result set), and saves of records and POJOs (each value read as its declared
 * type). They must give what the general paths give, nulls and errors included.
 */
class ParquetTypedPathsTest {
    @TempDir
    Path project;

    final Resources resources = new Resources("the test catalog");

    @AfterEach
    void closeResources() {
        resources.close();
    }

    public record Flat(long id, int n, double x, boolean flag, String s) {
    }

    public record SThenId(String s, long id) {
    }

    public record Positive(long id, double x) {
        public Positive {
            if (x < 0) {
                throw new IllegalArgumentException("x must not be negative, got " + x);
            }
        }
    }

    public record Narrow(long id, short sh, byte by, float f, char ch, Long boxed, String s) {
    }

    /** A POJO read through its getters. */
    public static final class Bean {
        private final long id;
        private final double x;
        private final String s;

        Bean(long id, double x, String s) {
            this.id = id;
            this.x = x;
            this.s = s;
        }

        public long getId() {
            return id;
        }

        public double getX() {
            if (Double.isNaN(x)) {
                throw new IllegalStateException("no x for " + id);
            }
            return x;
        }

        public String getS() {
            return s;
        }
    }

    ParquetDataset parquet() {
        return new ParquetDataset(DatasetConfig.of("rows", ParquetDataset.TYPE, Map.of("filepath", "data/rows.parquet"),
                project, resources));
    }

    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void recordsOfTypedColumnsRoundTrip() {
        List<Flat> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(new Flat(i * 1_000_003L, -i, i / 7.0, i % 3 == 0, i % 5 == 0 ? "" : "é" + i));
        }
        rows.add(new Flat(Long.MIN_VALUE, Integer.MAX_VALUE, -0.0, false, null));
        rows.add(new Flat(0, 0, Double.NaN, false, "0"));
        ParquetDataset ds = parquet();

        ds.save(rows);

        assertThat(loadAs(ds, Flat.class)).containsExactlyElementsOf(rows);
    }

    @Test
    void componentsAreMatchedByNameWhateverTheColumnOrder() {
        ParquetDataset ds = parquet();
        ds.save(List.of(new Flat(1, 2, 3.5, true, "one"), new Flat(4, 5, 6.5, false, "four")));

        assertThat(loadAs(ds, SThenId.class)).containsExactly(new SThenId("one", 1), new SThenId("four", 4));
    }

    @Test
    void aNullInAStringColumnLoadsAsNullAndInAPrimitiveOneIsTheUsualError() {
        ParquetDataset ds = parquet();
        ds.save(new ArrayList<Object>(List.of(row("id", 1L, "x", 1.5, "s", "a"), row("id", 2L, "x", 2.5, "s", null),
                row("id", 3L, "x", null, "s", "c"))));

        assertThat(loadAs(ds, SThenId.class)).containsExactly(new SThenId("a", 1), new SThenId(null, 2),
                new SThenId("c", 3));
        assertThatThrownBy(() -> loadAs(ds, Positive.class)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'rows' (parquet) row 3, column 'x' has no value, but "
                        + "Positive.x is a double.");
    }

    @Test
    void aRecordThatRefusesItsValuesIsTheUsualErrorNamingTheRow() {
        ParquetDataset ds = parquet();
        ds.save(new ArrayList<Object>(List.of(row("id", 1L, "x", 1.5), row("id", 2L, "x", -2.5))));

        assertThatThrownBy(() -> loadAs(ds, Positive.class)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'rows' (parquet) row 2: cannot build Positive: ")
                .hasMessageContaining("x must not be negative, got -2.5");
    }

    @Test
    void narrowBoxedAndCharComponentsSaveAsTheGeneralPathWroteThem() {
        ParquetDataset ds = parquet();
        ds.save(List.of(new Narrow(1, (short) -3, (byte) 7, 1.5f, 'z', null, null),
                new Narrow(2, Short.MAX_VALUE, Byte.MIN_VALUE, -0.25f, 'é', 42L, "s")));

        List<Map<String, Object>> loaded = new ArrayList<>();
        for (Object r : parquet().load()) {
            loaded.add(new HashMap<>((Map<?, ?>) r).entrySet().stream()
                    .collect(HashMap::new, (m, e) -> m.put((String) e.getKey(), e.getValue()), HashMap::putAll));
        }
        Map<String, Object> first = new HashMap<>(row("id", 1L, "sh", -3, "by", 7, "f", 1.5, "ch", "z"));
        first.put("boxed", null);
        first.put("s", null);
        assertThat(loaded).containsExactly(first,
                row("id", 2L, "sh", (int) Short.MAX_VALUE, "by", (int) Byte.MIN_VALUE, "f", -0.25, "ch", "é",
                        "boxed", 42L, "s", "s"));
    }

    @Test
    void pojosSaveThroughTheirGettersAndAFailingGetterNamesTheColumnAndRow() {
        ParquetDataset ds = parquet();
        ds.save(List.of(new Bean(1, 0.5, "a"), new Bean(2, 1.5, null)));

        assertThat(loadAs(ds, SThenId.class)).containsExactly(new SThenId("a", 1), new SThenId(null, 2));

        assertThatThrownBy(() -> ds.save(List.of(new Bean(1, 0.5, "a"), new Bean(2, Double.NaN, "b"))))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'rows' (parquet): cannot read column 'x' of row 2: "
                        + "java.lang.IllegalStateException: no x for 2")
                .hasMessageEndingWith("Nothing was saved; the previous file is unchanged.");
        assertThat(loadAs(ds, SThenId.class)).as("the previous file").hasSize(2);
    }

    @Test
    void aRowOfAnotherClassIsStillRefusedByName() {
        List<Object> rows = new ArrayList<>(List.of(new Flat(1, 2, 3, true, "s"), new SThenId("t", 2)));

        assertThatThrownBy(() -> parquet().save(rows)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("row 2 is a " + SThenId.class.getName() + " but row 1 is a "
                        + Flat.class.getName());
    }
}

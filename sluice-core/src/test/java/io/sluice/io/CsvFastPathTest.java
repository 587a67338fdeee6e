package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of numbers and strings take a parse-straight-into-the-constructor path; every cell that
 * path cannot parse must still load, or fail, exactly as the general conversions decide.
 */
class CsvFastPathTest {
    @TempDir
    Path project;

    record Row(long id, double a, int c, String s) {
    }

    static List<Row> rows;

    private List<Object> load(String csv) throws Exception {
        Files.writeString(project.resolve("rows.csv"), csv);
        CsvDataset ds = new CsvDataset(DatasetConfig.of("rows", "csv", Map.of("filepath", "rows.csv"), project));
        Type listOfRow = CsvFastPathTest.class.getDeclaredField("rows").getGenericType();
        @SuppressWarnings("unchecked")
        List<Object> loaded = (List<Object>) ds.load(listOfRow);
        return loaded;
    }

    @Test
    void plainCellsAndCellsOnlyTheGeneralConvertersAcceptLoadAlike() throws Exception {
        assertThat(load("id,a,c,s\n1,2.5,3,x\n 4 ,5e1, 6 ,\n"))
                .containsExactly(new Row(1, 2.5, 3, "x"), new Row(4, 50.0, 6, ""));
    }

    @Test
    void columnsInAnotherOrderThanTheComponentsMapByName() throws Exception {
        assertThat(load("s,c,a,id\ny,7,0.5,9\n")).containsExactly(new Row(9, 0.5, 7, "y"));
    }

    @Test
    void aCellNoPathCanParseFailsWithTheGeneralMessage() {
        assertThatThrownBy(() -> load("id,a,c,s\n1,2.5,3,x\n2,abc,3,y\n"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("row 2, column 'a': cannot convert \"abc\" to double (Row.a)");
    }

    @Test
    void anEmptyCellForAPrimitiveFailsWithTheGeneralMessage() {
        assertThatThrownBy(() -> load("id,a,c,s\n1,,3,x\n"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("row 1, column 'a' has no value");
    }

    record Out(long id, double a, boolean ok, String s, java.math.BigDecimal amount) {
    }

    record Simple(long id, double a, int c, boolean ok, String s) {
    }

    @Test
    void savedRecordsOfPlainTypesWriteTheSameTextAsTheGeneralPath() throws Exception {
        CsvDataset ds = new CsvDataset(DatasetConfig.of("out", "csv", Map.of("filepath", "out.csv"), project));
        ds.save(List.of(new Simple(1, 2.5, 3, true, null), new Simple(-4, 1e-7, 0, false, "a,b")));
        String fast = Files.readString(project.resolve("out.csv"));

        CsvDataset general = new CsvDataset(DatasetConfig.of("out2", "csv", Map.of("filepath", "out2.csv"), project));
        general.save(List.of(
                Map.of("id", 1L, "a", 2.5, "c", 3, "ok", true, "s", ""),
                Map.of("id", -4L, "a", 1e-7, "c", 0, "ok", false, "s", "a,b")));

        assertThat(fast).isEqualTo("id,a,c,ok,s\n1,2.5,3,true,\n-4,1.0E-7,0,false,\"a,b\"\n");
        assertThat(Files.readAllLines(project.resolve("out2.csv"))).hasSize(3);
    }

    @Test
    void recordsWithOtherComponentTypesStillSaveThroughTheGeneralPath() throws Exception {
        CsvDataset ds = new CsvDataset(DatasetConfig.of("out", "csv", Map.of("filepath", "o.csv"), project));
        ds.save(List.of(new Out(1, 0.5, true, "x", new java.math.BigDecimal("1E+3"))));

        assertThat(Files.readString(project.resolve("o.csv"))).isEqualTo("id,a,ok,s,amount\n1,0.5,true,x,1000\n");
    }
}

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
}

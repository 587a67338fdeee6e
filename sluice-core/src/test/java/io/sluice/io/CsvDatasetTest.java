package io.sluice.io;

import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    record Company(String id, Integer employees, boolean active, Double rating) {
    }

    private static final Type COMPANIES = new TypeReference<List<Company>>() { }.getType();

    @TempDir
    Path project;

    private CsvDataset csv(Map<String, Object> config) {
        Map<String, Object> full = map("filepath", "data/01_raw/companies.csv");
        full.putAll(config);
        return new CsvDataset(DatasetConfig.of("companies", "csv", full, project));
    }

    private void write(String content) throws Exception {
        Path file = project.resolve("data/01_raw/companies.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String file() throws Exception {
        return Files.readString(project.resolve("data/01_raw/companies.csv"));
    }

    @Test
    void loadsRowsAsOrderedMapsOfStringsByDefault() throws Exception {
        write("id,name,rating\n1,Acme,4.5\n2,\"Foo, Inc\",\n");

        List<?> rows = csv(map()).load();

        assertThat(TestConfigs.objects(rows)).containsExactly(
                Map.of("id", "1", "name", "Acme", "rating", "4.5"),
                Map.of("id", "2", "name", "Foo, Inc", "rating", ""));
        assertThat(TestConfigs.objects(((Map<?, ?>) rows.get(0)).keySet())).containsExactly("id", "name", "rating");
    }

    @Test
    void loadsIntoRecordsByColumnNameConvertingNumbersAndBooleans() throws Exception {
        write("rating,id,active,employees,country\n4.5,c1,true,120,NL\n,c2,false,,BE\n");

        Object companies = csv(map()).load(COMPANIES);

        assertThat(companies).isEqualTo(List.of(
                new Company("c1", 120, true, 4.5),
                new Company("c2", null, false, null)));
    }

    @Test
    void aCellThatCannotBeConvertedIsReportedWithFileRowColumnAndValue() throws Exception {
        write("id,employees,active,rating\nc1,10,true,1.0\nc2,many,true,2.0\n");

        assertThatThrownBy(() -> csv(map()).load(COMPANIES))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'companies' (csv): data/01_raw/companies.csv row 2, column 'employees': cannot"
                        + " convert \"many\" to Integer (Company.employees). Fix the value or change the field's type.");
    }

    @Test
    void anEmptyCellForAPrimitiveFieldIsReported() throws Exception {
        write("id,employees,active,rating\nc1,10,,1.0\n");

        assertThatThrownBy(() -> csv(map()).load(COMPANIES))
                .hasMessageStartingWith("dataset 'companies' (csv): data/01_raw/companies.csv row 1, column 'active'");
    }

    @Test
    void delimiterHeaderAndColumnsOptionsApplyToLoad() throws Exception {
        write("c1;10;true\nc2;20;false\n");

        CsvDataset ds = csv(map("load_args", map("delimiter", ";", "header", false,
                "columns", List.of("id", "employees", "active"))));

        assertThat(TestConfigs.objects(ds.load())).containsExactly(
                Map.of("id", "c1", "employees", "10", "active", "true"),
                Map.of("id", "c2", "employees", "20", "active", "false"));
    }

    @Test
    void withoutHeaderOrColumnsColumnsAreNumbered() throws Exception {
        write("a,b\n");

        assertThat(TestConfigs.objects(csv(map("load_args", map("header", false))).load())).containsExactly(Map.of("0", "a", "1", "b"));
    }

    @Test
    void columnsSelectAndOrderTheColumnsKept() throws Exception {
        write("id,name,rating\n1,Acme,4.5\n");

        List<?> rows = csv(map("load_args", map("columns", List.of("rating", "id")))).load();

        assertThat(TestConfigs.objects(((Map<?, ?>) rows.get(0)).keySet())).containsExactly("rating", "id");
    }

    @Test
    void aSelectedColumnMissingFromTheFileIsReported() throws Exception {
        write("id,name\n1,Acme\n");

        assertThatThrownBy(() -> csv(map("load_args", map("columns", List.of("nmae")))).load())
                .hasMessage("dataset 'companies' (csv): column 'nmae' listed in load_args.columns is not in"
                        + " data/01_raw/companies.csv. Columns there: id, name. Did you mean 'name'?");
    }

    @Test
    void recordsRoundTrip() throws Exception {
        List<Company> companies = List.of(new Company("c1", 120, true, 4.5), new Company("c,2", null, false, null));
        CsvDataset ds = csv(map());

        ds.save(companies);

        assertThat(file()).isEqualTo("id,employees,active,rating\nc1,120,true,4.5\n\"c,2\",,false,\n");
        assertThat(ds.load(COMPANIES)).isEqualTo(companies);
    }

    @Test
    void mapsAreSavedWithTheSaveOptions() throws Exception {
        CsvDataset ds = csv(map("save_args", map("delimiter", "|", "columns", List.of("name", "id"))));

        ds.save(List.of(map("id", 1, "name", "Acme", "ignored", "x"), map("id", 2)));

        assertThat(file()).isEqualTo("name|id\nAcme|1\n|2\n");
    }

    @Test
    void savingWithoutHeaderWritesOnlyRows() throws Exception {
        csv(map("save_args", map("header", false))).save(List.of(map("a", "x", "b", "y")));

        assertThat(file()).isEqualTo("x,y\n");
    }

    @Test
    void aNestedValueCannotBeSavedInACell() {
        assertThatThrownBy(() -> csv(map()).save(List.of(map("id", 1, "tags", List.of("a")))))
                .hasMessage("dataset 'companies' (csv): cannot save row 1, column 'tags': it holds a list, but CSV"
                        + " cells hold single values. Flatten the value or use the json type.");
    }

    @Test
    void loadingAMissingFileNamesTheFileRelativeToTheProject() {
        assertThatThrownBy(() -> csv(map()).load()).isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'companies' (csv): file data/01_raw/companies.csv does not exist");
        assertThat(csv(map()).exists()).isFalse();
    }

    @Test
    void describeGivesTypeAndConfig() {
        assertThat(csv(map("load_args", map("delimiter", ";"))).describe()).isEqualTo(Map.of(
                "type", "csv", "filepath", "data/01_raw/companies.csv", "load_args", Map.of("delimiter", ";")));
    }

    @Test
    void aTargetThatIsNotAListIsRefused() throws Exception {
        write("id\n1\n");

        assertThatThrownBy(() -> csv(map()).load(Company.class))
                .hasMessage("dataset 'companies' (csv) loads a list of rows, which cannot be passed as Company."
                        + " Declare it as List<Map<String, String>> or List<YourRecord>.");
    }
}

package io.sluice.io;

import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sluice.run.RunContext;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
                        + " convert \"many\" to Integer (Company.employees). Fix the value, or ask for a conversion in"
                        + " load_args.parse.");
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

    enum Status { ACTIVE, CLOSED }

    record Shuttle(long id, int engines, double price, float weight, BigDecimal cost, boolean approved,
                   Boolean checked, LocalDate since, LocalDateTime launched, Instant booked, Status status,
                   char grade, String name) {
    }

    private static final Type SHUTTLES = new TypeReference<List<Shuttle>>() { }.getType();

    @Test
    void loadsRecordsWithEveryPlainConversion() throws Exception {
        write("id,engines,price,weight,cost,approved,checked,since,launched,booked,status,grade,name\n"
                + "9000000000,2,1e3,1.5,1325.50,TRUE,,2024-01-31,2024-01-31 10:15:30,2024-01-31T10:15:30Z,closed,A,"
                + "\"Foo, Inc\"\n");

        Object loaded = csv(map()).load(SHUTTLES);

        assertThat(loaded).isEqualTo(List.of(new Shuttle(9_000_000_000L, 2, 1000.0, 1.5f, new BigDecimal("1325.50"),
                true, null, LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 10, 15, 30),
                Instant.parse("2024-01-31T10:15:30Z"), Status.CLOSED, 'A', "Foo, Inc")));
    }

    record Listing(String id, double price, Double reviewScoresRating, boolean iataApproved) {
    }

    private static final Type LISTINGS = new TypeReference<List<Listing>>() { }.getType();

    @Test
    void currencyPercentAndBooleanColumnsConvertWhenTheCatalogAsks() throws Exception {
        write("id,price,review_scores_rating,iata_approved\nl1,\"$1,325.0\",45%,t\nl2,$7,,f\n");

        Object loaded = csv(map("load_args", map("parse",
                map("price", "currency", "review_scores_rating", "percent", "iata_approved", "boolean"))))
                .load(LISTINGS);

        assertThat(loaded).isEqualTo(List.of(new Listing("l1", 1325.0, 0.45, true), new Listing("l2", 7.0, null, false)));
    }

    @Test
    void currencyIsAnErrorWhenTheCatalogDoesNotAsk() throws Exception {
        write("id,price,review_scores_rating,iata_approved\nl1,\"$1,325.0\",45%,t\n");

        assertThatThrownBy(() -> csv(map()).load(LISTINGS))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'companies' (csv): data/01_raw/companies.csv row 1, column 'price': cannot"
                        + " convert \"$1,325.0\" to double (Listing.price). Fix the value, or ask for a conversion"
                        + " in load_args.parse.");
    }

    @Test
    void anEmptyCellForAPrimitiveIsReportedWordForWord() throws Exception {
        write("id,price,review_scores_rating,iata_approved\nl1,,1,true\n");

        assertThatThrownBy(() -> csv(map()).load(LISTINGS))
                .hasMessage("dataset 'companies' (csv): data/01_raw/companies.csv row 1, column 'price' has no value,"
                        + " but Listing.price is a double. Fill in the value, or declare the field as Double to"
                        + " accept empty values.");
    }

    @Test
    void anUnknownConversionNameIsAConfigError() {
        assertThatThrownBy(() -> csv(map("load_args", map("parse", map("price", "money")))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageEndingWith("dataset 'companies' (type csv): load_args.parse.price is 'money', which is"
                        + " not a conversion. Use one of currency, percent, boolean.");
    }

    @Test
    void aParsedColumnMissingFromTheFileIsReported() throws Exception {
        write("id,price\n1,2\n");

        assertThatThrownBy(() -> csv(map("load_args", map("parse", map("prise", "currency")))).load())
                .hasMessage("dataset 'companies' (csv): column 'prise' listed in load_args.parse is not in"
                        + " data/01_raw/companies.csv. Columns there: id, price. Did you mean 'price'?");
    }

    @Test
    void untypedConsumersGetOrderedMapsOfStringsWithParsedColumnsConverted() throws Exception {
        write("id,price,flag\n1,$2.50,yes\n");

        Object rows = csv(map("load_args", map("parse", map("price", "currency", "flag", "boolean")))).load(List.class);

        assertThat(rows).isEqualTo(List.of(Map.of("id", "1", "price", 2.5, "flag", true)));
    }

    @Test
    void aRecordComponentWithoutAColumnIsReported() throws Exception {
        write("id,cost\nl1,3\n");

        assertThatThrownBy(() -> csv(map()).load(LISTINGS))
                .hasMessage("dataset 'companies' (csv): data/01_raw/companies.csv: no column for Listing.price"
                        + " (columns: id, cost). Add the column, rename the component to match one, or declare it"
                        + " Optional<Double> to accept its absence.");
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsAnErrorNamingItsLine() throws Exception {
        write("id,name\n1,a\n\n2,b,c\n");

        assertThatThrownBy(() -> csv(map()).load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'companies' (csv): data/01_raw/companies.csv line 4 (row 2) has 3 fields, but the"
                        + " header has 2 (id, name). Fix the row (a value holding the delimiter must be quoted) or the"
                        + " delimiter (load_args.delimiter is ',').");
    }

    @Test
    void aRowWithFewerFieldsThanTheHeaderIsAnErrorNamingItsLine() throws Exception {
        write("id,employees,active,rating\nc1,3,true,4.5\n\"c2\nwith a line break\",4,true\nc3,5,false,3.0\n");

        assertThatThrownBy(() -> csv(map()).load(COMPANIES))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'companies' (csv): data/01_raw/companies.csv line 3 (row 2) has 3 fields, but the"
                        + " header has 4 (id, employees, active, rating). Fix the row, or set"
                        + " load_args.allow_missing_fields: true to load the missing trailing fields as empty (null).");
    }

    @Test
    void aFileCutOffInTheMiddleOfARowSaysSo() throws Exception {
        write("id,employees,active,rating\nc1,3,true,4.5\nc2,4");

        assertThatThrownBy(() -> csv(map()).load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'companies' (csv): data/01_raw/companies.csv line 3 (row 2) has 2 fields, but the"
                        + " header has 4 (id, employees, active, rating). The file ends in the middle of this row: it"
                        + " was cut off (an interrupted copy or download?). Get the whole file again.");
    }

    @Test
    void allowMissingFieldsLoadsMissingTrailingCellsAsNull() throws Exception {
        write("id,employees,active,rating\nc1,3,true\n");

        assertThat(csv(map("load_args", map("allow_missing_fields", true))).load(COMPANIES))
                .isEqualTo(List.of(new Company("c1", 3, true, null)));
        assertThat(TestConfigs.objects(csv(map("load_args", map("allow_missing_fields", true))).load()))
                .containsExactly(map("id", "c1", "employees", "3", "active", "true", "rating", null));
    }

    @Test
    void allowMissingFieldsStillRefusesRowsWithMoreFields() throws Exception {
        write("id,name\n1,a,b\n");

        assertThatThrownBy(() -> csv(map("load_args", map("allow_missing_fields", true))).load())
                .hasMessageContaining("line 2 (row 1) has 3 fields, but the header has 2 (id, name)");
    }

    @Test
    void withoutAHeaderTheFirstRowSetsTheWidth() throws Exception {
        write("c1,3\nc2,4,5\n");

        assertThatThrownBy(() -> csv(map("load_args", map("header", false))).load())
                .hasMessageStartingWith("dataset 'companies' (csv): data/01_raw/companies.csv line 2 (row 2) has 3"
                        + " fields, but the first row has 2 (0, 1).");
    }

    @Test
    void aHeaderOnlyFileLoadsNoRows() throws Exception {
        write("id,employees,active,rating\n");

        assertThat(csv(map()).load(COMPANIES)).isEqualTo(List.of());
        assertThat(csv(map()).load()).isEqualTo(List.of());
    }

    @Test
    void anEmptyFileIsAnErrorNamingItUnlessTheFileHasNoHeader() throws Exception {
        write("");

        assertThatThrownBy(() -> csv(map()).load(COMPANIES))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'companies' (csv): data/01_raw/companies.csv is empty (0 bytes): it has no header"
                        + " line, so it has no columns either. A CSV file holds at least its header; write the header to"
                        + " load no rows, or set load_args.header: false if the file has none.");
        assertThat(csv(map("load_args", map("header", false))).load()).isEqualTo(List.of());
    }

    @Test
    void typedRecordsRoundTripWithEveryType() throws Exception {
        List<Shuttle> shuttles = List.of(new Shuttle(1, 2, 3.25, 1.5f, new BigDecimal("1E+3"), false, true,
                LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 23, 59), Instant.parse("2024-01-01T00:00:00Z"),
                Status.ACTIVE, 'z', "a \"quoted\", name"));
        CsvDataset ds = csv(map());

        ds.save(shuttles);

        assertThat(file()).isEqualTo("id,engines,price,weight,cost,approved,checked,since,launched,booked,status,"
                + "grade,name\n1,2,3.25,1.5,1000,false,true,2024-02-29,2024-02-29T23:59,2024-01-01T00:00:00Z,ACTIVE,z,"
                + "\"a \"\"quoted\"\", name\"\n");
        assertThat(ds.load(SHUTTLES)).isEqualTo(List.of(new Shuttle(1, 2, 3.25, 1.5f, new BigDecimal("1000"), false,
                true, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 23, 59),
                Instant.parse("2024-01-01T00:00:00Z"), Status.ACTIVE, 'z', "a \"quoted\", name")));
    }

    @Test
    void mapsWithDifferentKeysAreSavedUnderTheUnionOfTheirKeys() throws Exception {
        csv(map()).save(List.of(map("a", 1), map("b", "x", "a", 2)));

        assertThat(file()).isEqualTo("a,b\n1,\n2,x\n");
    }

    @Test
    void savingAColumnTheRecordLacksIsReported() {
        assertThatThrownBy(() -> csv(map("save_args", map("columns", List.of("id", "rateing"))))
                .save(List.of(new Company("c1", 1, true, 1.0))))
                .hasMessage("dataset 'companies' (csv): save_args.columns lists 'rateing', which Company does not"
                        + " have. Its columns: id, employees, active, rating. Did you mean 'rating'?");
    }

    @Test
    void rowsOfMixedTypesAreReportedWithTheRowNumber() {
        assertThatThrownBy(() -> csv(map()).save(List.of(new Company("c1", 1, true, 1.0), map("id", "c2"))))
                .hasMessage("dataset 'companies' (csv): cannot save row 2: the row is a java.util.LinkedHashMap, but"
                        + " the rows before it are of type " + Company.class.getName() + ".");
    }

    @Test
    void versionedSavesAndLoadsGoThroughTheVersionFolders() throws Exception {
        CsvDataset ds = csv(map("versioned", true));
        try (RunContext.Scope ignored = RunContext.enter(new RunContext("v1", "__default__", "local", Map.of(),
                Path.of("."), Map.of()))) {
            ds.save(List.of(new Company("c1", 1, true, 1.0)));
        }
        try (RunContext.Scope ignored = RunContext.enter(new RunContext("v2", "__default__", "local", Map.of(),
                Path.of("."), Map.of()))) {
            ds.save(List.of(new Company("c2", 2, false, null)));
        }

        assertThat(project.resolve("data/01_raw/companies.csv/v1/companies.csv"))
                .hasContent("id,employees,active,rating\nc1,1,true,1.0");
        assertThat(ds.load(COMPANIES)).isEqualTo(List.of(new Company("c2", 2, false, null)));
        try (RunContext.Scope ignored = RunContext.enter(new RunContext("v3", "__default__", "local", Map.of(),
                Path.of("."), Map.of("companies", "v1")))) {
            assertThat(ds.load(COMPANIES)).isEqualTo(List.of(new Company("c1", 1, true, 1.0)));
        }
    }

    @Test
    void incompatibilityAcceptsListsOfRowsAndUntypedConsumersOnly() {
        CsvDataset ds = csv(map());

        assertThat(ds.incompatibility(COMPANIES)).isEmpty();
        assertThat(ds.incompatibility(Object.class)).isEmpty();
        assertThat(ds.incompatibility(new TypeReference<List<Map<String, Object>>>() { }.getType())).isEmpty();
        assertThat(ds.incompatibility(new TypeReference<List<Integer>>() { }.getType())).contains("a row maps to a"
                + " record, a POJO (public no-arg constructor and setters or public fields) or a Map<String, ?>, not"
                + " Integer");
        assertThat(ds.incompatibility(Company.class))
                .contains("it loads a list of rows, so declare List<YourRecord> or List<Map<String, Object>>");
    }
}

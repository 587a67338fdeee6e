package io.sluice.io;

import static io.sluice.io.TestConfigs.catalog;
import static io.sluice.io.TestConfigs.config;
import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigMap;
import io.sluice.config.Location;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCatalogTest {
    @TempDir
    Path project;

    private DataCatalog catalogOf(Map<String, ?> tree) {
        return DataCatalog.fromConfig(catalog(tree), null, project);
    }

    private String errorOf(Map<String, ?> tree) {
        try {
            catalogOf(tree);
        } catch (DatasetConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a DatasetConfigException");
    }

    @Test
    void explicitEntriesAreBuiltWithTheirShortTypeAndAliases() {
        DataCatalog catalog = catalogOf(map(
                "companies", map("type", "csv", "filepath", "data/01_raw/companies.csv"),
                "reviews", map("type", "CSVDataset", "filepath", "data/01_raw/reviews.csv"),
                "notes", map("type", "TextDataset", "filepath", "notes.txt"),
                "shuttles", map("type", "JSONDataset", "filepath", "shuttles.json"),
                "scratch", map("type", "MemoryDataset", "copy_mode", "deepcopy")));

        assertThat(catalog.dataset("companies")).isInstanceOf(CsvDataset.class);
        assertThat(catalog.dataset("reviews")).isInstanceOf(CsvDataset.class);
        assertThat(catalog.dataset("notes")).isInstanceOf(TextDataset.class);
        assertThat(catalog.dataset("shuttles")).isInstanceOf(JsonDataset.class);
        assertThat(((MemoryDataset<?>) catalog.dataset("scratch")).copyMode())
                .isEqualTo(MemoryDataset.CopyMode.DEEPCOPY);
        assertThat(catalog.resolve("reviews").type()).isEqualTo("csv");
        assertThat(catalog.entryNames()).containsExactly("companies", "notes", "reviews", "scratch", "shuttles");
    }

    @Test
    void anEntrySaysWhatItHoldsWithArtifactElseTheDatasetDoes() {
        DataCatalog catalog = catalogOf(map(
                "metrics", map("type", "json", "filepath", "metrics.json", "artifact", "metrics"),
                "table", map("type", "csv", "filepath", "t.csv")));

        assertThat(catalog.artifactKind("metrics")).isEqualTo(ArtifactKind.METRICS);
        assertThat(catalog.artifactKind("table")).isEqualTo(ArtifactKind.DATA);
        assertThat(catalog.dataset("metrics")).isInstanceOf(JsonDataset.class); // a catalog key, not the type's

        DataCatalog wrong = catalogOf(map("metrics", map("type", "json", "filepath", "m.json", "artifact", "score")));
        assertThatThrownBy(() -> wrong.artifactKind("metrics")).isInstanceOf(DatasetConfigException.class)
                .hasMessage("conf/base/catalog.yml:1:1: dataset 'metrics': artifact expects data, model or metrics, "
                        + "got score.");
    }

    @Test
    void anUnknownKeyIsReportedWithItsLocationTheKnownKeysAndASuggestion() {
        String message = errorOf(map(
                "companies", map("type", "csv", "fielpath", "data/01_raw/companies.csv")));

        assertThat(message).isEqualTo("conf/base/catalog.yml:3:3: dataset 'companies' (type csv) has unknown key"
                + " 'fielpath'. Known keys: filepath, load_args, save_args. Did you mean 'filepath'?");
    }

    @Test
    void anUnknownKeyInsideLoadArgsIsReportedToo() {
        String message = errorOf(map(
                "companies", map("type", "csv", "filepath", "c.csv", "load_args", map("delimeter", ";"))));

        assertThat(message).isEqualTo("conf/base/catalog.yml:5:5: dataset 'companies' (type csv) has unknown key"
                + " 'delimeter' in 'load_args'. Known keys in 'load_args': allow_missing_fields, columns, delimiter,"
                + " encoding, header, parse, quote_char. Did you mean 'delimiter'?");
    }

    @Test
    void aMissingRequiredKeyNamesTheEntry() {
        String message = errorOf(map("notes", map("type", "text")));

        assertThat(message).isEqualTo("conf/base/catalog.yml:1:1: dataset 'notes' (type text) is missing required"
                + " key 'filepath' (a string). Add it to the entry.");
    }

    @Test
    void aValueOfTheWrongTypeNamesDatasetKeyLocationAndExpectedType() {
        String message = errorOf(map(
                "companies", map("type", "csv", "filepath", "c.csv", "save_args", map("header", "yes"))));

        assertThat(message).isEqualTo("conf/base/catalog.yml:5:5: dataset 'companies' (type csv): key"
                + " 'save_args.header' expects a boolean (true or false), got \"yes\". Fix the value in the catalog.");
    }

    @Test
    void everyWrongEntryIsReportedAtOnce() {
        String message = errorOf(map(
                "a", map("type", "text", "filepath", "a.txt", "encodng", "UTF-8"),
                "b", map("type", "txt", "filepath", "b.txt")));

        assertThat(message.lines()).hasSize(2);
        assertThat(message).contains("conf/base/catalog.yml:4:3: dataset 'a' (type text) has unknown key 'encodng'")
                .contains("conf/base/catalog.yml:6:3: dataset 'b' has type 'txt', which is not a known dataset type."
                        + " Did you mean 'text'?");
    }

    @Test
    void anUnknownShortTypeListsTheKnownTypesAndTheClassNameOption() {
        String message = errorOf(map("shuttles", map("type", "jsn", "filepath", "s.json")));

        assertThat(message).isEqualTo("conf/base/catalog.yml:2:3: dataset 'shuttles' has type 'jsn', which is not"
                + " a known dataset type. Did you mean 'json'? Known types: csv, json, memory, text. Or give the"
                + " fully qualified name of a public class implementing io.sluice.io.Dataset with a public"
                + " constructor (io.sluice.io.DatasetConfig).");
    }

    @Test
    void aTypeOfAModuleThatIsNotOnTheClassPathNamesTheModuleToAdd() {
        String hint = "; add it to pom.xml (<dependency><groupId>io.sluice</groupId><artifactId>%s</artifactId>"
                + "</dependency>, its version managed by io.sluice:sluice-bom) and rebuild the project.";

        assertThat(errorOf(map("trips", map("type", "parquet", "filepath", "t.parquet")))).isEqualTo(
                "conf/base/catalog.yml:2:3: dataset 'trips' has type 'parquet', which needs io.sluice:sluice-duckdb"
                        + hint.formatted("sluice-duckdb"));
        assertThat(errorOf(map("orders", map("type", "sql.Table", "table_name", "orders")))).startsWith(
                "conf/base/catalog.yml:2:3: dataset 'orders' has type 'sql.Table', which needs io.sluice:sluice-duckdb;");
        assertThat(errorOf(map("regressor", map("type", "model", "filepath", "m.onnx")))).isEqualTo(
                "conf/base/catalog.yml:2:3: dataset 'regressor' has type 'model', which needs io.sluice:sluice-onnx"
                        + hint.formatted("sluice-onnx"));
        assertThat(errorOf(map("params", map("type", "YAMLDataset", "filepath", "p.yml")))).startsWith(
                "conf/base/catalog.yml:2:3: dataset 'params' has type 'YAMLDataset', which needs io.sluice:sluice-datasets;");
        assertThat(errorOf(map("trips", map("type", "io.sluice.datasets.parquet.ParquetDataset", "filepath", "t"))))
                .contains("which needs io.sluice:sluice-duckdb;");
    }

    @Test
    void aKedroStyleClassNameSuggestsTheShortName() {
        String message = errorOf(map("companies", map("type", "pandas.CSVDataset", "filepath", "c.csv")));

        assertThat(message).isEqualTo("conf/base/catalog.yml:2:3: dataset 'companies' has type 'pandas.CSVDataset',"
                + " but no class of that name is on the class path. Did you mean 'csv'? Check the spelling and that"
                + " the jar holding it is a dependency of the project.");
    }

    @Test
    void aUserDatasetIsNamedByItsFullyQualifiedClassName() {
        DataCatalog catalog = catalogOf(map("shout", map("type", UpperCaseTextDataset.class.getName(),
                "filepath", "out/shout.txt", "suffix", "!")));

        @SuppressWarnings("unchecked")
        Dataset<String> shout = (Dataset<String>) catalog.dataset("shout");
        shout.save("hello");

        assertThat(shout.load()).isEqualTo("HELLO!");
        assertThat(catalog.resolve("shout").type()).isEqualTo("io.sluice.io.UpperCaseTextDataset");
    }

    @Test
    void aClassThatIsNotADatasetIsRefused() {
        String message = errorOf(map("x", map("type", UpperCaseTextDataset.NotADataset.class.getName())));

        assertThat(message).isEqualTo("conf/base/catalog.yml:2:3: dataset 'x' has type"
                + " 'io.sluice.io.UpperCaseTextDataset$NotADataset', but io.sluice.io.UpperCaseTextDataset$NotADataset"
                + " does not implement io.sluice.io.Dataset. Implement it, or use a known type: csv, json, memory, text.");
    }

    @Test
    void aDatasetClassWithoutAConfigConstructorIsRefused() {
        String message = errorOf(map("x", map("type", UpperCaseTextDataset.NoConfigConstructor.class.getName())));

        assertThat(message).isEqualTo("conf/base/catalog.yml:2:3: dataset 'x' has type"
                + " 'io.sluice.io.UpperCaseTextDataset$NoConfigConstructor', but"
                + " io.sluice.io.UpperCaseTextDataset$NoConfigConstructor is not a public concrete class with a public"
                + " constructor taking io.sluice.io.DatasetConfig. Add 'public NoConfigConstructor(DatasetConfig"
                + " config)'.");
    }

    @Test
    void aTypeContributedThroughServiceLoaderIsKnownByItsShortName() throws Exception {
        Path services = project.resolve("spi/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(DatasetType.class.getName()), ReversedTextType.class.getName() + "\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {project.resolve("spi").toUri().toURL()},
                getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            DataCatalog catalog = catalogOf(map("r", map("type", "reversed", "filepath", "r.txt"),
                    "r2", map("type", "ReversedTextDataset", "filepath", "r2.txt")));
            @SuppressWarnings("unchecked")
            Dataset<String> r = (Dataset<String>) catalog.dataset("r");
            r.save("abc");

            assertThat(Files.readString(project.resolve("r.txt"))).isEqualTo("cba");
            assertThat(catalog.resolve("r2").type()).isEqualTo("reversed");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void templateKeysStartingWithUnderscoreAreNotDatasets() {
        DataCatalog catalog = catalogOf(map("_csv", map("type", "csv"),
                "a", map("type", "text", "filepath", "a.txt")));

        assertThat(catalog.entryNames()).containsExactly("a");
        assertThat(catalog.resolve("_csv").kind()).isEqualTo(DatasetResolution.Kind.DEFAULT);
    }

    @Test
    void anEntryThatIsNotAMappingIsReported() {
        assertThat(errorOf(map("a", "data/a.csv"))).isEqualTo("conf/base/catalog.yml:1:1: catalog entry 'a' must be"
                + " a mapping with at least a 'type' key (e.g. 'type: csv'), got a string.");
    }

    // ---- dataset factories ----

    private DataCatalog rankedCatalog() {
        return catalogOf(map(
                "{a}.{b}", map("type", "text", "filepath", "data/{a}/{b}.txt"),
                "{a}_csv", map("type", "csv", "filepath", "data/{a}.csv"),
                "companies_{x}", map("type", "json", "filepath", "data/companies/{x}.json"),
                "{default}", map("type", "text", "filepath", "data/other/{default}.txt")));
    }

    @Test
    void patternsAreRankedByLiteralCharactersThenPlaceholdersThenAlphabetically() {
        // specificity: companies_{x}=10, {a}_csv=4, {a}.{b}=1, {default}=0
        assertThat(rankedCatalog().patterns()).containsExactly("companies_{x}", "{a}_csv", "{a}.{b}", "{default}");
    }

    @Test
    void theMostSpecificMatchingPatternWins() {
        DataCatalog catalog = rankedCatalog();

        assertThat(catalog.resolve("companies_csv").pattern()).isEqualTo("companies_{x}");
        assertThat(catalog.resolve("reviews_csv").pattern()).isEqualTo("{a}_csv");
        assertThat(catalog.resolve("eu.shuttles_csv").pattern()).isEqualTo("{a}_csv");
        assertThat(catalog.resolve("eu.shuttles").pattern()).isEqualTo("{a}.{b}");
        assertThat(catalog.resolve("companies_x.y_csv").pattern()).isEqualTo("companies_{x}");
        assertThat(catalog.resolve("model").pattern()).isEqualTo("{default}");
    }

    @Test
    void placeholdersAreSubstitutedInTheConfigMatchingAsFewCharactersAsPossible() {
        DataCatalog catalog = rankedCatalog();

        DatasetResolution r = catalog.resolve("eu.shuttles.raw");

        assertThat(r.kind()).isEqualTo(DatasetResolution.Kind.PATTERN);
        assertThat(r.config()).isEqualTo(Map.of("type", "text", "filepath", "data/eu/shuttles.raw.txt"));
        assertThat(r.location()).isEqualTo(new Location("conf/base/catalog.yml", 1, 1));
        assertThat(catalog.resolve("companies_csv").config().get("filepath")).isEqualTo("data/companies/csv.json");
    }

    @Test
    void onEqualLiteralCharactersThePatternWithFewerPlaceholdersWins() {
        DataCatalog catalog = catalogOf(map(
                "{a}s", map("type", "text", "filepath", "{a}.txt"),
                "{a}_{b}", map("type", "text", "filepath", "{a}/{b}.txt")));

        assertThat(catalog.patterns()).containsExactly("{a}s", "{a}_{b}");
        assertThat(catalog.resolve("x_ys").pattern()).isEqualTo("{a}s");
        assertThat(catalog.resolve("x_y").pattern()).isEqualTo("{a}_{b}");
        assertThat(catalog.resolve("xs").pattern()).isEqualTo("{a}s");
    }

    @Test
    void onEqualLiteralsAndPlaceholdersTheAlphabeticallyFirstPatternWins() {
        DataCatalog catalog = catalogOf(map(
                "{a}_x", map("type", "text", "filepath", "1/{a}.txt"),
                "x_{a}", map("type", "text", "filepath", "2/{a}.txt")));

        // 'x' (0x78) sorts before '{' (0x7B)
        assertThat(catalog.resolve("x_x").pattern()).isEqualTo("x_{a}");
    }

    @Test
    void aRepeatedPlaceholderMustMatchTheSameText() {
        DataCatalog catalog = catalogOf(map("{a}_to_{a}", map("type", "text", "filepath", "{a}.txt")));

        assertThat(catalog.isDeclared("eu_to_eu")).isTrue();
        assertThat(catalog.isDeclared("eu_to_us")).isFalse();
    }

    @Test
    void aPatternDatasetIsCreatedOnceAndCached() {
        DataCatalog catalog = rankedCatalog();

        assertThat(catalog.dataset("reviews_csv")).isSameAs(catalog.dataset("reviews_csv"));
    }

    @Test
    void withoutACatchAllAnUndeclaredNameGetsANewMemoryDatasetEachTime() {
        DataCatalog catalog = catalogOf(map("{a}_csv", map("type", "csv", "filepath", "{a}.csv")));

        Dataset<?> first = catalog.dataset("model");

        assertThat(first).isInstanceOf(MemoryDataset.class).isNotSameAs(catalog.dataset("model"));
        assertThat(catalog.isDeclared("model")).isFalse();
        assertThat(catalog.isDeclared("x_csv")).isTrue();
        assertThat(catalog.resolve("model")).isEqualTo(new DatasetResolution("model", DatasetResolution.Kind.DEFAULT,
                null, "memory", Map.of("type", "memory"), null));
    }

    @Test
    void aUserCatchAllReplacesTheRuntimeDefault() {
        DataCatalog catalog = catalogOf(map("{name}", map("type", "memory", "copy_mode", "assign")));

        assertThat(catalog.isDeclared("anything")).isTrue();
        assertThat(catalog.resolve("anything").kind()).isEqualTo(DatasetResolution.Kind.PATTERN);
        assertThat(((MemoryDataset<?>) catalog.dataset("anything")).copyMode())
                .isEqualTo(MemoryDataset.CopyMode.ASSIGN);
    }

    @Test
    void onlyOneCatchAllPatternIsAllowed() {
        String message = errorOf(map("{default}", map("type", "memory"), "{name}", map("type", "memory")));

        assertThat(message).isEqualTo("conf/base/catalog.yml:3:1: several catch-all dataset patterns: '{default}'"
                + " (conf/base/catalog.yml:1:1), '{name}' (conf/base/catalog.yml:3:1). Only one pattern without literal"
                + " text is allowed; remove the extras.");
    }

    @Test
    void aPatternConfigUsingAnUndefinedPlaceholderIsRefused() {
        String message = errorOf(map("{a}_csv", map("type", "csv", "filepath", "data/{name}.csv")));

        assertThat(message).isEqualTo("conf/base/catalog.yml:3:13: the config of dataset factory pattern '{a}_csv'"
                + " (conf/base/catalog.yml:1:1) uses '{name}', which the pattern does not define. Placeholders of the"
                + " pattern: a.");
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThat(errorOf(map("{a_csv", map("type", "csv")))).isEqualTo(
                "conf/base/catalog.yml:1:1: dataset factory pattern '{a_csv' has a '{' without a matching '}'.");
        assertThat(errorOf(map("{}_csv", map("type", "csv")))).isEqualTo("conf/base/catalog.yml:1:1: dataset factory"
                + " pattern '{}_csv' has placeholder '{}'; placeholders are names made of letters, digits and '_',"
                + " e.g. '{name}'.");
    }

    @Test
    void aPatternWithAnUnknownTypeFailsWhenTheCatalogIsBuilt() {
        assertThat(errorOf(map("{a}_csv", map("type", "cvs", "filepath", "{a}.csv"))))
                .startsWith("conf/base/catalog.yml:2:3: dataset '{a}_csv' has type 'cvs', which is not a known"
                        + " dataset type. Did you mean 'csv'?");
    }

    @Test
    void aPatternStampingOutAWrongConfigFailsOnFirstUseNamingDatasetAndPattern() {
        DataCatalog catalog = catalogOf(map("{a}_csv", map("type", "csv", "filepath", "{a}.csv", "sep", ";")));

        assertThatThrownBy(() -> catalog.dataset("x_csv")).isInstanceOf(DatasetConfigException.class)
                .hasMessage("conf/base/catalog.yml:4:3: dataset 'x_csv' (type csv, from pattern '{a}_csv') has"
                        + " unknown key 'sep'. Known keys: checksum, filepath, load_args, save_args, versioned.");
    }

    @Test
    void withDatasetReturnsANewCatalogAndLeavesThisOneUnchanged() {
        DataCatalog catalog = rankedCatalog();
        MemoryDataset<String> injected = MemoryDataset.of("reviews_csv", "rows");

        DataCatalog extended = catalog.withDataset("reviews_csv", injected);

        assertThat(extended.dataset("reviews_csv")).isSameAs(injected);
        assertThat(extended.resolve("reviews_csv").kind()).isEqualTo(DatasetResolution.Kind.ENTRY);
        assertThat(catalog.dataset("reviews_csv")).isInstanceOf(CsvDataset.class);
        assertThat(extended.entryNames()).containsExactly("reviews_csv");
    }

    @Test
    void anEmptyCatalogGivesMemoryDatasets() {
        DataCatalog catalog = DataCatalog.empty(project);

        assertThat(catalog.dataset("x")).isInstanceOf(MemoryDataset.class);
        assertThat(catalog.entryNames()).isEmpty();
        assertThat(catalog.patterns()).isEmpty();
    }

    // ---- credentials ----

    private static final String SECRET = "s3cr3t-Pa55";

    private ConfigMap credentials() {
        return config("conf/local/credentials.yml", map(
                "db", map("user", "analyst", "password", SECRET),
                "s3", map("key", "AKIA", "secret", SECRET)));
    }

    @Test
    void credentialsAreResolvedByNameAndReadableByTheDataset() {
        DataCatalog catalog = DataCatalog.fromConfig(catalog(map(
                "db_table", map("type", SecretDataset.class.getName(), "credentials", "db"))), credentials(), project);

        assertThat(catalog.dataset("db_table").load()).isEqualTo("analyst");
    }

    @Test
    void missingCredentialsAreReportedWithTheirNameAndTheDefinedNamesOnly() {
        DatasetConfigException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetConfigException.class,
                () -> DataCatalog.fromConfig(catalog(map(
                        "db_table", map("type", SecretDataset.class.getName(), "credentials", "dbb"))),
                        credentials(), project));

        assertThat(e.getMessage()).isEqualTo("conf/base/catalog.yml:3:3: dataset 'db_table' uses credentials 'dbb',"
                + " which are not defined in conf/local/credentials.yml. Did you mean 'db'? Defined credentials: db, s3. Add 'dbb' to"
                + " conf/local/credentials.yml (conf/local/credentials.yml keeps secrets out of version control).");
    }

    @Test
    void credentialValuesNeverAppearInMessagesDescriptionsOrResolutions() {
        List<String> shown = new ArrayList<>();
        ConfigMap creds = credentials();
        DataCatalog catalog = DataCatalog.fromConfig(catalog(map(
                "db_table", map("type", SecretDataset.class.getName(), "credentials", "db"),
                "inline", map("type", SecretDataset.class.getName(), "credentials",
                        map("user", "u", "password", SECRET)),
                "{t}_table", map("type", SecretDataset.class.getName(), "credentials", "s3"))), creds, project);
        for (String name : List.of("db_table", "inline", "x_table")) {
            shown.add(catalog.resolve(name).toString());
            shown.add(catalog.dataset(name).describe().toString());
            shown.add(catalog.dataset(name).toString());
        }
        shown.add(catalog.toString());
        shown.add(errorWith(creds, map("d", map("type", SecretDataset.class.getName(), "credentials", "db",
                "require", List.of("token")))));
        shown.add(errorWith(creds, map("d", map("type", "csv", "filepath", "d.csv", "credentials", "db"))));
        shown.add(errorWith(creds, map("d", map("type", "csv", "filepath", "d.csv", "credentials",
                map("password", SECRET)))));
        shown.add(errorWith(creds, map("d", map("type", SecretDataset.class.getName(), "credentials", "nope"))));

        assertThat(shown).hasSize(14).allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
        assertThat(catalog.resolve("db_table").config().get("credentials"))
                .isEqualTo(Map.of("user", "****", "password", "****"));
        assertThat(shown.get(10)).isEqualTo("conf/local/credentials.yml:1:1: credentials 'db' of dataset 'd' have no"
                + " key 'token'. Keys present: user, password. Add 'token' to them.");
        assertThat(shown.get(11)).isEqualTo("conf/base/catalog.yml:4:3: dataset 'd' (type csv) has unknown key"
                + " 'credentials'. Known keys: checksum, filepath, load_args, save_args, versioned.");
    }

    private String errorWith(ConfigMap creds, Map<String, ?> tree) {
        try {
            DataCatalog.fromConfig(catalog(tree), creds, project);
        } catch (DatasetConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a DatasetConfigException");
    }
}

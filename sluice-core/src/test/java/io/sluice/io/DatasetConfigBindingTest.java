package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetConfigBindingTest {
    private static final String TYPE = PollingDataset.class.getName();
    private static final String CATALOG = "conf/base/catalog.yml";

    @TempDir
    Path project;

    private DataCatalog catalog(String yaml, Map<String, String> envVars) throws IOException {
        Path file = project.resolve(CATALOG);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        ProjectConfig config = ConfigLoader.load(project, "local", Map.of(), envVars);
        return DataCatalog.fromConfig(config.catalog(), config.credentials(), project);
    }

    private PollingDataset polling(String entryYaml) throws IOException {
        return (PollingDataset) catalog("events:\n  type: " + TYPE + "\n" + entryYaml, Map.of()).dataset("events");
    }

    private String errorOf(String entryYaml) {
        assertThatThrownBy(() -> polling(entryYaml)).isInstanceOf(DatasetConfigException.class);
        try {
            polling(entryYaml);
        } catch (DatasetConfigException | IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("unreachable");
    }

    @Test
    void aDatasetReadsItsEntryAndLoadArgsAsRecords() throws IOException {
        PollingDataset ds = polling("""
                  url: https://example.com/events
                  timeout: 2m
                  load_args:
                    interval: 500ms
                    buffer_size: 1MiB
                    backoff: doubling
                    attempts: 5
                    headers: [accept, user_agent]
                    window: {from: 8, to: 18}
                    proxy: {host: proxy.local, port: 3128}
                """);

        assertThat(ds.entry).isEqualTo(new PollingDataset.Entry("https://example.com/events", Duration.ofMinutes(2)));
        assertThat(ds.loadArgs).isEqualTo(new PollingDataset.LoadArgs(Duration.ofMillis(500), 1 << 20,
                PollingDataset.Backoff.DOUBLING, 5, List.of("accept", "user_agent"), new PollingDataset.Window(8, 18),
                Optional.of(new PollingDataset.Proxy("proxy.local", 3128))));
    }

    @Test
    void absentKeysTakeTheDatasetsDefaults() throws IOException {
        PollingDataset ds = polling("  load_args: {attempts: 2}\n");

        assertThat(ds.entry).isEqualTo(PollingDataset.Entry.DEFAULTS);
        assertThat(ds.loadArgs).isEqualTo(new PollingDataset.LoadArgs(Duration.ofSeconds(1), 64 * 1024,
                PollingDataset.Backoff.FIXED, 2, List.of(), new PollingDataset.Window(0, 24), Optional.empty()));
    }

    @Test
    void anUnknownKeyBesideABoundRecordIsReportedAsTheCatalogReportsIt() {
        assertThat(errorOf("  url: x\n  timout: 1s\n")).isEqualTo(CATALOG + ":4:3: dataset 'events' (type " + TYPE
                + ") has unknown key 'timout'. Known keys: load_args, timeout, url. Did you mean 'timeout'?");
        assertThat(errorOf("  load_args:\n    atempts: 1\n")).isEqualTo(CATALOG + ":4:5: dataset 'events' (type "
                + TYPE + ") has unknown key 'atempts' in 'load_args'. Known keys in 'load_args': attempts, backoff,"
                + " buffer_size, headers, interval, proxy, window. Did you mean 'attempts'?");
    }

    @Test
    void aWrongValueNamesTheDatasetTheKeyAndItsPlace() {
        assertThat(errorOf("  load_args:\n    attempts: 20\n")).isEqualTo(CATALOG + ":4:5: dataset 'events' (type "
                + TYPE + "): key 'load_args.attempts' expects an integer from 1 to 10, got 20. Fix the value in the"
                + " catalog.");
        assertThat(errorOf("  load_args:\n    backoff: fast\n")).isEqualTo(CATALOG + ":4:5: dataset 'events' (type "
                + TYPE + "): key 'load_args.backoff' expects fixed or doubling, got \"fast\". Fix the value in the"
                + " catalog.");
        assertThat(errorOf("  timeout: soon\n")).isEqualTo(CATALOG + ":3:3: dataset 'events' (type " + TYPE
                + "): key 'timeout' expects a duration such as 500ms, 5s, 2m or PT5S, got \"soon\". Fix the value in"
                + " the catalog.");
    }

    @Test
    void aWrongValueDeeperInTheRecordIsShownAtTheValue() {
        assertThat(errorOf("  load_args:\n    window:\n      from: x\n")).isEqualTo(CATALOG + ":5:13: dataset"
                + " 'events' (type " + TYPE + "): key 'load_args.window.from' expects an integer, got \"x\". Fix the"
                + " value in the catalog.");
        assertThat(errorOf("  load_args:\n    headers: [a, 1]\n")).isEqualTo(CATALOG + ":4:18: dataset 'events'"
                + " (type " + TYPE + "): key 'load_args.headers[1]' expects a string, got 1. Fix the value in the"
                + " catalog.");
    }

    @Test
    void aMissingKeyOfANestedRecordWithoutDefaultIsAMissingKey() {
        assertThat(errorOf("  load_args:\n    proxy: {host: p}\n")).isEqualTo(CATALOG + ":4:12: dataset 'events'"
                + " (type " + TYPE + ") is missing required key 'load_args.proxy.port' (an integer). Add it to the"
                + " entry.");
    }

    @Test
    void theRecordsOwnValidationIsAConfigErrorNamingTheEntry() {
        assertThat(errorOf("  load_args:\n    window: {from: 9, to: 1}\n")).isEqualTo(CATALOG + ":4:13: window of"
                + " load_args of dataset 'events' (type " + TYPE + ") is invalid: window.from must not be after"
                + " window.to, got 9 > 1.");
    }

    @Test
    void gettersReadIntegersAndBooleansFromEnvironmentVariables() throws IOException {
        Files.writeString(project.resolve("rows.csv"), "a;b\n1;2\n");
        DataCatalog catalog = catalog("""
                rows:
                  type: csv
                  filepath: rows.csv
                  load_args: {delimiter: ';', header: '${env:HEADER}', columns: 'b, a'}
                """, Map.of("HEADER", "false"));

        assertThat(catalog.dataset("rows").load())
                .isEqualTo(List.of(Map.of("b", "a", "a", "b"), Map.of("b", "1", "a", "2")));
    }
}

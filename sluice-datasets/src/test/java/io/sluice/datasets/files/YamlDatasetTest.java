package io.sluice.datasets.files;

import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.datasets.TestConfigs.TypeOf;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDatasetTest {
    @TempDir
    Path project;

    record Shuttle(String name, int engines, List<String> tags) {
    }

    private YamlDataset dataset(Map<String, Object> entry) {
        return new YamlDataset(DatasetConfig.of("shuttles", "yaml", entry, project));
    }

    @Test
    void savesBlockYamlAndLoadsItBackAsPlainValues() throws Exception {
        YamlDataset ds = dataset(map("filepath", "data/shuttles.yml"));
        ds.save(map("name", "Falcon", "engines", 9, "tags", List.of("reusable", "crewed")));

        assertThat(Files.readString(project.resolve("data/shuttles.yml")))
                .isEqualTo("name: \"Falcon\"\nengines: 9\ntags:\n- \"reusable\"\n- \"crewed\"\n");
        assertThat(ds.load()).isEqualTo(map("name", "Falcon", "engines", 9, "tags", List.of("reusable", "crewed")));
    }

    @Test
    void mapOfAndSetOfAreWrittenInKeyOrderSoEveryJvmWritesTheSameBytes() throws Exception {
        YamlDataset ds = dataset(map("filepath", "data/metrics.yml"));
        ds.save(Map.of("r2", 0.5, "mae", 1.5, "mse", 2.0, "ev", 0.4, "features", java.util.Set.of("d", "b", "c", "a")));

        assertThat(Files.readString(project.resolve("data/metrics.yml")))
                .isEqualTo("ev: 0.4\nfeatures:\n- \"a\"\n- \"b\"\n- \"c\"\n- \"d\"\nmae: 1.5\nmse: 2.0\nr2: 0.5\n");
    }

    @Test
    void stringsThatLookLikeOtherScalarsStayStrings() {
        YamlDataset ds = dataset(map("filepath", "s.yml"));
        List<Object> tricky = List.of("true", "no", "yes", "off", "null", "~", "123", "1.5", "0x1F", "", " x", "a: b",
                "- y", "#c", "2024-01-01", 7, 2.5, true, "NaN");
        ds.save(tricky);

        assertThat(ds.load()).isEqualTo(tricky);
    }

    @Test
    void loadsIntoTheConsumersDeclaredType() throws Exception {
        Files.writeString(project.resolve("fleet.yml"), "- name: Falcon\n  engines: 9\n  tags: [reusable]\n  color: white\n");
        YamlDataset ds = dataset(map("filepath", "fleet.yml"));

        Object fleet = ds.load(new TypeOf<List<Shuttle>>() { }.type());

        assertThat(fleet).isEqualTo(List.of(new Shuttle("Falcon", 9, List.of("reusable"))));
    }

    @Test
    void versionedSavesAreNewVersionsAndLoadReadsTheLatest() {
        YamlDataset ds = dataset(map("filepath", "data/params.yml", "versioned", true));
        try (var run = RunContext.enter(new RunContext("20240101T000000Z-a", "p", "base", Map.of(), project))) {
            ds.save(map("rate", 1));
        }
        try (var run = RunContext.enter(new RunContext("20240102T000000Z-b", "p", "base", Map.of(), project))) {
            ds.save(map("rate", 2));
        }

        assertThat(ds.isVersioned()).isTrue();
        assertThat(ds.versions()).containsExactly("20240101T000000Z-a", "20240102T000000Z-b");
        assertThat(project.resolve("data/params.yml/20240101T000000Z-a/params.yml")).isRegularFile();
        assertThat(ds.load()).isEqualTo(map("rate", 2));
        var pinned = new RunContext("r", "p", "base", Map.of(), project, Map.of("shuttles", "20240101T000000Z-a"));
        try (var run = RunContext.enter(pinned)) {
            assertThat(ds.load()).isEqualTo(map("rate", 1));
        }
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> dataset(map("filepath", "data/none.yml")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'shuttles' (yaml): file data/none.yml does not exist");
    }

    @Test
    void invalidYamlIsReportedWithItsPosition() throws Exception {
        Files.writeString(project.resolve("bad.yml"), "name: [unclosed\n");

        assertThatThrownBy(() -> dataset(map("filepath", "bad.yml")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'shuttles' (yaml): bad.yml is not valid YAML (line ");
    }

    @Test
    void aValueOfTheWrongShapeNamesTheTargetType() throws Exception {
        Files.writeString(project.resolve("one.yml"), "name: Falcon\nengines: many\n");

        assertThatThrownBy(() -> dataset(map("filepath", "one.yml")).load(Shuttle.class))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'shuttles' (yaml): cannot read one.yml as Shuttle: at $.engines");
    }

    @Test
    void aFailedSaveLeavesThePreviousFileWhole() throws Exception {
        YamlDataset ds = dataset(map("filepath", "data/state.yml"));
        ds.save(map("ok", true));

        assertThatThrownBy(() -> ds.save(List.of("first", new Exploding())))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'shuttles' (yaml): cannot write a java.util.ImmutableCollections$List12"
                        + " as YAML: ");
        assertThat(Files.readString(project.resolve("data/state.yml"))).isEqualTo("ok: true\n");
        try (var files = Files.list(project.resolve("data"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("state.yml", ".state.yml.sluice", ".sluice-tmp");
        }
        try (var temps = Files.list(project.resolve("data/.sluice-tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    /** A bean whose serialization fails half-way through a document. */
    public static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void describeSaysItHoldsData() {
        assertThat(dataset(map("filepath", "a.yml")).describe())
                .containsExactly(Map.entry("type", "yaml"), Map.entry("kind", "data"), Map.entry("filepath", "a.yml"));
    }
}

package io.sluice.io;

import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextAndJsonDatasetTest {
    record Shuttle(String id, int engines, List<String> tags) {
    }

    private static final Type SHUTTLES = new TypeReference<List<Shuttle>>() { }.getType();

    @TempDir
    Path project;

    private TextDataset text(Map<String, Object> config) {
        return new TextDataset(DatasetConfig.of("notes", "text", config, project));
    }

    private JsonDataset json(Map<String, Object> config) {
        Map<String, Object> full = map("filepath", "data/shuttles.json");
        full.putAll(config);
        return new JsonDataset(DatasetConfig.of("shuttles", "json", full, project));
    }

    @Test
    void textRoundTripsInTheConfiguredEncodingCreatingParentDirectories() throws Exception {
        TextDataset ds = text(map("filepath", "data/08_reporting/notes.txt", "encoding", "ISO-8859-1"));

        ds.save("héllo");

        Path file = project.resolve("data/08_reporting/notes.txt");
        assertThat(Files.readAllBytes(file)).isEqualTo("héllo".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ds.load()).isEqualTo("héllo");
        assertThat(ds.exists()).isTrue();
    }

    @Test
    void loadingAMissingTextFileNamesTheFile() {
        assertThatThrownBy(() -> text(map("filepath", "data/notes.txt")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'notes' (text): file data/notes.txt does not exist");
    }

    @Test
    void anUnsupportedEncodingIsAConfigError() {
        assertThatThrownBy(() -> text(map("filepath", "n.txt", "encoding", "klingon")))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessage("code: dataset 'notes' (type text): encoding 'klingon' is not supported by this JVM."
                        + " Use e.g. UTF-8, ISO-8859-1 or windows-1252.");
    }

    @Test
    void jsonLoadsPlainJavaValuesByDefault() throws Exception {
        JsonDataset ds = json(map());
        ds.save(map("name", "x", "items", List.of(1, 2.5, true), "nested", map("a", null)));

        Object loaded = ds.load();

        assertThat(loaded).isInstanceOf(Map.class).isEqualTo(
                map("name", "x", "items", List.of(1, 2.5, true), "nested", map("a", null)));
        assertThat(TestConfigs.objects(((Map<?, ?>) loaded).keySet())).containsExactly("name", "items", "nested");
    }

    @Test
    void jsonDecodesIntoTheDeclaredType() {
        JsonDataset ds = json(map());
        List<Shuttle> shuttles = List.of(new Shuttle("s1", 2, List.of("a")), new Shuttle("s2", 4, List.of()));

        ds.save(shuttles);

        assertThat(ds.load(SHUTTLES)).isEqualTo(shuttles);
    }

    @Test
    void jsonThatDoesNotFitTheTypeNamesThePath() throws Exception {
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/shuttles.json"), "[{\"id\": \"s1\", \"engines\": \"many\"}]");

        assertThatThrownBy(() -> json(map()).load(SHUTTLES))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'shuttles' (json): cannot read data/shuttles.json as List<Shuttle>:"
                        + " at $[0].engines (line 1, column ");
    }

    @Test
    void jsonIndentIsConfigurable() throws Exception {
        json(map("save_args", map("indent", 4))).save(map("a", 1));

        assertThat(Files.readString(project.resolve("data/shuttles.json"))).isEqualTo("{\n    \"a\" : 1\n}");
    }

    @Test
    void jsonIsCompactByDefault() throws Exception {
        json(map()).save(map("a", List.of(1, 2)));

        assertThat(Files.readString(project.resolve("data/shuttles.json"))).isEqualTo("{\"a\":[1,2]}");
    }
}

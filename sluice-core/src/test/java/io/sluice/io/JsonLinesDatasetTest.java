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

class JsonLinesDatasetTest {
    record Event(String id, int count, String day) {
    }

    private static final Type EVENTS = new TypeReference<List<Event>>() { }.getType();

    @TempDir
    Path project;

    private JsonDataset jsonl(Map<String, Object> extra) {
        Map<String, Object> config = map("filepath", "data/events.jsonl", "lines", true);
        config.putAll(extra);
        return new JsonDataset(DatasetConfig.of("events", "json", config, project));
    }

    private void write(String content) throws Exception {
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/events.jsonl"), content);
    }

    @Test
    void recordsRoundTripOnePerLine() throws Exception {
        List<Event> events = List.of(new Event("a", 1, "2024-01-02"), new Event("b", 2, null));
        JsonDataset ds = jsonl(map());

        ds.save(events);

        assertThat(project.resolve("data/events.jsonl")).hasContent(
                "{\"id\":\"a\",\"count\":1,\"day\":\"2024-01-02\"}\n{\"id\":\"b\",\"count\":2,\"day\":null}");
        assertThat(Files.readString(project.resolve("data/events.jsonl"))).endsWith("}\n");
        assertThat(ds.load(EVENTS)).isEqualTo(events);
    }

    @Test
    void untypedLoadGivesAListOfPlainValuesSkippingBlankLines() throws Exception {
        write("{\"id\":\"a\",\"n\":[1,2]}\n\n3\n\"x\"\n");

        assertThat(jsonl(map()).load()).isEqualTo(List.of(Map.of("id", "a", "n", List.of(1, 2)), 3, "x"));
    }

    @Test
    void aLineThatDoesNotDecodeIsReportedWithItsNumber() throws Exception {
        write("{\"id\":\"a\",\"count\":1}\n\n{\"id\":\"b\",\"count\":\"many\"}\n");

        assertThatThrownBy(() -> jsonl(map()).load(EVENTS))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'events' (json): cannot read data/events.jsonl line 3 as Event: at"
                        + " $.count: Cannot deserialize value of type `int` from String \"many\"");
    }

    @Test
    void invalidJsonIsReportedWithItsLineNumber() throws Exception {
        write("{\"id\":\"a\"}\n{oops\n");

        assertThatThrownBy(() -> jsonl(map()).load())
                .hasMessageStartingWith("dataset 'events' (json): data/events.jsonl line 2 is not valid JSON: ");
    }

    @Test
    void aTargetThatIsNotAListIsRefusedAtCompileTimeAndLoadTime() throws Exception {
        write("{\"id\":\"a\",\"count\":1}\n");
        JsonDataset ds = jsonl(map());

        assertThat(ds.incompatibility(Event.class))
                .contains("it loads JSON lines as a list (one value per line), so declare List<YourRecord>");
        assertThat(ds.incompatibility(EVENTS)).isEmpty();
        assertThatThrownBy(() -> ds.load(Event.class))
                .hasMessage("dataset 'events' (json) loads a list (one value per line), which cannot be passed as"
                        + " Event. Declare it as List<YourRecord>.");
    }

    @Test
    void prettyPrintingCannotBeCombinedWithLines() {
        assertThatThrownBy(() -> jsonl(map("save_args", map("pretty", true))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageEndingWith("dataset 'events' (type json): JSON lines hold one value per line, so"
                        + " save_args.pretty and save_args.indent cannot be used with lines: true.");
    }

    @Test
    void plainJsonFeedsAnythingAndTextOnlyStrings() {
        JsonDataset json = new JsonDataset(DatasetConfig.of("j", "json", map("filepath", "a.json"), project));
        TextDataset text = new TextDataset(DatasetConfig.of("t", "text", map("filepath", "a.txt"), project));

        assertThat(json.incompatibility(Event.class)).isEmpty();
        assertThat(text.incompatibility(CharSequence.class)).isEmpty();
        assertThat(text.incompatibility(Object.class)).isEmpty();
        assertThat(text.incompatibility(EVENTS)).contains("it loads the file as one String");
    }
}

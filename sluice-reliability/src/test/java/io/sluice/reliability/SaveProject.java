package io.sluice.reliability;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project the killed-save tests run: one pipeline per file format, each saving a few
 * megabytes stamped with the round that made them, so that whatever a killed save leaves can be
 * checked to be one whole save.
 */
public final class SaveProject implements Project {
    /** A row stamped with its round (serializable too, for the {@code serialized} format). */
    public record Row(long round, long id, String text) implements java.io.Serializable {
    }

    /** The formats and their catalog entries. */
    static final Map<String, String> FORMATS = new TreeMap<>(Map.of(
            "csv", "type: csv", "json", "type: json", "yaml", "type: yaml", "parquet", "type: parquet",
            "text", "type: text", "bytes", "type: bytes", "serialized", "type: serialized"));

    static final int ROWS = 30_000;

    @Override
    public Map<String, Pipeline> pipelines() {
        Map<String, Pipeline> all = new TreeMap<>();
        all.put("rows", Pipeline.of(node(SaveProject::rows).inputs("params:round").outputs("out_csv")));
        for (String format : List.of("json", "yaml", "parquet", "serialized")) {
            all.put(format, Pipeline.of(node(SaveProject::rows).inputs("params:round").outputs("out_" + format)
                    .name("save_" + format)));
        }
        all.put("csv", all.remove("rows"));
        all.put("text", Pipeline.of(node(SaveProject::text).inputs("params:round").outputs("out_text")));
        all.put("bytes", Pipeline.of(node(SaveProject::bytes).inputs("params:round").outputs("out_bytes")));
        all.put(DEFAULT_PIPELINE, all.get("csv"));
        return all;
    }

    static Path write(Path dir) {
        StringBuilder catalog = new StringBuilder();
        FORMATS.forEach((format, type) -> catalog.append("out_").append(format).append(":\n  ").append(type)
                .append("\n  filepath: data/out.").append(format).append('\n'));
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            Files.writeString(dir.resolve("conf/base/catalog.yml"), catalog.toString());
            Files.writeString(dir.resolve("conf/base/parameters.yml"), "round: 0\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> rows(int round) {
        List<Row> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Row(round, i, "row " + i + " of round " + round));
        }
        return rows;
    }

    static String text(int round) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            sb.append("line ").append(i).append(" of round ").append(round).append('\n');
        }
        return sb.toString();
    }

    static byte[] bytes(int round) {
        return text(round).getBytes(StandardCharsets.UTF_8);
    }
}

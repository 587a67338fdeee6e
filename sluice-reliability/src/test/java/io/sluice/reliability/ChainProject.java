package io.sluice.reliability;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project the kill tests run: a chain whose every step is persisted, each in another format
 * (CSV, Parquet, JSON, YAML), so that a run killed at any moment leaves files of several kinds
 * and several runs behind. Each step's output is a function of its input alone, so a consistent
 * set of files can be checked without knowing which run wrote them.
 */
public final class ChainProject implements Project {
    /** A row of the first two steps. */
    public record Row(long id, double value) {
    }

    /** The catalog of the chain. */
    static final String CATALOG = """
            a:
              type: csv
              filepath: data/a.csv
            b:
              type: parquet
              filepath: data/b.parquet
            c:
              type: json
              filepath: data/c.json
            d:
              type: yaml
              filepath: data/d.yml
            """;

    static final int ROWS = 20_000;

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of(DEFAULT_PIPELINE, Pipeline.of(
                node(ChainProject::seed).inputs("params:round").outputs("a").name("seed"),
                node(ChainProject::twice).inputs("a").outputs("b").name("twice"),
                node(ChainProject::total).inputs("b").outputs("c").name("total"),
                node(ChainProject::label).inputs("c").outputs("d").name("label")));
    }

    /** Writes the project's configuration into {@code dir}. */
    static Path write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            Files.writeString(dir.resolve("conf/base/catalog.yml"), CATALOG);
            Files.writeString(dir.resolve("conf/base/parameters.yml"), "round: 0\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> seed(int round) {
        pause();
        List<Row> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Row(i, round * 1000.0 + i * 0.5));
        }
        return rows;
    }

    static List<Row> twice(List<Row> rows) {
        pause();
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new Row(r.id(), r.value() * 2));
        }
        return out;
    }

    static double total(List<Row> rows) {
        pause();
        double sum = 0;
        for (Row r : rows) {
            sum += r.value();
        }
        return sum;
    }

    static Map<String, Object> label(double total) {
        pause();
        return Map.of("total", total, "label", "total " + total);
    }

    /** Gives a kill a window inside each node, not only inside saves. */
    private static void pause() {
        try {
            Thread.sleep(60);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.sluice.reliability;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project the resume test kills and resumes: persisted steps in several formats around a
 * memory intermediate that a late node needs again, and a node that holds still while a marker
 * file exists, so that the test kills the run at a known node:
 * <pre>
 *   params:scale -seed-> a(csv) -twice-> m(memory) -total-> c(json) -stall-> d(yaml)
 *                                        m(memory) + d(yaml) -label-> e(parquet)
 * </pre>
 * Every node appends its name to {@value #CALLS} in the project directory as it starts, so the
 * test counts the calls of each node across processes.
 */
public final class ResumeProject implements Project {
    /** The log of node calls, one name a line. */
    static final String CALLS = "calls.log";
    /** Created by {@code stall} as it starts. */
    static final String STALL_STARTED = "stall.started";
    /** While it exists, {@code stall} does not return. */
    static final String HOLD = "hold";

    static final String CATALOG = """
            a:
              type: csv
              filepath: data/a.csv
            c:
              type: json
              filepath: data/c.json
            d:
              type: yaml
              filepath: data/d.yml
            e:
              type: parquet
              filepath: data/e.parquet
            """;

    private static final int ROWS = 5_000;

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of(DEFAULT_PIPELINE, Pipeline.of(
                node(ResumeProject::seed).inputs("params:scale").outputs("a").name("seed"),
                node(ResumeProject::twice).inputs("a").outputs("m").name("twice"),
                node(ResumeProject::total).inputs("m").outputs("c").name("total"),
                node(ResumeProject::stall).inputs("c").outputs("d").name("stall"),
                node(ResumeProject::label).inputs("d", "m").outputs("e").name("label")));
    }

    /** Writes the project's configuration into {@code dir}. */
    static Path write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            Files.writeString(dir.resolve("conf/base/catalog.yml"), CATALOG);
            Files.writeString(dir.resolve("conf/base/parameters.yml"), "scale: 1\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ChainProject.Row> seed(int scale) {
        called("seed");
        List<ChainProject.Row> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(new ChainProject.Row(i, scale * 1000.0 + i * 0.25));
        }
        return rows;
    }

    static List<ChainProject.Row> twice(List<ChainProject.Row> rows) {
        called("twice");
        List<ChainProject.Row> out = new ArrayList<>(rows.size());
        for (ChainProject.Row r : rows) {
            out.add(new ChainProject.Row(r.id(), r.value() * 2));
        }
        return out;
    }

    static double total(List<ChainProject.Row> rows) {
        called("total");
        double sum = 0;
        for (ChainProject.Row r : rows) {
            sum += r.value();
        }
        return sum;
    }

    static Map<String, Object> stall(double total) {
        Path dir = called("stall");
        try {
            Files.writeString(dir.resolve(STALL_STARTED), "started\n");
            while (Files.exists(dir.resolve(HOLD))) {
                Thread.sleep(20); // held until the test kills this process
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
        return new java.util.TreeMap<>(Map.of("total", total, "label", "total " + total)); // Map.of order varies by JVM
    }

    static List<ChainProject.Row> label(Map<String, Object> d, List<ChainProject.Row> rows) {
        called("label");
        double total = ((Number) d.get("total")).doubleValue();
        List<ChainProject.Row> out = new ArrayList<>(rows.size());
        for (ChainProject.Row r : rows) {
            out.add(new ChainProject.Row(r.id(), r.value() / total));
        }
        return out;
    }

    /** Logs a call of {@code node}; the project directory. */
    private static Path called(String node) {
        Path dir = RunContext.current().orElseThrow().projectDir();
        try {
            Files.writeString(dir.resolve(CALLS), node + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}

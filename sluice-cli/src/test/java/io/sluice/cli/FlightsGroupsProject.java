package io.sluice.cli;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.MDC;

/**
 * A project of spaceflights' shape for the group-run tests: namespaces, memory intermediates, a
 * parquet table, a versioned model and versioned metrics crossing groups, JSON reports.
 * <pre>
 *   companies(json) -data_processing.preprocess-> [memory] -data_processing.table(+shuttles json)-> model_input_table(parquet)
 *   model_input_table -data_science.train_rows-> [memory] -data_science.train-> regressor(bytes, versioned)
 *   model_input_table -data_science.test_rows-> [memory] -data_science.evaluate(+regressor, params:fail)-> metrics(json, versioned)
 *   metrics -reporting.report-> report(json)
 * </pre>
 * Memory-connected components make four groups. {@code evaluate} fails when {@code fail} is true.
 */
public final class FlightsGroupsProject implements Project {
    /** What {@code report} saw in the logging context: run id, pipeline, group. */
    static final List<String> LOGGED = new CopyOnWriteArrayList<>();

    public FlightsGroupsProject() {
    }

    public record Company(String id, double rating) {
    }

    public record Shuttle(long id, String companyId, double price) {
    }

    public record Row(long id, double rating, double price) {
    }

    static List<Company> preprocess(List<Company> companies) {
        List<Company> out = new ArrayList<>();
        for (Company c : companies) {
            out.add(new Company(c.id(), c.rating() / 100));
        }
        return out;
    }

    static List<Row> table(List<Company> companies, List<Shuttle> shuttles) {
        Map<String, Double> rating = new LinkedHashMap<>();
        companies.forEach(c -> rating.put(c.id(), c.rating()));
        List<Row> rows = new ArrayList<>();
        for (Shuttle s : shuttles) {
            rows.add(new Row(s.id(), rating.getOrDefault(s.companyId(), 0.0), s.price()));
        }
        return rows;
    }

    static List<Row> trainRows(List<Row> rows) {
        return rows.stream().filter(r -> r.id() % 2 == 0).toList();
    }

    static List<Row> testRows(List<Row> rows) {
        return rows.stream().filter(r -> r.id() % 2 == 1).toList();
    }

    /** The "model": price per rating point, as text bytes. */
    static byte[] train(List<Row> rows) {
        double ratio = rows.stream().mapToDouble(r -> r.price() / Math.max(r.rating(), 0.01)).average().orElse(0);
        return Double.toString(ratio).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> evaluate(byte[] model, List<Row> rows, boolean fail) {
        if (fail) {
            throw new IllegalStateException("evaluation refused");
        }
        double ratio = Double.parseDouble(new String(model, StandardCharsets.UTF_8));
        double err = rows.stream().mapToDouble(r -> Math.abs(r.rating() * ratio - r.price())).average().orElse(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mae", err);
        m.put("rows", rows.size());
        return m;
    }

    static Map<String, Object> report(Map<String, Object> metrics) {
        LOGGED.add(MDC.get(RunContext.MDC_RUN_ID) + " " + MDC.get(RunContext.MDC_PIPELINE) + " "
                + MDC.get(RunContext.MDC_GROUP));
        Map<String, Object> r = new LinkedHashMap<>(metrics);
        r.put("verdict", ((Number) metrics.get("mae")).doubleValue() < 1000 ? "ok" : "poor");
        return r;
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of("flights", Pipeline.of(
                node(FlightsGroupsProject::preprocess).inputs("companies").outputs("data_processing.companies")
                        .name("preprocess").namespace("data_processing"),
                node(FlightsGroupsProject::table).inputs("data_processing.companies", "shuttles")
                        .outputs("model_input_table").name("table").namespace("data_processing"),
                node(FlightsGroupsProject::trainRows).inputs("model_input_table").outputs("data_science.train_rows")
                        .name("train_rows").namespace("data_science"),
                node(FlightsGroupsProject::train).inputs("data_science.train_rows").outputs("regressor")
                        .name("train").namespace("data_science"),
                node(FlightsGroupsProject::testRows).inputs("model_input_table").outputs("data_science.test_rows")
                        .name("test_rows").namespace("data_science"),
                node(FlightsGroupsProject::evaluate).inputs("regressor", "data_science.test_rows", "params:fail")
                        .outputs("metrics").name("evaluate").namespace("data_science"),
                node(FlightsGroupsProject::report).inputs("metrics").outputs("report").name("report")
                        .namespace("reporting")));
    }

    /** Writes the project into {@code dir} and its service entry into {@code services}. */
    static void write(Path dir, Path services) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            Files.createDirectories(dir.resolve("data/01_raw"));
            Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                    companies: {type: json, filepath: data/01_raw/companies.json}
                    shuttles: {type: json, filepath: data/01_raw/shuttles.json}
                    model_input_table: {type: parquet, filepath: data/03_primary/model_input_table.parquet}
                    regressor: {type: bytes, filepath: data/06_models/regressor.bin, versioned: true}
                    metrics: {type: json, filepath: data/08_reporting/metrics.json, versioned: true}
                    report: {type: json, filepath: data/08_reporting/report.json}
                    """);
            Files.writeString(dir.resolve("conf/base/parameters.yml"), "fail: false\n");
            StringBuilder companies = new StringBuilder("[");
            StringBuilder shuttles = new StringBuilder("[");
            for (int i = 0; i < 40; i++) {
                if (i < 8) {
                    companies.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\",\"rating\":")
                            .append(50 + i * 5).append('}');
                }
                shuttles.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"companyId\":\"c")
                        .append(i % 8).append("\",\"price\":").append(1000 + i * 37.5).append('}');
            }
            Files.writeString(dir.resolve("data/01_raw/companies.json"), companies.append(']'));
            Files.writeString(dir.resolve("data/01_raw/shuttles.json"), shuttles.append(']'));
            Path entry = services.resolve("META-INF/services/io.sluice.project.Project");
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, FlightsGroupsProject.class.getName() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

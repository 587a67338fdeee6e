package io.sluice.session;

import static io.sluice.pipeline.Node.node;

import io.sluice.io.ArtifactKind;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pipeline of the export tests and their golden file ({@code pipeline-export.golden.json}):
 * namespaces, tags, single parameters and the whole tree, named outputs, persisted, versioned,
 * pattern-stamped, model and memory datasets.
 * <pre>
 *   companies(json) -clean(params:cleaning.threshold)-> clean_rows(memory)
 *   clean_rows -train.fit(params:train.alpha)-> train.model(model, versioned)
 *   clean_rows, train.model -report(parameters)-> {summary: reports.summary(pattern), count: row_count(memory)}
 * </pre>
 */
public final class ExportFixture {
    private ExportFixture() {
    }

    /** A row of the companies file. */
    public record Row(String id, double value) {
    }

    /** What report returns, one component per output. */
    public record Report(String summary, long count) {
    }

    /** A persistent dataset that says it holds a model. */
    public static final class ModelStore implements Dataset<Object> {
        private final boolean versioned;

        public ModelStore(DatasetConfig config) {
            versioned = config.bool("versioned", false);
        }

        @Override
        public Object load() {
            return List.of(1.0);
        }

        @Override
        public void save(Object data) {
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", ModelStore.class.getName());
        }

        @Override
        public boolean isVersioned() {
            return versioned;
        }

        @Override
        public ArtifactKind artifactKind() {
            return ArtifactKind.MODEL;
        }
    }

    public static List<Row> clean(List<Row> rows, double threshold) {
        return rows.stream().filter(r -> r.value() >= threshold).toList();
    }

    public static List<Double> fit(List<Row> rows, double alpha) {
        return List.of(alpha * rows.size());
    }

    public static Report report(List<Row> rows, List<Double> model, Map<String, Object> parameters) {
        return new Report(rows.size() + " rows, model " + model, rows.size());
    }

    public static Pipeline pipeline() {
        return Pipeline.of(
                node(ExportFixture::clean).inputs("companies", "params:cleaning.threshold").outputs("clean_rows")
                        .name("clean").tags("etl"),
                node(ExportFixture::fit).inputs("clean_rows", "params:train.alpha").outputs("train.model")
                        .name("fit").namespace("train").tags("train", "model"),
                node(ExportFixture::report).inputs("clean_rows", "train.model", "parameters")
                        .outputs(Map.of("summary", "reports.summary", "count", "row_count"))
                        .name("report").tags("report"));
    }

    /** The catalog and parameters of the fixture, written into {@code dir}. */
    public static Path write(Path dir) {
        return TestProject.write(dir, Map.of("conf/base/catalog.yml", """
                companies:
                  type: json
                  filepath: data/companies.json
                train.model:
                  type: %s
                  versioned: true
                "reports.{name}":
                  type: json
                  filepath: data/reports/{name}.json
                """.formatted(ModelStore.class.getName()),
                "conf/base/parameters.yml", """
                cleaning:
                  threshold: 0.5
                train:
                  alpha: 0.1
                """));
    }

    /** The fixture's project: {@code companies} registered under that name. */
    public static Project project() {
        return new TestProject(Map.of("companies", pipeline()), List.of());
    }

    /** Prints the export of the fixture to stdout as UTF-8 bytes: the child JVM of the determinism test. */
    public static void main(String[] args) throws Exception {
        Path dir = write(Path.of(args[0]));
        try (Session session = TestProject.session(dir, project())) {
            System.out.write(session.export("companies").toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.flush();
        }
    }
}

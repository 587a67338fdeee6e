package io.sluice.deploy;

import static io.sluice.pipeline.Node.node;

import io.sluice.config.ConfigMap;
import io.sluice.group.DeploySpec;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
import io.sluice.io.DataCatalog;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.project.Project;
import io.sluice.runner.RunPolicy;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A spaceflights-shaped project compiled into a real session: data_processing (two
 * preprocessing nodes, then the model input table, all persisted) and data_science (split,
 * train, evaluate joined by the memory dataset {@code split}; the model (a model artifact) and
 * metrics persisted).
 * Its runner entry retries the preprocessing and times out the data science nodes; its
 * deploy.yml gives the training group more memory.
 */
final class Spaceflights implements Project {
    /** A variant with one more node, so the structure hash differs. */
    private final boolean withReport;

    Spaceflights(boolean withReport) {
        this.withReport = withReport;
    }

    static int one(int a) {
        return a;
    }

    static int two(int a, int b) {
        return a + b;
    }

    static int three(int a, int b, int c) {
        return a + b + c;
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline p = Pipeline.of(
                node(Spaceflights::one).name("preprocess_companies").namespace("data_processing")
                        .inputs("companies").outputs("preprocessed_companies"),
                node(Spaceflights::one).name("preprocess_shuttles").namespace("data_processing")
                        .inputs("shuttles").outputs("preprocessed_shuttles"),
                node(Spaceflights::three).name("create_model_input_table").namespace("data_processing")
                        .inputs("preprocessed_shuttles", "preprocessed_companies", "reviews")
                        .outputs("model_input_table"),
                node(Spaceflights::one).name("split_data").namespace("data_science")
                        .inputs("model_input_table").outputs("split"),
                node(Spaceflights::one).name("train_model").namespace("data_science")
                        .inputs("split").outputs("regressor"),
                node(Spaceflights::two).name("evaluate_model").namespace("data_science")
                        .inputs("regressor", "split").outputs("metrics"));
        if (withReport) {
            p = p.plus(Pipeline.of(node(Spaceflights::one).name("report").inputs("metrics").outputs("report")));
        }
        return Map.of("__default__", p);
    }

    /**
     * A compiled export input: the document, a grouping and the settings of this project in
     * {@code dir}; {@code carried} is the grouping's strategy when the deploy config groups
     * otherwise (the tasks then carry it), else null.
     */
    record Fixture(PipelineDocument document, Grouping grouping, RunPolicy policy, DeploySettings settings,
                   GroupStrategy carried) {
        DeployPlan plan(String env, String image) {
            return DeployPlan.of(document, grouping, Map.of(), policy, settings, env, image, null, carried);
        }
    }

    static Fixture fixture(Path dir, GroupStrategy strategy, boolean withReport) {
        return fixture(dir, strategy, withReport, DEPLOY_YML);
    }

    static final String DEPLOY_YML = """
            tasks:
              default: {cpu: 500m, memory: 1Gi}
            """;

    static Fixture fixture(Path dir, GroupStrategy strategy, boolean withReport, String deployYml) {
        write(dir, deployYml);
        try (Session session = Session.compile(new Spaceflights(withReport),
                new SessionOptions(dir, "prod", Map.of()))) {
            DataCatalog catalog = session.catalog();
            Pipeline pipeline = session.pipeline("__default__");
            Grouping g = Grouper.of("__default__", pipeline, n -> catalog.dataset(n).isPersistent()).group(strategy);
            ConfigMap deploy = session.config().get("deploy");
            GroupStrategy tasks = DeploySpec.strategyOf(deploy);
            return new Fixture(session.export("__default__"), g, session.runners().entry("default").policy(),
                    DeploySettings.of(deploy), strategy.equals(tasks) ? null : strategy);
        }
    }

    static void write(Path dir, String deployYml) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/prod"));
            StringBuilder catalog = new StringBuilder();
            for (String d : new String[] {"companies", "shuttles", "reviews", "preprocessed_companies",
                    "preprocessed_shuttles", "model_input_table", "regressor", "metrics", "report"}) {
                String type = d.equals("regressor") ? ModelFile.class.getName() : "json"; // a trained model
                catalog.append(d).append(":\n  type: ").append(type).append("\n  filepath: data/").append(d)
                        .append(".json\n");
                if (d.equals("metrics")) {
                    catalog.append("  artifact: metrics\n"); // as in examples/spaceflights
                }
            }
            Files.writeString(dir.resolve("conf/base/catalog.yml"), catalog.toString());
            Files.writeString(dir.resolve("conf/base/runners.yml"), """
                    default:
                      type: sequential
                      retry:
                        - nodes: [data_processing.preprocess_companies, data_processing.preprocess_shuttles]
                          max_attempts: 3
                          initial_backoff: 200ms
                          max_backoff: 5s
                      timeout:
                        - namespaces: [data_science]
                          after: 10m
                    """);
            Files.writeString(dir.resolve("conf/prod/deploy.yml"), deployYml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

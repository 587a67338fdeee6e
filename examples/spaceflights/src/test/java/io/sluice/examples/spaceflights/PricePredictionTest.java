package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sluice.datasets.model.OnnxModel;
import io.sluice.hooks.Hook;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunContext;
import io.sluice.run.RunSpec;
import io.sluice.run.TypeRef;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.test.ProjectDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The price_prediction service pipeline, run many times in one session against the trained model. */
class PricePredictionTest {
    @TempDir
    static Path project;

    static final ShuttleFeatures SMALL = new ShuttleFeatures(1, 2, 1, false, false, false, 0.5, 60.0);
    static final ShuttleFeatures LARGE = new ShuttleFeatures(4, 12, 6, true, true, true, 1.0, 95.0);

    @BeforeAll
    static void trainTheModel() {
        ProjectDirs.copyInputs(project);
        try (Session batch = Session.compile(new SpaceflightsProject(),
                new SessionOptions(project, "local", Map.of(), false))) {
            batch.run(RunSpec.ofDefault());
        }
    }

    /** Records the identity of the model object each run hands to predict_prices. */
    static final class ModelIdentity implements Hook {
        final Set<Integer> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void beforeNodeRun(RunContext run, Node node, Map<String, Object> inputs) {
            seen.add(System.identityHashCode(inputs.get("regressor")));
        }
    }

    @Test
    void eachRunPricesTheInjectedShuttlesWithAModelLoadedOnce() {
        ModelIdentity identity = new ModelIdentity();
        Project withHook = new Project() {
            @Override
            public Map<String, Pipeline> pipelines() {
                return new SpaceflightsProject().pipelines();
            }

            @Override
            public List<Hook> hooks() {
                return List.of(identity);
            }
        };
        try (Session service = Session.compile(withHook, new SessionOptions(project, "local", Map.of()))) {
            for (int i = 0; i < 20; i++) {
                List<PricePrediction> prices = service.run(RunSpec.builder("price_prediction").journal(false).build(), Injected.input("shuttles_to_price", List.of(SMALL, LARGE)))
                        .output("price_predictions", new TypeRef<List<PricePrediction>>() {});
                assertThat(prices).hasSize(2);
            }
        }
        assertThat(identity.seen).hasSize(1);
    }

    @Test
    void predictionsAreTheSavedModelsOnTheFeaturesInNameOrder() {
        try (Session service = Session.compile(new SpaceflightsProject(),
                new SessionOptions(project, "local", Map.of()));
             OnnxModel model = (OnnxModel) service.catalog().dataset("regressor").load()) {
            List<PricePrediction> prices = service.run(RunSpec.builder("price_prediction").journal(false).build(), Injected.input("shuttles_to_price", List.of(SMALL, LARGE)))
                    .output("price_predictions", new TypeRef<List<PricePrediction>>() {});

            // features sorted by name: company_rating, crew, d_check_complete, engines, iata_approved,
            // moon_clearance_complete, passenger_capacity, review_scores_rating
            float[][] direct = model.predict(new float[][] {
                {0.5f, 1, 0, 1, 0, 0, 2, 60f}, {1.0f, 6, 1, 4, 1, 1, 12, 95f}});
            assertThat(prices.get(0).price()).isCloseTo(direct[0][0], within(1e-3));
            assertThat(prices.get(1).price()).isCloseTo(direct[1][0], within(1e-3));
            assertThat(prices.get(1).price()).isGreaterThan(prices.get(0).price());
        }
    }
}

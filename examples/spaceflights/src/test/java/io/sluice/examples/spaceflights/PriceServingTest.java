package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.run.RunSpec;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.test.ProjectDirs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** price_prediction over HTTP, configured by the project's conf/base/server.yml, as `sluice serve` runs it. */
class PriceServingTest {
    private static final String BODY = """
            {"inputs": {"shuttles_to_price": [
              {"engines": 2, "passenger_capacity": 4, "crew": 2, "d_check_complete": true,
               "moon_clearance_complete": false, "iata_approved": true,
               "company_rating": 0.9, "review_scores_rating": 88.0}]}}
            """;

    @TempDir
    Path project;

    @Test
    void theServiceAnswersPredictedPricesForPostedShuttles() throws Exception {
        ProjectDirs.copyInputs(project);
        try (Session batch = Session.compile(new SpaceflightsProject(),
                new SessionOptions(project, "local", Map.of(), false))) {
            batch.run(RunSpec.ofDefault());
        }
        try (Session session = Session.compile(new SpaceflightsProject(), new SessionOptions(project, "local", Map.of()))) {
            ServerConfig config = ServerConfig.of(session).withPort(0);
            assertThat(config.pipelines()).containsExactly("price_prediction");
            SluiceServer server = new SluiceServer(session, config).start();
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/pipelines/price_prediction/runs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).matches("\\{\"run_id\":\"[^\"]+\",\"outputs\":\\{\"price_predictions\":"
                        + "\\[\\{\"price\":[0-9.E-]+}]}}");

                // the model is an artifact loaded once: runs do no I/O, so once proven fast they stay on IO threads
                HttpClient client = HttpClient.newHttpClient();
                String metrics = "";
                for (int i = 0; i < 500 && !metrics.contains("sluice_pipeline_on_io_thread{pipeline=\"price_prediction\"} 1"); i++) {
                    client.send(HttpRequest.newBuilder(r.request().uri()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
                    metrics = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                }
                assertThat(metrics).contains("sluice_pipeline_on_io_thread{pipeline=\"price_prediction\"} 1");
            } finally {
                server.stop(Duration.ofSeconds(5));
            }
        }
    }
}

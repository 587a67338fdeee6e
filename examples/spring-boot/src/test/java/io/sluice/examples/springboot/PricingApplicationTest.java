package io.sluice.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.examples.spaceflights.SpaceflightsProject;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.test.ProjectDirs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random loopback port, over a trained copy of spaceflights: prices over
 * HTTP, the {@code sluice} health component, and the run meters in Actuator's metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PricingApplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SHUTTLES = """
            [{"engines":1,"passenger_capacity":2,"crew":1,"d_check_complete":false,
              "moon_clearance_complete":false,"iata_approved":false,"company_rating":0.5,"review_scores_rating":60},
             {"engines":4,"passenger_capacity":12,"crew":6,"d_check_complete":true,
              "moon_clearance_complete":true,"iata_approved":true,"company_rating":1.0,"review_scores_rating":95}]
            """;

    @LocalServerPort
    int port;

    /** Copies spaceflights' config and raw data to a new folder and trains the model there, before the context starts. */
    @DynamicPropertySource
    static void trainedProject(DynamicPropertyRegistry properties) throws Exception {
        Path project = Files.createTempDirectory("sluice-spring-boot-test-");
        ProjectDirs.copy(Path.of("../spaceflights").toAbsolutePath().normalize(), project, "conf", "data/01_raw");
        try (Session batch = Session.compile(new SpaceflightsProject(),
                new SessionOptions(project, "local", Map.of(), false))) {
            batch.run(RunSpec.ofDefault());
        }
        properties.add("sluice.project-dir", project::toString);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void pricesThePostedShuttlesAndReportsHealthAndRunMeters() throws Exception {
        HttpResponse<String> prices = send(HttpRequest.newBuilder(uri("/price"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SHUTTLES)));

        assertThat(prices.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(prices.body());
        assertThat(body).hasSize(2);
        double cheap = body.get(0).get("price").asDouble();
        double dear = body.get(1).get("price").asDouble();
        assertThat(cheap).isPositive();
        assertThat(dear).isGreaterThan(cheap); // more engines, seats, crew and a better rating cost more

        JsonNode health = JSON.readTree(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode sluice = health.get("components").get("sluice");
        assertThat(sluice.get("status").asText()).isEqualTo("UP");
        assertThat(sluice.get("details").get("project").asText()).isEqualTo("SpaceflightsProject");
        assertThat(sluice.get("details").get("engines").has("warehouse")).isTrue();

        HttpResponse<String> runs = send(HttpRequest.newBuilder(
                uri("/actuator/metrics/sluice.runs?tag=pipeline:price_prediction&tag=outcome:succeeded")).GET());
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(runs.body()).get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
        JsonNode latency = JSON.readTree(send(HttpRequest.newBuilder(
                uri("/actuator/metrics/sluice.run?tag=pipeline:price_prediction")).GET()).body());
        assertThat(latency.get("measurements").findValuesAsText("statistic")).contains("COUNT", "TOTAL_TIME", "MAX");
    }

    @Test
    void anEmptyRequestIsABadRequest() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/price"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[]")));

        assertThat(r.statusCode()).isEqualTo(400);
    }
}

package io.sluice.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.examples.spaceflights.SpaceflightsProject;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.test.ProjectDirs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded service, started as its main would start it, on a trained copy of spaceflights. */
class PriceServiceTest {
    @TempDir
    static Path project;

    static PriceService service;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void trainAndStart() {
        ProjectDirs.copy(Path.of("../spaceflights").toAbsolutePath().normalize(), project, "conf", "data/01_raw");
        try (Session batch = Session.compile(new SpaceflightsProject(),
                new SessionOptions(project, "local", Map.of(), false))) {
            batch.run(RunSpec.ofDefault());
        }
        service = new PriceService(project, 0);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/price"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pricesEachPostedShuttle() throws Exception {
        HttpResponse<String> r = post("""
                [{"engines":1,"passenger_capacity":2,"crew":1,"d_check_complete":false,
                  "moon_clearance_complete":false,"iata_approved":false,"company_rating":0.5,"review_scores_rating":60},
                 {"engines":4,"passenger_capacity":12,"crew":6,"d_check_complete":true,
                  "moon_clearance_complete":true,"iata_approved":true,"company_rating":1.0,"review_scores_rating":95}]
                """);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("\\[\\{\"price\":[0-9.E-]+},\\{\"price\":[0-9.E-]+}]");
    }

    @Test
    void aBodyThatIsNotShuttlesIsABadRequest() throws Exception {
        HttpResponse<String> r = post("{\"engines\": 2}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"the body must be a JSON array of shuttles: ");
    }
}

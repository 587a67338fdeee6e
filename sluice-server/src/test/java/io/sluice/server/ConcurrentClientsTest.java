package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentClientsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "run_on: {0}")
    @ValueSource(strings = {"worker", "auto", "io_thread"})
    void eightClientsTimesFiveHundredRequestsEachGetTheirOwnOutputs(String runOn) throws Exception {
        try (TestServer t = TestServer.start(dir, "run_on: " + runOn + "\n")) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> futures = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    int client = c;
                    futures.add(clients.submit(() -> {
                        List<String> wrong = new ArrayList<>();
                        for (int i = 0; i < 500; i++) {
                            String id = "c" + client + "-" + i;
                            HttpResponse<String> r = t.post("/pipelines/echo/runs",
                                    "{\"inputs\": {\"id\": \"" + id + "\", \"x\": " + i + "}, \"outputs\": [\"tagged\"]}");
                            String expected = "\"outputs\":{\"tagged\":\"" + id + "=" + (i + 1) + "\"}}";
                            if (r.statusCode() != 200 || !r.body().endsWith(expected)) {
                                wrong.add(id + " -> " + r.statusCode() + " " + r.body());
                            }
                        }
                        return wrong;
                    }));
                }
                int checked = 0;
                for (Future<List<String>> f : futures) {
                    assertThat(f.get(120, TimeUnit.SECONDS)).isEmpty();
                    checked += 500;
                }
                assertThat(checked).isEqualTo(4000);
            } finally {
                clients.shutdownNow();
            }
        }
    }
}

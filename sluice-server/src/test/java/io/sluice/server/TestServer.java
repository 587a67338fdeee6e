package io.sluice.server;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real server on an ephemeral loopback port over an inline project, and a client for it. */
final class TestServer implements AutoCloseable {
    record TestProject(Map<String, Pipeline> pipelines) implements Project {
        @Override
        public String name() {
            return "TestProject";
        }
    }

    final Session session;
    final SluiceServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Session session, SluiceServer server) {
        this.session = session;
        this.server = server;
    }

    /**
     * Writes conf/base/server.yml (port 0 added, and {@code warmup: false} unless it sets
     * {@code warmup}) and the other files, compiles, starts.
     */
    static TestServer start(Path dir, String serverYml, Map<String, String> files) {
        return start(dir, serverYml, files, Nodes.pipelines());
    }

    /** {@link #start(Path, String, Map)} serving {@code pipelines} instead of the usual ones. */
    static TestServer start(Path dir, String serverYml, Map<String, String> files, Map<String, Pipeline> pipelines) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("conf/base/parameters.yml", "model:\n  factor: 2.0\n");
        all.put("conf/base/server.yml", "port: 0\n" + (serverYml.contains("warmup:") ? "" : "warmup: false\n")
                + serverYml);
        all.putAll(files);
        write(dir, all);
        Session session = Session.compile(new TestProject(pipelines), new SessionOptions(dir, "local", Map.of()));
        return new TestServer(session, SluiceServer.create(session).start());
    }

    static TestServer start(Path dir, String serverYml) {
        return start(dir, serverYml, Map.of());
    }

    static void write(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        session.close();
    }
}

package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.journal.JournalStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code serve} launcher from the command line: {@code sluice run --runner api} and
 * {@code sluice serve} with a {@code serve} entry, run in-process and ended through the
 * command's stop signal (what SIGTERM fires), on loopback ports the system picks.
 */
class ServeLauncherTest {
    private static final Pattern SERVING = Pattern.compile(
            "Serving (\\S+) on (http://127\\.0\\.0\\.1:(\\d+)) \\(OpenAPI: \\S+\\)\\. Stop with Ctrl-C or SIGTERM\\.");
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\":\"([^\"]+)\"");

    @TempDir
    Path project;
    @TempDir
    Path services;

    private URLClassLoader loader;
    private ClassLoader previous;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void projectOnTheClassPath() throws Exception {
        Path file = services.resolve("META-INF/services/io.sluice.project.Project");
        Files.createDirectories(file.getParent());
        Files.writeString(file, ServeCommandTest.EchoProject.class.getName() + "\n");
        Files.createDirectories(project.resolve("conf/local"));
        previous = Thread.currentThread().getContextClassLoader();
        loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, previous);
        Thread.currentThread().setContextClassLoader(loader);
    }

    @AfterEach
    void restore() throws Exception {
        Thread.currentThread().setContextClassLoader(previous);
        loader.close();
    }

    private void write(String file, String text) throws Exception {
        Path p = project.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** A command running on its own thread (inheriting the project's class loader) until stopped. */
    private static final class Running implements AutoCloseable {
        final SluiceMain main;
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Running(String... args) {
            main = new SluiceMain(new PrintWriter(out, true), new PrintWriter(err, true));
            thread = new Thread(() -> exit.set(main.execute(args)), "sluice-under-test");
            thread.start();
        }

        /** Waits (at most 30 s) for the line the server prints once it serves. */
        Matcher serving() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && thread.isAlive()) {
                Matcher m = SERVING.matcher(out.toString());
                if (m.find()) {
                    return m;
                }
                Thread.sleep(20);
            }
            Matcher m = SERVING.matcher(out.toString());
            assertThat(m.find()).as("output:\n%s\nerrors:\n%s", out, err).isTrue();
            return m;
        }

        /** Fires the stop signal and waits (at most 30 s) for the command to return. */
        int stop() throws InterruptedException {
            main.stop.fire();
            thread.join(Duration.ofSeconds(30).toMillis());
            assertThat(thread.isAlive()).as("the command returned after its stop signal").isFalse();
            return exit.get();
        }

        @Override
        public void close() throws InterruptedException {
            main.stop.fire();
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private HttpResponse<String> post(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"id\": \"a\", \"x\": 1}}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String runnerOf(HttpResponse<String> response) {
        Matcher m = RUN_ID.matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return new JournalStore(project).read(m.group(1)).orElseThrow().parts().get(0).runner();
    }

    @Test
    void runWithAServeEntryAnswersHttpThroughTheRunnerItWrapsUntilStopped() throws Exception {
        write("conf/base/server.yml", "port: 8080\n");
        write("conf/base/runners.yml", """
                wide: {type: parallel, max_workers: 2}
                api:
                  launcher: serve
                  wraps: wide
                  port: 0
                  pipelines: [echo]
                  warmup: false
                  journal: true
                  runners: [sequential]
                """);
        try (Running sluice = new Running("-C", project.toString(), "run", "--runner", "api")) {
            Matcher serving = sluice.serving();
            assertThat(serving.group(1)).as("the entry's pipelines").isEqualTo("echo");
            assertThat(Integer.parseInt(serving.group(3))).as("the entry's port 0 over server.yml's 8080")
                    .isNotEqualTo(8080);
            String runs = serving.group(2) + "/pipelines/echo/runs";

            HttpResponse<String> plain = post(runs);
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.body()).endsWith("\"outputs\":{\"tagged\":\"a=2\"}}");
            assertThat(runnerOf(plain)).as("served runs use the wrapped runner").isEqualTo("wide");

            HttpResponse<String> allowed = post(runs + "?runner=sequential");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(runnerOf(allowed)).isEqualTo("sequential");

            HttpResponse<String> notAllowed = post(runs + "?runner=parallel");
            assertThat(notAllowed.statusCode()).isEqualTo(400);
            assertThat(notAllowed.body()).contains("runner: 'parallel' is not a runner this server allows; "
                    + "allowed runners: sequential, wide");

            HttpResponse<String> launcher = post(runs + "?runner=api");
            assertThat(launcher.statusCode()).isEqualTo(400);
            assertThat(launcher.body()).contains("runner: 'api' is a run launcher, and launchers are not run per "
                    + "request; allowed runners: sequential, wide");

            HttpResponse<String> openApi = client.send(HttpRequest.newBuilder(URI.create(serving.group(2)
                    + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(openApi.body()).contains("\"name\" : \"runner\"", "\"enum\" : [ \"wide\", \"sequential\" ]");

            assertThat(sluice.stop()).as("exit code; errors:\n%s", sluice.err).isEqualTo(0);
            assertThat(sluice.out.toString()).contains("Launcher api made 0 runs");
            assertThat(post(runs).statusCode()).as("stopped").isNotEqualTo(200);
        } catch (java.net.ConnectException stopped) {
            // the last request: nothing listens any more
        }
    }

    @Test
    void serveLaunchesTheServeEntryWithTheCommandsOptionsOverIt() throws Exception {
        write("conf/base/server.yml", "port: 8080\npipelines: [__default__]\n");
        write("conf/base/runners.yml", """
                serve:
                  launcher: serve
                  port: 0
                  pipelines: [echo]
                  warmup: false
                  journal: true
                """);
        try (Running sluice = new Running("-C", project.toString(), "serve", "--host", "127.0.0.1")) {
            Matcher serving = sluice.serving();
            assertThat(serving.group(1)).as("the entry's pipelines over server.yml's").isEqualTo("echo");
            assertThat(Integer.parseInt(serving.group(3))).isNotEqualTo(8080);
            HttpResponse<String> r = post(serving.group(2) + "/pipelines/echo/runs");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(runnerOf(r)).as("no wraps: the default runner, the built-in sequential")
                    .isEqualTo("sequential");
            assertThat(sluice.stop()).as("errors:\n%s", sluice.err).isEqualTo(0);
        }
    }

    @Test
    void serveWithoutAServeEntryUsesServerYmlAndItsRunners() throws Exception {
        write("conf/base/server.yml", "port: 0\nwarmup: false\njournal: true\nrunners: [parallel]\n");
        try (Running sluice = new Running("-C", project.toString(), "serve", "-p", "echo")) {
            Matcher serving = sluice.serving();
            HttpResponse<String> r = post(serving.group(2) + "/pipelines/echo/runs?runner=parallel");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(runnerOf(r)).isEqualTo("parallel");
            assertThat(sluice.stop()).isEqualTo(0);
        }
    }

    @Test
    void anUnknownKeyOfAServeEntryIsAnErrorAtItsLineWithASuggestion() throws Exception {
        write("conf/base/runners.yml", "api:\n  launcher: serve\n  prot: 0\n");

        Cli cli = Cli.run("-C", project.toString(), "run", "--runner", "api");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("conf/base/runners.yml:3:3: unknown key 'prot' in launcher 'api' (serve)",
                "Did you mean 'port'?");
    }

    @Test
    void aWrongValueOfAServeEntryIsAnErrorAtItsLine() throws Exception {
        write("conf/base/runners.yml", "api:\n  launcher: serve\n  max_concurrent_runs: many\n");

        Cli cli = Cli.run("-C", project.toString(), "run", "--runner", "api");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("conf/base/runners.yml:3:", "max_concurrent_runs");
    }

    @Test
    void aServeEntryWrappingALauncherIsRefusedAtTheEntry() throws Exception {
        write("conf/base/runners.yml", """
                inner: {launcher: serve}
                api: {launcher: serve, wraps: inner}
                """);

        Cli cli = Cli.run("-C", project.toString(), "run", "--runner", "api");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("conf/base/runners.yml:2:1: launcher 'api' (serve) wraps 'inner', which is a "
                + "launcher");
    }

    @Test
    void runnersMustNameRunnerEntriesNotLaunchers() throws Exception {
        write("conf/base/runners.yml", """
                wide: {type: parallel}
                api: {launcher: serve, port: 0, warmup: false, runners: [wdie]}
                other: {launcher: serve, port: 0, warmup: false, runners: [api]}
                """);

        Cli unknown = Cli.run("-C", project.toString(), "run", "--runner", "api");
        Cli launcher = Cli.run("-C", project.toString(), "run", "--runner", "other");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("conf/base/runners.yml:2:", "runners lists 'wdie', which is no runner "
                + "entry of runners.yml.", "Did you mean 'wide'?");
        assertThat(launcher.exitCode()).isEqualTo(1);
        assertThat(launcher.err()).contains("conf/base/runners.yml:3:", "runners lists 'api', which is a run launcher");
    }
}

package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice viz} on {@link GroupsTestProject}: serve, export, --from. The page itself is tested in sluice-viz. */
class VizCommandTest {
    @TempDir
    Path project;
    @TempDir
    Path services;
    @TempDir
    Path out;

    @BeforeEach
    void writeProject() {
        GroupsTestProject.write(project, services);
    }

    @Test
    void exportWritesAStaticSiteWithEveryPipelineAndGrouping() throws Exception {
        Cli cli = RunsTestProject.sluice(project, services, "viz", "--export", out.resolve("site").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Wrote the viz site to");
        Path site = out.resolve("site");
        assertThat(site.resolve("index.html")).exists();
        assertThat(site.resolve("dagre.min.js")).exists();
        assertThat(Files.readString(site.resolve("api/pipelines.json"))).contains("\"shop\"", "memory-components");
        assertThat(Files.readString(site.resolve("api/pipelines/shop.json"))).contains("\"data.load\"");
        assertThat(Files.readString(site.resolve("api/groupings/shop/node.json")))
                .contains("memory-crossing", "group data.load to data.clean");
    }

    @Test
    void fromDrawsAnExportedDocumentWithoutTheProject() throws Exception {
        Cli export = RunsTestProject.sluice(project, services, "pipelines", "export", "-p", "shop", "-o",
                out.resolve("shop.json").toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Cli cli = Cli.run("viz", "--from", out.resolve("shop.json").toString(), "--export",
                out.resolve("site").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(out.resolve("site/api/pipelines.json"))).contains("\"shop\"")
                .contains("\"strategies\":[\"memory-components\"").contains("\"merges\":false");
        // groupings are computed from the document alone, and exported with the page
        assertThat(Files.readString(out.resolve("site/api/groupings/shop/memory-components.json")))
                .contains("\"grouping\"", "\"check\"");
    }

    @Test
    void servesThePageAndItsJsonOnTheLoopbackUntilStopped() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Parsed parsed;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, previous)) {
            parsed = Cli.parse("-C", project.toString(), "viz", "--port", String.valueOf(port), "-p", "shop");
            CompletableFuture<Integer> served = serveInOwnThread(parsed, loader);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port + "/";
            HttpResponse<String> index = get(http, base + "api/pipelines.json", served);
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("\"shop\"");
            assertThat(get(http, base, served).body()).contains("<title>Sluice viz</title>");
            assertThat(get(http, base + "../pom.xml", served).statusCode()).isEqualTo(404);
            parsed.root().stop.fire();
            assertThat(served.get(10, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void watchReloadsWhenTheProjectsConfChangesAndReportsABrokenOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, previous)) {
            Cli.Parsed parsed = Cli.parse("-C", project.toString(), "viz", "--watch", "--port", String.valueOf(port));
            CompletableFuture<Integer> served = serveInOwnThread(parsed, loader);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port + "/";
            assertThat(get(http, base + "api/version.json", served).body()).contains("\"version\":1");
            assertThat(get(http, base + "api/pipelines/shop.json", served).body()).contains("data/clean.json");

            Path catalog = project.resolve("conf/base/catalog.yml");
            String good = Files.readString(catalog);
            Files.writeString(catalog, good.replace("data/clean.json", "data/cleaner.json"));
            awaitBody(http, base + "api/pipelines/shop.json", served, "data/cleaner.json");
            Files.writeString(catalog, good + "broken: [\n");
            awaitBody(http, base + "api/version.json", served, "catalog.yml");
            Files.writeString(catalog, good);
            awaitBody(http, base + "api/version.json", served, "\"error\":null");
            assertThat(get(http, base + "api/pipelines/shop.json", served).body()).contains("data/clean.json");
            parsed.root().stop.fire();
            assertThat(served.get(10, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void watchDoesNotGoWithExport() {
        Cli cli = RunsTestProject.sluice(project, services, "viz", "--watch", "--export", out.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--watch");
    }

    private static void awaitBody(HttpClient http, String url, CompletableFuture<Integer> served, String expected)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = get(http, url, served).body();
        while (!body.contains(expected)) {
            assertThat(System.nanoTime()).as(url + " still " + body).isLessThan(deadline);
            Thread.sleep(100);
            body = get(http, url, served).body();
        }
    }

    /**
     * Runs the command on a thread of its own: the common pool has one thread on two cores, and a
     * task another test left there would keep the server from ever starting.
     */
    private static CompletableFuture<Integer> serveInOwnThread(Cli.Parsed parsed, ClassLoader loader) {
        CompletableFuture<Integer> served = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                served.complete(parsed.command().call());
            } catch (Throwable e) {
                served.completeExceptionally(e);
            }
        }, "sluice-viz-under-test");
        thread.setContextClassLoader(loader);
        thread.setDaemon(true);
        thread.start();
        return served;
    }

    /** GET, retried while the server starts. */
    private static HttpResponse<String> get(HttpClient http, String url, CompletableFuture<Integer> served)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                // bounded: a server that accepts but never answers fails the test instead of hanging it
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                if (served.isDone() || System.nanoTime() > deadline) {
                    served.get(10, java.util.concurrent.TimeUnit.SECONDS);
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }
}

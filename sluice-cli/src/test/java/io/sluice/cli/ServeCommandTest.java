package io.sluice.cli;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    /** The project the served JVM finds through META-INF/services. */
    public static final class EchoProject implements Project {
        public EchoProject() {
        }

        static int inc(int x) {
            return x + 1;
        }

        static String tag(String id, int y) {
            return id + "=" + y;
        }

        @Override
        public Map<String, Pipeline> pipelines() {
            return Map.of("echo", Pipeline.of(
                    node(EchoProject::inc).inputs("x").outputs("y").name("inc"),
                    node(EchoProject::tag).inputs("id", "y").outputs("tagged").name("tag")));
        }
    }

    @TempDir
    Path project;
    @TempDir
    Path services;

    private void writeProject(String serverYml) throws Exception {
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("conf/local"));
        Files.writeString(project.resolve("conf/base/server.yml"), serverYml);
        Path file = services.resolve("META-INF/services/io.sluice.project.Project");
        Files.createDirectories(file.getParent());
        Files.writeString(file, EchoProject.class.getName() + "\n");
    }

    @Test
    void servesUntilSigtermThenStopsGracefully() throws Exception {
        writeProject("port: 8080\nshutdown_grace: 5s\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + ProjectClassLoader.PROPERTY + "=" + services,
                "-cp", System.getProperty("java.class.path"),
                SluiceMain.class.getName(), "-C", project.toString(), "serve", "--port", "0", "-p", "echo"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern serving = Pattern.compile("^Serving echo on (http://127\\.0\\.0\\.1:(\\d+)) \\(OpenAPI: \\S+\\)\\. "
                    + "Stop with Ctrl-C or SIGTERM\\.$");
            String line;
            Matcher m = null;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher candidate = serving.matcher(line);
                if (candidate.matches()) {
                    m = candidate;
                    break;
                }
            }
            assertThat(m).as("output of sluice serve:\n%s", seen).isNotNull();
            String url = m.group(1);
            int port = Integer.parseInt(m.group(2));

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/pipelines/echo/runs"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"id\": \"a\", \"x\": 1}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).endsWith("\"outputs\":{\"tagged\":\"a=2\"}}");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                }
            }).isInstanceOf(ConnectException.class);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void anUnknownPipelineIsAnError() throws Exception {
        writeProject("port: 0\n");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            Cli cli = Cli.run("-C", project.toString(), "serve", "-p", "ech");

            assertThat(cli.exitCode()).isEqualTo(1);
            assertThat(cli.err()).startsWith("Error: Pipeline 'ech' cannot be served: project EchoProject does not "
                    + "register it. Registered pipelines: __default__, echo.");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void aBadPortIsAUsageError() {
        Cli cli = Cli.run("-C", project.toString(), "serve", "--port", "70000");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: --port must be 0 to 65535, got 70000" + System.lineSeparator());
    }

}

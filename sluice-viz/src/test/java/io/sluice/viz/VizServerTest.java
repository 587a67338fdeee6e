package io.sluice.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP side of the viz server, with raw requests. */
class VizServerTest {
    static VizServer server;

    @BeforeAll
    static void start() throws IOException {
        server = VizServer.start(new Documents("spaceflights.json"), 0, 20);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String request(String method, String path, String host) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesAssetsAndJsonOnlyForLoopbackHosts() throws IOException {
        assertThat(request("GET", "/", "127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200")
                .contains("<title>Sluice viz</title>");
        assertThat(request("GET", "/api/pipelines.json", "localhost:" + server.port())).startsWith("HTTP/1.1 200")
                .contains("application/json").contains("\"__default__\"");
        assertThat(request("GET", "/api/pipelines.json", "evil.example:" + server.port()))
                .startsWith("HTTP/1.1 403");
        assertThat(VizServer.loopbackHost("[::1]:4141")).isTrue();
        assertThat(VizServer.loopbackHost(null)).isFalse();
    }

    @Test
    void refusesUnknownPathsAndMethods() throws IOException {
        assertThat(request("GET", "/../pom.xml", "127.0.0.1")).startsWith("HTTP/1.1 404");
        assertThat(request("GET", "/app.js.map", "127.0.0.1")).startsWith("HTTP/1.1 404");
        assertThat(request("GET", "/api/pipelines/nope.json", "127.0.0.1")).startsWith("HTTP/1.1 404");
        assertThat(request("POST", "/api/pipelines.json", "127.0.0.1")).startsWith("HTTP/1.1 405");
        assertThat(request("GET", "/api/version.json", "127.0.0.1")).as("only --watch has versions")
                .startsWith("HTTP/1.1 404");
    }
}

package io.sluice.server;

import io.undertow.io.IoCallback;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /docs}: Swagger UI, served from the {@code org.webjars:swagger-ui} jar on the class
 * path (nothing is fetched from a CDN), showing the server's own {@code /openapi.json}. The page
 * and its scripts are read from the jar on their first request and kept; only the files the page
 * uses are served.
 *
 * <p>When the document needs the bearer token ({@code docs: protected} with {@code auth}), the
 * page asks for it first (kept in the tab's {@code sessionStorage} only), loads the document with
 * it, and authorizes Swagger UI with it, so that "Try it out" sends it too; a refused token is
 * asked for again. Otherwise Swagger UI's "Authorize" button takes the token the runs need (the
 * document declares the {@code bearer} scheme).
 */
final class SwaggerDocs {
    /** Where the webjar keeps its version, which names the folder of its files. */
    private static final String POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** The files of the page, by name, with their content types. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png");
    /**
     * What the page runs: Swagger UI on this server's OpenAPI document, relative to {@code /docs/}
     * so that it works behind a proxy that adds a path prefix.
     */
    private static final String INITIALIZER = """
            window.onload = function() {
              window.ui = SwaggerUIBundle({
                url: "../openapi.json",
                dom_id: "#swagger-ui",
                deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                layout: "StandaloneLayout"
              });
            };
            """;
    /** {@link #INITIALIZER} for a document behind the token: ask for it, load with it, authorize with it. */
    private static final String ASKING_INITIALIZER = """
            window.onload = function() {
              var key = "sluice.docs.token";
              function show(token) {
                window.ui = SwaggerUIBundle({
                  url: "../openapi.json",
                  dom_id: "#swagger-ui",
                  deepLinking: true,
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                  layout: "StandaloneLayout",
                  requestInterceptor: function(request) {
                    if (request.loadSpec || /openapi\\.json$/.test(request.url)) {
                      request.headers["Authorization"] = "Bearer " + token;
                    }
                    return request;
                  },
                  onComplete: function() { window.ui.preauthorizeApiKey("bearer", token); }
                });
              }
              function refused(message) {
                document.getElementById("swagger-ui").textContent = message;
              }
              function attempt(token, question) {
                if (!token) {
                  token = window.prompt(question);
                  if (token === null || !token.trim()) {
                    refused("This server's API description needs its bearer token (docs: protected in server.yml). "
                        + "Reload the page to enter it.");
                    return;
                  }
                  token = token.trim();
                }
                fetch("../openapi.json", {headers: {"Authorization": "Bearer " + token}}).then(function(response) {
                  if (response.status === 401) {
                    sessionStorage.removeItem(key);
                    attempt("", "That token was refused. The bearer token of this server:");
                  } else {
                    sessionStorage.setItem(key, token);
                    show(token);
                  }
                }, function(error) {
                  refused("Cannot reach ../openapi.json: " + error);
                });
              }
              attempt(sessionStorage.getItem(key) || "",
                  "This server's API description needs its bearer token (auth: in server.yml). Token:");
            };
            """;

    private final String folder;
    private final Map<String, byte[]> read = new ConcurrentHashMap<>();
    private final byte[] initializer;

    /** @param askForToken whether the document needs the bearer token, which the page then asks for */
    SwaggerDocs(boolean askForToken) {
        this.initializer = Responses.bytes(askForToken ? ASKING_INITIALIZER : INITIALIZER);
        Properties pom = new Properties();
        try (InputStream in = SwaggerDocs.class.getClassLoader().getResourceAsStream(POM)) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path (" + POM
                        + " is missing); sluice-server depends on it for /docs");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.folder = "META-INF/resources/webjars/swagger-ui/" + pom.getProperty("version") + "/";
    }

    /** {@code /docs} redirects to {@code /docs/}, whose relative links then resolve; {@code /docs/} is the page. */
    void page(HttpServerExchange ex) {
        if (ex.getRequestPath().endsWith("/")) {
            file(ex, "index.html");
            return;
        }
        ex.setStatusCode(302);
        ex.getResponseHeaders().put(Headers.LOCATION, ex.getRequestPath() + "/");
        ex.endExchange();
    }

    /** One file of the page; 404 for any other name. */
    void file(HttpServerExchange ex, String name) {
        if ("swagger-initializer.js".equals(name)) {
            Responses.send(ex, 200, "text/javascript; charset=utf-8", initializer, (IoCallback) null);
            return;
        }
        String type = name == null ? null : FILES.get(name);
        if (type == null) {
            Responses.error(ex, 404, "no file /docs/" + name + "; Swagger UI is at /docs/");
            return;
        }
        byte[] body = read.get(name);
        if (body == null) {
            if (ex.isInIoThread()) { // reading the jar blocks
                ex.dispatch(() -> file(ex, name));
                return;
            }
            body = read.computeIfAbsent(name, this::load);
        }
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "max-age=3600");
        Responses.send(ex, 200, type, body, (IoCallback) null);
    }

    private byte[] load(String name) {
        try (InputStream in = SwaggerDocs.class.getClassLoader().getResourceAsStream(folder + name)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui jar has no " + folder + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

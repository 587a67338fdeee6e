package io.sluice.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The page's static files, resources under {@code io/sluice/viz/app/}; only these names are served. */
final class Assets {
    static final String INDEX = "index.html";
    static final List<String> NAMES = List.of(INDEX, "app.css", "app.js", "dagre.min.js", "dagre.LICENSE.txt",
            "THIRD-PARTY.txt");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "txt", "text/plain; charset=utf-8", "json", "application/json");

    private Assets() {
    }

    /** The bytes of asset {@code name}, or empty when it is not one. */
    static Optional<byte[]> read(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = Assets.class.getResourceAsStream("app/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the viz asset " + name + " is missing from the class path");
            }
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(String path) {
        return TYPES.getOrDefault(path.substring(path.lastIndexOf('.') + 1), "application/octet-stream");
    }
}

package io.sluice.config;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a project's configuration is read from ({@code --conf-source}): the project's own
 * {@code conf/} folder by default, another folder, a {@code .zip} or {@code .tar.gz} archive of
 * one (as {@code sluice package} writes), or an {@code http(s)://} URL of such an archive.
 *
 * <p>A folder is read where it is, lazily. An archive, local or downloaded, is read into memory
 * when the source is opened and never extracted: nothing is left on disk to clean up (not even
 * when the JVM is killed), and no entry can be written outside a folder. An entry whose path
 * would leave the folder ({@code ../x}, {@code /etc/x}: "zip slip") or a link refuses the whole
 * archive. Errors in the files are located inside the archive:
 * {@code conf-hello.tar.gz!/conf/base/catalog.yml:3:1}. A URL is shown without its query (which
 * may hold a signature).
 *
 * <p>Immutable and thread-safe once opened.
 */
public final class ConfigSource {
    /** How long connecting to a config URL may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long downloading a config archive may take in all. */
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);

    private static final String HINT = "Give a folder holding base/, a .zip or .tar.gz archive of one "
            + "(sluice package writes one), or an http(s):// URL of such an archive.";

    private final ConfigTree tree;
    private final String description;
    private final String identity;

    private ConfigSource(ConfigTree tree, String description, String identity) {
        this.tree = tree;
        this.description = description;
        this.identity = identity;
    }

    /** The project's own {@code <projectDir>/conf}. */
    public static ConfigSource project(Path projectDir) {
        return new ConfigSource(new DirTree(projectDir.toAbsolutePath().normalize().resolve("conf"), "conf"),
                "conf", null);
    }

    /**
     * Opens {@code spec}: an {@code http://} or {@code https://} URL of an archive (downloaded
     * with bounded timeouts), else a path, relative to {@code workingDir}, of a folder or an
     * archive. A folder may be the config folder itself (holding {@code base/}) or a project
     * holding {@code conf/base/}.
     *
     * @throws ConfigException naming {@code spec} if it does not exist, cannot be downloaded
     *                         (HTTP status, unreachable host, timeout), is not a folder or
     *                         archive, is corrupt, or has entries leaving its folder
     */
    public static ConfigSource open(String spec, Path workingDir) {
        return open(spec, workingDir, CONNECT_TIMEOUT, DOWNLOAD_TIMEOUT);
    }

    static ConfigSource open(String spec, Path workingDir, Duration connectTimeout, Duration timeout) {
        if (spec == null || spec.isBlank()) {
            throw new ConfigException(null, "the config source is empty", HINT);
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            String shown = withoutQuery(spec);
            return new ConfigSource(ConfigArchives.read(download(spec, shown, connectTimeout, timeout), shown), shown,
                    shown);
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new ConfigException(Location.of(spec), "unsupported config source scheme", HINT);
        }
        Path path = workingDir.resolve(spec).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            if (!Files.isDirectory(path.resolve(ConfigSources.BASE)) && Files.isDirectory(path.resolve("conf"))) {
                return new ConfigSource(new DirTree(path.resolve("conf"), stripSlash(spec) + "/conf"), spec,
                        path.toString());
            }
            return new ConfigSource(new DirTree(path, stripSlash(spec)), spec, path.toString());
        }
        if (!Files.exists(path)) {
            throw new ConfigException(Location.of(spec), "the config source does not exist (" + path + ")", HINT);
        }
        byte[] bytes;
        try {
            if (Files.size(path) > ConfigArchives.MAX_BYTES) {
                throw new ConfigException(Location.of(spec), "the config archive is larger than "
                        + (ConfigArchives.MAX_BYTES >> 20) + " MB", "Config archives hold config only.");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException(Location.of(spec), "cannot read the config source (" + e.getMessage() + ")",
                    "Check that it is readable.");
        }
        return new ConfigSource(ConfigArchives.read(bytes, spec), spec, path.toString());
    }

    /** The source as given ({@code conf} for the project's own), for messages. */
    public String description() {
        return description;
    }

    /**
     * What the journal records of this source, to tell at a resume whether the config is the one
     * the run read: the absolute path of a folder or archive, the URL without its query (which may
     * hold a token), {@code null} for the project's own {@code conf/}.
     */
    public String identity() {
        return identity;
    }

    ConfigTree tree() {
        return tree;
    }

    @Override
    public String toString() {
        return "ConfigSource[" + description + "]";
    }

    private static byte[] download(String url, String shown, Duration connectTimeout, Duration timeout) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(Location.of(shown), "invalid config URL: " + e.getReason(), HINT);
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        byte[] body;
        int status;
        try {
            HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (java.io.InputStream in = response.body()) {
                body = status == 200 ? in.readNBytes((int) ConfigArchives.MAX_BYTES + 1) : new byte[0];
            }
        } catch (HttpConnectTimeoutException e) {
            throw downloadError(shown, "connecting timed out after " + connectTimeout.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw downloadError(shown, "no complete answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw downloadError(shown, "cannot connect to " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + " (unreachable or nothing listening)");
        } catch (IOException e) {
            throw downloadError(shown, e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw downloadError(shown, "interrupted");
        }
        if (status != 200) {
            throw downloadError(shown, "the server answered HTTP " + status + (status == 404 ? " (not found)" : ""));
        }
        if (body.length > ConfigArchives.MAX_BYTES) {
            throw downloadError(shown, "the archive is larger than " + (ConfigArchives.MAX_BYTES >> 20) + " MB");
        }
        return body;
    }

    private static ConfigException downloadError(String shown, String why) {
        return new ConfigException(Location.of(shown), "cannot download the config archive: " + why,
                "Check the URL and that the server is reachable from here.");
    }

    private static String withoutQuery(String url) {
        int cut = url.indexOf('?');
        int hash = url.indexOf('#');
        if (cut < 0 || (hash >= 0 && hash < cut)) {
            cut = hash;
        }
        return cut < 0 ? url : url.substring(0, cut);
    }

    private static String stripSlash(String spec) {
        return spec.endsWith("/") && spec.length() > 1 ? spec.substring(0, spec.length() - 1) : spec;
    }
}

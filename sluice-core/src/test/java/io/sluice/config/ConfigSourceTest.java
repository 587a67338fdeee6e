package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConfigSourceTest {
    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(dir)
                .write("conf/base/catalog.yml", "companies:\n  type: csv\n  filepath: data/companies.csv\n")
                .write("conf/base/parameters.yml", "lr: 0.1\n")
                .write("conf/base/credentials.yml", "db: {password: secret}\n")
                .write("conf/prod/parameters.yml", "lr: 0.5\n")
                .write("conf/local/parameters.yml", "lr: 0.9\n")
                .write("conf/local/credentials.yml", "db: {password: mine}\n");
    }

    private ProjectConfig load(ConfigSource source, String env) {
        return ConfigLoader.load(new ConfigInput(source, null), dir, env, Map.of(), Map.of());
    }

    @Test
    void aFolderIsReadWhereItIsAndItsErrorsNameItsFiles() throws IOException {
        Path other = dir.resolve("elsewhere");
        new TestProject(other).write("base/parameters.yml", "lr: 0.2\n").write("base/catalog.yml", "x: [\n");

        assertThatThrownBy(() -> load(ConfigSource.open("elsewhere", dir), "local"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("elsewhere/base/catalog.yml:");
        Files.writeString(other.resolve("base/catalog.yml"), "");
        assertThat(load(ConfigSource.open("elsewhere", dir), "local").parameters().unwrap()).isEqualTo(Map.of("lr", 0.2));
        // a project folder holding conf/ works too
        assertThat(load(ConfigSource.open(".", dir), "prod").parameters().unwrap()).isEqualTo(Map.of("lr", 0.5));
    }

    @Test
    void aMissingFolderIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ConfigSource.open("no/such/conf", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no/such/conf: the config source does not exist")
                .hasMessageContaining("a .zip or .tar.gz archive");
    }

    @Test
    void thePackedArchiveLeavesOutLocalAndCredentialsAndReadsBack() throws IOException {
        ConfigArchive.Packed packed = ConfigArchive.pack(dir.resolve("conf"), "conf");

        assertThat(packed.included()).containsExactly("conf/base/catalog.yml", "conf/base/parameters.yml",
                "conf/prod/parameters.yml");
        assertThat(packed.leftOut()).containsExactly("conf/base/credentials.yml", "conf/local/");
        assertThat(new String(gunzip(packed.bytes()), StandardCharsets.ISO_8859_1)).doesNotContain("secret", "mine");

        Path archive = Files.write(dir.resolve("conf-x.tar.gz"), packed.bytes());
        ProjectConfig prod = load(ConfigSource.open(archive.toString(), dir), "prod");
        assertThat(prod.parameters().unwrap()).isEqualTo(Map.of("lr", 0.5));
        assertThat(prod.credentials().keys()).isEmpty();
        assertThat(((ConfigMap) prod.catalog().get("companies")).keyLocation("type"))
                .hasToString(archive + "!/conf/base/catalog.yml:2:3");
    }

    @Test
    void packingTwiceGivesTheSameBytes() throws IOException {
        byte[] first = ConfigArchive.pack(dir.resolve("conf"), "conf").bytes();
        Files.setLastModifiedTime(dir.resolve("conf/base/catalog.yml"),
                java.nio.file.attribute.FileTime.fromMillis(123_456_789L));
        byte[] second = ConfigArchive.pack(dir.resolve("conf"), "conf").bytes();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void systemTarReadsThePackedArchive() throws Exception {
        Path archive = Files.write(dir.resolve("c.tar.gz"), ConfigArchive.pack(dir.resolve("conf"), "conf").bytes());
        Process tar;
        try {
            tar = new ProcessBuilder("tar", "tzvf", archive.toString()).redirectErrorStream(true).start();
        } catch (IOException noTar) {
            return; // no tar on this machine: the read-back test above covers the format
        }
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(listing).isZero();
        assertThat(listing).contains("conf/base/catalog.yml", "conf/prod/parameters.yml", "2000-01-01")
                .doesNotContain("credentials", "local");
    }

    @Test
    void aZipWithConfigAtItsTopIsRead() throws IOException {
        Path zip = writeZip("c.zip", Map.of("base/parameters.yml", "lr: 0.3\n", "base/catalog.yml", "a:\n  b: [\n"));

        assertThatThrownBy(() -> load(ConfigSource.open("c.zip", dir), "local"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c.zip!/base/catalog.yml:");
    }

    @Test
    void zipSlipEntriesRefuseTheArchive() throws IOException {
        writeZip("evil.zip", Map.of("base/parameters.yml", "lr: 1\n", "../../outside.yml", "x: 1\n"));

        assertThatThrownBy(() -> ConfigSource.open("evil.zip", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("evil.zip!/../../outside.yml")
                .hasMessageContaining("zip slip");
        assertThat(dir.getParent().resolve("outside.yml")).doesNotExist();
    }

    @Test
    void absoluteAndTarSlipEntriesAreRefusedToo() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(tar)) {
            Tar.writeFile(gzip, "conf/base/parameters.yml", "lr: 1\n".getBytes(StandardCharsets.UTF_8), 0);
            Tar.writeFile(gzip, "/etc/evil.yml", "x: 1\n".getBytes(StandardCharsets.UTF_8), 0);
            Tar.finish(gzip);
        }
        Files.write(dir.resolve("evil.tar.gz"), tar.toByteArray());

        assertThatThrownBy(() -> ConfigSource.open("evil.tar.gz", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/etc/evil.yml")
                .hasMessageContaining("points outside the config folder");
    }

    @Test
    void aCorruptOrTruncatedArchiveIsAClearError() throws IOException {
        byte[] good = ConfigArchive.pack(dir.resolve("conf"), "conf").bytes();
        Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(good, good.length / 2));
        Files.writeString(dir.resolve("notes.tar.gz"), "not an archive at all");

        assertThatThrownBy(() -> ConfigSource.open("cut.tar.gz", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cut.tar.gz: cannot read the config archive")
                .hasMessageContaining("corrupt or truncated");
        assertThatThrownBy(() -> ConfigSource.open("notes.tar.gz", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("notes.tar.gz: the config source is neither a folder nor a .zip or .tar.gz");
    }

    @Test
    void anArchiveWithoutBaseIsAnError() throws IOException {
        writeZip("nobase.zip", Map.of("prod/parameters.yml", "lr: 1\n"));

        assertThatThrownBy(() -> ConfigSource.open("nobase.zip", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("has no base/ folder");
    }

    @Test
    void aUrlOfAnArchiveIsDownloadedAnd404NamesTheUrl() throws IOException {
        byte[] archive = ConfigArchive.pack(dir.resolve("conf"), "conf").bytes();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().equals("/conf-x.tar.gz");
            exchange.sendResponseHeaders(found ? 200 : 404, found ? archive.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (found) {
                    out.write(archive);
                }
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            ProjectConfig prod = load(ConfigSource.open(base + "/conf-x.tar.gz?X-Signature=abc", dir), "prod");
            assertThat(prod.parameters().unwrap()).isEqualTo(Map.of("lr", 0.5));
            assertThat(prod.parameters().keyLocation("lr"))
                    .hasToString(base + "/conf-x.tar.gz!/conf/prod/parameters.yml:1:1"); // no query shown

            assertThatThrownBy(() -> ConfigSource.open(base + "/missing.tar.gz", dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(base + "/missing.tar.gz: cannot download the config archive")
                    .hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableUrlIsAnErrorNamingIt() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/conf.zip";

        assertThatThrownBy(() -> ConfigSource.open(url, dir, Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(url + ": cannot download the config archive");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow.zip";
            assertThatThrownBy(() -> ConfigSource.open(url, dir, Duration.ofSeconds(1), Duration.ofMillis(500)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(url + ": cannot download the config archive: no complete answer within");
        } finally {
            server.stop(0);
        }
    }

    private Path writeZip(String name, Map<String, String> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}

package io.sluice.datasets.sql;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL server for the tests: {@code initdb} into a fresh temporary directory, then
 * {@code pg_ctl start} of {@code postgres -p <free port> -k <socket dir> -h 127.0.0.1} (loopback
 * only, no system service touched), a database {@value #DATABASE} and a user {@value #USER} with
 * a password (SCRAM over TCP). Started once per test JVM on first use and stopped (and its
 * directory deleted) when all tests have run.
 *
 * <p>PostgreSQL refuses to run as root; as root the commands run as the {@code postgres} system
 * user (created by Debian's package) through {@code runuser}, and the directory is given to it.
 *
 * <p>When the binaries are missing: in CI ({@code CI=true}) the tests fail, telling to run
 * {@code .ci/run}, which installs them; elsewhere they are skipped with that advice.
 *
 * <p>Use as {@code @ExtendWith(PostgresServer.Extension.class)} with a {@code PostgresServer}
 * test or constructor parameter.
 */
final class PostgresServer implements ExtensionContext.Store.CloseableResource {
    static final String USER = "sluice";
    static final String PASSWORD = "s3cret-pw";
    static final String DATABASE = "sluice_test";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresServer.class);

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Resolves {@link PostgresServer} parameters to the one server of the test run. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == PostgresServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return e.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> start(), PostgresServer.class);
        }
    }

    /** The JDBC URL of the test database. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The {@code connection} of a catalog entry for the test database: URL and credentials. */
    java.util.Map<String, Object> catalogConnection() {
        return java.util.Map.of("url", url(), "credentials", java.util.Map.of("user", USER, "password", PASSWORD));
    }

    /** A direct connection (no pool), for test setup and checks. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    static Path findBinaries() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String p : path.split(java.io.File.pathSeparator)) {
            if (!p.isEmpty()) {
                candidates.add(Path.of(p));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
            } catch (IOException ignored) {
                // No Debian layout to search.
            }
        }
        for (Path c : candidates) {
            if (Files.isExecutable(c.resolve("initdb")) && Files.isExecutable(c.resolve("pg_ctl"))
                    && Files.isExecutable(c.resolve("postgres"))) {
                try {
                    return c.resolve("initdb").toRealPath().getParent();
                } catch (IOException e) {
                    return c;
                }
            }
        }
        return null;
    }

    private static PostgresServer start() {
        Path bin = findBinaries();
        if (bin == null) {
            String message = "PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed: none on PATH "
                    + "or in /usr/lib/postgresql/*/bin. Run .ci/run, which installs them (apt-get install postgresql).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("sluice-pg-");
            Path sockets = Files.createDirectory(dir.resolve("sock"));
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                for (Path p : List.of(dir, sockets, pwfile)) {
                    Files.setOwner(p, postgres);
                }
            }
            PostgresServer server = new PostgresServer(bin, dir, freePort(), root);
            server.run("initdb", "-D", server.data.toString(), "-U", USER, "--pwfile=" + pwfile, "-E", "UTF8",
                    "--locale=C", "--auth-host=scram-sha-256", "--auth-local=trust", "--no-sync");
            server.run("pg_ctl", "-D", server.data.toString(), "-l", dir.resolve("postgres.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + server.port + " -k " + sockets + " -h 127.0.0.1 -F", "start");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port
                    + "/postgres", USER, PASSWORD); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
            return server;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL server: " + e, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void run(String tool, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("sluice-pg-" + tool, ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(tool + " did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("postgres.log")) ? Files.readString(dir.resolve("postgres.log")) : "";
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
                        + Files.readString(out) + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + tool, e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path c : children) {
                    delete(c);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}

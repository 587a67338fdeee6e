package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice engines list|describe|ping}, against an in-process DuckDB and a port nothing listens on. */
class EnginesCommandTest {
    private static final String SECRET = "s3cr3t-pa55word";

    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() throws Exception {
        RunsTestProject.write(project, services);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(project.resolve("conf/base/engines.yml"), """
                warehouse:
                  type: jdbc
                  url: "jdbc:duckdb:"
                remote:
                  type: jdbc
                  url: jdbc:postgresql://127.0.0.1:%d/dw?connectTimeout=2
                  credentials: remote_login
                """.formatted(closedPort));
        for (String env : new String[] {"local", "prod"}) {
            Files.writeString(project.resolve("conf/" + env + "/credentials.yml"),
                    "remote_login:\n  user: sluice\n  password: " + SECRET + "\n");
        }
        Files.writeString(project.resolve("conf/prod/engines.yml"), """
                warehouse:
                  type: jdbc
                  url: jdbc:duckdb:data/prod.duckdb
                """);
    }

    private Cli sluice(String... args) {
        return RunsTestProject.sluice(project, services, args);
    }

    @Test
    void listShowsEveryEngineSortedWithItsTypeClientAndPlace() {
        Cli cli = sluice("engines", "list");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String[] lines = cli.out().strip().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0].strip()).startsWith("NAME");
        assertThat(lines[1].strip()).startsWith("remote").contains("jdbc", "javax.sql.DataSource", "engines.yml:4");
        assertThat(lines[2].strip()).startsWith("warehouse").contains("jdbc", "javax.sql.DataSource",
                "engines.yml:1");
        assertThat(cli.out()).doesNotContain(SECRET);
    }

    @Test
    void describeShowsTheConfigurationOfTheEnvWithSecretsMasked() {
        Cli remote = sluice("engines", "describe", "remote");
        Cli prod = sluice("engines", "describe", "warehouse", "-e", "prod");

        assertThat(remote.exitCode()).as(remote.err()).isZero();
        assertThat(remote.out()).contains("\"password\" : \"****\"").doesNotContain(SECRET);
        assertThat(prod.exitCode()).as(prod.err()).isZero();
        assertThat(prod.out()).contains("jdbc:duckdb:", "data/prod.duckdb");
    }

    @Test
    void anUnknownEngineNamesTheDeclaredOnesAndTheClosest() {
        Cli cli = sluice("engines", "describe", "warehous");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("'warehous'", "Did you mean 'warehouse'?", "remote, warehouse");
    }

    @Test
    void pingOfAnEngineThatAnswersExitsZero() {
        Cli cli = sluice("engines", "ping", "warehouse");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("warehouse (jdbc): up in ");
    }

    @Test
    void pingOfAllEnginesFailsWhenOneDoesNotAnswerAndSaysWhichWithoutItsPassword() {
        Cli cli = sluice("engines", "ping", "--timeout", "10");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("warehouse (jdbc): up in ", "remote (jdbc): DOWN after ")
                .doesNotContain(SECRET);
        assertThat(cli.err()).doesNotContain(SECRET);
    }

    @Test
    void enginesAreReadWithoutCompilingThePipelines() throws Exception {
        Files.writeString(project.resolve("conf/base/catalog.yml"), "raw:\n  type: no_such_type\n");

        Cli cli = sluice("engines", "list");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("warehouse");
    }

    @Test
    void aMisspeltOptionOfAnEngineIsReportedAtItsLine() throws Exception {
        Files.writeString(project.resolve("conf/base/engines.yml"), "warehouse:\n  type: jdbc\n  urll: x\n");

        Cli cli = sluice("engines", "list");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("engines.yml:3", "urll", "Did you mean 'url'?");
    }
}

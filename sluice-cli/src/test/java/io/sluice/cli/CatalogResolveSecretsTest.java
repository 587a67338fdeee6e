package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sluice catalog resolve} never prints a password written into a connection URL. */
class CatalogResolveSecretsTest {
    private static final String SECRET = "hunter2-secret";

    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() throws Exception {
        RunsTestProject.write(project, services);
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                raw:
                  type: json
                  filepath: data/raw.json
                p2:
                  type: sql.Table
                  table: p2
                  url: jdbc:postgresql://u:%s@db.invalid/warehouse?ssl=true&password=%s
                out:
                  type: json
                  filepath: data/out.json
                """.formatted(SECRET, SECRET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "yaml"})
    void theUrlIsShownWithItsPasswordsMasked(String format) {
        Cli cli = RunsTestProject.sluice(project, services, "catalog", "resolve", "-p", "etl", "--format", format);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("jdbc:postgresql://u:****@db.invalid/warehouse?ssl=true&password=****")
                .doesNotContain(SECRET);
    }

    @Test
    void aMisspeltCredentialsKeyFailsTheCommandNamingItsLine() throws Exception {
        Files.writeString(project.resolve("conf/base/catalog.yml"), Files.readString(project.resolve(
                "conf/base/catalog.yml")).replace("  table: p2\n", "  table: p2\n  credentials: warehouse\n"));
        Files.writeString(project.resolve("conf/local/credentials.yml"), "warehouse:\n  usr: u\n");

        Cli cli = RunsTestProject.sluice(project, services, "catalog", "resolve", "-p", "etl");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("conf/local/credentials.yml:2:3: credentials 'warehouse' of dataset 'p2': "
                + "unknown key 'usr'; SQL datasets read password, user, username. Did you mean 'user'?");
    }
}

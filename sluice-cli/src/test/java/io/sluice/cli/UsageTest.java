package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageTest {

    @Test
    void noCommandIsBadUsage() {
        Cli cli = Cli.run();

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Missing command: run, runs, pipelines, groups, export, viz, catalog, engines, "
                + "runners, serve, worker, clean, package, new, jshell or completion.");
    }

    @Test
    void aMisspeltOptionIsBadUsageWithASuggestion() {
        Cli cli = Cli.run("run", "--nodez", "a");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option", "--nodes", "sluice run --help");
    }

    @Test
    void aGroupWithoutSubcommandIsBadUsage() {
        assertThat(Cli.run("pipelines").exitCode()).isEqualTo(2);
        assertThat(Cli.run("catalog").err()).contains("Missing subcommand: list or resolve");
    }

    @Test
    void negativeMaxWorkersIsBadUsage() {
        Cli cli = Cli.run("run", "--max-workers", "-1");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--max-workers must be 0 or more");
    }

    @Test
    void anUnknownFormatIsBadUsage() {
        Cli cli = Cli.run("catalog", "resolve", "--format", "xml");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("xml");
    }

    @Test
    void aMissingProjectDirectoryIsAnErrorNamingIt(@TempDir Path tmp) {
        Path missing = tmp.resolve("nowhere");

        Cli cli = Cli.run("-C", missing.toString(), "pipelines", "list");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("Project directory " + missing + " does not exist");
        assertThat(cli.err()).doesNotContain("\tat ");
    }

    @Test
    void aDirectoryWithoutConfIsNotAProject(@TempDir Path tmp) {
        Cli cli = Cli.run("run", "-C", tmp.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("not a Sluice project (no conf/ here; use -C DIR): ");
    }

    @Test
    void withoutAProjectOnTheClassPathTheErrorSaysHowToRegisterOne(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("conf/base"));

        Cli cli = Cli.run("-C", tmp.toString(), "pipelines", "list");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("No Sluice project on the class path", "META-INF/services");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path tmp) {
        Cli cli = Cli.run("-v", "-C", tmp.resolve("nowhere").toString(), "pipelines", "list");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("does not exist", "\tat io.sluice.cli.");
    }
}

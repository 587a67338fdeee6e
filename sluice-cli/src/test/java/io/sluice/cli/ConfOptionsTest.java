package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.ConfigArchive;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --conf-source} and {@code --conf-json} / {@code SLUICE_CONF_JSON} on the command line,
 * on the project of {@link RunsTestProject}: raw (1) -> +1 -> +1 -> times params:factor -> out.
 */
@Timeout(60)
class ConfOptionsTest {
    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() {
        RunsTestProject.write(project, services);
    }

    private Cli sluice(Map<String, String> environment, String... args) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            String[] all = new String[args.length + 2];
            all[0] = "-C";
            all[1] = project.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return Cli.run(environment, all);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private String out() throws IOException {
        return Files.readString(project.resolve("data/out.json")).trim();
    }

    @Test
    void aConfigArchiveReplacesTheProjectsConfFolder() throws IOException {
        Files.writeString(project.resolve("conf/prod/parameters.yml"), "factor: 7\n");
        Path archive = Files.write(services.resolve("conf-runs.tar.gz"),
                ConfigArchive.pack(project.resolve("conf"), "conf").bytes());
        deleteTree(project.resolve("conf")); // a deployed project: data here, config elsewhere

        Cli cli = sluice(Map.of(), "run", "-p", "etl", "--env", "prod", "--conf-source", archive.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(out()).isEqualTo("21");
    }

    @Test
    void theOptionsAreGlobalAndErrorsInsideTheArchiveNameTheEntry() throws IOException {
        Files.writeString(project.resolve("conf/base/parameters.yml"), "factor: [\n");
        Path archive = Files.write(services.resolve("conf.tar.gz"),
                ConfigArchive.pack(project.resolve("conf"), "conf").bytes());

        Cli cli = sluice(Map.of(), "--conf-source", archive.toString(), "run", "-p", "etl");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("Error: " + archive + "!/conf/base/parameters.yml:");
    }

    @Test
    void aMissingSourceIsAnError() throws IOException {
        Cli cli = sluice(Map.of(), "run", "-p", "etl", "--conf-source", project.resolve("nowhere").toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("nowhere: the config source does not exist");
        assertThat(project.resolve("data/out.json")).doesNotExist();
    }

    @Test
    void jsonOverridesTheFilesAndTheCommandLineWinsOverTheEnvironmentVariable() throws IOException {
        Map<String, String> env = Map.of("SLUICE_CONF_JSON", "{\"parameters\": {\"factor\": 5}}");

        assertThat(sluice(env, "run", "-p", "etl").exitCode()).isZero();
        assertThat(out()).isEqualTo("15");

        Cli cli = sluice(env, "run", "-p", "etl", "--conf-json", "{\"parameters\": {\"factor\": 4}}");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(out()).isEqualTo("12");
    }

    @Test
    void jsonCanMoveADataset() throws IOException {
        Cli cli = sluice(Map.of(), "run", "-p", "etl", "--conf-json",
                "{\"catalog\": {\"out\": {\"type\": \"json\", \"filepath\": \"data/moved.json\"}}}");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(project.resolve("data/moved.json")).trim()).isEqualTo("30");
    }

    @Test
    void badJsonAndUnknownKindsAreErrorsNamingWhereTheyCameFrom() throws IOException {
        Cli malformed = sluice(Map.of(), "run", "-p", "etl", "--conf-json", "{\"parameters\": {factor: 4}}");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).startsWith("Error: --conf-json:1:17: malformed JSON");

        Cli fromEnv = sluice(Map.of("SLUICE_CONF_JSON", "{\"parameter\": {\"factor\": 4}}"), "run", "-p", "etl");
        assertThat(fromEnv.exitCode()).isEqualTo(1);
        assertThat(fromEnv.err()).startsWith("Error: SLUICE_CONF_JSON:1:15: unknown config kind \"parameter\"")
                .contains("Did you mean 'parameters'?");
        assertThat(project.resolve("data/out.json")).doesNotExist();
    }

    @Test
    void credentialsAreRefused() throws IOException {
        Cli cli = sluice(Map.of(), "catalog", "list", "--conf-json", "{\"credentials\": {\"db\": {\"pw\": \"x\"}}}");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("credentials cannot be given as JSON");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

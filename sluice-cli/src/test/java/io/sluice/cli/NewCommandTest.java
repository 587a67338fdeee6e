package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice new}: what it writes, what it prints, and what it refuses without writing anything. */
class NewCommandTest {
    private static final String VERSION = Versions.load().sluice();

    @TempDir
    Path parent;

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsTheProjectLayout() throws IOException {
        Cli cli = Cli.run("new", "weather-demo", "--dir", parent.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(tree(parent.resolve("weather-demo"))).containsExactly(
                ".gitignore",
                "README.md",
                "conf/base/catalog.yml",
                "conf/base/parameters.yml",
                "conf/local/.gitkeep",
                "data/01_raw/.gitkeep",
                "data/01_raw/readings.csv",
                "data/02_intermediate/.gitkeep",
                "data/03_primary/.gitkeep",
                "data/04_feature/.gitkeep",
                "data/05_model_input/.gitkeep",
                "data/06_models/.gitkeep",
                "data/07_model_output/.gitkeep",
                "data/08_reporting/.gitkeep",
                "pom.xml",
                "src/main/java/com/example/weather_demo/Cleaning.java",
                "src/main/java/com/example/weather_demo/Reading.java",
                "src/main/java/com/example/weather_demo/StationSummary.java",
                "src/main/java/com/example/weather_demo/WeatherDemoProject.java",
                "src/main/java/com/example/weather_demo/WeatherNodes.java",
                "src/main/resources/META-INF/services/io.sluice.project.Project",
                "src/test/java/com/example/weather_demo/WeatherPipelineTest.java");
        assertThat(entries(parent)).containsExactly("weather-demo");
    }

    @Test
    void printsTheCommandsToBuildTestAndRunIt() {
        Cli cli = Cli.run("new", "weather-demo", "--dir", parent.toString());

        Path project = parent.resolve("weather-demo");
        String hint = NewCommand.installHint(NewCommand.localRepository(), VERSION, null).orElse("");
        assertThat(cli.out()).isEqualTo("Created project weather-demo in " + project + "\n"
                + "  package com.example.weather_demo, project class WeatherDemoProject, pipeline weather (3 nodes)\n"
                + "\n"
                + "Build it, run its tests, then run its pipeline:\n"
                + "  cd " + NewCommand.shellQuote(project.toString()) + " && mvn -q package\n"
                + "  mvn test\n"
                + "  sluice run\n"
                + hint);
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void thePomDependsOnThisSluiceVersionAndWritesTheClassPathFile() throws IOException {
        Cli.run("new", "weather-demo", "--dir", parent.toString(), "--group-id", "org.acme");

        String pom = Files.readString(parent.resolve("weather-demo/pom.xml"));
        assertThat(pom).contains("<groupId>org.acme</groupId>\n  <artifactId>weather-demo</artifactId>",
                "<sluice.version>" + VERSION + "</sluice.version>",
                "<artifactId>sluice-bom</artifactId>\n        <version>${sluice.version}</version>\n        <type>pom</type>"
                        + "\n        <scope>import</scope>",
                "<artifactId>sluice-core</artifactId>\n    </dependency>",
                "<maven.compiler.release>17</maven.compiler.release>",
                "<artifactId>maven-surefire-plugin</artifactId>\n          <version>"
                        + Versions.load().get("maven-surefire-plugin") + "</version>",
                "<junit.version>" + Versions.load().get("junit.version") + "</junit.version>",
                "<artifactId>assertj-core</artifactId>",
                "<outputFile>${project.build.directory}/sluice.classpath</outputFile>");
        assertThat(pom).doesNotContain("{{").doesNotContain("<artifactId>sluice-cli</artifactId>");
    }

    @Test
    void theSourcesAreInTheGivenPackage() throws IOException {
        Cli.run("new", "weather", "--dir", parent.toString(), "--package", "com.acme.forecast");

        Path project = parent.resolve("weather");
        assertThat(Files.readString(project.resolve("src/main/resources/META-INF/services/io.sluice.project.Project")))
                .isEqualTo("com.acme.forecast.WeatherProject\n");
        assertThat(Files.readString(project.resolve("src/main/java/com/acme/forecast/WeatherProject.java")))
                .startsWith("package com.acme.forecast;\n")
                .contains("public final class WeatherProject implements Project {",
                        "node(WeatherNodes::cleanReadings).name(\"clean_readings\")");
        assertThat(Files.readString(project.resolve("src/test/java/com/acme/forecast/WeatherPipelineTest.java")))
                .startsWith("package com.acme.forecast;\n")
                .contains("Session.compile(new WeatherProject(), ");
        assertThat(Files.readString(project.resolve("pom.xml"))).contains("<groupId>com.acme</groupId>");
    }

    @Test
    void theConfigurationNamesTheSampleData() throws IOException {
        Cli.run("new", "weather", "--dir", parent.toString());

        Path project = parent.resolve("weather");
        assertThat(Files.readString(project.resolve("conf/base/catalog.yml")))
                .contains("readings:\n  type: csv\n  filepath: data/01_raw/readings.csv\n");
        assertThat(Files.readString(project.resolve("conf/base/parameters.yml")))
                .contains("cleaning:\n  minCelsius: -60.0\n  maxCelsius: 60.0\n");
        assertThat(Files.readString(project.resolve("data/01_raw/readings.csv")))
                .startsWith("station,date,celsius\n");
        assertThat(Files.readString(project.resolve("conf/local/.gitkeep"))).isEmpty();
    }

    @Test
    void gitIgnoresBuildOutputLocalConfigAndTheOutputLayers() throws IOException {
        Cli.run("new", "weather", "--dir", parent.toString());

        assertThat(Files.readString(parent.resolve("weather/.gitignore")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")))
                .containsExactly("target/", ".sluice/", "conf/local/*", "!conf/local/.gitkeep",
                        "data/02_intermediate/*", "data/03_primary/*", "data/04_feature/*", "data/05_model_input/*",
                        "data/06_models/*", "data/07_model_output/*", "data/08_reporting/*", "!data/*/.gitkeep",
                        ".idea/", "*.iml", ".vscode/");
    }

    @Test
    void theReadmeSaysHowToBuildAndRun() throws IOException {
        Cli.run("new", "weather", "--dir", parent.toString());

        assertThat(Files.readString(parent.resolve("weather/README.md")))
                .startsWith("# weather\n")
                .contains("mvn -q package", "sluice run", "io.sluice:sluice-bom:" + VERSION,
                        "src/main/java/com/example/weather/");
    }

    @Test
    void theParentDefaultsToTheProjectOption() {
        Cli cli = Cli.run("-C", parent.toString(), "new", "weather");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(parent.resolve("weather/pom.xml")).isRegularFile();
    }

    @Test
    void anExistingEmptyDirectoryIsFilled() throws IOException {
        Files.createDirectory(parent.resolve("weather"));

        Cli cli = Cli.run("new", "weather", "--dir", parent.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(parent.resolve("weather/pom.xml")).isRegularFile();
    }

    @Test
    void aNonEmptyDirectoryIsLeftAlone() throws IOException {
        Path mine = Files.createDirectories(parent.resolve("weather")).resolve("notes.txt");
        Files.writeString(mine, "mine");

        Cli cli = Cli.run("new", "weather", "--dir", parent.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("Error: Directory " + parent.resolve("weather") + " already exists and is "
                + "not empty; sluice new never overwrites anything. Choose another name or --dir.\n");
        assertThat(tree(parent.resolve("weather"))).containsExactly("notes.txt");
        assertThat(Files.readString(mine)).isEqualTo("mine");
        assertThat(entries(parent)).containsExactly("weather");
    }

    @Test
    void anExistingFileIsLeftAlone() throws IOException {
        Files.writeString(parent.resolve("weather"), "mine");

        Cli cli = Cli.run("new", "weather", "--dir", parent.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("Error: " + parent.resolve("weather") + " already exists and is not a "
                + "directory; sluice new never overwrites anything. Choose another name or --dir.\n");
        assertThat(Files.readString(parent.resolve("weather"))).isEqualTo("mine");
    }

    @Test
    void aMissingParentIsAnError() {
        Path missing = parent.resolve("nowhere");

        Cli cli = Cli.run("new", "weather", "--dir", missing.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("Error: Directory " + missing
                + " does not exist: create it first or pass another --dir.\n");
        assertThat(missing).doesNotExist();
    }

    @Test
    void anInvalidNameIsBadUsage() throws IOException {
        Cli cli = Cli.run("new", "my project", "--dir", parent.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("Error: Invalid project name 'my project': use letters, digits and the "
                + "separators '-', '_' and '.', starting with a letter and not ending with a separator (the name is "
                + "the project's directory and Maven artifactId), e.g. my-project.\n"
                + "Try 'sluice new --help' for the options.\n");
        assertThat(entries(parent)).isEmpty();
    }

    @Test
    void anInvalidPackageIsBadUsage() throws IOException {
        Cli cli = Cli.run("new", "weather", "--dir", parent.toString(), "--package", "com.acme.class");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("Error: Invalid Java package 'com.acme.class': 'class' is a Java keyword. "
                + "Use dot-separated Java identifiers, e.g. com.acme.sales, with --package.\n"
                + "Try 'sluice new --help' for the options.\n");
        assertThat(entries(parent)).isEmpty();
    }

    @Test
    void anInvalidGroupIdIsBadUsage() throws IOException {
        Cli cli = Cli.run("new", "weather", "--dir", parent.toString(), "--group-id", "com/acme");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("Error: Invalid group id 'com/acme': use dot-separated segments of letters, "
                + "digits, '-' and '_', e.g. com.acme.\n"
                + "Try 'sluice new --help' for the options.\n");
        assertThat(entries(parent)).isEmpty();
    }

    @Test
    void aNameIsRequired() {
        Cli cli = Cli.run("new", "--dir", parent.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: Missing required parameter: 'NAME'\n");
    }

    @Test
    void aFailureHalfWayLeavesNothingBehind() throws IOException {
        NewProject project = NewProject.of("weather", null, null);
        Map<String, String> vars = new HashMap<>(ProjectTemplate.variables(project, Versions.load()));
        vars.remove("projectClass"); // pom.xml is written first, README.md needs it

        assertThatThrownBy(() -> ProjectGenerator.generate(project, parent, vars))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Could not create the project " + parent.resolve("weather")
                        + ": template/README.md.tmpl: no value for the placeholder {{projectClass}} (nothing was written)");
        assertThat(entries(parent)).isEmpty();
    }

    @Test
    void theInstallHintAppearsOnlyWhenSluiceIsNotInTheLocalRepository() throws IOException {
        Path repo = parent.resolve("repo");

        assertThat(NewCommand.installHint(repo, "1.2.3", "/opt/sluice")).hasValue("\nNote: the build needs "
                + "io.sluice:sluice-bom:1.2.3 and io.sluice:sluice-core:1.2.3 in your local Maven repository, and " + repo
                + " does not have it yet. Install Sluice there once: (cd /opt/sluice && mvn -q install -DskipTests)\n");

        for (String module : List.of("sluice-bom", "sluice-core")) {
            assertThat(NewCommand.installHint(repo, "1.2.3", "/opt/sluice")).isPresent();
            Path pom = repo.resolve("io/sluice/" + module + "/1.2.3/" + module + "-1.2.3.pom");
            Files.createDirectories(pom.getParent());
            Files.writeString(pom, "<project/>");
        }
        assertThat(NewCommand.installHint(repo, "1.2.3", "/opt/sluice")).isEmpty();
    }

    @Test
    void pathsArePrintedAsShellWords() {
        assertThat(NewCommand.shellQuote("/tmp/a-b/c_d.1")).isEqualTo("/tmp/a-b/c_d.1");
        assertThat(NewCommand.shellQuote("/tmp/my dir/it's")).isEqualTo("'/tmp/my dir/it'\\''s'");
    }

    @Test
    void helpDescribesTheCommand() {
        Cli cli = Cli.run("new", "--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("Usage: sluice new", "NAME", "--package=PACKAGE", "--group-id=GROUP_ID",
                "--dir=PARENT", "Never overwrites anything");
    }
}

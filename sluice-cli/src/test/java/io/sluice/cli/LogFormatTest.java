package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --log-format json} on a real run in a JVM of its own, and the colours of the text format. */
class LogFormatTest {
    @TempDir
    Path project;
    @TempDir
    Path classes;

    @Test
    void jsonLogsAreOneObjectPerLineWithTheRunPipelineAndNode() throws Exception {
        CompiledProject tiny = CompiledProject.create(project, classes);

        CompiledProject.Launched run = tiny.launch("", 120, "--log-format", "json", "run", "-p", "prices");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String runId = run.out().lines().filter(l -> l.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : run.err().lines().toList()) {
            lines.add(json.readTree(line)); // every line of stderr is a JSON object
        }
        JsonNode scaling = lines.stream().filter(l -> l.path("formattedMessage").asText().equals("scaling 3 prices"))
                .findFirst().orElseThrow(() -> new AssertionError(run.err()));
        assertThat(scaling.path("level").asText()).as("the project's own loggers log at INFO").isEqualTo("INFO");
        assertThat(scaling.path("loggerName").asText()).isEqualTo("tiny.scale");
        assertThat(scaling.path("timestamp").asLong()).isPositive();
        assertThat(scaling.path("mdc").path("sluice.run_id").asText()).isEqualTo(runId);
        assertThat(scaling.path("mdc").path("sluice.pipeline").asText()).isEqualTo("prices");
        assertThat(scaling.path("mdc").path("sluice.node").asText()).isEqualTo("scale_prices");
        List<JsonNode> completed = lines.stream().filter(l -> l.path("formattedMessage").asText().startsWith("Completed "))
                .toList();
        assertThat(completed).hasSize(2);
        assertThat(completed).allSatisfy(l -> assertThat(l.path("mdc").path("sluice.run_id").asText()).isEqualTo(runId));
        assertThat(completed.get(1).path("mdc").path("sluice.node").asText()).isEqualTo("scale_prices");
        assertThat(completed.get(1).path("formattedMessage").asText()).startsWith("Completed 2 out of 2 nodes: scale_prices (");
        assertThat(Files.readString(project.resolve("data/raw.json"))).isEqualTo("[1, 2, 3]");
    }

    @Test
    void aRunWhoseStderrIsAFileShowsNoLoadOrSaveProgress() throws Exception {
        CompiledProject tiny = CompiledProject.create(project, classes);

        CompiledProject.Launched run = tiny.launch("", 120, "run", "-p", "prices");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Completed 2 out of 2 nodes: scale_prices (");
        assertThat(run.err()).as("dataset progress is for terminals only")
                .doesNotContain("loading").doesNotContain("saving").doesNotContain(" % ").doesNotContain("\r");
    }

    @Test
    void anUnknownFormatIsBadUsageNamingTheChoices() {
        Cli cli = Cli.run("--log-format", "xml", "pipelines", "list");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--log-format").contains("text, json");
    }

    @Test
    void levelsAreColouredOnlyOnATerminalWithoutNoColor(@TempDir Path fds) throws IOException {
        Path stderr = fds.resolve("2");
        Files.createSymbolicLink(stderr, Path.of("/dev/pts/3"));

        assertThat(new Terminal(true, Map.of(), fds).colours()).isTrue();
        assertThat(new Terminal(true, Map.of("NO_COLOR", "1"), fds).colours()).isFalse();
        assertThat(new Terminal(true, Map.of("NO_COLOR", ""), fds).colours()).isTrue();
        assertThat(new Terminal(true, Map.of("TERM", "dumb"), fds).colours()).isFalse();
        assertThat(new Terminal(false, Map.of(), fds).colours()).isFalse();
        Files.delete(stderr);
        Files.createSymbolicLink(stderr, Path.of("/tmp/run.log")); // sluice run 2>/tmp/run.log on a terminal
        assertThat(new Terminal(true, Map.of(), fds).stderrIsTerminal()).isFalse();
        assertThat(new Terminal(true, Map.of(), fds).colours()).isFalse();
    }

    @Test
    void aColouredLineWrapsTheLevelInTheTerminalsColourCodes() {
        ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        ConsoleLogging.LevelAndMessage layout = new ConsoleLogging.LevelAndMessage(true);
        layout.setContext(context);
        layout.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("io.sluice.x");

        String warn = layout.doLayout(new ch.qos.logback.classic.spi.LoggingEvent("x", logger,
                ch.qos.logback.classic.Level.WARN, "slow", null, null));

        assertThat(warn).isEqualTo("\u001b[33mWARN\u001b[0m  slow" + System.lineSeparator());
    }
}

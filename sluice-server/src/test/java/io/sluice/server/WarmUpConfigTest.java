package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.Location;
import io.sluice.config.ProjectConfig;
import io.sluice.server.ServerConfig.Example;
import io.sluice.server.ServerConfig.WarmUp;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warmup:} in server.yml: its keys, its shorthands, and errors that name the file and line. */
class WarmUpConfigTest {
    @TempDir
    Path dir;

    private ProjectConfig load(String serverYml, Map<String, String> files) {
        TestServer.write(dir, Map.of("conf/base/server.yml", serverYml));
        TestServer.write(dir, files);
        return ConfigLoader.load(dir, "local", Map.of());
    }

    private WarmUp warmUp(String serverYml) {
        return ServerConfig.from(load(serverYml, Map.of())).warmUp();
    }

    /** Builds a server (without starting it) over the test pipelines, as {@code sluice serve} would. */
    private void build(String serverYml, Map<String, String> files) {
        TestServer.write(dir, Map.of("conf/base/server.yml", serverYml));
        TestServer.write(dir, files);
        try (Session session = Session.compile(new TestServer.TestProject(Nodes.pipelines()),
                new SessionOptions(dir, "local", Map.of()))) {
            SluiceServer.create(session);
        }
    }

    @Test
    void onByDefault() {
        assertThat(warmUp("")).isEqualTo(WarmUp.DEFAULT);
        assertThat(WarmUp.DEFAULT.enabled()).isTrue();
        assertThat(WarmUp.DEFAULT.requests()).isEqualTo(2000);
        assertThat(WarmUp.DEFAULT.timeLimit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ServerConfig.defaults().warmUp()).isEqualTo(WarmUp.DEFAULT);
    }

    @Test
    void readsEveryKeyWithWhereEachExampleIsWritten() {
        WarmUp w = warmUp("""
                warmup:
                  requests: 500
                  time_limit: 2s
                  seed: 42
                  examples:
                    echo:
                      - {inputs: {id: a, x: 1}}
                      - '{"inputs": {"id": "b", "x": 2}}'
                      - warmup/echo.json
                    words: warmup/words.json
                """);

        assertThat(w).isEqualTo(new WarmUp(500, Duration.ofSeconds(2), 42, Map.of(
                "echo", List.of(
                        new Example("{\"inputs\":{\"id\":\"a\",\"x\":1}}", null, new Location("conf/base/server.yml", 7, 9)),
                        new Example("{\"inputs\": {\"id\": \"b\", \"x\": 2}}", null,
                                new Location("conf/base/server.yml", 8, 9)),
                        new Example(null, "warmup/echo.json", new Location("conf/base/server.yml", 9, 9))),
                "words", List.of(new Example(null, "warmup/words.json", new Location("conf/base/server.yml", 10, 12))))));
    }

    @Test
    void falseTurnsItOffAndTrueKeepsTheDefaults() {
        assertThat(warmUp("warmup: false\n").enabled()).isFalse();
        assertThat(warmUp("warmup: {requests: 0}\n").enabled()).isFalse();
        assertThat(warmUp("warmup: true\n")).isEqualTo(WarmUp.DEFAULT);
        assertThat(ServerConfig.from(load("warmup: {requests: 100}\n", Map.of("conf/local/server.yml",
                "warmup: false\n"))).warmUp().enabled()).as("an environment turns off what base turns on").isFalse();
    }

    @Test
    void badKeysAndValuesAreErrorsWithFileAndLine() {
        assertThatThrownBy(() -> warmUp("warmup:\n  request: 10\n")).isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/server.yml:2:3: unknown key 'request' in warmup of the server config. Known keys: "
                        + "requests, time_limit, seed, examples. Did you mean 'requests'?");
        assertThatThrownBy(() -> warmUp("warmup:\n  requests: -1\n"))
                .hasMessageStartingWith("conf/base/server.yml:2:13: warmup.requests must be an integer from 0 to 10000000, got -1.");
        assertThatThrownBy(() -> warmUp("warmup: {time_limit: soon}\n"))
                .hasMessageStartingWith("conf/base/server.yml:1:22: warmup.time_limit must be a duration");
        assertThatThrownBy(() -> warmUp("warmup: {time_limit: 0s}\n"))
                .hasMessageStartingWith("conf/base/server.yml:1:9: ")
                .hasMessageContaining("time_limit must be more than 0");
        assertThatThrownBy(() -> warmUp("warmup: lots\n"))
                .hasMessageStartingWith("conf/base/server.yml:1:9: warmup must be a mapping")
                .hasMessageEndingWith("Example: warmup: {requests: 2000, time_limit: 5s}, or warmup: false to be ready "
                        + "without warming up");
        assertThatThrownBy(() -> warmUp("warmup:\n  examples: [a.json]\n"))
                .hasMessageStartingWith("conf/base/server.yml:2:13: warmup.examples must be a mapping");
    }

    @Test
    void examplesOfAPipelineTheProjectDoesNotRegisterAreAnError() {
        assertThatThrownBy(() -> build("warmup:\n  examples:\n    scorng: [{inputs: {}}]\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("conf/base/server.yml:3:5: warmup.examples names pipeline 'scorng', which "
                        + "project TestProject does not register. Registered pipelines: ");
    }

    @Test
    void anExampleFileThatIsMissingIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> build("warmup:\n  examples:\n    echo:\n      - warmup/nope.json\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("conf/base/server.yml:4:9: warm-up example file 'warmup/nope.json' of pipeline "
                        + "'echo' does not exist (looked for ")
                .hasMessageEndingWith("Paths are relative to the project directory; an inline body starts with '{'.");
    }

    @Test
    void anExampleThatIsNotJsonIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> build("warmup:\n  examples:\n    echo: [warmup/echo.json]\n",
                Map.of("warmup/echo.json", "{\"inputs\": {\"x\": 1,}}")))
                .hasMessageStartingWith("conf/base/server.yml:3:12: warm-up example file 'warmup/echo.json' of pipeline "
                        + "'echo' is not valid JSON: line 1, column ");
        assertThatThrownBy(() -> build("warmup:\n  examples:\n    echo: ['{\"inputs\": ']\n", Map.of()))
                .hasMessageStartingWith("conf/base/server.yml:3:12: warm-up example of pipeline 'echo' is not valid JSON");
    }

    @Test
    void anExampleThatDoesNotFitItsPipelineIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> build("warmup:\n  examples:\n    echo:\n      - {inputs: {id: a, x: one}}\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("conf/base/server.yml:4:9: warm-up example of pipeline 'echo' does not fit the "
                        + "pipeline: inputs.x: ")
                .hasMessageEndingWith("A body is what a client POSTs to /pipelines/echo/runs; GET /pipelines/echo shows "
                        + "its inputs.");
        assertThatThrownBy(() -> build("warmup:\n  examples:\n    echo: [warmup/echo.json]\n",
                Map.of("warmup/echo.json", "[{\"inputs\": {\"id\": \"a\", \"x\": 1}}, {\"inputs\": {\"id\": \"b\"}}]")))
                .hasMessage("conf/base/server.yml:3:12: warm-up example file 'warmup/echo.json' of pipeline 'echo', "
                        + "body [1] does not fit the pipeline: inputs.x: required input is missing. A body is what a "
                        + "client POSTs to /pipelines/echo/runs; GET /pipelines/echo shows its inputs.");
    }
}

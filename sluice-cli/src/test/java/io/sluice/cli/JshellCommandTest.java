package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice jshell}: commands piped into it see the compiled project. */
class JshellCommandTest {
    @TempDir
    Path project;
    @TempDir
    Path classes;

    @Test
    void theSessionCatalogPipelinesAndParamsAreDefined() throws Exception {
        CompiledProject tiny = CompiledProject.create(project, classes);

        CompiledProject.Launched shell = tiny.launch("""
                System.out.println("pipelines=" + pipelines.keySet());
                System.out.println("nodes=" + pipelines.get("prices").nodes().size());
                System.out.println("params=" + params);
                System.out.println("raw=" + catalog.dataset("raw_prices").load());
                var result = session.run(RunSpec.builder("prices").outputs("scaled_prices").journal(false).build());
                System.out.println("scaled=" + result.output("scaled_prices", new TypeRef<List<Integer>>() {}));
                /exit
                """, 180, "jshell");

        assertThat(shell.exitCode()).as(shell.err()).isZero();
        assertThat(shell.out()).contains("Sluice project TinyProject (env local): session, catalog, pipelines "
                        + "[__default__, prices, report], params")
                .contains("pipelines=[__default__, prices, report]")
                .contains("nodes=2")
                .contains("params={factor=3}")
                .contains("raw=[1, 2, 3]")
                .contains("scaled=[3, 6, 9]");
    }

    @Test
    void theStartupScriptQuotesTheDirectoryAndEnvironment() {
        String script = JshellCommand.startupScript(Path.of("/tmp/a \"b\""), "prod");

        assertThat(script).contains("new SessionOptions(Path.of(\"/tmp/a \\\"b\\\"\"), \"prod\", Map.of())")
                .contains("DataCatalog catalog = session.catalog();")
                .contains("Map<String, Object> params = session.parameters().asMap();");
    }

    @Test
    void onJdk24AndLaterTheSnippetsJvmHasNativeAccessSoDuckDbLoadsWithoutAWarning() {
        Path jshell = Path.of("/jdk/bin/jshell");
        Path startup = Path.of("/tmp/s.jsh");
        assertThat(JshellCommand.command(jshell, 25, "/cp", startup)).containsExactly("/jdk/bin/jshell",
                "-R--enable-native-access=ALL-UNNAMED", "--class-path", "/cp", "--startup", "DEFAULT", "--startup",
                "/tmp/s.jsh");
        assertThat(JshellCommand.command(jshell, 17, "/cp", startup)).containsExactly("/jdk/bin/jshell",
                "--class-path", "/cp", "--startup", "DEFAULT", "--startup", "/tmp/s.jsh");
    }
}

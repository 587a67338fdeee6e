package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice completion}: the scripts are generated from the command model, and bash's
 * completion with them offers commands, options, choices, and the project's names.
 */
class CompletionTest {
    @TempDir
    Path project;
    @TempDir
    Path classes;
    @TempDir
    Path tmp;
    private CompiledProject tiny;

    @BeforeEach
    void compile() throws IOException {
        tiny = CompiledProject.create(project, classes);
    }

    @Test
    void theBashScriptListsEveryCommandAndOptionOfTheModel() {
        Cli cli = Cli.run("completion", "bash");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("complete -o default -F _sluice sluice")
                .contains("    '') REPLY='run runs serve worker pipelines groups export viz catalog engines runners new "
                        + "clean package jshell completion help' ;;")
                .contains("    'runs') REPLY='list show cancel' ;;")
                .contains("'run|--nodes') REPLY='nodes' ;;")
                .contains("'run|-p'|'run|--pipeline') REPLY='pipelines' ;;")
                .contains("'run|-e'|'run|--env') REPLY='envs' ;;")
                .contains("'run|--log-format') REPLY='choice:text json' ;;")
                .contains("'runs show') REPLY='runs' ;;")
                .contains("'engines ping') REPLY='engines' ;;");
        // every command of the model has its options case, the inherited -C included
        for (String path : new String[] {"run", "runs list", "pipelines describe", "catalog resolve", "engines ping",
            "completion names", "jshell"}) {
            assertThat(cli.out()).containsPattern("\n    '" + path + "'\\) REPLY='[^']*-C --project");
        }
    }

    @Test
    void theZshScriptRunsTheSameFunctionsThroughBashcompinit() {
        Cli cli = Cli.run("completion", "zsh");

        assertThat(cli.out()).startsWith("#compdef sluice\n").contains("autoload -U +X bashcompinit && bashcompinit")
                .contains("_sluice_option_value() {").contains("complete -o default -F _sluice sluice");
    }

    @Test
    void namesComeFromTheProjectsPipelinesConfigAndDirectories() throws IOException {
        Files.createDirectories(project.resolve(".sluice/runs/2026-12-06T10.00.00.000Z-0000-abcd"));

        assertThat(tiny.sluice("completion", "names", "pipelines").out().lines()).containsExactly("__default__",
                "prices", "report");
        assertThat(tiny.sluice("completion", "names", "nodes").out().lines()).containsExactly("scale_prices",
                "shop.load_prices", "total_prices");
        assertThat(tiny.sluice("completion", "names", "datasets").out().lines()).containsExactly("raw_prices",
                "scaled_prices", "shop.prices", "total");
        assertThat(tiny.sluice("completion", "names", "tags").out().lines()).containsExactly("fast");
        assertThat(tiny.sluice("completion", "names", "namespaces").out().lines()).containsExactly("shop");
        assertThat(tiny.sluice("completion", "names", "envs").out().lines()).containsExactly("local", "prod");
        assertThat(tiny.sluice("completion", "names", "engines").out().lines()).containsExactly("warehouse");
        assertThat(tiny.sluice("completion", "names", "runners").out().lines()).contains("parallel", "sequential");
        assertThat(tiny.sluice("completion", "names", "runs").out().lines())
                .containsExactly("2026-12-06T10.00.00.000Z-0000-abcd");
        Cli bad = tiny.sluice("completion", "names", "colours");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown kind 'colours'");
    }

    @Test
    void bashCompletesCommandsOptionsChoicesAndProjectNames() throws Exception {
        Path script = Files.writeString(tmp.resolve("sluice.bash"), Cli.run("completion", "bash").out());
        // stands for bin/sluice: answers `-C DIR -q completion names KIND` as the real command does
        Path program = Files.writeString(tmp.resolve("fake-sluice"), """
                #!/usr/bin/env bash
                [[ $1 == -C && $3 == -q && $4 == completion && $5 == names ]] || exit 9
                echo "$2" >> "$(dirname "$0")/asked"
                case $6 in
                  nodes) printf 'scale_prices\\nshop.load_prices\\ntotal_prices\\n' ;;
                  pipelines) printf '__default__\\nprices\\nreport\\n' ;;
                esac
                """);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        String p = program.toString();

        assertThat(complete(script, p, "ru")).isEqualTo("run runs runners");
        assertThat(complete(script, p, "runs", "")).isEqualTo("list show cancel");
        assertThat(complete(script, p, "run", "--from-n")).isEqualTo("--from-nodes");
        assertThat(complete(script, p, "run", "--log-format", "")).isEqualTo("text json");
        assertThat(complete(script, p, "-C", project.toString(), "run", "--env", "")).isEqualTo("local prod");
        assertThat(complete(script, p, "-C", project.toString(), "run", "-p", "")).isEqualTo("__default__ prices report");
        assertThat(complete(script, p, "run", "--nodes", "scale_prices,t")).isEqualTo("scale_prices,total_prices");
        assertThat(complete(script, p, "pipelines", "describe", "r")).isEqualTo("report");
        assertThat(complete(script, p, "completion", "names", "n")).isEqualTo("nodes namespaces");
        assertThat(Files.readAllLines(tmp.resolve("asked"))).containsExactly(project.toString(), ".", ".");
    }

    /** What bash's completion offers for the last of {@code words} typed after the program. */
    private String complete(Path script, String program, String... words) throws Exception {
        StringBuilder line = new StringBuilder("COMP_WORDS=(" + CompletionScript.quote(program));
        for (String w : words) {
            line.append(' ').append(CompletionScript.quote(w));
        }
        line.append("); COMP_CWORD=").append(words.length).append("; _sluice; echo \"${COMPREPLY[*]}\"");
        Process bash = new ProcessBuilder("bash", "-c", "source " + CompletionScript.quote(script.toString()) + "; "
                + line).directory(tmp.toFile()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(bash.getInputStream().readAllBytes()).strip();
    }
}

package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.PipelineFilter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class OptionsTest {

    private static SluiceMain root(CommandLine cl) {
        return cl.getCommand();
    }

    private static RunCommand parseRun(CommandLine cl, String... args) {
        ParseResult result = cl.parseArgs(args);
        return result.subcommand().commandSpec().commandLine().getCommand();
    }

    @Test
    void listOptionsSplitOnCommasAndRepeat() {
        CommandLine cl = SluiceMain.newCommandLine();

        RunCommand run = parseRun(cl, "run", "--nodes", "a,b", "--nodes", "c", "--from-nodes", "x",
                "--to-nodes", "y,z", "--from-inputs", "orders", "--to-outputs", "summary", "-t", "quality,fast",
                "--namespaces", "eu.de");

        PipelineFilter f = run.filter();
        assertThat(f.nodeNames()).containsExactly("a", "b", "c");
        assertThat(f.fromNodes()).containsExactly("x");
        assertThat(f.toNodes()).containsExactly("y", "z");
        assertThat(f.fromInputs()).containsExactly("orders");
        assertThat(f.toOutputs()).containsExactly("summary");
        assertThat(f.tags()).containsExactly("quality", "fast");
        assertThat(f.namespaces()).containsExactly("eu.de");
    }

    @Test
    void loadVersionsPairDatasetsWithVersions() {
        RunCommand run = parseRun(SluiceMain.newCommandLine(), "run", "--load-versions",
                "companies:2026-01-01T00.00.00.000Z-ab,reviews:v2");

        assertThat(run.loadVersions()).containsExactly(java.util.Map.entry("companies", "2026-01-01T00.00.00.000Z-ab"),
                java.util.Map.entry("reviews", "v2"));
    }

    @Test
    void aLoadVersionWithoutColonIsAUsageError() {
        RunCommand run = parseRun(SluiceMain.newCommandLine(), "run", "--load-versions", "companies");

        org.assertj.core.api.Assertions.assertThatThrownBy(run::loadVersions)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--load-versions takes DATASET:VERSION items, got 'companies'. "
                        + "Example: --load-versions companies:2026-11-22T02.34.56.789Z-0000a1b2");
    }

    @Test
    void noSelectionOptionsSelectEverything() {
        RunCommand run = parseRun(SluiceMain.newCommandLine(), "run");

        assertThat(run.filter().isEmpty()).isTrue();
        assertThat(run.pipeline).isEqualTo("__default__");
        assertThat(run.runner).isEqualTo("sequential");
        assertThat(run.maxWorkers).isZero();
    }

    @Test
    void paramsRepeatWithoutSplittingOnCommas() {
        RunCommand run = parseRun(SluiceMain.newCommandLine(), "run", "--params", "a.b=1,c=x", "--params", "d=2");

        assertThat(run.params).containsExactly("a.b=1,c=x", "d=2");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        CommandLine before = SluiceMain.newCommandLine();
        parseRun(before, "-v", "-C", "somewhere", "run");
        CommandLine after = SluiceMain.newCommandLine();
        parseRun(after, "run", "--quiet", "--project", "elsewhere");

        assertThat(root(before).verbose).isTrue();
        assertThat(root(before).projectDir).isEqualTo(Path.of("somewhere"));
        assertThat(root(after).quiet).isTrue();
        assertThat(root(after).verbose).isFalse();
        assertThat(root(after).projectDir).isEqualTo(Path.of("elsewhere"));
    }

    @Test
    void aGlobalOptionGivenFirstSurvivesTheSubcommand() {
        CommandLine cl = SluiceMain.newCommandLine();
        cl.parseArgs("-v", "catalog", "resolve", "-p", "reporting");

        assertThat(root(cl).verbose).isTrue();
    }
}

package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.PipelineFilter;
import io.sluice.cli.args.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static RunCommand parseRun(String... args) {
        return (RunCommand) Cli.parse(args).command();
    }

    @Test
    void listOptionsSplitOnCommasAndRepeat() {
        RunCommand run = parseRun("run", "--nodes", "a,b", "--nodes", "c", "--from-nodes", "x",
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
        RunCommand run = parseRun("run", "--load-versions",
                "companies:2026-01-01T00.00.00.000Z-ab,reviews:v2");

        assertThat(run.loadVersions()).containsExactly(java.util.Map.entry("companies", "2026-01-01T00.00.00.000Z-ab"),
                java.util.Map.entry("reviews", "v2"));
    }

    @Test
    void aLoadVersionWithoutColonIsAUsageError() {
        RunCommand run = parseRun("run", "--load-versions", "companies");

        org.assertj.core.api.Assertions.assertThatThrownBy(run::loadVersions)
                .isInstanceOf(UsageException.class)
                .hasMessage("--load-versions takes DATASET:VERSION items, got 'companies'. "
                        + "Example: --load-versions companies:2026-11-22T02.34.56.789Z-0000a1b2");
    }

    @Test
    void noSelectionOptionsSelectEverything() {
        RunCommand run = parseRun("run");

        assertThat(run.filter().isEmpty()).isTrue();
        assertThat(run.pipeline).isEqualTo("__default__");
        assertThat(run.runner).isEqualTo("default");
        assertThat(run.maxWorkers).isZero();
    }

    @Test
    void paramsRepeatWithoutSplittingOnCommas() {
        RunCommand run = parseRun("run", "--params", "a.b=1,c=x", "--params", "d=2");

        assertThat(run.params).containsExactly("a.b=1,c=x", "d=2");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        SluiceMain before = Cli.parse("-v", "-C", "somewhere", "run").root();
        SluiceMain after = Cli.parse("run", "--quiet", "--project", "elsewhere").root();

        assertThat(before.verbose).isTrue();
        assertThat(before.projectDir).isEqualTo(Path.of("somewhere"));
        assertThat(after.quiet).isTrue();
        assertThat(after.verbose).isFalse();
        assertThat(after.projectDir).isEqualTo(Path.of("elsewhere"));
    }

    @Test
    void aGlobalOptionGivenFirstSurvivesTheSubcommand() {
        Cli.Parsed parsed = Cli.parse("-v", "catalog", "resolve", "-p", "reporting");

        assertThat(parsed.root().verbose).isTrue();
    }
}

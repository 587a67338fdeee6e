package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cli.SluiceMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sluice command line, in-process, against a copy of the spaceflights project. */
class SpaceflightsCliTest {

    @TempDir
    Path project;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeEach
    void copyProject() {
        ExampleProject.copyTo(project);
    }

    private Result sluice(String... args) {
        List<String> all = new ArrayList<>(List.of("-C", project.toString()));
        all.addAll(List.of(args));
        CommandLine cl = SluiceMain.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void pipelinesListShowsTheRegisteredPipelinesAndTheDefault() {
        Result r = sluice("pipelines", "list");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                __default__         6 nodes
                data_processing     3 nodes
                data_science        3 nodes
                price_prediction    1 node
                """);
    }

    @Test
    void dataScienceRunsAloneFromThePersistedModelInputTableWithOverriddenParams() {
        assertThat(sluice("run", "-p", "data_processing").exitCode()).isZero();
        assertThat(project.resolve("data/08_reporting")).doesNotExist();

        Result r = sluice("run", "-p", "data_science", "--params", "model_options.test_size=0.3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("of pipeline data_science succeeded: 3 of 3 nodes");
        assertThat(ExampleProject.read(project.resolve("data/08_reporting/metrics.json")))
                .containsPattern("\"test_rows\" : 640");
    }

    @Test
    void aFeatureThatIsNotAColumnFailsSplitDataNamingIt() throws Exception {
        // conf/local replaces base's top-level keys: the whole of model_options.
        Files.writeString(project.resolve("conf/local/parameters.yml"), """
                model_options:
                  test_size: 0.2
                  random_state: 3
                  features: [engines, warp_factor]
                  epochs: 50
                  learning_rate: 20.0
                """);

        Result r = sluice("run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("split_data", "'warp_factor' is not a numeric column");
        assertThat(r.err()).containsPattern("To resume the run: sluice run .*split_data");
    }

    @Test
    void aListParamFromTheCommandLineReachesTheNodeAndTheResumeCommandKeepsIt() {
        Result r = sluice("run", "--params", "model_options.features=[engines, warp_factor]");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("split_data", "'warp_factor' is not a numeric column");
        assertThat(r.err()).contains("sluice run --params 'model_options.features=[engines,warp_factor]'");
    }
}

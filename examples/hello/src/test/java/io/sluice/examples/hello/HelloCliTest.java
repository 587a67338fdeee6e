package io.sluice.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.test.CommandResult;
import io.sluice.test.ProjectDirs;
import io.sluice.test.SluiceCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sluice command line, in-process, against a copy of the hello project. */
class HelloCliTest {

    @TempDir
    Path project;

    @BeforeEach
    void copyProject() {
        ProjectDirs.copyInputs(project);
    }

    private CommandResult sluice(String... args) {
        return SluiceCommand.run(project, args);
    }

    private String output(String file) {
        return ProjectDirs.read(project.resolve(file));
    }

    @Test
    void runWritesTheOutputsAndPrintsTheRunIdAndJournal() {
        CommandResult r = sluice("run");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Run (\\S+) of pipeline __default__ succeeded: 10 of 10 nodes ran in");
        String runId = r.out().replaceAll("(?s)^Run (\\S+) .*", "$1");
        assertThat(r.out()).contains("Journal: .sluice/runs/" + runId + "/ (sluice runs show " + runId + ")");
        assertThat(project.resolve(".sluice/runs/" + runId + "/run.jsonl")).exists();
        assertThat(output("data/08_reporting/sales_report.json")).isEqualTo(Expected.SALES_REPORT);
        assertThat(output("data/03_primary/order_lines.csv")).isEqualTo(Expected.ORDER_LINES);
    }

    @Test
    void anUnknownNodeNameIsAnErrorNamingIt() {
        CommandResult r = sluice("run", "--nodes", "validate_orders,no_such_node");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no_such_node");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void aFailingNodePrintsTheMessageAndTheResumeCommand() throws Exception {
        Path orders = project.resolve("data/01_raw/orders.csv");
        Files.writeString(orders, Files.readString(orders).replace("1008,2025-03-06,WEST,gadget,1",
                "1008,2025-03-06,WEST,gadget,-1"));

        CommandResult r = sluice("run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("validate_orders", "order 1008: quantity must be positive, got -1");
        assertThat(r.err()).containsPattern("Or as a new run: sluice run .*validate_orders");
        String runId = r.err().replaceAll("(?s).*\nRun (\\S+) failed; its journal is .*", "$1");
        assertThat(project.resolve(".sluice/runs/" + runId + "/run.jsonl")).exists();
    }

    @Test
    void pipelinesListShowsEachPipelineWithItsNodeCount() {
        CommandResult r = sluice("pipelines", "list");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                __default__   10 nodes
                processing     3 nodes
                reporting      7 nodes
                """);
    }

    @Test
    void pipelinesDescribeListsTheNodesOfTheNamedPipeline() {
        CommandResult r = sluice("pipelines", "describe", "processing");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("validate_orders", "normalise_regions", "price_orders")
                .doesNotContain("build_report");
    }

    @Test
    void catalogResolveShowsEntriesPatternsAndDefaults() {
        CommandResult r = sluice("catalog", "resolve", "-p", "reporting");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("region_revenue +pattern \\{dimension}_revenue +csv +filepath=data/04_feature/"
                        + "region_revenue.csv")
                .containsPattern("category_revenue +pattern \\{dimension}_revenue +csv +filepath=data/04_feature/"
                        + "category_revenue.csv")
                .containsPattern("order_lines +entry +csv +filepath=data/03_primary/order_lines.csv")
                .containsPattern("top_products +default +memory")
                .doesNotContain("params:");
    }

    @Test
    void catalogResolveSpeaksJson() {
        CommandResult r = sluice("catalog", "resolve", "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith("{").endsWith("}");
        assertThat(r.out()).contains("\"region_revenue\" : {", "\"resolved_by\" : \"pattern\"",
                "\"pattern\" : \"{dimension}_revenue\"", "\"filepath\" : \"data/04_feature/region_revenue.csv\"");
    }

    @Test
    void catalogListShowsDeclaredEntriesThenPatterns() {
        CommandResult r = sluice("catalog", "list");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("orders +csv +conf/base/catalog.yml:\\d+")
                .containsPattern("sales_report +json +conf/base/catalog.yml:\\d+")
                .contains("Patterns:\n  {dimension}_revenue\n");
    }

    @Test
    void paramsOverridesAreTypedAndReachTheNodes() {
        CommandResult r = sluice("run", "--params", "report.topN=2", "--params", "pricing.currency=USD");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(output("data/08_reporting/summary.txt")).isEqualTo("""
                10 orders, 89 units, net 245.00 USD, margin 72.50 USD (29.6%)
                Top products: gizmo, sprocket
                Low margin: gizmo, sprocket
                """);
    }

    @Test
    void tagsSelectNodes() {
        assertThat(sluice("run", "-p", "processing").exitCode()).isZero();

        CommandResult r = sluice("run", "--tags", "quality", "-p", "reporting");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("succeeded: 1 of 1 nodes");
        assertThat(output("data/08_reporting/low_margin_products.csv")).isEqualTo(Expected.LOW_MARGIN_PRODUCTS);
    }

    @Test
    void anUnknownPipelineIsAnError() {
        CommandResult r = sluice("run", "-p", "nope");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nope");
    }
}

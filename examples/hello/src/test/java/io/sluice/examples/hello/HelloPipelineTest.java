package io.sluice.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.run.RunFailedException;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.test.ProjectDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelloPipelineTest {

    @TempDir
    Path project;

    private Session compile(Map<String, Object> params) {
        ProjectDirs.copyInputs(project);
        return Session.compile(new HelloProject(), new SessionOptions(project, "local", params));
    }

    private String output(String file) {
        return ProjectDirs.read(project.resolve(file));
    }

    @Test
    void theDefaultPipelineWritesEveryReport() {
        try (Session session = compile(Map.of())) {
            RunResult result = session.run(RunSpec.ofDefault());

            assertThat(result.journal().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(result.journal().nodes()).hasSize(10);
        }
        assertThat(output("data/03_primary/order_lines.csv")).isEqualTo(Expected.ORDER_LINES);
        assertThat(output("data/04_feature/region_revenue.csv")).isEqualTo(Expected.REGION_REVENUE);
        assertThat(output("data/04_feature/category_revenue.csv")).isEqualTo(Expected.CATEGORY_REVENUE);
        assertThat(output("data/08_reporting/low_margin_products.csv")).isEqualTo(Expected.LOW_MARGIN_PRODUCTS);
        assertThat(output("data/08_reporting/sales_report.json")).isEqualTo(Expected.SALES_REPORT);
        assertThat(output("data/08_reporting/summary.txt")).isEqualTo(Expected.SUMMARY);
    }

    @Test
    void reportingRunsAloneFromThePersistedOrderLines() throws Exception {
        try (Session session = compile(Map.of())) {
            session.run(RunSpec.of("processing"));
            assertThat(project.resolve("data/08_reporting")).doesNotExist();

            RunResult result = session.run(RunSpec.of("reporting"));

            assertThat(result.journal().nodes()).hasSize(7);
        }
        assertThat(output("data/08_reporting/sales_report.json")).isEqualTo(Expected.SALES_REPORT);
    }

    @Test
    void runtimeParamsReachTheNodes() {
        try (Session session = compile(Map.of("report.topN", 1, "pricing.currency", "USD"))) {
            session.run(RunSpec.ofDefault());
        }
        assertThat(output("data/08_reporting/summary.txt")).startsWith(
                "10 orders, 89 units, net 245.00 USD, margin 72.50 USD (29.6%)\nTop products: gizmo\n");
    }

    @Test
    void aBadOrderFailsValidationNamingTheOrder() throws Exception {
        ProjectDirs.copyInputs(project);
        Path orders = project.resolve("data/01_raw/orders.csv");
        Files.writeString(orders, Files.readString(orders).replace("1003,2025-03-04,east,gizmo,1",
                "1003,2025-03-04,east,gizmo,0"));

        try (Session session = Session.compile(new HelloProject(), new SessionOptions(project, "local", Map.of()))) {
            assertThatThrownBy(() -> session.run(RunSpec.ofDefault()))
                    .isInstanceOf(RunFailedException.class)
                    .hasMessageContaining("validate_orders")
                    .hasMessageContaining("order 1003: quantity must be positive, got 0");
        }
    }

    @Test
    void theProjectRegistersTwoPipelinesAndTheDefault() {
        assertThat(new HelloProject().pipelines()).containsOnlyKeys("processing", "reporting", "__default__");
        assertThat(HelloProject.processing().size() + HelloProject.reporting().size()).isEqualTo(10);
    }
}

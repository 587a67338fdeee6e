package io.sluice.viz;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.sluice.pipeline.doc.PipelineDocument;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page on the documents {@code sluice pipelines export} wrote for examples/spaceflights
 * ({@code __default__}, and {@code sql}: namespace {@code sql}, engine and run-context inputs),
 * drawn without the project: what is drawn is exactly the document's graph.
 */
class SpaceflightsPageTest {
    static VizServer server;
    static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        server = VizServer.start(new Documents("spaceflights.json", "spaceflights-sql.json"), 0, 20);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertDrawn(Page page, PipelineDocument doc) {
        Map<String, List<String>> drawn = (Map<String, List<String>>) page.evaluate("sluiceViz.drawn()");
        assertThat(new TreeSet<>(drawn.get("vertices"))).isEqualTo(Documents.vertices(doc));
        assertThat(new TreeSet<>(drawn.get("edges"))).isEqualTo(Documents.edges(doc));
        assertThat(page.locator("#vertices > g").count()).isEqualTo(Documents.vertices(doc).size());
        assertThat(page.locator("#edges > path").count()).isEqualTo(Documents.edges(doc).size());
    }

    @Test
    void drawsTheDefaultAndTheNamespacedSqlPipeline() {
        Page page = chromium.page(1400, 800);
        page.setDefaultTimeout(15_000);
        page.navigate(server.url());
        page.waitForSelector("body[data-ready='1']");
        PipelineDocument main = Documents.read("spaceflights.json");
        assertDrawn(page, main);
        assertThat(page.locator("g[data-id='d:regressor'] text.sub").textContent()).contains("model", "persisted");
        assertThat(page.locator("g[data-id='d:X_train']").getAttribute("class")).contains("memory");
        page.click("g[data-id='n:train_model']");
        assertThat(page.locator("#details").textContent()).contains("DataScience#trainModel",
                "params:model_options");
        Chromium.screenshot(page, "spaceflights");

        page.selectOption("#pipeline", "sql");
        page.waitForSelector("g[data-id='n:sql.train_model']");
        assertDrawn(page, Documents.read("spaceflights-sql.json"));
        // datasets on an engine are marked apart from files and memory (the key says so)
        assertThat(page.locator("g.dataset.engine").count()).isOne();
        assertThat(page.locator("g.dataset.engine").getAttribute("data-id")).isEqualTo("d:model_input_table_sql");
        assertThat(page.locator("g.dataset.engine rect.eng title").textContent()).isEqualTo("on engine warehouse");
        assertThat(page.locator("g.dataset.model").count()).as("sql.regressor").isOne();
        assertThat(page.locator("g.dataset.metrics").count()).as("sql.metrics: artifact: metrics").isOne();
        assertThat(page.locator("g.dataset.metrics").getAttribute("data-id")).isEqualTo("d:sql.metrics");
        assertThat(page.locator("#key svg.v").count()).isEqualTo(7);
        Chromium.screenshot(page, "spaceflights-sql-engine");
        page.click("text[data-collapse='sql']");
        page.waitForSelector("g[data-id='ns:sql']");
        assertThat(page.locator("g[data-id='ns:sql'] text.sub").textContent()).contains("3 nodes");
        Chromium.screenshot(page, "spaceflights-sql-collapsed");
        page.close();
    }
}

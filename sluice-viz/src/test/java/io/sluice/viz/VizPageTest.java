package io.sluice.viz;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page in headless chromium over {@link VizTestProject}: graph, namespaces, details, groupings, runs. */
class VizPageTest {
    @TempDir
    static Path dir;
    static Session session;
    static VizServer server;
    static Chromium chromium;
    Page page;

    @BeforeAll
    static void start() throws Exception {
        VizTestProject.write(dir);
        session = VizTestProject.open(dir);
        VizTestProject.runs(session);
        server = VizServer.start(VizSource.of(session), 0, 20);
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
        if (session != null) {
            session.close();
        }
    }

    @BeforeEach
    void open() {
        page = chromium.page(1400, 900);
        page.setDefaultTimeout(15_000);
        page.navigate(server.url());
        page.waitForSelector("body[data-ready='1']");
    }

    @AfterEach
    void closePage() {
        page.close();
    }

    @Test
    void drawsTheNodesDatasetsParametersAndEdgesOfTheDocument() {
        PipelineDocument doc = session.export("__default__");
        TreeSet<String> vertices = new TreeSet<>();
        TreeSet<String> edges = new TreeSet<>();
        doc.nodes().forEach(n -> vertices.add("n:" + n.name()));
        doc.datasets().forEach(d -> vertices.add("d:" + d.name()));
        doc.parameters().forEach(p -> vertices.add("p:" + p.name()));
        for (NodeDoc n : doc.nodes()) {
            n.inputs().forEach(i -> edges.add((i.startsWith("params:") ? "p:" + i.substring(7) : "d:" + i)
                    + " -> n:" + n.name()));
            n.outputs().forEach(o -> edges.add("n:" + n.name() + " -> d:" + o));
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> drawn = (Map<String, List<String>>) page.evaluate("sluiceViz.drawn()");
        assertThat(new TreeSet<>(drawn.get("vertices"))).isEqualTo(vertices);
        assertThat(new TreeSet<>(drawn.get("edges"))).isEqualTo(edges);
        assertThat(page.locator("#vertices > g").count()).isEqualTo(vertices.size());
        assertThat(page.locator("#edges > path").count()).isEqualTo(edges.size());
        assertThat(page.locator("#vertices > g.node").count()).isEqualTo(6);
        assertThat(page.locator("#vertices > g.param").count()).isEqualTo(2);
        assertThat(page.locator("g.dataset.memory").count()).as("the four memory datasets").isEqualTo(4);
        assertThat(page.locator("g[data-id='d:regressor'] text.sub").textContent()).contains("json", "persisted");
        Chromium.screenshot(page, "graph");
    }

    @Test
    void collapsesAndExpandsANamespace() {
        page.click("text[data-collapse='data_science']");
        page.waitForSelector("g[data-id='ns:data_science']");
        assertThat(page.locator("g[data-id='n:data_science.train_model']").count()).isZero();
        assertThat(page.locator("g[data-id='ns:data_science'] text.sub").textContent()).contains("3 nodes");
        // inside: the three nodes, the memory splits and the parameters only they read
        assertThat(page.locator("g[data-id='p:model_options.alpha']").count()).isZero();
        assertThat(page.locator("g[data-id='d:model_input_table']").count()).isOne();
        Chromium.screenshot(page, "namespace-collapsed");
        page.click("g[data-id='ns:data_science']");
        page.waitForSelector("g[data-id='n:data_science.train_model']");
        assertThat(page.locator("g[data-id='ns:data_science']").count()).isZero();
        assertThat((List<?>) page.evaluate("sluiceViz.overlaps()")).isEmpty();
        // collapsing data_processing and expanding it again splices; Tidy lays everything out anew
        page.click("text[data-collapse='data_processing']");
        assertThat(page.evaluate("sluiceViz.timings.layoutKind")).isEqualTo("splice-collapse");
        page.click("#tidy");
        assertThat(page.evaluate("sluiceViz.timings.layoutKind")).isEqualTo("whole");
        page.click("g[data-id='ns:data_processing']");
        assertThat(page.evaluate("sluiceViz.timings.layoutKind")).isEqualTo("splice-expand");
        assertThat((List<?>) page.evaluate("sluiceViz.overlaps()")).isEmpty();
        assertThat(page.locator("#vertices > g").count()).as("every vertex drawn again").isEqualTo(18);
        Chromium.screenshot(page, "namespace-spliced");
    }

    @Test
    void showsANodesAndADatasetsDetails() {
        page.click("g[data-id='n:data_science.train_model']");
        String details = page.locator("#details").textContent();
        assertThat(details).contains("data_science.train_model", "io.sluice.viz.VizTestProject#trainModel",
                "params:model_options.alpha", "regressor", "training");
        assertThat(page.locator("#details").innerHTML()).as("the signature, with simple type names")
                .contains("(List&lt;Integer&gt; data_science.X_train, double params:model_options.alpha) → double");
        assertThat(page.locator("g.v.hl").count()).as("the node, its upstream and downstream").isGreaterThan(5);
        assertThat(page.locator("g[data-id='n:data_science.evaluate_model']").getAttribute("class"))
                .as("downstream").contains("hl");
        assertThat(page.locator("g[data-id='n:data_processing.preprocess_shuttles']").getAttribute("class"))
                .as("upstream").contains("hl");
        assertThat(page.locator("g[data-id='d:data_science.X_test']").getAttribute("class"))
                .as("a sibling output, neither upstream nor downstream").doesNotContain("hl");
        Chromium.screenshot(page, "details-node");
        page.click("g[data-id='d:model_input_table']");
        assertThat(page.locator("#details").textContent()).contains("persisted", "data/model_input_table.json",
                "entry", "create_model_input_table");
        page.click("g[data-id='d:data_science.X_train']");
        assertThat(page.locator("#details").textContent()).contains("memory");
    }

    @Test
    void searchesAndFiltersByTag() {
        page.fill("#search", "train");
        assertThat(page.locator("#matches").textContent()).isEqualTo("2 matches");
        assertThat(page.locator("g.v.match").count()).isEqualTo(2);
        page.fill("#search", "");
        page.selectOption("#tag", "reporting");
        assertThat(page.locator("#vertices > g.node").count()).isOne();
        assertThat(page.locator("g[data-id='n:data_science.evaluate_model']").count()).isOne();
    }

    @Test
    void showsAGroupingWithItsBoundariesAndProblems() {
        page.click("#views button[data-view='deploy']");
        page.waitForSelector("body[data-grouping='memory-components']");
        assertThat(page.locator("#legend").textContent()).contains("groups by memory-components");
        assertThat(page.locator("#problems").textContent()).contains("Check: ok");
        assertThat(page.locator("g.group-region").count()).isGreaterThan(1);
        assertThat(page.locator("g.v.boundary").count()).as("persisted datasets between groups").isPositive();
        Chromium.screenshot(page, "deployment-memory-components");
        page.selectOption("#strategy", "node");
        page.waitForSelector("body[data-grouping='node']");
        page.waitForSelector("#problems li.problem-item");
        assertThat(page.locator("#problems li[data-kind='memory-crossing']").count()).isEqualTo(4);
        assertThat(page.locator("g.v.crossing").count()).isEqualTo(4);
        assertThat(page.locator("g.v.problem").count()).isEqualTo(4);
        assertThat(page.locator("g.v.problem .badge.warn title").first().textContent()).contains("memory");
        Chromium.screenshot(page, "deployment-node-problems");
        page.locator("#problems li.problem-item").first().click();
        assertThat(page.locator("g.v.sel").getAttribute("class")).as("the problem's dataset, selected")
                .contains("problem");
        // merged: the per-node groups combined down to two, as deploy.yml's target_groups does
        page.fill("#merge-target", "2");
        page.dispatchEvent("#merge-target", "change");
        page.waitForSelector("body[data-merge='2-0']");
        assertThat(page.locator("#legend").textContent()).contains("2 groups by node+merge(target=2)");
        assertThat(page.locator("g.group-region").count()).isEqualTo(2);
        Chromium.screenshot(page, "deployment-node-merged");
    }

    @Test
    void showsTheRunsAndARunsTimeline() {
        page.click("#views button[data-view='runs']");
        page.waitForSelector("#run-list tr[data-run='r-failed']");
        assertThat(page.locator("#run-list tr").count()).isEqualTo(2);
        page.click("#run-list tr[data-run='r-failed']");
        page.waitForSelector("body[data-run='r-failed']");
        assertThat(page.locator("g[data-id='n:data_science.train_model']").getAttribute("class"))
                .contains("st-failed");
        assertThat(page.locator("g[data-id='n:create_model_input_table']").getAttribute("class"))
                .contains("st-completed");
        assertThat(page.locator("g[data-id='n:data_science.train_model'] text.dur").textContent())
                .startsWith("failed · ");
        assertThat(page.locator("g[data-id='n:create_model_input_table'] text.dur").textContent())
                .matches("completed · [0-9.]+ (ms|s)");
        assertThat(page.locator("#gantt-box").isVisible()).isTrue();
        assertThat(page.locator("#gantt .gantt-row").count()).as("the nodes that started").isEqualTo(5);
        page.click("g[data-id='n:data_science.train_model']");
        assertThat(page.locator("#details").textContent()).contains("failed", "alpha must be positive");
        Chromium.screenshot(page, "runs-timeline");
        page.click("#run-list button[data-compare='r-ok']");
        page.waitForSelector("body[data-compare='r-ok']");
        assertThat(page.locator("#compare tbody tr").count()).as("every node that started in either run")
                .isEqualTo(6);
        assertThat(page.locator("#compare tr[data-node='data_science.evaluate_model']").textContent()).contains("—");
    }

    @Test
    void theStaticExportWorksFromAPlainFileServer() throws Exception {
        Path site = dir.resolve("site");
        List<String> written = StaticSite.write(VizSource.of(session), site, 20);
        assertThat(written).contains("index.html", "dagre.min.js", "api/pipelines.json",
                "api/pipelines/__default__.json", "api/groupings/__default__/memory-components.json",
                "api/runs.json", "api/runs/r-ok.json");
        try (FileServer files = FileServer.start(site)) {
            Page p = chromium.page(1200, 800);
            p.navigate(files.url() + "index.html?view=runs");
            p.waitForSelector("body[data-ready='1']");
            p.waitForSelector("#run-list tr[data-run='r-ok']");
            assertThat(p.locator("#vertices > g.node").count()).isEqualTo(6);
            p.click("#views button[data-view='deploy']");
            p.waitForSelector("body[data-grouping='memory-components']");
            p.close();
        }
    }

    @Test
    void drawsAnExportedDocumentWithoutTheProject() throws Exception {
        Path file = dir.resolve("pipeline.json");
        java.nio.file.Files.writeString(file, session.export("data_science").toJson());
        try (VizServer fromFile = VizServer.start(VizSource.fromFile(file), 0, 20)) {
            Page p = chromium.page(1200, 800);
            p.navigate(fromFile.url());
            p.waitForSelector("body[data-ready='1']");
            assertThat(p.locator("#vertices > g.node").count()).isEqualTo(3);
            p.click("#views button[data-view='deploy']");
            p.waitForSelector("body[data-grouping='memory-components']");
            assertThat(p.locator("#legend").textContent()).contains("1 group by memory-components");
            p.selectOption("#strategy", "node");
            p.waitForSelector("body[data-grouping='node']");
            p.waitForSelector("#problems li.problem-item");
            assertThat(p.locator("#problems li[data-kind='memory-crossing']").count())
                    .as("data_science's memory datasets cross node groups").isEqualTo(2);
            assertThat(p.locator("g.v.problem .badge.warn").count()).isEqualTo(2);
            Chromium.screenshot(p, "from-file-deployment-node");
            List<String> options = new ArrayList<>();
            p.locator("#pipeline option").all().forEach(o -> options.add(o.textContent()));
            assertThat(options).containsExactly("data_science");
            p.close();
        }
    }
}

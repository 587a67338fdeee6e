package io.sluice.viz;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice viz --watch} in headless chromium over {@link VizTestProject}: the open page follows
 * the project's changes without a manual reload, keeping what the user had open, and shows a failed
 * reload in a banner until it is fixed.
 */
class VizWatchPageTest {
    @TempDir
    static Path dir;
    static VizServer server;
    static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        VizTestProject.write(dir);
        WatchedSource.Loader loader = () -> VizSource.owning(VizTestProject.open(dir));
        WatchedSource watched = WatchedSource.start(loader.load(), loader, List.of(dir.resolve("conf")),
                List.of(dir.resolve(".sluice/runs")), Duration.ofMillis(100));
        server = VizServer.start(watched, 0, 20);
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

    @Test
    void thePageFollowsTheProjectAndKeepsItsView() throws Exception {
        Page page = chromium.page(1400, 900);
        page.setDefaultTimeout(15_000);
        page.navigate(server.url());
        page.waitForSelector("body[data-ready='1'][data-version='1']");
        page.click("text[data-collapse='data_processing']");
        page.waitForSelector("g[data-id='ns:data_processing']");
        page.click("g[data-id='d:regressor']");
        assertThat(page.locator("g[data-id='d:regressor'].memory").count()).isZero();

        // regressor leaves the catalog: a memory dataset now, drawn so without a reload
        Path catalog = dir.resolve("conf/base/catalog.yml");
        String good = Files.readString(catalog);
        Files.writeString(catalog, good.replace("regressor:\n  type: json\n  filepath: data/regressor.json\n", ""));
        page.waitForSelector("g[data-id='d:regressor'].memory");
        assertThat(page.locator("g[data-id='ns:data_processing']").count()).as("still collapsed").isOne();
        assertThat(page.locator("#details").textContent()).as("still selected").contains("regressor", "memory");
        Chromium.screenshot(page, "watch-reloaded");

        // a broken catalog: a banner, the last good graph stays
        Files.writeString(catalog, good + "broken: [unclosed\n");
        page.waitForSelector("#watch-error:not([hidden])");
        assertThat(page.locator("#watch-error").textContent()).contains("catalog.yml");
        assertThat(page.locator("g[data-id='d:regressor'].memory").count()).isOne();
        Chromium.screenshot(page, "watch-error");

        // fixed: the banner goes, the graph follows
        Files.writeString(catalog, good);
        page.waitForSelector("#watch-error[hidden]", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        page.waitForSelector("g[data-id='d:regressor']:not(.memory)");

        // a new run shows in the open runs view
        page.click("#views button[data-view='runs']");
        page.waitForSelector("body[data-view='runs']");
        assertThat(page.locator("#run-list").textContent()).contains("No runs");
        try (Session session = VizTestProject.open(dir)) {
            session.run(RunSpec.builder("__default__").runId("r-watched").build());
        }
        page.waitForSelector("#run-list tr[data-run='r-watched']");
        assertThat(page.locator("#views button.on").textContent()).isEqualTo("Runs");
        page.close();
    }
}

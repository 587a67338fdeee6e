package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swagger UI at {@code /docs} in Debian's chromium (driven by Playwright; never a downloaded
 * browser), with the bearer token on: a run tried from the page succeeds once the token is given,
 * by the page's prompt ({@code docs: protected}) or by the "Authorize" button ({@code docs: public}).
 */
class SwaggerUiBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String TOKEN = "t0k-browser";
    private static final String AUTH = "auth:\n  bearer_token_credentials: api_token\n";
    private static final Map<String, String> CREDENTIALS = Map.of("conf/local/credentials.yml",
            "api_token: " + TOKEN + "\n");
    private static final long TIMEOUT_MS = 90_000; // generous: chromium shares two cores with builds

    static Playwright playwright;
    static Browser browser;

    @TempDir
    Path dir;

    @BeforeAll
    static void launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("The browser test needs Debian's chromium at " + CHROMIUM
                    + ": apt-get install -y chromium (.ci/run installs it when missing)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--headless", "--disable-gpu",
                        "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** Expands the echo run, tries it out with a body and returns the status Swagger UI shows. */
    private static String tryItOut(Page page) {
        Locator operation = page.locator("#operations-pipelines-run_echo");
        operation.locator(".opblock-summary").click();
        operation.locator("button.try-out__btn").click();
        operation.locator("textarea.body-param__text").fill("{\"inputs\": {\"id\": \"a\", \"x\": 1}}");
        operation.locator("button.execute").click();
        Locator status = operation.locator(".live-responses-table tr.response .response-col_status").first();
        status.waitFor(new Locator.WaitForOptions().setTimeout(TIMEOUT_MS));
        return status.innerText().strip();
    }

    @Test
    void protectedDocsAskForTheTokenThenTryItOutSendsIt() {
        try (TestServer t = TestServer.start(dir, AUTH, CREDENTIALS);
             Page page = browser.newPage()) {
            page.setDefaultTimeout(TIMEOUT_MS);
            AtomicInteger asked = new AtomicInteger();
            page.onDialog(dialog -> {
                asked.incrementAndGet();
                dialog.accept(asked.get() == 1 ? "wrong" : TOKEN); // a refused token is asked for again
            });

            page.navigate(t.uri("/docs/").toString());

            assertThat(tryItOut(page)).startsWith("200");
            assertThat(asked.get()).isEqualTo(2);
            assertThat(page.locator("#operations-pipelines-run_echo .live-responses-table").innerText())
                    .contains("run_id");
        }
    }

    @Test
    void publicDocsLoadWithoutTheTokenAndAuthorizeGivesItToTheRuns() {
        try (TestServer t = TestServer.start(dir, AUTH + "docs: public\n", CREDENTIALS);
             Page page = browser.newPage()) {
            page.setDefaultTimeout(TIMEOUT_MS);
            page.navigate(t.uri("/docs/").toString());

            assertThat(tryItOut(page)).as("without the token").startsWith("401");
            page.locator("button.authorize").first().click();
            page.locator(".auth-container input").first().fill(TOKEN);
            page.locator(".auth-btn-wrapper button.authorize").click();
            page.locator(".auth-btn-wrapper button.btn-done").click();
            page.locator("#operations-pipelines-run_echo button.execute").click();
            Locator ok = page.locator("#operations-pipelines-run_echo .live-responses-table tr.response .response-col_status",
                    new Page.LocatorOptions().setHasText("200"));
            ok.first().waitFor(new Locator.WaitForOptions().setTimeout(TIMEOUT_MS));
            assertThat(ok.first().innerText()).startsWith("200");
        }
    }
}

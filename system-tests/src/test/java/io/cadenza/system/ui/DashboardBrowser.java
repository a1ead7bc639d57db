package io.cadenza.system.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Real Chromium driven by Playwright, logged in to the dashboard through Keycloak's own login page. One browser per
 * test class, one context (cookie jar) per person. Screenshots go to {@code target/screenshots/}; the ones named for
 * the README are also copied to {@code docs/screenshots/}.
 */
public final class DashboardBrowser implements AutoCloseable {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;
    private final String dashboardUrl;

    public DashboardBrowser(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
        // PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 is set by failsafe: we use the system's Chromium.
        this.playwright = Playwright.create();
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("cadenza.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A fresh browser session of {@code username}, logged in through Keycloak's login page. */
    public Page login(String username, String password) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
                .setAcceptDownloads(true));
        context.setDefaultTimeout(30_000);
        Page page = context.newPage();
        page.navigate(dashboardUrl + "/");
        // The dashboard redirects to Keycloak: the realm's own login form.
        page.waitForSelector("#username");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(dashboardUrl));
        page.waitForSelector("#current-user");
        return page;
    }

    public String url(String path) {
        return dashboardUrl + path;
    }

    /** Waits until Vaadin has nothing in flight (no progress bar, no pending round trip). */
    public static void settle(Page page) {
        page.waitForLoadState(LoadState.NETWORKIDLE);
        page.waitForFunction("() => !document.querySelector('vaadin-progress-bar[data-testid=progress]:not([hidden])')");
    }

    /** Saves a full-page screenshot as {@code target/screenshots/<name>.png}; with {@code forReadme} also in docs. */
    public static Path screenshot(Page page, String name, boolean forReadme) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true)
                    .setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
            if (forReadme) {
                Path docs = Paths.get(System.getProperty("cadenza.home", "..")).resolve("docs").resolve("screenshots");
                Files.createDirectories(docs);
                Files.copy(file, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

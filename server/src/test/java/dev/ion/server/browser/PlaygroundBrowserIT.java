package dev.ion.server.browser;

import dev.ion.server.http.IonServer;
import dev.ion.server.ops.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground and the API reference in a real headless Chromium, driven by Selenium,
 * against a real server in this JVM that requires an API key (so the page's WebSocket
 * must carry it as a subprotocol). Skipped when Debian's chromium or chromedriver is not
 * installed; {@code .ci/run} installs both.
 */
class PlaygroundBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String KEY = "playground-it-key";
    static final Duration WAIT = Duration.ofSeconds(90);

    static IonServer server;
    static WebDriver driver;
    static Path profile;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
        ServerConfig cfg = new ServerConfig();
        cfg.port = 0;
        cfg.instances = 2;
        cfg.log = false;
        cfg.ceilings.put("deadline_ms", 600_000L);
        cfg.addApiKeys(KEY);
        server = IonServer.start(cfg, new PrintStream(new ByteArrayOutputStream(), true))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.port();

        // Selenium Manager must never run (it would download a browser): driver and binary are given.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("ion-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (server != null) server.close();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @AfterEach
    void noPolicyViolations(org.junit.jupiter.api.TestInfo test) throws Exception {
        // what the page looked like at the end, for whoever reads a failure
        Path shot = Path.of("target", "browser-it", test.getTestMethod().orElseThrow().getName() + ".png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertThat(violations).as("the page breaks its own Content-Security-Policy").isEmpty();
    }

    // ---- the playground ---------------------------------------------------------------------

    @Test
    void aRunStreamsItsOutputFillsTheTimelineAndTakesInput() {
        openPlayground(KEY);
        typeScript("""
                print("ready");
                let a = input.recv();
                print(f"got {a}");
                let (tx, rx) = channel(1);
                async { spawn { for i in 1..=3 { tx.send(i * 10) } tx.close() }; while let Some(v) = rx.recv() { print(f"ch {v}") } };
                let (t2, r2) = channel(1);
                t2.send(5);
                print(select { v = r2.recv() => v, w = sleep(100000) => 0 });
                6 * 7""");
        editor().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        // The first line is on the page while the run still waits for input: it streamed.
        waitFor(() -> text("output").equals("ready\n"));
        assertThat(text("status")).startsWith("Running run_");
        assertThat(element("cancel").isEnabled()).isTrue();

        WebElement input = element("input-value");
        input.sendKeys("42", Keys.ENTER);
        waitFor(() -> text("status").startsWith("Succeeded"));

        assertThat(text("output")).isEqualTo("ready\ngot Some(42)\nch 10\nch 20\nch 30\nSome(5)\n");
        assertThat(laneValues("task-0")).containsExactly("42", "10", "20", "30");
        // the select's arms run as child tasks: the winner's recv shows in its own lane
        List<String> childLanes = driver.findElements(By.cssSelector("#timeline .lane")).stream()
                .map(e -> e.getAttribute("data-lane")).filter(l -> !l.equals("task-0") && !l.equals("select")).toList();
        assertThat(childLanes).hasSize(1);
        assertThat(laneValues(childLanes.get(0))).containsExactly("5");
        assertThat(laneValues("select")).containsExactly("Some(5)");
        assertThat(driver.findElement(By.cssSelector("[data-lane='select'] li")).getText()).contains("select arm 0");
        assertThat(text("result")).contains("value42").contains("fuel");
    }

    @Test
    void cancelStopsALongRunWithTheLimitsFromTheForm() {
        openPlayground(KEY);
        element("limit-deadline_ms").sendKeys("300000");
        typeScript("print(\"looping\");\nloop { sleep(50) }");
        element("run").click();
        waitFor(() -> text("output").equals("looping\n"));
        element("cancel").click();
        waitFor(() -> text("status").equals("Cancelled."));
        assertThat(text("result")).contains("cancelled");
        assertThat(element("run").isEnabled()).isTrue();
    }

    @Test
    void aCompileErrorIsUnderlinedAtItsLineAndColumn() {
        openPlayground(KEY);
        typeScript("let x = 1;\nlet y = ;\nx");
        element("run").click();
        waitFor(() -> text("status").startsWith("Failed"));
        WebElement mark = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cm-lintRange-error")));
        assertThat(mark.getText()).isEqualTo(";");
        List<WebElement> lines = driver.findElements(By.cssSelector(".cm-content .cm-line"));
        assertThat(lines.get(1).findElements(By.cssSelector(".cm-lintRange-error"))).hasSize(1);
        assertThat(lines.get(0).findElements(By.cssSelector(".cm-lintRange-error"))).isEmpty();
        assertThat(text("result")).contains("parse: expected expression, found ';' at line 2, column 9");
    }

    @Test
    void aRuntimeErrorIsUnderlinedWithItsTrace() {
        openPlayground(KEY);
        typeScript("let xs = [1, 2];\nprint(\"before\");\nlet y = xs[5] + 1;\ny");
        element("run").click();
        waitFor(() -> text("status").startsWith("Failed"));
        assertThat(text("output")).isEqualTo("before\n");
        WebElement mark = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cm-lintRange-error")));
        assertThat(mark.getText()).isEqualTo("xs");
        List<WebElement> lines = driver.findElements(By.cssSelector(".cm-content .cm-line"));
        assertThat(lines.get(2).findElements(By.cssSelector(".cm-lintRange-error"))).hasSize(1);
        assertThat(text("result")).contains("runtime: index out of bounds: index 5 but length is 2 at line 3, column 9")
                .contains("<script> at line 3, column 9");
    }

    @Test
    void aWrongKeyIsExplained() {
        openPlayground("not-the-key");
        typeScript("1 + 1");
        element("run").click();
        waitFor(() -> text("status").startsWith("Cannot connect"));
        assertThat(text("status")).contains("unknown API key");
    }

    @Test
    void theExamplesMenuLoadsARepositoryExample() throws Exception {
        String firstLine = Files.readAllLines(Path.of("..", "examples", "hello.ion")).get(0);
        openPlayground(KEY);
        waitFor(() -> driver.findElements(By.cssSelector("#examples option[value='hello']")).size() == 1);
        new Select(element("examples")).selectByValue("hello");
        assertThat(editor().getText()).startsWith(firstLine);
        element("run").click();
        waitFor(() -> text("status").startsWith("Succeeded"));
        assertThat(text("output")).startsWith("Hello from Ion!\n");
    }

    @Test
    void aShareLinkCarriesTheSourceInItsFragment() {
        openPlayground(KEY);
        typeScript("print(\"shared\")");
        element("share").click();
        String link = element("share-link").getAttribute("value");
        assertThat(link).startsWith(base + "/#source=");
        driver.get("about:blank");
        driver.get(link);
        waitFor(() -> editor().getText().equals("print(\"shared\")"));
    }

    // ---- /docs --------------------------------------------------------------------------------

    @Test
    void theApiReferenceRendersAndTriesAnOperationAgainstThisServer() {
        driver.get(base + "/docs");
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".opblock")));
        List<String> paths = driver.findElements(By.cssSelector(".opblock-summary-path")).stream()
                .map(e -> e.getAttribute("data-path")).toList();
        assertThat(paths).contains("/v1/runs", "/v1/runs/{id}", "/v1/runs/{id}/events", "/health/live");

        driver.findElement(By.cssSelector("button.authorize")).click();
        WebElement keyInput = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".auth-container input")));
        keyInput.sendKeys(KEY);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".auth-btn-wrapper button.authorize"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".auth-btn-wrapper button.btn-done"))).click();

        WebElement op = driver.findElement(By.cssSelector("#operations-default-get_v1_runs"));
        op.findElement(By.cssSelector(".opblock-summary-control")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-default-get_v1_runs button.try-out__btn")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-default-get_v1_runs button.execute")))
                .click();
        WebElement status = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(op,
                By.cssSelector(".live-responses-table tr.response .response-col_status"))).get(0);
        assertThat(status.getText()).startsWith("200");
        assertThat(op.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description")).getText())
                .contains("\"runs\"");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void openPlayground(String key) {
        driver.get(base + "/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        waitFor(() -> !driver.findElements(By.cssSelector(".cm-content")).isEmpty());
        driver.findElement(By.cssSelector("#settings summary")).click();
        WebElement field = element("api-key");
        field.clear();
        field.sendKeys(key);
    }

    /** Types into the editor as a person would (its bracket closing and indentation included). */
    private void typeScript(String source) {
        WebElement content = editor();
        content.click();
        content.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        content.sendKeys(source);
        waitFor(() -> editor().getText().equals(source));
    }

    /** The values of a timeline lane's events, in order. */
    private List<String> laneValues(String lane) {
        return driver.findElements(By.cssSelector("[data-lane='" + lane + "'] li")).stream()
                .map(WebElement::getText).map(t -> t.substring(t.lastIndexOf("→ ") + 2)).toList();
    }

    private WebElement editor() {
        return driver.findElement(By.cssSelector(".cm-content"));
    }

    private WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    private String text(String id) {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.getElementById(arguments[0]).textContent", id);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out; the page shows: " + pageState(), e);
        }
    }

    /** What a failing test's message shows: the page's status, output, result and console. */
    private String pageState() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Object state = js.executeScript("const t = (id) => { const e = document.getElementById(id); return e ? e.textContent : null; };"
                + " return {url: location.href, status: t('status'), output: t('output'), result: t('result'),"
                + " editor: document.querySelector('.cm-content') && document.querySelector('.cm-content').innerText};");
        return state + " console: " + driver.manage().logs().get(LogType.BROWSER).getAll();
    }
}

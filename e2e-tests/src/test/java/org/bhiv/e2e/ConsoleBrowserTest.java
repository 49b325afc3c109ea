package org.bhiv.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver},
 * found or installed by {@code bin/lib/browser.sh} before the tests; nothing downloaded) against
 * the packaged stack started by {@code bin/stack} as five processes on free ports: a workflow sent
 * from the form is listed and traced to its Bucket record and its Karma event; Bucket stopped turns
 * the health degraded and the outbox's pending grows; deliveries made dead by Bucket's fault
 * injection (422) are redelivered from the page by a signed-in operator and stored exactly once;
 * the PRANA page's packets reach Bucket. Waits are deadlines on conditions, never sleeps.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int BUCKET = LauncherStack.BUCKET;
    private static final int CORE = LauncherStack.CORE;
    private static final int EXECUTOR = LauncherStack.EXECUTOR;
    private static final int CONSOLE = LauncherStack.CONSOLE;

    @TempDir
    static Path dir;
    private static LauncherStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        stack = LauncherStack.start(dir);
        browser = chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        stack.run("stop");
    }

    @Test
    @Order(1)
    void workflowSentFromTheFormIsListedAndItsTraceShowsBucketSeqHashAndKarmaEvent() throws IOException {
        open("/#send");
        new Select(find("send-action")).selectByVisibleText("task");
        find("send-user").clear();
        find("send-user").sendKeys("browser_user");
        find("send-button").click();
        String traceId = waitFor(By.id("sent-trace")).getText();
        assertThat(traceId).matches("[0-9a-f-]{36}");

        open("/#executions");
        find("filter-user").sendKeys("browser_user");
        By link = By.cssSelector("tr[data-trace='" + traceId + "'] a.trace-link");
        until(() -> {
            click(By.id("filter-apply"));
            return browser.findElements(link);
        });
        click(link);

        JsonNode record = bucketRecord(traceId, "workflow_execution");
        // the page is loaded once per visit; Karma's event arrives through the outbox a moment later
        until(() -> {
            browser.navigate().refresh();
            waitFor(By.cssSelector("#timeline li"));
            return browser.findElements(By.cssSelector("#timeline .karma-event"));
        });
        assertThat(text("#timeline .karma-event")).isEqualTo("workflow_success for browser_user");
        assertThat(find("trace-id").getText()).isEqualTo(traceId);
        assertThat(text("#timeline .bucket-seq[data-event-type='workflow_execution']")).isEqualTo(record.path("seq").asText());
        assertThat(text("#timeline .bucket-hash[data-event-type='workflow_execution']")).isEqualTo(record.path("hash").asText())
                .matches("[0-9a-f]{64}");
        assertThat(text("#timeline .bucket-seq[data-event-type='agent_result']")).as("Core's decision in Bucket")
                .isEqualTo(bucketRecord(traceId, "agent_result").path("seq").asText());
        assertThat(find("chain-valid").getText()).isEqualTo("valid");
        assertThat(browser.findElements(By.cssSelector("#timeline li[data-pillar='core']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#timeline li[data-pillar='executor']")).getFirst().getText())
                .contains("task: success");

        Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "console-trace.png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Trace view screenshot: " + target.toAbsolutePath() + " (docs/img/console-trace.png is a copy)");
    }

    @Test
    @Order(2)
    void stoppingBucketTurnsTheHealthDegradedAndThePendingEventsGrow() throws Exception {
        open("/#health");
        until(() -> browser.findElements(By.xpath("//tr[@data-pillar='bucket']//span[text()='up']")));
        assertThat(find("overall").getText()).isEqualTo("ok");
        long bucketPid = stack.pid(BUCKET);
        ProcessHandle bucket = ProcessHandle.of(bucketPid).orElseThrow();
        bucket.destroy();
        bucket.onExit().get(20, TimeUnit.SECONDS);

        until(() -> browser.findElements(By.xpath("//tr[@data-pillar='bucket']//span[text()='down']")));
        until(() -> browser.findElements(By.xpath("//span[@id='overall'][text()='degraded']")));
        long before = pending();
        for (int i = 0; i < 3; i++) {
            assertThat(Http.post(url(CORE, "/handle_task"), null, Map.of("agent", "edumentor_agent",
                    "input", "Create a task to review module " + i, "user_id", "outage_user")).status()).isEqualTo(200);
        }
        await().atMost(DEADLINE).until(() -> pending() >= before + 3);
        System.out.printf("Bucket down: pending grew from %d to %d on the health page%n", before, pending());

        assertThat(stack.run("start").exit()).as("bin/stack start brings Bucket back").isZero();
        until(() -> browser.findElements(By.xpath("//span[@id='overall'][text()='ok']")));
        await().atMost(Duration.ofSeconds(90)).until(() -> pending() == 0);
    }

    @Test
    @Order(3)
    void deadDeliveriesAreRedeliveredFromThePageByTheOperatorAndStoredExactlyOnce() {
        String operator = operator();
        assertThat(Http.post(url(BUCKET, "/admin/faults"), operator,
                Map.of("fail_status", 422, "fail_rate", 1.0)).status()).isEqualTo(200);
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Http.Answer answer = Http.post(url(CORE, "/handle_task"), null, Map.of("agent", "edumentor_agent",
                    "input", "Create a task to grade essay " + i, "user_id", "dead_user"));
            traces.add(answer.json().path("task_id").asText());
        }
        await().atMost(DEADLINE).until(() -> traces.stream().allMatch(t -> bucketDelivery(t).equals("dead")));
        assertThat(Http.send("DELETE", url(BUCKET, "/admin/faults"), operator, null).status()).isEqualTo(200);

        open("/#dead");
        new Select(find("dead-sink")).selectByVisibleText("bucket");
        find("dead-apply").click();
        By first = By.cssSelector("tr[data-trace='" + traces.get(0) + "'] button.redeliver");
        until(() -> browser.findElements(first));
        assertThat(text("tr[data-trace='" + traces.get(0) + "'] td:nth-child(6)")).contains("422");
        click(first);
        until(() -> browser.findElements(By.xpath("//p[@id='dead-message'][contains(text(), 'Sign in as operator')]")));
        assertThat(bucketDelivery(traces.get(0))).as("an anonymous user may look, not redeliver").isEqualTo("dead");

        find("operator-token").sendKeys(operator);
        find("sign-in-button").click();
        until(() -> browser.findElements(By.xpath("//span[@id='session-state'][text()='signed in as operator']")));
        Object seen = ((ChromeDriver) browser).executeScript("return document.documentElement.outerHTML + document.cookie"
                + " + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"
                + " + [...document.querySelectorAll('input')].map(i => i.value).join()");
        assertThat(String.valueOf(seen)).as("the page after sign-in: DOM, cookies, storage, inputs")
                .doesNotContain(operator);
        click(By.id("dead-apply"));
        click(first);
        until(() -> browser.findElements(By.xpath("//p[@id='dead-message'][contains(text(), 'redelivered')]")));
        click(By.id("redeliver-all"));
        until(() -> browser.findElements(By.xpath("//p[@id='dead-message'][contains(text(), 'events redelivered')]")));

        await().atMost(DEADLINE).until(() -> traces.stream().allMatch(t -> bucketDelivery(t).equals("delivered")));
        for (String t : traces) {
            JsonNode events = Http.get(url(BUCKET, "/core/events?event_type=workflow_execution&trace_id=" + t), operator).json();
            assertThat(events.path("count").asInt()).as("workflow_execution records of %s in Bucket", t).isEqualTo(1);
        }
        assertThat(Http.get(url(EXECUTOR, "/observe/metrics"), null).body())
                .containsPattern("integration_redeliveries_total\\{[^}]*sink=\"bucket\"[^}]*} [3-9]");
        click(By.id("dead-apply"));
        await().atMost(DEADLINE).until(() -> browser.findElements(By.cssSelector("#dead-rows tr")).stream()
                .noneMatch(row -> traces.contains(row.getAttribute("data-trace"))));
    }

    @Test
    @Order(4)
    void pranaPacketsFromTheConsolePageReachBucket() {
        open("/prana.html?user=prana_browser_user");
        WebElement scratch = find("scratch");
        Actions actions = new Actions(browser);
        // activity for more than one 5 s window; each round of input resets nothing but the idle clock
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            actions.moveToElement(scratch, 5, 5).click().sendKeys("prana ").perform();
            JsonNode packets = Http.get(url(BUCKET, "/bucket/prana/packets?user_id=prana_browser_user"),
                    operator()).json();
            return packets.path("packets").size() >= 1;
        });
        JsonNode packet = Http.get(url(BUCKET, "/bucket/prana/packets?user_id=prana_browser_user"),
                operator()).json().path("packets").get(0);
        assertThat(packet.path("system_type").asText()).isEqualTo("ems");
        assertThat(packet.path("task_id").asText()).isEqualTo("console");
        until(() -> browser.findElements(By.xpath("//td[@id='prana-sent'][text()!='0']")));
    }

    // --- helpers ----------------------------------------------------------------------------

    private static WebDriver chromium() throws IOException {
        Properties found = new Properties();
        try (var in = Files.newBufferedReader(Path.of(System.getProperty("bhiv.browser.properties",
                "target/browser.properties")))) {
            found.load(in);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(found.getProperty("chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + dir.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(found.getProperty("chromedriver")).toFile())
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    private static void open(String path) {
        browser.get(url(CONSOLE, path));
    }

    private static WebElement find(String id) {
        return waitFor(By.id(id));
    }

    /** The text of the first match; the pages redraw their tables, so a stale match is looked up again. */
    private static String text(String css) {
        return new WebDriverWait(browser, DEADLINE).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse(null));
    }

    /** Finds and clicks in one step, again while the match goes stale (a table redrawn between the two). */
    private static void click(By by) {
        new WebDriverWait(browser, DEADLINE).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> found = d.findElements(by);
            if (found.isEmpty()) {
                return false;
            }
            found.getFirst().click();
            return true;
        });
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(browser, DEADLINE).until(d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** Repeats {@code look} until it finds an element, within the deadline. */
    private static WebElement until(java.util.function.Supplier<List<WebElement>> look) {
        return new WebDriverWait(browser, DEADLINE).ignoring(StaleElementReferenceException.class)
                .until(d -> look.get().stream().findFirst().orElse(null));
    }

    private static long pending() {
        List<WebElement> cells = browser.findElements(By.cssSelector("#outbox-rows tr[data-sink='bucket'] td.pending"));
        try {
            return cells.isEmpty() ? -1 : Long.parseLong(cells.getFirst().getText());
        } catch (NumberFormatException | StaleElementReferenceException e) {
            return -1;
        }
    }

    private static JsonNode bucketRecord(String traceId, String eventType) {
        return await().atMost(DEADLINE).until(() -> {
            JsonNode events = Http.get(url(BUCKET, "/core/events?event_type=" + eventType + "&trace_id=" + traceId),
                    operator()).json().path("events");
            return events.isEmpty() ? null : events.get(0);
        }, java.util.Objects::nonNull);
    }

    private static String bucketDelivery(String traceId) {
        Http.Answer answer = Http.get(url(EXECUTOR, "/api/workflow/executions/" + traceId), operator());
        return answer.status() != 200 ? "unknown"
                : answer.json().path("executions").path(0).path("deliveries").path("bucket").path("state").asText("none");
    }

    private static String url(int service, String path) {
        return stack.url(service, path);
    }

    private static String operator() {
        return stack.token("OPERATOR_TOKEN");
    }
}

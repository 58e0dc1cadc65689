package org.mvdcn.serve.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.serve.jobs.StudyState;
import org.mvdcn.serve.receive.HostileDicom;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.manager.SeleniumManager;
import org.openqa.selenium.remote.service.DriverFinder;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The worklist and study pages in a real browser, Debian's Chromium driven through its own
 * chromedriver, on a node that computed two studies and failed a third; what the pages show is
 * checked against the API, the hanging of the views against the pixels the window shows (at
 * 1280x1024 and 3840x2160), the dark theme against the computed colours, and the keys by the pages
 * they lead to. Screenshots go to target/screenshots, and with -Dmvdcn.docs=true also to docs/ (the
 * README's pictures), so that an ordinary run leaves tracked files alone.
 */
class WebPagesTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int WIDTH = 1500;
    private static final int HEIGHT = 1000;
    private static final String FIRST = "1.2.826.0.1.3680043.10.1147.40";
    private static final String SECOND = "1.2.826.0.1.3680043.10.1147.41";
    private static final String FAILED = "1.2.826.0.1.3680043.10.1147.42";
    private static final List<String> HANGING = List.of("R-CC", "L-CC", "R-MLO", "L-MLO");
    private static final ObjectMapper JSON = new ObjectMapper();

    // Held here because java.util.logging keeps loggers weakly: a collected one would forget the recorder.
    private static final Logger DRIVER_FINDER = Logger.getLogger(DriverFinder.class.getName());
    private static final Logger SELENIUM_MANAGER = Logger.getLogger(SeleniumManager.class.getName());
    private static final List<LogRecord> SELENIUM_LOG = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dir;
    static RunningNode running;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void computeStudiesAndStartTheBrowser() throws Exception {
        browser = startChromium(dir.resolve("chromium-profile")); // first: without a browser there is nothing to test
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        running = RunningNode.start(dir, false);
        running.store(TestDicom.sampleExam(dir.resolve("first"), s -> s.study(FIRST, "PATIENT-ID-A", "A24017731")));
        running.store(TestDicom.sampleExam(dir.resolve("second"), s -> s.study(SECOND, "PATIENT-ID-B", "A24017758")));
        running.store(TestDicom.sampleExam(dir.resolve("third"), s -> s.study(FAILED, "PATIENT-ID-C", "A24017760")).subList(0, 3));
        for (String uid : List.of(FIRST, SECOND)) {
            var job = running.awaitFinished(uid, Duration.ofMinutes(3));
            assertThat(job.state()).as("%s", job.reason()).isEqualTo(StudyState.DONE);
        }
        assertThat(running.awaitFinished(FAILED, Duration.ofMinutes(3)).state()).isEqualTo(StudyState.FAILED);
    }

    private static ChromeDriver startChromium(Path profile) {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            assertThat(program).withFailMessage("%s is missing: these tests drive Debian's Chromium and its driver "
                    + "(apt-get install chromium chromium-driver, as ./mvdcn does)", program).isExecutable();
        }
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                SELENIUM_LOG.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        for (Logger l : List.of(DRIVER_FINDER, SELENIUM_MANAGER)) {
            l.setLevel(Level.FINE); // where Selenium says whether it skipped its manager
            l.addHandler(recorder);
        }
        // Both paths given, so Selenium has nothing to look up and never runs Selenium Manager (which would download).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // root in a container: no sandbox, /dev/shm too small; a closed network: nothing that calls home
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        ChromeDriver chromium = new ChromeDriver(service, options);
        viewport(chromium, WIDTH, HEIGHT);
        return chromium;
    }

    /**
     * Sizes the window so that the page gets width x height. Headless Chromium keeps room for toolbars it does not
     * draw inside the window: the window grows by that much, so that the viewport, what a screenshot holds, is the size asked.
     */
    private static void viewport(ChromeDriver chromium, int width, int height) {
        List<Long> toolbars = longs(chromium.executeScript("return [outerWidth - innerWidth, outerHeight - innerHeight]"));
        chromium.manage().window().setSize(new Dimension(width + toolbars.get(0).intValue(), height + toolbars.get(1).intValue()));
        assertThat(longs(chromium.executeScript("return [innerWidth, innerHeight]"))).containsExactly((long) width, (long) height);
    }

    /** Back to the size the screenshots are taken at, for a test that resized the window. */
    @AfterEach
    void defaultViewport() {
        viewport(browser, WIDTH, HEIGHT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit(); // ends the session, then the driver service stops chromedriver
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theBrowserIsDebiansChromiumAndSeleniumManagerNeverRan() throws Exception {
        assertThat(SELENIUM_LOG).extracting(LogRecord::getMessage)
                .contains("Skipping Selenium Manager, path to chromedriver specified in Service class: " + CHROMEDRIVER.toRealPath());
        assertThat(SELENIUM_LOG).extracting(LogRecord::getLoggerName).doesNotContain(SELENIUM_MANAGER.getName());
        Process version = new ProcessBuilder(CHROMIUM.toString(), "--version").redirectErrorStream(true).start();
        String installed = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor()).isZero();
        assertThat(installed).contains("Chromium " + browser.getCapabilities().getBrowserVersion() + " ");
    }

    @Test
    void theWorklistListsTheStudiesWithTheirStatusAndPredictionBar() throws Exception {
        signIn();
        List<JsonNode> studies = list(api("/api/studies").path("studies"));
        assertThat(studies).extracting(s -> s.path("studyInstanceUid").asText()).containsExactly(FAILED, SECOND, FIRST);
        List<Map<String, Object>> rows = wait.until(d -> {
            List<Map<String, Object>> shown = worklistRows();
            return shown.size() == studies.size() ? shown : null;
        });
        for (int i = 0; i < studies.size(); i++) {
            JsonNode study = studies.get(i);
            Map<String, Object> row = rows.get(i);
            String uid = study.path("studyInstanceUid").asText();
            assertThat(row).containsEntry("uid", uid).containsEntry("link", uid)
                    .containsEntry("accession", study.path("accession").asText())
                    .containsEntry("status", uid.equals(FAILED) ? "failed" : "done");
            List<Map<String, Object>> segments = maps(row.get("segments"));
            if (uid.equals(FAILED)) {
                assertThat(segments).isEmpty();
                continue;
            }
            double bar = number(row.get("width"));
            assertThat(segments).extracting(s -> s.get("class")).containsExactly("b0", "b1", "b2");
            for (int k = 0; k < 3; k++) {
                double p = study.path("probabilities").path("BI-RADS " + k).asDouble();
                assertThat(number(segments.get(k).get("width"))).as("%s BI-RADS %d", uid, k).isCloseTo(p * bar, within(1.0));
            }
            assertThat(segments).extracting(s -> s.get("colour")).doesNotHaveDuplicates().doesNotContain("rgba(0, 0, 0, 0)");
        }
        screenshot("web-worklist.png");
    }

    @Test
    void aDoneStudysPageShowsItsFourViewsItsProbabilitiesAndTogglesTheSaliencyMaps() throws Exception {
        signIn();
        JsonNode study = api("/api/studies/" + SECOND);
        // the worklist redraws itself every 5 s: a link found just before a redraw is stale, and found again
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("tr[data-uid='" + SECOND + "'] td.uid a")).click();
            return true;
        });
        wait.until(ExpectedConditions.urlToBe(running.base() + "/study?uid=" + SECOND));
        List<String> plain = HANGING.stream().map(v -> study.path("views").path(v).path("image").asText()).toList();
        List<String> withMaps = HANGING.stream().map(v -> study.path("views").path(v).path("saliency").asText()).toList();
        assertThat(withMaps).allSatisfy(src -> assertThat(src).endsWith("-saliency.png"));
        assertLoaded(withMaps);

        String probabilities = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#prediction .probs"))).getText();
        for (int k = 0; k < 3; k++) {
            assertThat(probabilities).contains("P(BI-RADS " + k + ") " + fourDecimals(study.path("probabilities").path("BI-RADS " + k)));
        }
        assertThat(probabilities).contains("entropy " + fourDecimals(study.path("entropy")) + " nats");

        WebElement overlay = browser.findElement(By.id("saliency"));
        overlay.click();
        assertThat(overlay.isSelected()).isFalse();
        assertLoaded(plain);
        overlay.click();
        assertLoaded(withMaps);
        screenshot("web-study.png");
    }

    @Test
    void theViewsHangMirrorWiseWithTheChestWallsBackToBackInEitherLayoutAt1280x1024AndOn4K() throws Exception {
        signIn();
        JsonNode views = api("/api/studies/" + SECOND).path("views");
        // why the page mirrors the right views: the node's previews have every chest wall (the tissue) at the left
        for (String v : HANGING) {
            BufferedImage preview = png(running.getBytes(views.path(v).path("image").asText()).body());
            assertThat(rightShare(preview)).as("%s as the node wrote it", v).isLessThan(0.3);
        }
        List<String> withMaps = HANGING.stream().map(v -> views.path(v).path("saliency").asText()).toList();
        for (Dimension screen : List.of(new Dimension(1280, 1024), new Dimension(3840, 2160))) {
            viewport(browser, screen.width, screen.height);
            for (String layout : List.of("cc-above-mlo", "cc-beside-mlo")) {
                browser.get(running.base() + "/"); // the setting is the worklist's; the study page follows it
                new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("layout")))).selectByValue(layout);
                browser.get(running.base() + "/study?uid=" + SECOND);
                assertLoaded(withMaps);
                assertThat(new Select(browser.findElement(By.id("layout"))).getFirstSelectedOption().getDomProperty("value"))
                        .isEqualTo(layout);
                assertHungMirrorWise(layout, layout + " at " + screen.width + "x" + screen.height);
            }
        }
    }

    /**
     * The four pictures fit the window without scrolling and do not overlap; each pair meets back to back (R's right edge
     * at L's left edge), CC above or beside MLO as the layout says; each carries its marker at its outer side; and what
     * the window shows has each view's tissue toward the middle.
     */
    private static void assertHungMirrorWise(String layout, String as) throws IOException {
        Map<String, Object> page = map(browser.executeScript("""
                const box = e => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
                return { width: innerWidth, height: innerHeight,
                         scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight,
                         views: Object.fromEntries(Array.from(document.querySelectorAll('#views figure'), f =>
                           [f.dataset.view, { image: box(f.querySelector('img')), marker: box(f.querySelector('figcaption')),
                                              marked: f.querySelector('figcaption').textContent }])) };"""));
        double width = number(page.get("width"));
        double height = number(page.get("height"));
        assertThat(number(page.get("scrollWidth"))).as("no scrolling sideways, %s", as).isLessThanOrEqualTo(width);
        assertThat(number(page.get("scrollHeight"))).as("no scrolling down, %s", as).isLessThanOrEqualTo(height);
        Map<String, Rectangle2D> image = new LinkedHashMap<>();
        for (String v : HANGING) {
            Map<String, Object> view = map(map(page.get("views")).get(v));
            Rectangle2D box = rectangle(view.get("image"));
            image.put(v, box);
            assertThat(box.getWidth() * box.getHeight()).as("%s's share of the window, %s", v, as).isGreaterThan(0.06 * width * height);
            assertThat(new Rectangle2D.Double(0, 0, width, height).contains(box)).as("%s %s in the window, %s", v, box, as).isTrue();
            // the marker sits on the picture at its outer side, in the air beyond the nipple
            Rectangle2D marker = rectangle(view.get("marker"));
            assertThat(view.get("marked")).isEqualTo(v);
            assertThat(box.contains(marker)).as("%s's marker %s on its picture %s, %s", v, marker, box, as).isTrue();
            assertThat(marker.getCenterX() < box.getCenterX()).as("%s's marker at the outer side, %s", v, as).isEqualTo(v.startsWith("R"));
            // the pixels shown: a right view's tissue in its right half (toward the middle), a left view's in its left half
            double share = rightShare(png(browser.findElement(By.cssSelector("#views figure[data-view='" + v + "'] img"))
                    .getScreenshotAs(OutputType.BYTES)));
            assertThat(v.startsWith("R") ? share : 1 - share).as("%s: share of its brightness toward the middle, %s", v, as)
                    .isGreaterThan(0.7);
        }
        for (String a : HANGING) {
            for (String b : HANGING) {
                assertThat(!a.equals(b) && image.get(a).intersects(image.get(b))).as("%s and %s overlap, %s", a, b, as).isFalse();
            }
        }
        for (String view : List.of("CC", "MLO")) {
            Rectangle2D right = image.get("R-" + view);
            Rectangle2D left = image.get("L-" + view);
            assertThat(left.getMinX() - right.getMaxX()).as("between R-%s and L-%s, %s", view, view, as).isBetween(0.0, 0.01 * width);
            assertThat(left.getMinY()).as("L-%s level with R-%s, %s", view, view, as).isCloseTo(right.getMinY(), within(1.0));
        }
        if (layout.equals("cc-above-mlo")) {
            assertThat(image.get("R-MLO").getMinY()).as("MLO below CC, %s", as).isGreaterThanOrEqualTo(image.get("R-CC").getMaxY());
            assertThat(image.get("R-MLO").getMinX()).as("MLO below CC, %s", as).isLessThan(image.get("L-CC").getMinX());
        } else {
            assertThat(image.get("R-MLO").getMinX()).as("MLO beside CC, %s", as).isGreaterThan(image.get("L-CC").getMaxX());
            assertThat(image.get("R-MLO").getMinY()).as("MLO beside CC, %s", as).isCloseTo(image.get("R-CC").getMinY(), within(1.0));
        }
    }

    @Test
    void bothPagesAreDarkWithGreyTextAndPredictionBarsThatStandOut() throws Exception {
        signIn();
        wait.until(d -> worklistRows().size() == 3);
        assertDark("the worklist");
        BufferedImage shown = png(browser.getScreenshotAs(OutputType.BYTES));
        long white = 0;
        for (int y = 0; y < shown.getHeight(); y++) {
            for (int x = 0; x < shown.getWidth(); x++) {
                white += luminance(shown.getRGB(x, y)) > 0.8 ? 1 : 0;
            }
        }
        assertThat(white).as("bright pixels in the worklist").isLessThan(shown.getWidth() * shown.getHeight() / 1000);
        browser.get(running.base() + "/study?uid=" + SECOND);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#prediction .bar span")));
        assertDark("the study page");
    }

    /**
     * The page's ground is near-black, no element has a light background (but the prediction bars' segments), no text is
     * white, and each bar colour stands out from the bar's ground by at least WCAG's 3:1 for graphics.
     */
    private static void assertDark(String page) {
        Map<String, Object> colours = map(browser.executeScript("""
                const styles = Array.from(document.querySelectorAll('body, body *'), e => [e, getComputedStyle(e)]);
                return { body: getComputedStyle(document.body).backgroundColor,
                         grounds: styles.filter(([e, s]) => !e.matches('.bar span, .swatch') && s.backgroundColor !== 'rgba(0, 0, 0, 0)')
                                        .map(([e, s]) => e.tagName + '.' + e.className + ' ' + s.backgroundColor),
                         texts: styles.filter(([e]) => Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
                                      .map(([e, s]) => e.tagName + '.' + e.className + ' ' + s.color),
                         bars: Array.from(document.querySelectorAll('.bar'), b => [getComputedStyle(b).backgroundColor,
                                          ...Array.from(b.children, s => getComputedStyle(s).backgroundColor)]) };"""));
        assertThat(luminance(colour(String.valueOf(colours.get("body"))))).as("%s's ground", page).isLessThan(0.1);
        assertThat(strings(colours.get("grounds"))).as("%s: elements with a ground", page).isNotEmpty()
                .allSatisfy(g -> assertThat(luminance(colour(g))).as("%s: %s", page, g).isLessThan(0.1));
        assertThat(strings(colours.get("texts"))).as("%s: elements with text", page).isNotEmpty()
                .allSatisfy(t -> assertThat(luminance(colour(t))).as("%s: %s", page, t).isBetween(0.05, 0.7));
        List<List<String>> bars = lists(colours.get("bars"));
        assertThat(bars).as("%s's bars", page).anySatisfy(b -> assertThat(b).hasSize(4));
        for (List<String> b : bars) {
            double ground = luminance(colour(b.get(0)));
            for (String segment : b.subList(1, b.size())) {
                double l = luminance(colour(segment));
                assertThat((Math.max(l, ground) + 0.05) / (Math.min(l, ground) + 0.05)).as("%s: %s on %s", page, segment, b.get(0))
                        .isGreaterThanOrEqualTo(3.0);
            }
        }
    }

    @Test
    void keysStepThroughTheWorklistsStudiesToggleTheMapsAndGoBack() throws Exception {
        signIn();
        wait.until(d -> worklistRows().size() == 3);
        assertThat(browser.findElement(By.id("keys")).getText()).contains("select").contains("Enter");
        // the worklist: a selection moved with the arrows or j and k (no further than the last row), Enter opens it
        record Step(CharSequence key, String selected) {}
        for (Step step : List.of(new Step(Keys.ARROW_DOWN, FAILED), new Step(Keys.ARROW_DOWN, SECOND), new Step("j", FIRST),
                new Step("j", FIRST), new Step("k", SECOND))) {
            press(step.key());
            assertSelected(step.selected());
        }
        press(Keys.ENTER);
        awaitStudyPage(SECOND, FAILED, FIRST);
        assertThat(browser.findElement(By.id("keys")).getText()).contains("next study").contains("previous").contains("saliency").contains("Esc");
        JsonNode views = api("/api/studies/" + SECOND).path("views");
        press("s");
        assertThat(browser.findElement(By.id("saliency")).isSelected()).isFalse();
        assertLoaded(HANGING.stream().map(v -> views.path(v).path("image").asText()).toList());
        press("s");
        assertLoaded(HANGING.stream().map(v -> views.path(v).path("saliency").asText()).toList());
        // the study page: next is the one below in the worklist (older), previous the one above
        press("j");
        awaitStudyPage(FIRST, SECOND, null);
        press(Keys.ARROW_UP);
        awaitStudyPage(SECOND, FAILED, FIRST);
        press("k");
        awaitStudyPage(FAILED, null, SECOND);
        press(Keys.ARROW_DOWN);
        awaitStudyPage(SECOND, FAILED, FIRST);
        press(Keys.ESCAPE);
        wait.until(ExpectedConditions.urlToBe(running.base() + "/"));
        assertSelected(SECOND); // the study the reader came back from
        press("j");
        assertSelected(FIRST);
    }

    /** Presses a key with the focus where a page puts it, on the page itself. */
    private static void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    /** Waits until the worklist's one selected row is uid's (read in one script: the rows are redrawn every 5 s). */
    private static void assertSelected(String uid) {
        wait.until(d -> List.of(uid).equals(browser.executeScript(
                "return Array.from(document.querySelectorAll('#worklist tr.selected'), r => r.dataset.uid)")));
    }

    /** Waits for the study page of uid with its links to the previous and next studies (null: none that way). */
    private static void awaitStudyPage(String uid, String previous, String next) {
        wait.until(ExpectedConditions.urlToBe(running.base() + "/study?uid=" + uid));
        wait.until(d -> d.findElement(By.id("uid")).getText().equals(uid));
        Map<String, String> links = new LinkedHashMap<>();
        links.put("previous", previous);
        links.put("next", next);
        wait.until(d -> {
            for (Map.Entry<String, String> link : links.entrySet()) {
                String href = d.findElement(By.id(link.getKey())).getDomAttribute("href");
                if (!Objects.equals(href, link.getValue() == null ? null : "/study?uid=" + link.getValue())) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void aFailedStudysPageGivesTheReason() throws Exception {
        signIn();
        String reason = api("/api/studies/" + FAILED).path("reason").asText();
        assertThat(reason).endsWith("no usable DICOM image of view L-MLO"); // the three files sent lack it
        browser.get(running.base() + "/study?uid=" + FAILED);
        WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason")));
        assertThat(shown.getText()).isEqualTo("Failed: " + reason);
        assertThat(browser.findElements(By.cssSelector("#views img"))).isEmpty();
    }

    @Test
    void markupInEveryTextAttributeIsShownAsTextAndNeverRuns(@TempDir Path other) throws Exception {
        String uid = "1.2.826.0.1.3680043.10.1147.43";
        String accession = "<b id=pwn>x</b>"; // SH: 16 characters at most
        String name = "<img src=x onerror=\"window.__pwned=1\">";
        String id = "<script>window.__pwned=2</script>";
        String markup = "<svg onload=window.__pwned=3><iframe src=javascript:window.__pwned=4>";
        Map<String, String> attributes = Map.of("(0010,0010)", name, "(0010,0020)", id, "(0008,0050)", accession,
                "(0008,1030)", markup, "(0008,103e)", markup, "(0008,0080)", markup);
        List<Path> files = new ArrayList<>();
        for (Path f : TestDicom.sampleExam(other.resolve("plain"), s -> s.study(uid, "P", "A"))) {
            files.add(HostileDicom.modified(f, f.resolveSibling("hostile-" + f.getFileName()), attributes));
        }
        try (RunningNode showing = RunningNode.start(other, true)) {
            showing.store(files);
            assertThat(showing.awaitFinished(uid, Duration.ofMinutes(3)).state()).isEqualTo(StudyState.DONE);
            signIn(showing);
            wait.until(d -> !d.findElements(By.cssSelector("tr[data-uid='" + uid + "']")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("tr[data-uid='" + uid + "']")).getText()).contains(accession);
            assertNothingRan();
            browser.get(showing.base() + "/study?uid=" + uid);
            String meta = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("meta"))).getText();
            wait.until(d -> d.findElement(By.id("meta")).getText().contains("patient"));
            JsonNode patient = JSON.readTree(showing.get("/api/studies/" + uid, showing.token).body()).path("patient");
            assertThat(patient.path("name").asText()).startsWith("<img");
            assertThat(browser.findElement(By.id("meta")).getText()).as(meta).contains("accession " + accession)
                    .contains("patient " + patient.path("name").asText() + " (" + id + ")");
            assertNothingRan();
        }
    }

    /** No script the attributes carried ran, and no element they spelled exists. */
    private static void assertNothingRan() {
        Object state = browser.executeScript("""
                return { pwned: String(window.__pwned),
                         elements: document.querySelectorAll('#pwn, img[src="x"], svg, iframe').length,
                         scripts: Array.from(document.scripts).filter(s => s.textContent.includes('__pwned')).length };""");
        assertThat(state).isEqualTo(Map.of("pwned", "undefined", "elements", 0L, "scripts", 0L));
    }

    /**
     * Opens the link the node prints at start as a browser that has not been there: it keeps the token as a cookie and
     * lands on the bare address.
     */
    private static void signIn() {
        signIn(running);
    }

    private static void signIn(RunningNode node) {
        browser.manage().deleteAllCookies(); // with a valid cookie the node lets ?token= through as it is
        // what the pages remember (the layout, the study last opened) goes too: cleared on the node's open health
        // answer, same origin, before a page can read it
        browser.get(node.base() + "/api/health");
        browser.executeScript("localStorage.clear(); sessionStorage.clear()");
        browser.get(node.base() + "/?token=" + node.token);
        assertThat(browser.getCurrentUrl()).isEqualTo(node.base() + "/");
    }

    private static JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = running.get(path, running.token);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The worklist's rows read in one script, so a redraw cannot come between reading two cells. */
    private static List<Map<String, Object>> worklistRows() {
        return maps(browser.executeScript("""
                return Array.from(document.querySelectorAll('#worklist tbody tr'), tr => {
                  const bar = tr.querySelector('.bar');
                  return { uid: tr.dataset.uid, link: tr.querySelector('td.uid a').textContent,
                           accession: tr.cells[2].textContent, status: tr.querySelector('.status').textContent,
                           width: bar.getBoundingClientRect().width,
                           segments: Array.from(bar.children, s => ({ class: s.className, width: s.getBoundingClientRect().width,
                                                                     colour: getComputedStyle(s).backgroundColor })) };
                });"""));
    }

    /** Waits until the study page shows these pictures in the hanging order, then checks that each one decoded. */
    private static void assertLoaded(List<String> sources) {
        List<Map<String, Object>> figures = wait.until(d -> {
            List<Map<String, Object>> shown = maps(browser.executeScript("""
                    return Array.from(document.querySelectorAll('#views figure'), f => {
                      const img = f.querySelector('img');
                      return { view: f.dataset.view, caption: f.querySelector('figcaption').textContent,
                               src: img && img.getAttribute('src'), complete: !!img && img.complete, naturalWidth: img ? img.naturalWidth : 0 };
                    });"""));
            boolean ready = shown.stream().map(f -> f.get("src")).toList().equals(sources)
                    && shown.stream().allMatch(f -> Boolean.TRUE.equals(f.get("complete")));
            return ready ? shown : null;
        });
        assertThat(figures).extracting(f -> f.get("view")).containsExactlyElementsOf(HANGING);
        assertThat(figures).extracting(f -> f.get("caption")).containsExactlyElementsOf(HANGING);
        assertThat(figures).allSatisfy(f -> assertThat(number(f.get("naturalWidth"))).as("%s", f.get("src")).isPositive());
    }

    /** Saves what the browser shows as target/screenshots/NAME, and as docs/NAME when asked to (-Dmvdcn.docs=true). */
    private static void screenshot(String name) throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        List<Path> files = new ArrayList<>(List.of(Path.of("target", "screenshots", name)));
        if (Boolean.getBoolean("mvdcn.docs")) {
            files.add(Path.of(System.getProperty("mvdcn.root"), "docs", name));
        }
        for (Path file : files) {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        }
        BufferedImage image = png(png);
        assertThat(new int[] {image.getWidth(), image.getHeight()}).as(name).containsExactly(WIDTH, HEIGHT);
    }

    private static BufferedImage png(byte[] bytes) throws IOException {
        // the PNG reader itself, which refuses anything else (probing every reader wakes PixelMed's, which prints)
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    /** The share of a picture's brightness in its right half: the breast, brighter than the air beside it, lies on that side. */
    private static double rightShare(BufferedImage picture) {
        double left = 0;
        double right = 0;
        int half = picture.getWidth() / 2;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < half; x++) {
                left += luminance(picture.getRGB(x, y));
                right += luminance(picture.getRGB(picture.getWidth() - 1 - x, y));
            }
        }
        return right / (left + right);
    }

    /** WCAG's relative luminance of an sRGB colour: 0 black, 1 white. */
    private static double luminance(int rgb) {
        double l = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int c = 0; c < 3; c++) {
            double v = ((rgb >> (16 - 8 * c)) & 0xff) / 255.0;
            l += weights[c] * (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
        }
        return l;
    }

    /** The colour that ends a description such as "TD.uid rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)", as 0xRRGGBB. */
    private static int colour(String described) {
        Matcher m = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)(, [\\d.]+)?\\)$").matcher(described);
        assertThat(m.find()).as(described).isTrue();
        return Integer.parseInt(m.group(1)) << 16 | Integer.parseInt(m.group(2)) << 8 | Integer.parseInt(m.group(3));
    }

    private static Rectangle2D rectangle(Object fromScript) {
        Map<String, Object> r = map(fromScript);
        return new Rectangle2D.Double(number(r.get("x")), number(r.get("y")), number(r.get("w")), number(r.get("h")));
    }

    /** As JavaScript's toFixed(4) writes it: the double's exact value rounded half up. */
    private static String fourDecimals(JsonNode v) {
        return new BigDecimal(v.asDouble()).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> longs(Object fromScript) {
        return (List<Long>) fromScript;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object fromScript) {
        return (List<Map<String, Object>>) fromScript;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object fromScript) {
        return (Map<String, Object>) fromScript;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object fromScript) {
        return (List<String>) fromScript;
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> lists(Object fromScript) {
        return (List<List<String>>) fromScript;
    }

    /** Selenium hands a script's numbers back as Long when whole, Double otherwise. */
    private static double number(Object fromScript) {
        return ((Number) fromScript).doubleValue();
    }
}

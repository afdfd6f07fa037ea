package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.report.Report;
import io.topicnmf.report.Reports;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real browser: report.html and select-k.html written by the command line, opened
 * from disk in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium), then
 * clicked, typed into and checked against the reports. Every page load must log no console error
 * and make no network request (Chromium's performance log lists every request the page makes).
 *
 * <p>Skipped when /usr/bin/chromium or /usr/bin/chromedriver is missing, unless the system property
 * {@code topicnmf.requireBrowser} is true (.ci/run sets it after installing them), then it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlPagesBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final int K = 8;

  /** Selenium warns that it has no DevTools binding for this Chromium; the test does not use one. */
  private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

  @TempDir static Path tmp;
  private ChromeDriver driver;
  private Path fitOut;
  private Report report;

  @BeforeAll
  void startBrowser() throws IOException {
    CDP_LOG.setLevel(Level.SEVERE);
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && Boolean.getBoolean("topicnmf.requireBrowser")) {
      throw new IllegalStateException("topicnmf.requireBrowser is set but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    Assumptions.assumeTrue(present, "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    fitOut = tmp.resolve("fit");
    CliRun run = CliRun.of("fit", "corpora/sample", "-k", String.valueOf(K), "-o", fitOut.toString(),
        "--ldavis", fitOut.resolve("ldavis.json").toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    report = Reports.read(fitOut.resolve("report.json"));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1300,1000",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  void stopBrowser() {
    if (driver != null) driver.quit();
  }

  @Test
  void reportPageShowsTopicsFiltersSearchesAndRanksByLambda() throws IOException {
    Path page = fitOut.resolve("report.html");
    open(page);

    // One card per topic, one bar per listed term.
    List<WebElement> cards = driver.findElements(By.cssSelector(".topic-card"));
    assertEquals(K, cards.size());
    for (int t = 0; t < K; t++) {
      WebElement card = driver.findElement(By.id("topic-" + t));
      assertEquals(report.topics().get(t).terms().size(), card.findElements(By.cssSelector("rect.bar")).size());
      assertEquals(report.topics().get(t).terms().get(0).surface(), card.findElement(By.cssSelector("text.term")).getText());
      assertFalse(card.findElements(By.cssSelector(".reps .snippet")).isEmpty(), "topic " + t + " quotes its documents");
    }
    assertEquals(K, driver.findElements(By.cssSelector(".ldavis .map circle")).size());
    assertEquals(K, driver.findElements(By.cssSelector("table.heat tbody tr")).size());
    assertEquals(report.documents().size(), rowsOfAllPages().size());

    // Clicking a topic's name lists exactly the documents of its cluster.
    int topic = 3;
    driver.findElement(By.cssSelector("#topic-" + topic + " button.topic-name")).click();
    Set<String> expected = new TreeSet<>();
    report.documents().stream().filter(d -> d.cluster() != null && d.cluster() == topic).forEach(d -> expected.add(d.id()));
    assertEquals(report.topics().get(topic).documents(), expected.size());
    assertEquals(expected, new TreeSet<>(rowIds()));
    for (WebElement cell : driver.findElements(By.cssSelector("#doc-table tbody tr td:nth-child(3)"))) {
      assertEquals(String.valueOf(topic), cell.getText());
    }
    driver.findElement(By.id("doc-filter-clear")).click();
    assertEquals(Math.min(100, report.documents().size()), rowIds().size());

    // The search box finds a document by its id.
    String wanted = report.documents().get(report.documents().size() / 2).id();
    driver.findElement(By.id("doc-search")).sendKeys(wanted);
    assertEquals(List.of(wanted), rowIds());
    driver.findElement(By.id("doc-search")).clear();
    driver.findElement(By.id("doc-search")).sendKeys("no document has this id");
    assertEquals(List.of(), rowIds());

    // The λ slider reorders the selected topic's terms: by log lift at 0, by log probability at 1.
    driver.findElement(By.cssSelector(".ldavis .map g.topic-circle[data-topic='" + topic + "'] circle")).click();
    WebElement slider = driver.findElement(By.id("lambda"));
    slider.sendKeys(Keys.END);
    assertEquals("1.00", driver.findElement(By.id("lambda-value")).getText());
    List<String> atOne = ldavisTerms();
    slider.sendKeys(Keys.HOME);
    assertEquals("0.00", driver.findElement(By.id("lambda-value")).getText());
    List<String> atZero = ldavisTerms();
    assertNotEquals(atOne, atZero);
    Map<String, double[]> scores = ldavisScores(topic);
    assertNonIncreasing(atOne, scores, 0);
    assertNonIncreasing(atZero, scores, 1);

    assertQuiet(page);
  }

  @Test
  void documentTextCannotInjectMarkup() throws IOException {
    Path in = tmp.resolve("evil");
    String label = "<img src=x onerror=window.pwned=1>";
    String[] words = {"cat kitten whiskers purr meow feline", "car engine wheels brake tyre motor"};
    for (int f = 0; f < 2; f++) {
      Path folder = Files.createDirectories(in.resolve(f == 0 ? label : "plain"));
      for (int d = 0; d < 4; d++) {
        String text = "</script><script>window.pwned=2</script><b onmouseover=x>" + (words[f] + " ").repeat(5 + d);
        Files.writeString(folder.resolve("d" + d + ".txt"), text, StandardCharsets.UTF_8);
      }
    }
    Path out = tmp.resolve("evil-out");
    CliRun run = CliRun.of("fit", in.toString(), "-k", "2", "-o", out.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    String html = Files.readString(out.resolve("report.html"));
    assertFalse(html.contains("<script>window.pwned"), "the data holds the text only in escaped form");
    assertFalse(html.contains("<img src=x"), "the data holds the label only in escaped form");
    open(out.resolve("report.html"));
    assertEquals(null, ((JavascriptExecutor) driver).executeScript("return window.pwned === undefined ? null : window.pwned;"));
    assertTrue(driver.findElements(By.cssSelector("img")).isEmpty());
    String body = driver.findElement(By.tagName("body")).getText();
    assertTrue(body.contains(label), "the label is shown as text");
    assertTrue(body.contains("</script><script>window.pwned=2</script>"), "the snippet is shown as text");
    assertQuiet(out.resolve("report.html"));
  }

  @Test
  void selectKPageChartsTheMeasuresAndMarksTheRecommendedK() throws IOException {
    Path out = tmp.resolve("select-k");
    CliRun run = CliRun.of("select-k", "corpora/sample", "--k", "3,5,8", "--samples", "2", "-o", out.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    JsonNode json = Reports.mapper().readTree(out.resolve("select-k.json").toFile());
    int best = json.get("recommendedK").asInt();
    open(out.resolve("select-k.html"));
    List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
    assertEquals(List.of("stability", "npmi", "objective"), charts.stream().map(c -> c.getAttribute("data-name")).toList());
    for (WebElement chart : charts) {
      assertEquals(3, chart.findElements(By.cssSelector("circle.point")).size());
      assertEquals(1, chart.findElements(By.cssSelector("circle.recommended")).size());
      assertEquals(1, chart.findElements(By.cssSelector("line.marker")).size());
    }
    List<WebElement> rows = driver.findElements(By.cssSelector("#candidates tbody tr"));
    assertEquals(3, rows.size());
    List<WebElement> marked = driver.findElements(By.cssSelector("#candidates tbody tr.recommended"));
    assertEquals(1, marked.size());
    assertEquals(String.valueOf(best), marked.get(0).getAttribute("data-k"));
    assertQuiet(out.resolve("select-k.html"));
  }

  private void open(Path page) {
    driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
    driver.manage().logs().get(LogType.PERFORMANCE);
    driver.get(page.toUri().toString());
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
        "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
  }

  /** No console error, and no request but the page's own file. */
  private void assertQuiet(Path page) throws IOException {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) errors.add(e.getLevel() + " " + e.getMessage());
    }
    assertEquals(List.of(), errors, "console errors and warnings");
    // Every request of the page's document must be the page itself; no request anywhere may reach
    // the network. (The browser's own chrome:// pages, e.g. the new-tab page it starts with, are not
    // the page's.)
    String self = page.toUri().toString();
    List<String> requests = new ArrayList<>();
    int selfLoads = 0;
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = Reports.mapper().readTree(e.getMessage()).get("message");
      if (!message.get("method").asText().equals("Network.requestWillBeSent")) continue;
      JsonNode params = message.get("params");
      String url = params.get("request").get("url").asText();
      String document = params.path("documentURL").asText("");
      if (url.equals(self)) selfLoads++;
      else if (document.equals(self) || url.matches("(?i)(https?|wss?|ftp):.*")) requests.add(url + " (from " + document + ")");
    }
    assertEquals(1, selfLoads, "the performance log shows the page's own load");
    assertEquals(List.of(), requests, "requests beyond the page itself");
    Object resources = ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource').length;");
    assertEquals(0L, resources);
  }

  private List<String> rowIds() {
    return driver.findElements(By.cssSelector("#doc-table tbody tr")).stream().map(r -> r.getAttribute("data-id")).toList();
  }

  private List<String> rowsOfAllPages() {
    List<String> all = new ArrayList<>(rowIds());
    WebElement next = driver.findElement(By.id("doc-next"));
    while (next.isEnabled()) {
      next.click();
      all.addAll(rowIds());
    }
    while (driver.findElement(By.id("doc-prev")).isEnabled()) driver.findElement(By.id("doc-prev")).click();
    return all;
  }

  private List<String> ldavisTerms() {
    return driver.findElements(By.cssSelector("#ldavis-bars text.term")).stream().map(WebElement::getText).toList();
  }

  /** The LDAvis log probability and log lift of the terms of report topic {@code topic}, from --ldavis's file. */
  private Map<String, double[]> ldavisScores(int topic) throws IOException {
    JsonNode vis = Reports.mapper().readTree(fitOut.resolve("ldavis.json").toFile());
    JsonNode order = vis.get("topic.order");
    String category = null;
    for (int a = 0; a < order.size(); a++) if (order.get(a).asInt() == topic + 1) category = "Topic" + (a + 1);
    JsonNode ti = vis.get("tinfo");
    Map<String, double[]> out = new HashMap<>();
    for (int i = 0; i < ti.get("Term").size(); i++) {
      if (ti.get("Category").get(i).asText().equals(category)) {
        out.put(ti.get("Term").get(i).asText(), new double[] {ti.get("logprob").get(i).asDouble(), ti.get("loglift").get(i).asDouble()});
      }
    }
    return out;
  }

  private static void assertNonIncreasing(List<String> terms, Map<String, double[]> scores, int which) {
    assertFalse(terms.isEmpty());
    double previous = Double.POSITIVE_INFINITY;
    for (String t : terms) {
      assertTrue(scores.containsKey(t), t + " is one of the topic's LDAvis terms");
      double v = scores.get(t)[which];
      assertTrue(v <= previous + 1e-12, terms + " not ordered by " + (which == 0 ? "log probability" : "log lift"));
      previous = v;
    }
    // Every term left out scores no higher than the last one shown.
    double last = previous;
    scores.values().stream().map(s -> s[which]).sorted(Comparator.reverseOrder()).limit(terms.size())
        .forEach(v -> assertTrue(v >= last - 1e-12));
  }
}

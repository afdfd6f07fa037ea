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
      // Its automatic label names it, and C_V stands beside NPMI and UMass.
      String label = report.topics().get(t).label();
      assertTrue(label.contains(" / "), label);
      assertEquals("Topic " + t + " · " + label, card.findElement(By.cssSelector("button.topic-name")).getText());
      assertTrue(card.findElement(By.cssSelector(".meta")).getText().matches(".*NPMI -?[0-9.]+ · UMass -?[0-9.]+ · C_V [0-9.]+.*"),
          card.findElement(By.cssSelector(".meta")).getText());
    }
    assertTrue(driver.findElement(By.id("overview-cards")).getText().contains("mean C_V"));
    // Every link of the table of contents leads to a section; sections without data are left out.
    for (String anchor : List.of("overview", "topics", "map", "labels", "documents")) {
      WebElement link = driver.findElement(By.cssSelector("nav.toc a[href='#" + anchor + "']"));
      assertTrue(link.isDisplayed(), anchor);
      assertTrue(driver.findElement(By.id(anchor)).isDisplayed(), anchor);
    }
    for (String absent : List.of("timeline", "hierarchy")) {
      assertFalse(driver.findElement(By.cssSelector("nav.toc a[href='#" + absent + "']")).isDisplayed(), absent);
      assertFalse(driver.findElement(By.id(absent)).isDisplayed(), absent);
    }
    assertEquals("Topic 0 · " + report.topics().get(0).label(),
        driver.findElement(By.cssSelector("table.heat tbody tr[data-topic='0'] button.topic-name")).getText());
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
      assertEquals(String.valueOf(topic), cell.getAttribute("data-cluster"));
      assertEquals(topic + " " + report.topics().get(topic).label(), cell.getText());
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
    assertTrue(driver.findElement(By.cssSelector("#ldavis-bars svg > text")).getText()
        .contains("Topic " + topic + " · " + report.topics().get(topic).label()), "the bars name the topic by its label");
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
  void datedRecordsGiveATimelineChartAndMetadataColumns() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("dated"));
    List<Path> texts;
    try (var files = Files.walk(Path.of("corpora/sample"))) {
      texts = files.filter(Files::isRegularFile).sorted().toList();
    }
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      Map<String, String> record = new java.util.LinkedHashMap<>();
      record.put("id", "r" + i);
      record.put("text", Files.readString(texts.get(i)));
      // Every fifth record has no date; the others spread over five months (a week each).
      if (i % 5 != 4) record.put("date", java.time.LocalDate.of(2021, 1, 4).plusWeeks(i % 21).toString());
      record.put("author", "author " + (i % 3));
      jsonl.append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(record)).append('\n');
    }
    Files.writeString(in.resolve("records.jsonl"), jsonl);
    Path out = tmp.resolve("dated-out");
    int k = 5;
    CliRun run = CliRun.of("fit", in.toString(), "-k", String.valueOf(k), "--id-field", "id", "--date-field", "date",
        "-o", out.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    Report dated = Reports.read(out.resolve("report.json"));
    assertEquals("week", dated.timeline().period());
    open(out.resolve("report.html"));

    assertTrue(driver.findElement(By.cssSelector("nav.toc a[href='#timeline']")).isDisplayed());
    WebElement chart = driver.findElement(By.cssSelector("#timeline-chart svg.timeline"));
    assertEquals(k, chart.findElements(By.cssSelector("path.series")).size(), "one series per topic");
    assertEquals(dated.timeline().periods().size(), chart.findElements(By.cssSelector("rect.period-docs")).size());
    assertEquals(k, driver.findElements(By.cssSelector("#timeline-chart .legend button")).size());
    assertTrue(driver.findElement(By.id("timeline-note")).getText().contains(dated.timeline().documentsUndated() + " without a readable date"));

    // The metadata fields are columns (the id field is not one), sortable and searchable.
    List<String> headers = driver.findElements(By.cssSelector("#doc-table thead th")).stream().map(WebElement::getText).toList();
    assertEquals(List.of("Document", "Label", "Cluster", "Strength", "Topic mixture", "date", "author"), headers);
    WebElement first = driver.findElement(By.cssSelector("#doc-table tbody tr"));
    var doc = dated.documents().stream().filter(d -> d.id().equals(first.getAttribute("data-id"))).findFirst().orElseThrow();
    assertEquals(doc.metadata().getOrDefault("date", ""), first.findElement(By.cssSelector("td:nth-child(6)")).getText());
    assertEquals(doc.metadata().get("author"), first.findElement(By.cssSelector("td:nth-child(7)")).getText());
    driver.findElement(By.id("doc-search")).sendKeys("author 2");
    Set<String> byAuthor = new TreeSet<>();
    dated.documents().stream().filter(d -> "author 2".equals(d.metadata().get("author"))).forEach(d -> byAuthor.add(d.id()));
    assertEquals(byAuthor, new TreeSet<>(rowIds()));
    driver.findElement(By.id("doc-search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE); // fires 'input', unlike clear()
    assertEquals(Math.min(100, dated.documents().size()), rowIds().size());

    // A click on a band of the chart lists that topic's documents.
    // (dispatched on the element: the click point Selenium picks, its box's centre, may lie on another band)
    ((JavascriptExecutor) driver).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));",
        chart.findElement(By.cssSelector("path.series[data-topic='1']")));
    Set<String> inCluster = new TreeSet<>();
    dated.documents().stream().filter(d -> d.cluster() != null && d.cluster() == 1).forEach(d -> inCluster.add(d.id()));
    assertFalse(inCluster.isEmpty());
    assertEquals(inCluster, new TreeSet<>(rowIds()));
    assertQuiet(out.resolve("report.html"));
  }

  @Test
  void reducedModelShowsItsTopicHierarchy() throws IOException {
    Path out = tmp.resolve("reduced");
    int n = 5;
    CliRun run = CliRun.of("reduce", "--model", fitOut.resolve("model.json").toString(), "--topics", String.valueOf(n),
        "corpora/sample", "-o", out.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    Report reduced = Reports.read(out.resolve("report.json"));
    open(out.resolve("report.html"));
    assertTrue(driver.findElement(By.cssSelector("nav.toc a[href='#hierarchy']")).isDisplayed());
    WebElement tree = driver.findElement(By.cssSelector("#hierarchy-chart svg.dendrogram"));
    assertEquals(K - n, tree.findElements(By.cssSelector("path.link")).size(), "one link per merge");
    assertEquals(K, tree.findElements(By.cssSelector("text.leaf")).size(), "one leaf per topic of the fit");
    List<WebElement> roots = tree.findElements(By.cssSelector("text.root-label"));
    assertEquals(n, roots.size());
    for (WebElement r : roots) {
      int t = Integer.parseInt(r.getAttribute("data-topic"));
      assertEquals("Topic " + t + " · " + reduced.topics().get(t).label(), r.getText());
    }
    // The leaves under each topic are the fit's topics merged into it, and they sit next to each other.
    List<String> leafOrder = tree.findElements(By.cssSelector("text.leaf")).stream()
        .sorted(Comparator.comparingDouble(e -> Double.parseDouble(e.getAttribute("y"))))
        .map(WebElement::getText).toList();
    int at = 0;
    for (List<Integer> members : reduced.reduction().members()) {
      Set<String> expected = new TreeSet<>();
      members.forEach(m -> expected.add("fit topic " + m));
      assertEquals(expected, new TreeSet<>(leafOrder.subList(at, at + members.size())), leafOrder.toString());
      at += members.size();
    }
    assertEquals(K, at);
    assertFalse(driver.findElement(By.id("timeline")).isDisplayed());

    roots.get(1).click();
    Set<String> inCluster = new TreeSet<>();
    reduced.documents().stream().filter(d -> d.cluster() != null && d.cluster() == 1).forEach(d -> inCluster.add(d.id()));
    assertEquals(inCluster, new TreeSet<>(rowIds()));
    assertQuiet(out.resolve("report.html"));
  }

  @Test
  void aMergedClustersCardNamesTheTopicsItAbsorbed() throws IOException {
    Path in = ThemedCorpus.writeSplit(tmp);
    Path out = tmp.resolve("split-out");
    CliRun run = CliRun.of("fit", in.toString(), "-k", String.valueOf(ThemedCorpus.SPLIT_K), "-o", out.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    Report split = Reports.read(out.resolve("report.json"));
    open(out.resolve("report.html"));
    int merges = 0;
    for (io.topicnmf.model.Cluster c : split.clusters()) {
      WebElement card = driver.findElement(By.id("topic-" + c.topic()));
      List<WebElement> notes = card.findElements(By.cssSelector(".merged"));
      if (c.mergedTopics().isEmpty()) {
        // Either not merged at all, or absorbed: then it names the cluster it went into.
        io.topicnmf.model.Cluster into = split.clusters().stream()
            .filter(o -> o.mergedTopics().contains(c.topic())).findFirst().orElse(null);
        if (into == null) {
          assertTrue(notes.isEmpty(), "topic " + c.topic() + " was not merged");
        } else {
          assertEquals(1, notes.size());
          assertTrue(notes.get(0).getText().contains("merged into the cluster of " + name(split, into.topic())),
              notes.get(0).getText());
        }
        continue;
      }
      merges++;
      assertEquals(1, notes.size(), "topic " + c.topic() + "'s card says what its cluster absorbed");
      for (int u : c.mergedTopics()) {
        assertTrue(notes.get(0).getText().contains(name(split, u)), notes.get(0).getText());
      }
    }
    assertTrue(merges >= 1, "one theme is split across two topics whose clusters merge");
    assertQuiet(out.resolve("report.html"));
  }

  private static String name(Report r, int topic) {
    return "Topic " + topic + " · " + r.topics().get(topic).label();
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

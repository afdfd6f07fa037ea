package io.topicnmf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.Document;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.model.DocumentTopics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportPageTest {
  @Test
  void embeddedJsonCannotCloseTheScriptElement() throws IOException {
    String evil = "a</script><script>alert(1)</script> & <!-- \u2028 b";
    String json = HtmlPages.json(Map.of("text", evil));
    assertFalse(json.contains("<"), json);
    assertFalse(json.contains(">"), json);
    assertFalse(json.contains("&"), json);
    assertFalse(json.contains("\u2028"), json);
    assertEquals(evil, Reports.mapper().readTree(json).get("text").asText(), "the text survives the round trip");
  }

  @Test
  void pageInlinesEverythingAndReferencesNothingOutside() throws IOException {
    String page = HtmlPages.render("report.html", ReportPage.SCRIPTS, Map.of("x", "</script>"));
    assertFalse(page.contains("<!--topicnmf:"), "every marker is replaced");
    assertEquals(1, count(page, "<script type=\"application/json\" id=\"topicnmf-data\">"));
    assertTrue(page.contains("<style>") && page.contains("var TN = "), "style and scripts are inline");
    Matcher m = Pattern.compile("(?i)\\b(?:src|href|action)\\s*=\\s*[\"']?([^\"' >]*)").matcher(page);
    List<String> refs = new ArrayList<>();
    while (m.find()) refs.add(m.group(1));
    for (String r : refs) assertTrue(r.startsWith("#") || r.equals("data:,"), "reference " + r);
    assertFalse(page.matches("(?s).*(?:@import|url\\(|fetch\\(|XMLHttpRequest|\\bimport\\().*"), "no load by script or style");
    assertTrue(page.contains("default-src 'none'"), "the CSP forbids any request");
    String selectK = HtmlPages.render("select-k.html", List.of("select-k.js"), Map.of());
    assertFalse(selectK.contains("<!--topicnmf:"));
  }

  @Test
  void sampleKeepsAllUpToTheLimitThenEvenlySpacedOnes() {
    List<Integer> ten = IntStream.range(0, 10).boxed().toList();
    assertEquals(ten, ReportPage.sample(ten, 10));
    assertEquals(List.of(0, 2, 5, 7), ReportPage.sample(ten, 4));
    List<Integer> big = IntStream.range(0, 123_457).boxed().toList();
    List<Integer> s = ReportPage.sample(big, 50_000);
    assertEquals(50_000, s.size());
    assertEquals(0, s.get(0));
    for (int i = 1; i < s.size(); i++) assertTrue(s.get(i) > s.get(i - 1), "distinct, in order");
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentRowsKeepTheTopicsAboveOnePercentLargestFirst() {
    List<DocumentTopics> docs = List.of(
        new DocumentTopics("b/1.txt", "b", 2, 0.6, List.of(0.005, 0.3949, 0.6001), 2, null),
        new DocumentTopics("a/1.txt", "a", 0, 1.0, List.of(1.0, 0.0, 0.0), 0, null),
        new DocumentTopics("root.txt", null, null, 0, List.of(), null, "no terms after analysis"));
    Map<String, Object> d = ReportPage.documents(docs);
    assertEquals(List.of("a", "b"), d.get("labels"));
    assertEquals(3, d.get("total"));
    assertEquals(false, d.get("sampled"));
    List<List<Object>> rows = (List<List<Object>>) d.get("rows");
    assertEquals(Arrays.asList("b/1.txt", 1, 2, 0.6, List.of(2, 0.6, 1, 0.395)), rows.get(0));
    assertEquals(Arrays.asList("a/1.txt", 0, 0, 1.0, List.of(0, 1.0)), rows.get(1));
    assertEquals(Arrays.asList("root.txt", -1, null, 0.0, List.of()), rows.get(2));
  }

  @Test
  void snippetsCollapseWhiteSpaceAndCutAtAWord() {
    assertEquals("a b c", Snippets.of("  a\n\n b\t\tc  "));
    String longText = "word ".repeat(100);
    String s = Snippets.of(longText);
    assertTrue(s.endsWith("word…"), s);
    assertTrue(s.length() <= Snippets.MAX_CHARS + 1, s);
    assertEquals(Map.of("x", "hello world"), Snippets.of(
        List.of(new Document("x", null, "hello\nworld"), new Document("y", null, "other")), Set.of("x")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void mapDataUsesTheReportsTopicIds() {
    // Topic 1 holds most documents, so LDAvis numbers it first; the page must still call it 1.
    int n = 30;
    int m = 12;
    DenseMatrix h = new DenseMatrix(3, m);
    for (int t = 0; t < 3; t++) for (int j = 0; j < m; j++) h.set(t, j, j / 4 == t ? 1 + j : 0.01);
    DenseMatrix w = new DenseMatrix(n, 3);
    double[][] counts = new double[n][m];
    for (int i = 0; i < n; i++) {
      int t = i < 20 ? 1 : i % 2 == 0 ? 0 : 2;
      w.set(i, t, 1);
      for (int j = 4 * t; j < 4 * t + 4; j++) counts[i][j] = 2;
    }
    List<String> vocab = IntStream.range(0, m).mapToObj(j -> "w" + j).toList();
    LdaVis vis = LdaVis.of(w, h, CsrMatrix.fromDense(counts, m), vocab, 5);
    Map<String, Object> d = ReportPage.visData(vis);
    List<Map<String, Object>> topics = (List<Map<String, Object>>) d.get("topics");
    assertEquals(1, topics.get(0).get("id"));
    Map<Integer, List<List<Number>>> byTopic = (Map<Integer, List<List<Number>>>) d.get("byTopic");
    assertEquals(Set.of(0, 1, 2), byTopic.keySet());
    List<String> terms = (List<String>) d.get("terms");
    // The term of largest probability in topic 1 is w7 (H row 1 peaks at j = 7).
    List<Number> best = byTopic.get(1).stream().max((a, b) -> Double.compare(a.get(2).doubleValue(), b.get(2).doubleValue())).get();
    assertEquals("w7", terms.get(best.get(0).intValue()));
  }

  private static int count(String s, String what) {
    int c = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) c++;
    return c;
  }
}

package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which commands write report.html / select-k.html, what the page's data holds, and --no-html. */
class HtmlOutputCommandTest {
  @TempDir Path tmp;

  private static JsonNode pageData(Path page) throws IOException {
    Matcher m = Pattern.compile("(?s)<script type=\"application/json\" id=\"topicnmf-data\">(.*?)</script>")
        .matcher(Files.readString(page));
    assertTrue(m.find(), "the page embeds its data");
    return Reports.mapper().readTree(m.group(1));
  }

  @Test
  void fitAndApplyWriteThePageWithSnippetsAndNoHtmlSkipsIt() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("fit");
    CliRun fit = CliRun.of("fit", in.toString(), "-k", "3", "-o", out.toString(), "--quiet");
    assertEquals(0, fit.code(), fit.err());
    assertTrue(fit.err().contains("page: " + out.resolve("report.html")), fit.err());
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    JsonNode data = pageData(out.resolve("report.html"));
    assertEquals("fit", data.get("command").asText());
    assertEquals(3, data.get("topics").size());
    assertEquals(12, data.get("documents").get("rows").size());
    assertEquals(3, data.get("ldavis").get("topics").size());
    int quoted = 0;
    for (int t = 0; t < 3; t++) {
      JsonNode topic = data.get("topics").get(t);
      assertEquals(report.get("topics").get(t).get("documents").asInt(), topic.get("documents").asInt());
      JsonNode cluster = null;
      for (JsonNode c : report.get("clusters")) if (c.get("topic").asInt() == t) cluster = c;
      assertEquals(Math.min(5, cluster.get("documents").size()), topic.get("representatives").size());
      for (int i = 0; i < topic.get("representatives").size(); i++) {
        JsonNode rep = topic.get("representatives").get(i);
        assertEquals(cluster.get("documents").get(i).get("id").asText(), rep.get("id").asText());
        String text = Files.readString(in.resolve(rep.get("id").asText()));
        assertEquals(text.strip().substring(0, 20), rep.get("snippet").asText().substring(0, 20), "the snippet is the text's beginning");
        quoted++;
      }
    }
    assertTrue(quoted >= 5, "at least one cluster's first 5 documents are quoted");

    Path applied = tmp.resolve("apply");
    CliRun apply = CliRun.of("apply", "--model", out.resolve("model.json").toString(), in.toString(), "-o", applied.toString(), "--quiet");
    assertEquals(0, apply.code(), apply.err());
    JsonNode applyData = pageData(applied.resolve("report.html"));
    assertEquals("apply", applyData.get("command").asText());
    int snippets = 0;
    for (JsonNode topic : applyData.get("topics")) {
      for (JsonNode rep : topic.get("representatives")) if (rep.get("snippet").isTextual()) snippets++;
    }
    assertTrue(snippets >= 5, "apply quotes its documents too");

    Path none = tmp.resolve("none");
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "3", "-o", none.toString(), "--quiet", "--no-html").code());
    assertTrue(Files.exists(none.resolve("report.json")));
    assertFalse(Files.exists(none.resolve("report.html")));
    Path noneApplied = tmp.resolve("none-apply");
    assertEquals(0, CliRun.of("apply", "--model", out.resolve("model.json").toString(), in.toString(),
        "-o", noneApplied.toString(), "--quiet", "--no-html").code());
    assertFalse(Files.exists(noneApplied.resolve("report.html")));
  }

  @Test
  void selectKWritesItsPageFromSelectKJson() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("k");
    CliRun run = CliRun.of("select-k", in.toString(), "--k", "2,3,4", "--samples", "2", "-o", out.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    JsonNode json = Reports.mapper().readTree(out.resolve("select-k.json").toFile());
    JsonNode data = pageData(out.resolve("select-k.html"));
    assertEquals(json.get("recommendedK"), data.get("recommendedK"));
    assertEquals(json.get("candidates"), data.get("candidates"));
    Path none = tmp.resolve("k-none");
    assertEquals(0, CliRun.of("select-k", in.toString(), "--k", "2,3,4", "--samples", "2", "-o", none.toString(),
        "--quiet", "--no-html").code());
    assertTrue(Files.exists(none.resolve("select-k.json")));
    assertFalse(Files.exists(none.resolve("select-k.html")));
  }

  @Test
  void thePageNamesTheTopicsAMergedClusterAbsorbedAndWhereAnAbsorbedTopicWent() throws IOException {
    Path in = ThemedCorpus.writeSplit(tmp);
    Path out = tmp.resolve("split-fit");
    CliRun fit = CliRun.of("fit", in.toString(), "-k", String.valueOf(ThemedCorpus.SPLIT_K), "-o", out.toString(), "--quiet");
    assertEquals(0, fit.code(), fit.err());
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    JsonNode data = pageData(out.resolve("report.html"));
    java.util.Map<Integer, Integer> into = new java.util.HashMap<>();
    int merges = 0;
    for (JsonNode c : report.get("clusters")) {
      int t = c.get("topic").asInt();
      java.util.List<Integer> absorbed = new java.util.ArrayList<>();
      if (c.has("mergedTopics")) for (JsonNode u : c.get("mergedTopics")) absorbed.add(u.asInt());
      for (int u : absorbed) into.put(u, t);
      merges += absorbed.size();
      java.util.List<Integer> shown = new java.util.ArrayList<>();
      for (JsonNode u : data.get("topics").get(t).get("mergedTopics")) shown.add(u.asInt());
      assertEquals(absorbed, shown, "topic " + t);
    }
    assertTrue(merges >= 1, "one theme is split across two topics whose clusters merge");
    for (JsonNode topic : data.get("topics")) {
      int t = topic.get("id").asInt();
      if (into.containsKey(t)) assertEquals(into.get(t).intValue(), topic.get("mergedInto").asInt(), "topic " + t);
      else assertFalse(topic.hasNonNull("mergedInto"), "topic " + t + " was not absorbed");
    }
  }
}

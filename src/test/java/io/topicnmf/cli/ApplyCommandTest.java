package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {
  @TempDir Path tmp;

  private Path corpus() throws IOException {
    return ThemedCorpus.write(tmp);
  }

  @Test
  void fitThenApplyWritesAnApplyReportWithTheSameWeights() throws IOException {
    Path in = corpus();
    Path fitOut = tmp.resolve("fit");
    CliRun fit = CliRun.of("fit", in.toString(), "-k", "3", "-o", fitOut.toString(), "--quiet",
        "--ldavis", tmp.resolve("vis/ldavis.json").toString());
    assertEquals(0, fit.code(), fit.err());
    assertTrue(Files.isRegularFile(fitOut.resolve("model.json")));
    assertTrue(Files.isRegularFile(tmp.resolve("vis/ldavis.json")));

    Path newDocs = Files.createDirectories(tmp.resolve("new"));
    Files.writeString(newDocs.resolve("a.txt"), "kitten purr whiskers cat");
    Files.writeString(newDocs.resolve("b.txt"), "zeppelin marmalade");
    Path out = tmp.resolve("applied");
    CliRun r = CliRun.of("apply", "--model", fitOut.resolve("model.json").toString(), newDocs.toString(),
        "-o", out.toString(), "--threads", "1");
    assertEquals(0, r.code(), r.err());
    JsonNode rep = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals("apply", rep.get("command").asText());
    assertEquals("topicnmf-report/1", rep.get("format").asText());
    assertEquals(3, rep.get("topics").size());
    JsonNode docs = rep.get("documents");
    assertEquals(2, docs.size());
    assertEquals("no known terms", docs.get(1).get("note").asText());
    assertTrue(docs.get(0).get("note").isNull());
    assertTrue(r.err().contains("1 without a topic"), r.err());

    // Applying to the training folder gives the fit's weights back.
    CliRun again = CliRun.of("apply", "-m", fitOut.resolve("model.json").toString(), in.toString(),
        "-o", tmp.resolve("again").toString(), "-q");
    assertEquals(0, again.code(), again.err());
    JsonNode a = Reports.mapper().readTree(fitOut.resolve("report.json").toFile()).get("documents");
    JsonNode b = Reports.mapper().readTree(tmp.resolve("again/report.json").toFile()).get("documents");
    for (int i = 0; i < a.size(); i++) {
      for (int t = 0; t < 3; t++) {
        double x = a.get(i).get("weights").get(t).asDouble();
        double y = b.get(i).get("weights").get(t).asDouble();
        assertEquals(x, y, 1e-3 * Math.max(x, 1e-3), a.get(i).get("id").asText());
      }
    }
  }

  @Test
  void badOrMissingModelIsAUsageError() throws IOException {
    Path in = corpus();
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{ not json");
    CliRun r = CliRun.of("apply", "--model", bad.toString(), in.toString(), "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--model") && r.err().contains("not a topicnmf model"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());

    r = CliRun.of("apply", "--model", tmp.resolve("missing.json").toString(), in.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no such file"), r.err());

    r = CliRun.of("apply", in.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--model"), r.err());
  }
  @Test
  void applyToAnotherFolderShowsTheModelsOwnTopTerms() throws IOException {
    Path in = corpus();
    Path fitOut = tmp.resolve("fit2");
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "3", "-o", fitOut.toString(), "-q").code());
    // a new folder with only one of the three themes: word frequencies differ from the training set
    Path other = Files.createDirectories(tmp.resolve("other").resolve("cats"));
    Files.writeString(other.resolve("n.txt"), "cat cat cat kitten purr whiskers fur");
    Path applyOut = tmp.resolve("apply2");
    CliRun r = CliRun.of("apply", "--model", fitOut.resolve("model.json").toString(),
        tmp.resolve("other").toString(), "-o", applyOut.toString(), "-q");
    assertEquals(0, r.code(), r.err());
    JsonNode fitTopics = Reports.mapper().readTree(fitOut.resolve("report.json").toFile()).get("topics");
    JsonNode applyTopics = Reports.mapper().readTree(applyOut.resolve("report.json").toFile()).get("topics");
    for (int t = 0; t < 3; t++) {
      JsonNode a = fitTopics.get(t).get("terms");
      JsonNode b = applyTopics.get(t).get("terms");
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.get(i).get("term").asText(), b.get(i).get("term").asText(), "topic " + t + " rank " + i);
      }
    }
  }
}

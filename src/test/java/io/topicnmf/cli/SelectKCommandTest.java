package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.options.InvalidOptionException;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectKCommandTest {
  @TempDir Path tmp;

  @Test
  @Tag("slow")
  void recommendsTheNumberOfFoldersOfTheSampleCorpus() throws IOException {
    Path out = tmp.resolve("out");
    CliRun r = CliRun.of("select-k", Path.of("corpora", "sample").toString(), "--k", "6,8,10,12,14",
        "-o", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("recommended k: 10"), r.out());
    JsonNode j = Reports.mapper().readTree(out.resolve("select-k.json").toFile());
    assertEquals("topicnmf-select-k/1", j.get("format").asText());
    assertEquals(10, j.get("recommendedK").asInt());
    assertEquals(5, j.get("candidates").size());
    for (JsonNode c : j.get("candidates")) {
      double s = c.get("stability").asDouble();
      assertTrue(s > 0 && s <= 1, c.toString());
      assertTrue(c.get("stabilityMin").asDouble() <= s, c.toString());
      assertTrue(c.get("meanNpmi").asDouble() > 0, c.toString());
      double ari = c.get("clusterStability").asDouble();
      assertTrue(ari > 0 && ari <= 1 && c.get("clusterStabilityMin").asDouble() <= ari, c.toString());
      assertTrue(c.get("meanCv").asDouble() > 0 && c.get("meanUmass").asDouble() < 0, c.toString());
    }
    // 10 is inside the range: no note.
    assertTrue(j.get("note").isNull(), j.toString());
    // The sample corpus's 10 folders are the most stable structure.
    JsonNode ten = j.get("candidates").get(2);
    assertEquals(10, ten.get("k").asInt());
    for (JsonNode c : j.get("candidates")) {
      assertTrue(ten.get("stability").asDouble() >= c.get("stability").asDouble(), c.toString());
    }
  }

  @Test
  void measuresEachKAsFitDoesAndAcceptsShortK() throws IOException {
    // -k as well as --k; the row of k = 4 shows what fit -k 4 reports (same loss, final W, ranking).
    CliRun sk = CliRun.of("select-k", Path.of("corpora", "sample").toString(), "-k", "3,4", "--samples", "1",
        "-o", tmp.resolve("sk").toString(), "--quiet");
    assertEquals(0, sk.code(), sk.err());
    CliRun fit = CliRun.of("fit", Path.of("corpora", "sample").toString(), "-k", "4",
        "-o", tmp.resolve("fit").toString(), "--quiet");
    assertEquals(0, fit.code(), fit.err());
    JsonNode row = Reports.mapper().readTree(tmp.resolve("sk/select-k.json").toFile()).get("candidates").get(1);
    JsonNode report = Reports.mapper().readTree(tmp.resolve("fit/report.json").toFile());
    assertEquals(4, row.get("k").asInt());
    assertEquals("kl", report.get("fit").get("loss").asText().toLowerCase(java.util.Locale.ROOT));
    JsonNode q = report.get("quality");
    assertEquals(q.get("meanNpmi").asDouble(), row.get("meanNpmi").asDouble(), 1e-12);
    assertEquals(q.get("meanUmass").asDouble(), row.get("meanUmass").asDouble(), 1e-12);
    assertEquals(q.get("meanCv").asDouble(), row.get("meanCv").asDouble(), 1e-12);
    assertEquals(q.get("diversity").asDouble(), row.get("diversity").asDouble(), 1e-12);
    assertEquals(report.get("fit").get("objective").asDouble(), row.get("objective").asDouble(),
        1e-9 * Math.abs(row.get("objective").asDouble()));
  }

  @Test
  void saysWhenTheRecommendationIsAnEndOfTheRange() throws IOException {
    // The sample corpus has 10 folders; with 10 the largest candidate, it is recommended and flagged.
    Path out = tmp.resolve("edge");
    CliRun r = CliRun.of("select-k", Path.of("corpora", "sample").toString(), "-k", "6,8,10", "--samples", "2",
        "-o", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("recommended k: 10"), r.out());
    assertTrue(r.out().contains("note: k = 10 is the largest candidate") && r.out().contains("-k 10:20"), r.out());
    JsonNode j = Reports.mapper().readTree(out.resolve("select-k.json").toFile());
    assertTrue(j.get("note").asText().contains("widen the range upwards"), j.toString());
  }

  @Test
  void sameResultWhateverTheThreads() throws IOException {
    CliRun a = CliRun.of("select-k", Path.of("corpora", "sample").toString(), "--k", "3,5", "--samples", "2",
        "-o", tmp.resolve("a").toString(), "--quiet", "--threads", "1");
    CliRun b = CliRun.of("select-k", Path.of("corpora", "sample").toString(), "--k", "3,5", "--samples", "2",
        "-o", tmp.resolve("b").toString(), "--quiet", "--threads", "3");
    assertEquals(0, a.code(), a.err());
    JsonNode ja = Reports.mapper().readTree(tmp.resolve("a/select-k.json").toFile()).get("candidates");
    JsonNode jb = Reports.mapper().readTree(tmp.resolve("b/select-k.json").toFile()).get("candidates");
    for (int i = 0; i < 2; i++) {
      for (String f : List.of("stability", "clusterStability", "meanNpmi", "meanCv", "objective", "iterations")) {
        assertEquals(ja.get(i).get(f), jb.get(i).get(f), f);
      }
    }
  }

  @Test
  void theDefaultRangeIsCutToWhatASmallCorpusAllows() throws IOException {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("small"));
    for (int i = 0; i < 6; i++) {
      java.nio.file.Files.writeString(dir.resolve("a" + i + ".txt"), "cats dogs pets vets food animals");
      java.nio.file.Files.writeString(dir.resolve("b" + i + ".txt"), "stocks bank money shares market trade");
    }
    Path out = tmp.resolve("small-out");
    CliRun r = CliRun.of("select-k", dir.toString(), "-o", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    // 12 documents: subsamples of 0.8 hold 10, so k runs 2..10 of the default 2:20.
    assertTrue(r.err().contains("the corpus supports at most k = 10")
        && r.err().contains("cut to [2, 3, 4, 5, 6, 7, 8, 9, 10]"), r.err());
    var json = io.topicnmf.report.Reports.mapper().readTree(out.resolve("select-k.json").toFile());
    assertEquals(9, json.get("parameters").get("k").size());

    CliRun asked = CliRun.of("select-k", dir.toString(), "--k", "2:20", "-o", tmp.resolve("asked").toString(), "--quiet");
    assertEquals(2, asked.code(), asked.err());
    assertTrue(asked.err().contains("--k 20 is larger than the 10 usable documents"), asked.err());
  }

  @Test
  void parsesRangesAndLists() {
    assertEquals(List.of(4, 8, 12), SelectKCommand.parseKs("4:12:4"));
    assertEquals(List.of(4, 8, 12), SelectKCommand.parseKs("4:13:4"));
    assertEquals(List.of(2, 3, 4), SelectKCommand.parseKs("2:4"));
    assertEquals(List.of(5, 10, 20), SelectKCommand.parseKs("20, 5,10"));
    assertEquals(List.of(7), SelectKCommand.parseKs("7"));
    for (String bad : List.of("0:4", "5:2", "2:8:0", "a,b", "3,3", "1:2:3:4", "")) {
      InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> SelectKCommand.parseKs(bad), bad);
      assertEquals("k", e.parameter());
      assertTrue(e.getMessage().startsWith("k '"), e.getMessage());
      assertTrue(e.message(Errors::flag).startsWith("--k '" + bad + "'"), e.message(Errors::flag));
    }
  }

  @Test
  void badFlagsAreUsageErrors() {
    CliRun r = CliRun.of("select-k", "corpora/sample", "--k", "5:2");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--k '5:2'"), r.err());
    r = CliRun.of("select-k", "corpora/sample", "--samples", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--samples 0"), r.err());
    r = CliRun.of("select-k", "corpora/sample", "--k", "100", "-o", tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("choose k <="), r.err());
  }
}

package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
    }
    // The sample corpus's 10 folders are the most stable structure.
    JsonNode ten = j.get("candidates").get(2);
    assertEquals(10, ten.get("k").asInt());
    for (JsonNode c : j.get("candidates")) {
      assertTrue(ten.get("stability").asDouble() >= c.get("stability").asDouble(), c.toString());
    }
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
      for (String f : List.of("stability", "meanNpmi", "objective", "iterations")) {
        assertEquals(ja.get(i).get(f), jb.get(i).get(f), f);
      }
    }
  }

  @Test
  void parsesRangesAndLists() {
    assertEquals(List.of(4, 8, 12), SelectKCommand.parseKs("4:12:4"));
    assertEquals(List.of(4, 8, 12), SelectKCommand.parseKs("4:13:4"));
    assertEquals(List.of(2, 3, 4), SelectKCommand.parseKs("2:4"));
    assertEquals(List.of(5, 10, 20), SelectKCommand.parseKs("20, 5,10"));
    assertEquals(List.of(7), SelectKCommand.parseKs("7"));
    for (String bad : List.of("0:4", "5:2", "2:8:0", "a,b", "3,3", "1:2:3:4", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SelectKCommand.parseKs(bad), bad);
      assertTrue(e.getMessage().startsWith("--k"), e.getMessage());
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

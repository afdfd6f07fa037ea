package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The defaults of {@code fit} chosen by measurement, and the flags that change them. */
class FitDefaultsTest {
  @TempDir Path tmp;

  private Path corpus() throws IOException {
    String[][] themes = {
      {"cats", "cats kitten whiskers purr meow feline fur paws litter"},
      {"cars", "cars engine wheels brakes tyre motor garage fuel driver"},
      {"rain", "rain clouds storm thunder umbrella weather drizzle forecast wind"},
    };
    for (String[] t : themes) {
      Path dir = Files.createDirectories(tmp.resolve("in").resolve(t[0]));
      String[] w = t[1].split(" ");
      for (int d = 0; d < 4; d++) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) b.append(w[(i * (d + 1) + d) % w.length]).append(' ');
        Files.writeString(dir.resolve("d" + d + ".txt"), b.toString(), StandardCharsets.UTF_8);
      }
    }
    return tmp.resolve("in");
  }

  private JsonNode fit(String... extra) throws IOException {
    Path out = tmp.resolve("out" + extra.length + String.join("", extra).hashCode());
    String[] args = new String[6 + extra.length];
    String[] base = {"fit", corpus().toString(), "-k", "3", "-o", out.toString()};
    System.arraycopy(base, 0, args, 0, 6);
    System.arraycopy(extra, 0, args, 6, extra.length);
    CliRun r = CliRun.of(args);
    assertEquals(0, r.code(), r.err());
    return Reports.mapper().readTree(out.resolve("report.json").toFile());
  }

  @Test
  void noFlagMeansKlOnTfidfLightStemmingAndRelevanceAuto() throws IOException {
    JsonNode p = fit("--quiet").get("parameters");
    assertEquals("kl", p.get("nmf").get("loss").asText());
    assertEquals("tfidf", p.get("weighting").get("weighting").asText());
    assertFalse(p.get("weighting").get("sublinearTf").asBoolean());
    assertEquals("smooth", p.get("weighting").get("idf").asText());
    assertEquals("l2", p.get("weighting").get("norm").asText());
    assertEquals("light", p.get("analysis").get("stem").asText());
    assertEquals("auto", p.get("relevance").asText());
  }

  @Test
  void relevanceTakesAutoOrANumberAndNamesTheFlagOtherwise() throws IOException {
    assertEquals(0.4, fit("--quiet", "--relevance", "0.4").get("parameters").get("relevance").asDouble());
    CliRun r = CliRun.of("fit", corpus().toString(), "-k", "2", "--relevance", "best", "--quiet",
        "-o", tmp.resolve("bad").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--relevance best"), r.err());
  }

  @Test
  void stemmingMergesPluralsButShowsTheWrittenForm() throws IOException {
    JsonNode rep = fit("--quiet");
    boolean found = false;
    for (JsonNode t : rep.get("topics")) {
      for (JsonNode tw : t.get("terms")) {
        if (tw.get("surface").asText().equals("cats")) {
          assertEquals("cat", tw.get("term").asText());
          found = true;
        }
      }
    }
    assertTrue(found, rep.get("topics").toString());
  }

  @Test
  void flagsOverrideEachDefault() throws IOException {
    JsonNode p = fit("--quiet", "--loss", "frobenius", "--stem", "none", "--relevance", "1").get("parameters");
    assertEquals("frobenius", p.get("nmf").get("loss").asText());
    assertEquals("none", p.get("analysis").get("stem").asText());
    assertEquals(1.0, p.get("relevance").asDouble());
    assertEquals("frobenius", fit("--quiet", "--solver", "hals").get("parameters").get("nmf").get("loss").asText(),
        "hals alone implies the Frobenius loss");
    assertTrue(fit("--quiet", "--sublinear-tf").get("parameters").get("weighting").get("sublinearTf").asBoolean());
    assertFalse(fit("--quiet", "--no-sublinear-tf").get("parameters").get("weighting").get("sublinearTf").asBoolean());
    assertEquals("tf", fit("--quiet", "--weighting", "tf").get("parameters").get("weighting").get("weighting").asText());
    assertEquals("tf", fit("--quiet", "--weighting", "tf", "--idf", "plain").get("parameters").get("weighting")
        .get("weighting").asText(), "an explicit --weighting wins over the idf flag's hint");
    assertEquals("none", fit("--quiet", "--language", "standard").get("parameters").get("analysis").get("stem").asText(),
        "the language-neutral analysis has no stemmer, so it defaults to none");
  }

  @Test
  void everyListedTermHasWeightInItsTopicWhateverTheRelevance() throws IOException {
    // The ranking runs over the least-squares term weights, not over the reported weights of H
    // (TermRankingTest checks the order); here: every listed term has weight in its topic and
    // is listed once, whatever λ is.
    for (String lambda : new String[] {"0", "1"}) {
      for (JsonNode t : fit("--quiet", "--relevance", lambda).get("topics")) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode tw : t.get("terms")) {
          assertTrue(tw.get("weight").asDouble() > 0, t.toString());
          assertTrue(seen.add(tw.get("term").asText()), t.toString());
        }
        assertFalse(seen.isEmpty(), t.toString());
      }
    }
  }

  @Test
  void relevanceOutsideZeroOneIsAUsageError() throws IOException {
    CliRun r = CliRun.of("fit", corpus().toString(), "-k", "3", "-o", tmp.resolve("o").toString(), "--relevance", "1.5");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--relevance 1.5") && r.err().contains("[0, 1]"), r.err());
  }
}

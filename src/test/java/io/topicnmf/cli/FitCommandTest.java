package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {
  @TempDir Path tmp;

  /** Eight short German news texts in {@code tmp/name}. */
  private Path germanFolder(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    String[] texts = {
      "Der Rat hat gesagt, dass er die Zinsen zum ersten Mal seit zehn Jahren erhöhen wird.",
      "Die Mannschaft hat das Spiel in der letzten Minute gewonnen, und die Fans waren begeistert.",
      "Das neue Telefon hat eine bessere Kamera, aber der Akku hält nicht so lange wie vorher.",
      "Die Regierung will die Steuern senken, doch die Opposition ist gegen den Plan des Ministers.",
    };
    for (int i = 0; i < 8; i++) {
      Files.writeString(dir.resolve("d" + i + ".txt"), texts[i % 4] + " " + texts[(i + 1) % 4]);
    }
    return dir;
  }

  /** Three small themed folders, enough for k = 3. */
  private Path corpus() throws IOException {
    return ThemedCorpus.write(tmp);
  }

  @Test
  void fitWritesReportAndSummary() throws IOException {
    Path out = tmp.resolve("out");
    CliRun r = CliRun.of("fit", corpus().toString(), "-k", "3", "-o", out.toString(), "--threads", "1");
    assertEquals(0, r.code(), r.err());
    JsonNode rep = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals("topicnmf-report/1", rep.get("format").asText());
    assertEquals(3, rep.get("topics").size());
    assertEquals(12, rep.get("documents").size());
    assertTrue(r.err().contains("3 topics from 12 documents"), r.err());
    assertTrue(r.out().contains("topic  0"), r.out());
    try (var files = Files.list(out)) {
      assertEquals(List.of(".topicnmf.lock", "doc-topics.tsv", "model.json", "report.html", "report.json", "topic-keys.tsv"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "report.json, model.json, report.html, the flat tables and the lock, no temporary file left next to them");
    }
  }

  @Test
  void clustersFlagChoosesHowDocumentsJoinTopicsAndIsReported() throws IOException {
    Path out = tmp.resolve("clusters");
    CliRun r = CliRun.of("fit", corpus().toString(), "-k", "3", "-o", out.toString(), "--quiet",
        "--clusters", "dominant");
    assertEquals(0, r.code(), r.err());
    JsonNode rep = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals("dominant", rep.get("parameters").get("clusters").asText());
    for (JsonNode d : rep.get("documents")) assertEquals(d.get("dominantTopic"), d.get("cluster"));
    assertFalse(Files.readString(out.resolve("model.json")).contains("\"centroids\""));

    CliRun def = CliRun.of("fit", corpus().toString(), "-k", "3", "-o", tmp.resolve("clusters-default").toString(), "--quiet");
    assertEquals(0, def.code(), def.err());
    JsonNode rd = Reports.mapper().readTree(tmp.resolve("clusters-default/report.json").toFile());
    assertEquals("kmeans", rd.get("parameters").get("clusters").asText());
    assertTrue(Files.readString(tmp.resolve("clusters-default/model.json")).contains("\"centroids\""));

    CliRun bad = CliRun.of("fit", corpus().toString(), "-k", "3", "-o", tmp.resolve("clusters-bad").toString(),
        "--clusters", "hierarchical");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("--clusters"), bad.err());
  }

  @Test
  void quietPrintsOnlyTheSummaryLine() throws IOException {
    CliRun r = CliRun.of("fit", corpus().toString(), "-k", "3", "-o", tmp.resolve("q").toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void textInAnotherLanguageIsFlaggedInTheReportAndTheSummary() throws IOException {
    Path dir = germanFolder("deutsch");
    Path out = tmp.resolve("de-out");
    CliRun r = CliRun.of("fit", dir.toString(), "-k", "2", "-o", out.toString(), "--quiet", "--min-df", "1");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("warning: the text reads like 'de'") && r.err().contains("try --language de"), r.err());
    JsonNode lang = Reports.mapper().readTree(out.resolve("report.json").toFile()).get("corpus").get("language");
    assertEquals("en", lang.get("configured").asText());
    assertEquals("de", lang.get("detected").asText());
    assertTrue(lang.get("mismatch").asBoolean());
    CliRun ok = CliRun.of("fit", dir.toString(), "-k", "2", "-o", tmp.resolve("de-ok").toString(), "--quiet",
        "--min-df", "1", "--language", "de");
    assertEquals(0, ok.code(), ok.err());
    assertFalse(ok.err().contains("warning"), ok.err());
  }

  @Test
  void languageAutoAnalysesTheTextInTheLanguageItIsIn() throws IOException {
    Path dir = germanFolder("auto-de");
    Path out = tmp.resolve("auto-out");
    CliRun r = CliRun.of("fit", dir.toString(), "-k", "2", "-o", out.toString(), "--quiet", "--min-df", "1",
        "--language", "auto");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("warning"), r.err());
    JsonNode rep = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals("de", rep.get("parameters").get("analysis").get("language").asText());
    assertEquals("none", rep.get("parameters").get("analysis").get("stem").asText(), "German's default stemmer");
    JsonNode lang = rep.get("corpus").get("language");
    assertEquals("de", lang.get("configured").asText());
    assertTrue(lang.get("automatic").asBoolean());
    assertFalse(lang.get("mismatch").asBoolean());
    // German stop words are gone from the vocabulary, and the saved model analyses as German.
    for (JsonNode t : rep.get("topics")) {
      for (JsonNode term : t.get("terms")) {
        assertFalse(java.util.Set.of("der", "die", "das", "und", "hat").contains(term.get("term").asText()), t.toString());
      }
    }
    JsonNode model = Reports.mapper().readTree(out.resolve("model.json").toFile());
    assertTrue(model.toString().contains("\"language\":\"de\""), "model.json keeps the language used");

    // A --stem given with auto is kept; English text stays English with its light stemming.
    CliRun kept = CliRun.of("fit", dir.toString(), "-k", "2", "-o", tmp.resolve("auto-kept").toString(), "--quiet",
        "--min-df", "1", "--language", "auto", "--stem", "snowball");
    assertEquals(0, kept.code(), kept.err());
    assertEquals("snowball", Reports.mapper().readTree(tmp.resolve("auto-kept").resolve("report.json").toFile())
        .get("parameters").get("analysis").get("stem").asText());
    Path en = tmp.resolve("auto-en");
    CliRun english = CliRun.of("fit", corpus().toString(), "-k", "3", "-o", en.toString(), "--quiet", "--language", "auto");
    assertEquals(0, english.code(), english.err());
    JsonNode enRep = Reports.mapper().readTree(en.resolve("report.json").toFile());
    assertEquals("en", enRep.get("parameters").get("analysis").get("language").asText());
    assertEquals("light", enRep.get("parameters").get("analysis").get("stem").asText());
  }

  @Test
  void aCorpusTooSmallForTheDefaultKGetsAsManyTopicsAsItAllows() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("small"));
    String[] texts = {"cats dogs pets", "cats dogs vets", "stocks bank money", "stocks bank shares"};
    for (int i = 0; i < texts.length; i++) {
      Files.writeString(dir.resolve("d" + i + ".txt"), texts[i]);
    }
    Path out = tmp.resolve("small-out");
    CliRun r = CliRun.of("fit", dir.toString(), "-o", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    // min-df 2 keeps cats, dogs, stocks, bank: 4 documents and 4 terms allow at most 4 topics.
    assertTrue(r.err().contains("4 topics from 4 documents")
        && r.err().contains("note: the corpus supports at most 4 topics, so 4 were fitted instead of the default 10"), r.err());
    JsonNode rep = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals(4, rep.get("topics").size());
    assertEquals(4, rep.get("parameters").get("k").asInt());

    CliRun asked = CliRun.of("fit", dir.toString(), "-k", "10", "-o", tmp.resolve("asked").toString(), "--quiet");
    assertEquals(2, asked.code(), asked.err());
    assertTrue(asked.err().contains("-k/--topics 10 is larger than the 4 usable documents and 4 terms")
        && asked.err().contains("choose k <= 4"), asked.err());
  }

  @Test
  void missingFolderIsExit2WithItsName() {
    CliRun r = CliRun.of("fit", tmp.resolve("nope").toString(), "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("nope") && r.err().contains("no such file or folder"), r.err());
    assertFalse(r.err().contains("Exception"), "no stack trace for a user's mistake: " + r.err());
  }

  @Test
  void kLargerThanDocumentsIsAUsageError() throws IOException {
    CliRun r = CliRun.of("fit", corpus().toString(), "-k", "50", "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("-k/--topics 50") && r.err().contains("12 usable documents"), r.err());
    assertFalse(Files.exists(tmp.resolve("o").resolve("report.json")));
  }

  @Test
  void folderWithNothingUsableIsExit2AndSaysWhy() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    Files.write(dir.resolve("blob.bin"), new byte[] {1, 0, 2});
    Files.writeString(dir.resolve("empty.txt"), "");
    CliRun r = CliRun.of("fit", dir.toString(), "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no usable document"), r.err());
  }

  @Test
  void noTermLeftAdvisesTheFlagThatRemovedTheTerms() throws IOException {
    // Three copies of one text: every term is in every document, so --max-df 0.95 removes them all.
    Path same = Files.createDirectories(tmp.resolve("same"));
    for (int i = 1; i <= 3; i++) Files.writeString(same.resolve(i + ".txt"), "bank interest rates mortgage loans");
    CliRun r = CliRun.of("fit", same.toString(), "-k", "2", "-o", tmp.resolve("o-same").toString(), "-q");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("5 above --max-df 0.95): the documents share all their terms: try --max-df 1.0"), r.err());
    assertFalse(r.err().contains("try --min-df 1"), r.err());
    assertEquals(0, CliRun.of("fit", same.toString(), "-k", "1", "-o", tmp.resolve("o-same1").toString(), "-q",
        "--max-df", "1.0", "--min-df", "1").code(), "the advice works");
    // Terms each in one document only: --min-df removed them.
    Path apart = Files.createDirectories(tmp.resolve("apart"));
    Files.writeString(apart.resolve("a.txt"), "bank interest rates");
    Files.writeString(apart.resolve("b.txt"), "garden soil plants");
    Files.writeString(apart.resolve("c.txt"), "football match goal");
    Files.writeString(apart.resolve("d.txt"), "compiler code software");
    r = CliRun.of("fit", apart.toString(), "-k", "2", "-o", tmp.resolve("o-apart").toString(), "-q");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("12 terms below --min-df 2, 0 above --max-df 0.95): try --min-df 1 or a larger corpus"),
        r.err());
  }

  @Test
  void badFlagValuesNameTheFlag() throws IOException {
    String in = corpus().toString();
    CliRun r = CliRun.of("fit", in, "--min-df", "abc");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--min-df"), r.err());

    r = CliRun.of("fit", in, "-k", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("-k/--topics"), r.err());

    r = CliRun.of("fit", in, "--threads", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--threads"), r.err());

    r = CliRun.of("fit", in, "--top-terms", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--top-terms"), r.err());

    r = CliRun.of("fit", in, "--stopwords", tmp.resolve("missing.txt").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--stopwords") && r.err().contains("missing.txt"), r.err());

    r = CliRun.of("fit", in, "--no-such-flag");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--no-such-flag"), r.err());
  }

  @Test
  void helpAndVersionExitZero() {
    CliRun h = CliRun.of("fit", "--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("--min-df") && h.out().contains("--topics"), h.out());
    CliRun v = CliRun.of("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("topicnmf "), v.out());
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, CliRun.of().code());
  }
  @Test
  void vocabularyFileFixesTheColumns() throws IOException {
    Path vocab = tmp.resolve("vocab.txt");
    Files.writeString(vocab, "# the terms\ncat\nengine\nrain\nkitten\n");
    Path out = tmp.resolve("v");
    CliRun r = CliRun.of("fit", corpus().toString(), "-k", "3", "-o", out.toString(), "--vocabulary", vocab.toString(), "-q");
    assertEquals(0, r.code(), r.err());
    JsonNode rep = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals(4, rep.get("corpus").get("terms").asInt());

    CliRun missing = CliRun.of("fit", corpus().toString(), "--vocabulary", tmp.resolve("none.txt").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--vocabulary") && missing.err().contains("none.txt"), missing.err());
  }
}

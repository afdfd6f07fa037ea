package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic labels: automatic by default, set with --topic-labels, carried by model.json to apply. */
class TopicLabelsCommandTest {
  @TempDir Path tmp;

  private static JsonNode report(Path dir) throws IOException {
    return Reports.mapper().readTree(dir.resolve("report.json").toFile());
  }

  /** The topic whose top term is {@code term}. */
  private static int topicOf(JsonNode report, String term) {
    for (JsonNode t : report.get("topics")) {
      if (t.get("terms").get(0).get("surface").asText().equals(term)) return t.get("id").asInt();
    }
    throw new AssertionError("no topic starts with " + term);
  }

  @Test
  void labelsAreAutomaticGivenAndCarriedToApply() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path plain = tmp.resolve("plain");
    assertEquals(0, CliRun.of("fit", corpus.toString(), "-k", "3", "-o", plain.toString(), "-q").code());
    JsonNode auto = report(plain);
    for (JsonNode t : auto.get("topics")) {
      String expected = t.get("terms").get(0).get("surface").asText() + " / " + t.get("terms").get(1).get("surface").asText()
          + " / " + t.get("terms").get(2).get("surface").asText();
      assertEquals(expected, t.get("label").asText());
    }
    int first = topicOf(auto, auto.get("topics").get(0).get("terms").get(0).get("surface").asText());

    Path labels = tmp.resolve("labels.tsv");
    Files.writeString(labels, "# names\n" + first + "\tFirst topic, named\n");
    Path out = tmp.resolve("fit");
    CliRun fit = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q", "--topic-labels", labels.toString());
    assertEquals(0, fit.code(), fit.err());
    JsonNode named = report(out);
    assertEquals("First topic, named", named.get("topics").get(first).get("label").asText());
    assertEquals(auto.get("topics").get(1).get("label").asText(), named.get("topics").get(1).get("label").asText());
    assertEquals("First topic, named", ModelFiles.read(out.resolve("model.json")).topicLabels().get(first));
    List<String> keys = Files.readAllLines(out.resolve("topic-keys.tsv"));
    assertTrue(keys.get(1 + first).startsWith(first + "\tFirst topic, named\t"), keys.get(1 + first));
    assertTrue(Files.readString(out.resolve("report.html")).contains("\"id\":" + first + ",\"label\":\"First topic, named\""),
        "the page names the topic by the label given");

    Path applied = tmp.resolve("apply");
    CliRun apply = CliRun.of("apply", "--model", out.resolve("model.json").toString(), corpus.toString(),
        "-o", applied.toString(), "-q");
    assertEquals(0, apply.code(), apply.err());
    assertEquals("First topic, named", report(applied).get("topics").get(first).get("label").asText());

    Path renamed = tmp.resolve("renamed");
    Path ordered = tmp.resolve("ordered.txt");
    Files.writeString(ordered, "A\n-\nC\n");
    assertEquals(0, CliRun.of("apply", "--model", out.resolve("model.json").toString(), corpus.toString(),
        "-o", renamed.toString(), "-q", "--topic-labels", ordered.toString()).code());
    JsonNode r = report(renamed);
    assertEquals(List.of("A", named.get("topics").get(1).get("label").asText(), "C"),
        List.of(r.get("topics").get(0).get("label").asText(), r.get("topics").get(1).get("label").asText(),
            r.get("topics").get(2).get("label").asText()));
  }

  @Test
  void aBadLabelsFileIsAUsageErrorBeforeAnyOutput() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path labels = tmp.resolve("labels.tsv");
    Files.writeString(labels, "7\tNope\n");
    Path out = tmp.resolve("out");
    CliRun bad = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q", "--topic-labels", labels.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--topic-labels " + labels + " line 1: topic 7 does not exist"), bad.err());
    assertFalse(Files.exists(out.resolve("report.json")));
    CliRun missing = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q", "--topic-labels", "nope.txt");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--topic-labels nope.txt: no such file"), missing.err());
  }
}

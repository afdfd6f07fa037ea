package io.topicnmf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicModeler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  @TempDir static Path tmp;
  static Path written;
  static TopicModelResult result;

  @BeforeAll
  static void fit() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.createDirectories(in.resolve("a"));
    Files.createDirectories(in.resolve("b"));
    for (int i = 0; i < 4; i++) {
      Files.writeString(in.resolve("a").resolve(i + ".txt"), "apple banana cherry apple banana grape melon " + "kiwi ".repeat(i));
      Files.writeString(in.resolve("b").resolve(i + ".txt"), "engine piston valve engine gasket piston turbo " + "clutch ".repeat(i));
    }
    Files.writeString(in.resolve("root.txt"), "apple engine");
    Files.write(in.resolve("binary.dat.txt"), new byte[] {'a', 0, 'b'});
    result = new TopicModeler(FitOptions.defaults(2)).fit(in);
    written = tmp.resolve("out").resolve("report.json");
    Reports.write(Reports.of(result, "fit"), written);
  }

  @Test
  void everyDocumentedTopLevelFieldIsThere() throws IOException {
    JsonNode r = Reports.mapper().readTree(written.toFile());
    for (String f : List.of("format", "tool", "command", "parameters", "corpus", "timings", "fit", "topics", "documents", "clusters")) {
      assertTrue(r.has(f), "missing field " + f);
    }
    assertEquals("topicnmf-report/1", r.get("format").asText());
    assertEquals("topicnmf", r.get("tool").get("name").asText());
    assertFalse(r.get("tool").get("version").asText().isBlank());
    assertEquals(2, r.get("parameters").get("k").asInt());
    assertEquals(2, r.get("parameters").get("vocabulary").get("minDf").asInt());
    assertEquals(0.95, r.get("parameters").get("vocabulary").get("maxDf").asDouble());

    JsonNode corpus = r.get("corpus");
    assertEquals(9, corpus.get("documentsRead").asInt());
    assertEquals(1, corpus.get("documentsSkipped").asInt());
    assertEquals("binary.dat.txt", corpus.get("skipped").get(0).get("path").asText());
    assertTrue(corpus.get("skipped").get(0).get("reason").asText().contains("binary"));
    assertTrue(corpus.get("terms").asInt() > 0 && corpus.get("nonZeros").asInt() > 0);

    JsonNode fit = r.get("fit");
    assertTrue(fit.get("iterations").asInt() >= 1);
    assertTrue(fit.get("relativeError").asDouble() >= 0 && fit.get("relativeError").asDouble() < 1);
    assertTrue(fit.has("converged") && fit.has("objective"));

    JsonNode topic = r.get("topics").get(0);
    assertEquals(0, topic.get("id").asInt());
    assertTrue(topic.get("terms").size() > 0 && topic.get("terms").get(0).has("weight"));
    JsonNode doc = r.get("documents").get(0);
    double sum = 0;
    for (JsonNode w : doc.get("weights")) sum += w.asDouble();
    assertEquals(1.0, sum, 1e-12);
    assertTrue(doc.get("strength").asDouble() > 0.5 - 1e-12);
    assertEquals("a", doc.get("label").asText());
    assertTrue(r.get("documents").get(8).get("label").isNull(), "root file has no label");
    assertTrue(r.get("timings").get("totalSeconds").asDouble() >= 0);
  }

  @Test
  void roundTripKeepsEveryValue() throws IOException {
    Report back = Reports.read(written);
    assertEquals(result.topics(), back.topics());
    assertEquals(result.documents(), back.documents());
    assertEquals(result.clusters(), back.clusters());
    assertEquals(result.corpus(), back.corpus());
    Path again = tmp.resolve("again.json");
    Reports.write(back, again);
    assertEquals(Files.readString(written), Files.readString(again));
  }
}

package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of report the commands write conforms to docs/report.schema.json, the contract that
 * programs reading reports can check them by; and the schema does reject a report that breaks it.
 */
class ReportSchemaTest {
  @TempDir Path tmp;

  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("docs", "report.schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  private static Set<ValidationMessage> errors(JsonNode report) {
    return schema.validate(report);
  }

  private static JsonNode read(Path file) throws IOException {
    return Reports.mapper().readTree(file.toFile());
  }

  @Test
  void fitAndApplyReportsConform() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("fit");
    CliRun fit = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "--trace", "-q");
    assertEquals(0, fit.code(), fit.err());
    JsonNode report = read(out.resolve("report.json"));
    assertTrue(report.get("evaluation").isObject() && report.get("fit").get("trace").size() > 1);
    assertEquals(Set.of(), errors(report));

    Path applied = tmp.resolve("apply");
    CliRun apply = CliRun.of("apply", "--model", out.resolve("model.json").toString(), corpus.toString(),
        "-o", applied.toString(), "-q");
    assertEquals(0, apply.code(), apply.err());
    JsonNode applyReport = read(applied.resolve("report.json"));
    assertEquals("apply", applyReport.get("command").asText());
    assertEquals(Set.of(), errors(applyReport));
  }

  @Test
  void aReportWithSkippedFilesNoLabelsAndAnEmptyDocumentConforms() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("flat"));
    String[] texts = {"cats dogs pets vets", "cats dogs pets food", "stocks bank money market", "stocks bank money trade"};
    for (int i = 0; i < texts.length; i++) {
      Files.writeString(dir.resolve("d" + i + ".txt"), texts[i]);
    }
    Files.writeString(dir.resolve("only-stopwords.txt"), "the and of to");
    Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
    Path out = tmp.resolve("flat-out");
    CliRun fit = CliRun.of("fit", dir.toString(), "-k", "2", "-o", out.toString(), "-q", "--loss", "frobenius");
    assertEquals(0, fit.code(), fit.err());
    JsonNode report = read(out.resolve("report.json"));
    assertTrue(report.get("evaluation").isNull(), "no labels: files directly in the folder");
    assertEquals(1, report.get("corpus").get("skipped").size());
    assertEquals(1, report.get("corpus").get("documentsWithoutTerms").asInt());
    assertEquals(Set.of(), errors(report));
  }

  @Test
  void theSchemaRejectsABrokenReport() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("fit");
    assertEquals(0, CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q").code());
    JsonNode good = read(out.resolve("report.json"));

    ObjectNode noTopics = good.deepCopy();
    noTopics.remove("topics");
    assertFalse(errors(noTopics).isEmpty(), "a required field missing");

    ObjectNode wrongFormat = good.deepCopy();
    wrongFormat.put("format", "topicnmf-report/2");
    assertFalse(errors(wrongFormat).isEmpty(), "another format version");

    ObjectNode badWeight = good.deepCopy();
    ((ObjectNode) badWeight.get("documents").get(0)).putArray("weights").add(1.5).add(-0.5);
    assertFalse(errors(badWeight).isEmpty(), "topic weights are shares in [0, 1]");

    ObjectNode badLoss = good.deepCopy();
    ((ObjectNode) badLoss.get("fit")).put("loss", "KL");
    assertFalse(errors(badLoss).isEmpty(), "option values are written in lower case");
  }
}

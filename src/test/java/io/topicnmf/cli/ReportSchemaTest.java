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
  private static JsonSchema factorizationSchema;

  @BeforeAll
  static void loadSchema() throws IOException {
    schema = load("report.schema.json");
    factorizationSchema = load("factorization.schema.json");
  }

  /** The schema docs/NAME (draft 2020-12). */
  static JsonSchema load(String name) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("docs", name))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  private static Set<ValidationMessage> errors(JsonNode report) {
    return schema.validate(report);
  }

  static JsonNode read(Path file) throws IOException {
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
    assertEquals(Set.of(), SchemaFields.undeclared(report, "report.schema.json"));
    assertEquals("in-memory", report.get("fit").get("mode").asText());
    assertEquals(0, report.get("parameters").get("nmf").get("batchSize").asInt());

    Path online = tmp.resolve("fit-mini-batch");
    CliRun mb = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", online.toString(), "--batch-size", "4", "-q");
    assertEquals(0, mb.code(), mb.err());
    JsonNode mbReport = read(online.resolve("report.json"));
    assertEquals("mini-batch", mbReport.get("fit").get("mode").asText());
    assertEquals(4, mbReport.get("parameters").get("nmf").get("batchSize").asInt());
    assertEquals(Set.of(), errors(mbReport));
    assertEquals(Set.of(), SchemaFields.undeclared(mbReport, "report.schema.json"));

    Path applied = tmp.resolve("apply");
    CliRun apply = CliRun.of("apply", "--model", out.resolve("model.json").toString(), corpus.toString(),
        "-o", applied.toString(), "-q");
    assertEquals(0, apply.code(), apply.err());
    JsonNode applyReport = read(applied.resolve("report.json"));
    assertEquals("apply", applyReport.get("command").asText());
    assertEquals(Set.of(), errors(applyReport));
    assertEquals(Set.of(), SchemaFields.undeclared(applyReport, "report.schema.json"));
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
    assertEquals(Set.of(), SchemaFields.undeclared(report, "report.schema.json"));
  }

  /** A default fit of {@link ThemedCorpus} at k = 3 into {@code tmp/fit}; the output folder. */
  private Path fitThemed() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("fit");
    assertEquals(0, CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q").code());
    return out;
  }

  /**
   * Every ranking a list can be chosen by ({@code quality.ranking.topics[].weights}, also in
   * model.json) is allowed by both schemas, and nothing else is: the grown lists' names were once
   * missing from the schemas, so that the report of a default fit on most corpora failed them.
   */
  @Test
  void everyRankingAListCanBeChosenByConformsInReportAndModel() throws IOException {
    Path out = fitThemed();
    JsonNode report = read(out.resolve("report.json"));
    JsonNode model = read(out.resolve("model.json"));
    JsonSchema modelSchema = load("model.schema.json");
    java.util.List<String> names = io.topicnmf.model.TermListChoice.weightNames();
    assertTrue(names.containsAll(java.util.List.of("refit", "h", "tf", "grown-1", "grown-5")), names.toString());
    for (String name : names) {
      assertEquals(Set.of(), errors(withRanking(report, "quality", "weights", name)), name);
      assertEquals(Set.of(), modelSchema.validate(withRanking(model, null, "weights", name)), name);
    }
    for (String floor : java.util.List.of("none", "hard", "soft", "exclusive")) {
      assertEquals(Set.of(), errors(withRanking(report, "quality", "floor", floor)), floor);
      assertEquals(Set.of(), modelSchema.validate(withRanking(model, null, "floor", floor)), floor);
    }
    ObjectNode bogus = report.deepCopy();
    ((ObjectNode) bogus.get("quality").get("ranking").get("topics").get(0)).put("weights", "grown-6");
    assertFalse(errors(bogus).isEmpty(), "a ranking the code never writes");
  }

  /** A copy of {@code doc} with {@code field} = {@code value} in every topic of its ranking ({@code under}.ranking.topics[]). */
  private static ObjectNode withRanking(JsonNode doc, String under, String field, String value) {
    ObjectNode copy = doc.deepCopy();
    JsonNode ranking = (under == null ? copy : copy.get(under)).get("ranking");
    for (JsonNode t : ranking.get("topics")) ((ObjectNode) t).put(field, value);
    return copy;
  }

  @Test
  void theSchemaRejectsABrokenReport() throws IOException {
    Path out = fitThemed();
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

  @Test
  void factorizationFilesConformToTheirSchema() throws IOException {
    Path iris = tmp.resolve("iris");
    CliRun csv = CliRun.of("factorize", Path.of("data", "iris.csv").toString(), "-k", "2", "-o", iris.toString(),
        "-q", "--trace");
    assertEquals(0, csv.code(), csv.err());
    JsonNode f = read(iris.resolve("factorization.json"));
    assertEquals("species", f.get("input").get("rowLabels").asText());
    assertEquals(Set.of(), factorizationSchema.validate(f));
    assertEquals(Set.of(), SchemaFields.undeclared(f, "factorization.schema.json"));

    Path irisMb = tmp.resolve("iris-mb");
    CliRun mb = CliRun.of("factorize", Path.of("data", "iris.csv").toString(), "-k", "2", "-o", irisMb.toString(),
        "-q", "--batch-size", "32");
    assertEquals(0, mb.code(), mb.err());
    JsonNode fm = read(irisMb.resolve("factorization.json"));
    assertEquals("mini-batch", fm.get("fit").get("mode").asText());
    assertEquals(32, fm.get("parameters").get("nmf").get("batchSize").asInt());
    assertEquals(Set.of(), factorizationSchema.validate(fm));
    assertEquals(Set.of(), SchemaFields.undeclared(fm, "factorization.schema.json"));

    Path mtx = tmp.resolve("m.mtx");
    Files.writeString(mtx, "%%MatrixMarket matrix coordinate real general\n3 4 5\n1 1 2\n1 3 1\n2 2 4\n3 1 1\n3 4 3\n");
    Path small = tmp.resolve("small");
    CliRun m = CliRun.of("factorize", mtx.toString(), "-k", "2", "-o", small.toString(), "-q",
        "--reconstruction-limit", "8");
    assertEquals(0, m.code(), m.err());
    JsonNode g = read(small.resolve("factorization.json"));
    assertFalse(g.get("reconstruction").get("included").asBoolean());
    assertEquals(Set.of(), factorizationSchema.validate(g));
    assertEquals(Set.of(), SchemaFields.undeclared(g, "factorization.schema.json"));

    ObjectNode broken = f.deepCopy();
    ((ObjectNode) broken.get("reconstruction")).remove("matrix");
    assertFalse(factorizationSchema.validate(broken).isEmpty(), "an included reconstruction needs its matrix");
  }
}

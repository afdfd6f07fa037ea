package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs besides report.json and factorization.json (ReportSchemaTest) conform to their
 * schemas in docs/: select-k.json, vectorize.json, model.json and the LDAvis file; and each schema
 * rejects a file that breaks it.
 */
class OutputSchemaTest {
  @TempDir Path tmp;

  private static JsonSchema load(String name) throws IOException {
    return ReportSchemaTest.load(name);
  }

  private static JsonNode read(Path file) throws IOException {
    return ReportSchemaTest.read(file);
  }

  @Test
  void modelAndLdaVisFilesConform() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("fit");
    CliRun fit = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q",
        "--ldavis", out.resolve("ldavis.json").toString());
    assertEquals(0, fit.code(), fit.err());

    JsonSchema modelSchema = load("model.schema.json");
    JsonNode model = read(out.resolve("model.json"));
    assertEquals(Set.of(), modelSchema.validate(model));
    assertEquals(Set.of(), SchemaFields.undeclared(model, "model.schema.json"));
    ObjectNode noH = model.deepCopy();
    noH.remove("h");
    assertFalse(modelSchema.validate(noH).isEmpty(), "a model without H");

    JsonSchema ldavisSchema = load("ldavis.schema.json");
    JsonNode ldavis = read(out.resolve("ldavis.json"));
    assertEquals(Set.of(), ldavisSchema.validate(ldavis));
    assertEquals(Set.of(), SchemaFields.undeclared(ldavis, "ldavis.schema.json"));
    ObjectNode badCategory = ldavis.deepCopy();
    ((ObjectNode) badCategory.get("tinfo")).putArray("Category").add("Topic0");
    assertFalse(ldavisSchema.validate(badCategory).isEmpty(), "LDAvis numbers topics from 1");
  }

  @Test
  void aDominantTopicsModelWithMergedClustersConforms() throws IOException {
    Path corpus = ThemedCorpus.writeSplit(tmp);
    Path out = tmp.resolve("dominant");
    CliRun fit = CliRun.of("fit", corpus.toString(), "-k", String.valueOf(ThemedCorpus.SPLIT_K), "--clusters", "dominant",
        "-o", out.toString(), "-q");
    assertEquals(0, fit.code(), fit.err());
    JsonSchema modelSchema = load("model.schema.json");
    JsonNode model = read(out.resolve("model.json"));
    assertFalse(model.has("centroids"));
    assertEquals(ThemedCorpus.SPLIT_K, model.get("clusterOfTopic").size());
    assertEquals(Set.of(), modelSchema.validate(model));
    assertEquals(Set.of(), SchemaFields.undeclared(model, "model.schema.json"));
    ObjectNode negative = model.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) negative.get("clusterOfTopic")).set(0, -1);
    assertFalse(modelSchema.validate(negative).isEmpty(), "a negative cluster");
  }

  @Test
  void selectKFileConforms() throws IOException {
    Path out = tmp.resolve("select-k");
    CliRun r = CliRun.of("select-k", Path.of("corpora", "sample").toString(), "--k", "3,5", "--samples", "2",
        "-o", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonSchema schema = load("select-k.schema.json");
    JsonNode json = read(out.resolve("select-k.json"));
    assertEquals(Set.of(), schema.validate(json));
    assertEquals(Set.of(), SchemaFields.undeclared(json, "select-k.schema.json"));
    assertEquals(List.of("samples", "sampleFraction", "stabilityTerms", "topTerms", "relevance", "nmf",
        "vocabulary", "weighting", "analysis", "corpus", "k"), fieldNames(json.get("parameters")));
    ObjectNode noCandidates = json.deepCopy();
    noCandidates.putArray("candidates");
    assertFalse(schema.validate(noCandidates).isEmpty(), "no candidate");
  }

  @Test
  void vectorizeFileConforms() throws IOException {
    Path out = tmp.resolve("vectorize");
    CliRun r = CliRun.of("vectorize", Path.of("corpora", "sample").toString(), "-o", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonSchema schema = load("vectorize.schema.json");
    JsonNode json = read(out.resolve("vectorize.json"));
    assertEquals(Set.of(), schema.validate(json));
    assertEquals(Set.of(), SchemaFields.undeclared(json, "vectorize.schema.json"));
    assertEquals(List.of("format", "tool", "command", "parameters", "corpus", "files", "timings"), fieldNames(json));
    ObjectNode wrongFormat = json.deepCopy();
    wrongFormat.put("format", "topicnmf-vectorize/2");
    assertFalse(schema.validate(wrongFormat).isEmpty(), "another format version");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aReducedModelAndItsReportConform() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("fit");
    CliRun fit = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q", "--no-html");
    assertEquals(0, fit.code(), fit.err());
    Path reduced = tmp.resolve("reduced");
    CliRun reduce = CliRun.of("reduce", "-m", out.resolve("model.json").toString(), "-k", "2", "-o", reduced.toString(),
        corpus.toString(), "-q", "--no-html");
    assertEquals(0, reduce.code(), reduce.err());
    JsonNode model = read(reduced.resolve("model.json"));
    assertTrue(model.has("reduction"));
    assertEquals(Set.of(), load("model.schema.json").validate(model));
    assertEquals(Set.of(), SchemaFields.undeclared(model, "model.schema.json"));
    JsonNode report = read(reduced.resolve("report.json"));
    assertEquals(Set.of(), load("report.schema.json").validate(report));
    assertEquals(Set.of(), SchemaFields.undeclared(report, "report.schema.json"));
  }
}

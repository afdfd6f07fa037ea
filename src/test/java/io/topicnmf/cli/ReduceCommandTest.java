package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.SavedModel;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** topicnmf reduce: a fitted model's two closest topics merged, the weights re-solved on a folder. */
class ReduceCommandTest {
  @TempDir Path tmp;

  @Test
  void reducesAFittedModelByItsClosestPairAndAppliesIt() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path fit = tmp.resolve("fit");
    assertEquals(0, CliRun.of("fit", corpus.toString(), "-k", "4", "-o", fit.toString(), "-q").code());
    SavedModel m = ModelFiles.read(fit.resolve("model.json"));
    DenseMatrix h = m.h().toDense();
    int bestA = -1;
    int bestB = -1;
    double best = -1;
    for (int a = 0; a < 4; a++) {
      for (int b = a + 1; b < 4; b++) {
        double dot = 0;
        for (int j = 0; j < h.cols(); j++) dot += h.get(a, j) * h.get(b, j);
        if (dot > best) {
          best = dot;
          bestA = a;
          bestB = b;
        }
      }
    }
    Path out = tmp.resolve("reduced");
    CliRun reduce = CliRun.of("reduce", "--model", fit.resolve("model.json").toString(), "--topics", "3",
        "-o", out.toString(), corpus.toString());
    assertEquals(0, reduce.code(), reduce.err());
    assertTrue(reduce.out().contains("merge  1  nodes " + bestA + " + " + bestB + " -> 4"), reduce.out());
    SavedModel r = ModelFiles.read(out.resolve("model.json"));
    assertEquals(3, r.k());
    assertEquals(List.of(bestA, bestB), r.reduction().members().stream().filter(g -> g.size() == 2).findFirst().orElseThrow());
    assertEquals(best, r.reduction().merges().get(0).similarity(), 1e-12);

    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals(3, report.get("topics").size());
    assertEquals(3, report.get("documents").get(0).get("weights").size());
    assertEquals(bestA, report.get("reduction").get("merges").get(0).get("left").asInt());
    assertEquals(4, report.get("reduction").get("fromK").asInt());
    assertEquals(java.util.Set.of(), TimelineCommandTest.schemaErrors(report));
    assertTrue(Files.exists(out.resolve("doc-topics.tsv")));
    String page = Files.readString(out.resolve("report.html"));
    assertTrue(page.contains("\"tree\":{\"leaves\":4,"), "the page carries the dendrogram of the merges");
    assertEquals(report.get("runId"), Reports.mapper().readTree(out.resolve("report.json").toFile()).get("runId"));
    assertTrue(page.contains("\"runId\":\"" + report.get("runId").asText() + "\""), "page and report of one run");

    // --no-html leaves the page out, and removes the one an earlier run wrote there.
    Path second = tmp.resolve("reduced-again");
    Files.createDirectories(second);
    Files.copy(out.resolve("report.html"), second.resolve("report.html"));
    CliRun again0 = CliRun.of("reduce", "--model", fit.resolve("model.json").toString(), "--topics", "2",
        "-o", second.toString(), corpus.toString(), "--no-html", "-q");
    assertEquals(0, again0.code(), again0.err());
    assertFalse(Files.exists(second.resolve("report.html")));
    assertEquals(2, Reports.mapper().readTree(second.resolve("report.json").toFile()).get("topics").size());

    // The reduced model applies as any model, and its report carries the merges.
    Path applied = tmp.resolve("apply");
    assertEquals(0, CliRun.of("apply", "--model", out.resolve("model.json").toString(), corpus.toString(),
        "-o", applied.toString(), "-q").code());
    JsonNode again = Reports.mapper().readTree(applied.resolve("report.json").toFile());
    assertEquals(report.get("reduction"), again.get("reduction"));
    assertEquals(report.get("documents"), again.get("documents"));
    assertTrue(Files.readString(applied.resolve("report.html")).contains("\"tree\":{\"leaves\":4,"), "apply's page draws it too");
  }

  @Test
  void aTopicCountOutsideTheModelIsAUsageError() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path fit = tmp.resolve("fit");
    assertEquals(0, CliRun.of("fit", corpus.toString(), "-k", "3", "-o", fit.toString(), "-q").code());
    CliRun bad = CliRun.of("reduce", "--model", fit.resolve("model.json").toString(), "--topics", "5",
        "-o", tmp.resolve("r").toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--topics 5 must be within [1, 3]"), bad.err());
    assertFalse(Files.exists(tmp.resolve("r").resolve("model.json")));
    JsonNode fitReport = Reports.mapper().readTree(fit.resolve("report.json").toFile());
    assertFalse(fitReport.has("reduction"));
  }

  @Test
  void reducePublishesItsOutputsAsOneUnitWithOneRunId() throws IOException {
    // Issue 14, item 2: reduce writes through cli.Outputs as fit and apply do.
    Path corpus = ThemedCorpus.write(tmp);
    Path fit = tmp.resolve("fit");
    assertEquals(0, CliRun.of("fit", corpus.toString(), "-k", "4", "-o", fit.toString(), "-q").code());
    Path out = tmp.resolve("r");
    CliRun r = CliRun.of("reduce", "-m", fit.resolve("model.json").toString(), "-k", "3", "-o", out.toString(), "-q",
        corpus.toString());
    assertEquals(0, r.code(), r.err());
    String run = ModelFiles.read(out.resolve("model.json")).runId();
    assertTrue(run != null && !run.isEmpty(), "the reduced model carries its run id");
    assertEquals(run, Reports.mapper().readTree(out.resolve("report.json").toFile()).get("runId").asText());
    try (var files = Files.list(out)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(io.topicnmf.files.OutputFolder.STAGING_PREFIX)), "no staging left");
    }

    // In place without FOLDER: the fit's report and page there would describe another model, so
    // they go when the reduced model is published, and apply then takes the model.
    CliRun inPlace = CliRun.of("reduce", "-m", fit.resolve("model.json").toString(), "-k", "2", "-o", fit.toString(), "-q");
    assertEquals(0, inPlace.code(), inPlace.err());
    assertEquals(2, ModelFiles.read(fit.resolve("model.json")).k());
    assertFalse(Files.exists(fit.resolve("report.json")), "the fit's report of 4 topics is not left beside a model of 2");
    assertFalse(Files.exists(fit.resolve("report.html")));
    assertFalse(Files.exists(fit.resolve("doc-topics.tsv")));
    CliRun apply = CliRun.of("apply", "-m", fit.resolve("model.json").toString(), corpus.toString(), "-q",
        "-o", tmp.resolve("applied").toString());
    assertEquals(0, apply.code(), apply.err());

    // -o is checked before any work: a file is refused with its name.
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    CliRun bad = CliRun.of("reduce", "-m", out.resolve("model.json").toString(), "-k", "2", "-o", file.toString(), "-q");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("afile") && bad.err().contains("is a file, not a folder"), bad.err());
  }
}

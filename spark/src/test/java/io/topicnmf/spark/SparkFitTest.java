package io.topicnmf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.topicnmf.eval.Hungarian;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.TermWeight;
import io.topicnmf.model.Topic;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.nmf.Loss;
import io.topicnmf.report.Report;
import io.topicnmf.report.Reports;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job in local[2] on the sample corpus finds the topics of the single-machine fit: topics
 * matched by the Hungarian method on their top-10 terms overlap by at least 0.9 on average, and the
 * objective is within 1%. The driver-side start is fitted on half of the documents only, so the
 * distributed iterations have to do the rest.
 */
class SparkFitTest extends LocalSpark {
  static final Path SAMPLE = Path.of("../corpora/sample");

  @Test
  void klFitFindsTheSingleMachineTopics(@TempDir Path out) throws Exception {
    compare(Loss.KL, out, "kl");
  }

  @Test
  void frobeniusFitFindsTheSingleMachineTopics(@TempDir Path out) throws Exception {
    compare(Loss.FROBENIUS, out, "frobenius");
  }

  @Test
  void negativeCountsAreRefusedBeforeAnyWork(@TempDir Path out) throws Exception {
    for (String flag : new String[] {"--report-documents", "--partitions"}) {
      Path dir = out.resolve(flag.substring(2));
      assertEquals(2, SparkFit.run(spark, SAMPLE.toString(), "-o", dir.toString(), flag, "-1", "--quiet"), flag);
      assertFalse(java.nio.file.Files.exists(dir.resolve("report.json")), flag);
    }
  }

  private void compare(Loss loss, Path out, String flag) throws Exception {
    // The job ranks terms by a fixed relevance λ (--relevance auto needs every document's terms on
    // one machine), so the single-machine fit is given the job's λ.
    FitOptions o = FitOptions.defaults(10).withRelevance(0.5);
    TopicModelResult single = new TopicModeler(o.withNmf(o.nmf().withLoss(loss))).fit(SAMPLE);
    int code = SparkFit.run(spark, SAMPLE.toString(), "-o", out.toString(), "-k", "10", "--loss", flag,
        "--relevance", "0.5", "--init-sample", "35", "--partitions", "3", "--quiet");
    assertEquals(0, code);
    Report r = Reports.read(out.resolve("report.json"));
    assertEquals(Report.FORMAT, r.format());
    assertEquals(single.corpus().documentsRead(), r.corpus().documentsRead());
    assertEquals(single.corpus().terms(), r.corpus().terms(), "the same vocabulary after pruning");
    assertEquals(single.corpus().nonZeros(), r.corpus().nonZeros());
    assertEquals(single.documents().size(), r.documents().size());

    List<Topic> a = single.topics();
    List<Topic> b = r.topics();
    double[][] overlap = new double[a.size()][b.size()];
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) overlap[i][j] = overlap(a.get(i), b.get(j));
    }
    int[] match = Hungarian.solveMax(overlap);
    double sum = 0;
    for (int i = 0; i < a.size(); i++) sum += overlap[i][match[i]];
    double mean = sum / a.size();
    StringBuilder why = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      why.append("\n").append(overlap[i][match[i]]).append(": ").append(terms(a.get(i))).append("| ")
          .append(terms(b.get(match[i])));
    }
    assertTrue(mean >= 0.9, "mean top-10 overlap of matched topics " + mean + why);

    double f1 = single.factorization().objective();
    double f2 = r.fit().objective();
    assertTrue(Math.abs(f2 - f1) <= 0.01 * f1, "objective " + f2 + " vs single-machine " + f1);
    assertNotNull(r.evaluation(), "labels from the sub-folders give an evaluation");
    assertTrue(r.evaluation().nmi() > 0.8, "NMI " + r.evaluation().nmi());

    SavedModel model = ModelFiles.read(out.resolve("model.json"));
    assertEquals(10, model.k());
    assertEquals(r.corpus().terms(), model.terms().size());
    Dataset<Row> weights = spark.read().parquet(out.resolve("documents.parquet").toString());
    assertEquals(r.documents().size(), weights.count());
    assertTrue(Files.exists(out.resolve("report.json")));
    assertEquals(Set.of(), schemaErrors("report.schema.json", out.resolve("report.json")));
    assertEquals(Set.of(), schemaErrors("model.schema.json", out.resolve("model.json")));
  }

  /** What the core's schema docs/NAME (draft 2020-12) finds wrong with {@code file}. */
  static Set<ValidationMessage> schemaErrors(String name, Path file) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("../docs", name))) {
      JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      return schema.validate(Reports.mapper().readTree(file.toFile()));
    }
  }

  private static String terms(Topic t) {
    StringBuilder b = new StringBuilder();
    for (TermWeight w : t.terms()) b.append(w.term()).append(' ');
    return b.toString();
  }

  private static double overlap(Topic a, Topic b) {
    Set<String> x = new HashSet<>();
    for (TermWeight t : a.terms()) x.add(t.term());
    int same = 0;
    for (TermWeight t : b.terms()) if (x.contains(t.term())) same++;
    return same / (double) Math.max(a.terms().size(), b.terms().size());
  }
}

package io.topicnmf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.eval.ClusterAgreement;
import io.topicnmf.model.Cluster;
import io.topicnmf.model.Clustering;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.model.DocumentTopics;
import io.topicnmf.model.FitListener;
import io.topicnmf.model.ModelApplier;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.report.Report;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job merges the clusters of topics that split one theme with the core's merge step ({@code
 * DocumentClusters.mergeSimilar}), as {@code fit --clusters dominant} does: on planted themes fitted
 * with twice as many topics as themes, clusters are merged and agree with the themes, model.json
 * carries {@code clusterOfTopic}, and the core's {@code apply} of that model puts the training
 * documents in the job's clusters.
 */
class SparkMergedClustersTest extends LocalSpark {
  /**
   * Planted themes as the core's MergedClustersModelTest writes them: 8 themes of 60 made-up words,
   * a 400-word background; a document is 65 % its theme's words, 15 % another theme's, 20 %
   * background, 120–200 words drawn Zipf-like; folder themeN is its label.
   */
  static Path plantedCorpus(Path root) throws IOException {
    SplittableRandom rnd = new SplittableRandom(11);
    int themes = 8;
    for (int d = 0; d < 480; d++) {
      int main = d % themes;
      int other = (main + 1 + rnd.nextInt(themes - 1)) % themes;
      int n = 120 + rnd.nextInt(81);
      StringBuilder b = new StringBuilder();
      for (int q = 0; q < n; q++) {
        double u = rnd.nextDouble();
        String word = u < 0.65 ? word("t" + (char) ('a' + main), zipf(rnd, 60))
            : u < 0.8 ? word("t" + (char) ('a' + other), zipf(rnd, 60)) : word("bg", zipf(rnd, 400));
        b.append(word).append(' ');
      }
      Path dir = Files.createDirectories(root.resolve("theme" + main));
      Files.writeString(dir.resolve("d" + d + ".txt"), b.toString(), StandardCharsets.UTF_8);
    }
    return root;
  }

  private static String word(String prefix, int rank) {
    return prefix + "x" + (char) ('a' + rank / 26 / 26 % 26) + (char) ('a' + rank / 26 % 26) + (char) ('a' + rank % 26);
  }

  private static int zipf(SplittableRandom rnd, int n) {
    double total = 0;
    for (int r = 0; r < n; r++) total += 1.0 / (r + 1);
    double u = rnd.nextDouble() * total;
    for (int r = 0; r < n; r++) {
      u -= 1.0 / (r + 1);
      if (u < 0) return r;
    }
    return n - 1;
  }

  @Test
  void splitThemesClustersAreMergedAsFitMergesThem(@TempDir Path tmp) throws Exception {
    Path corpus = plantedCorpus(tmp.resolve("planted"));
    Path out = tmp.resolve("out");
    int code = SparkFit.run(spark, corpus.toString(), "-o", out.toString(), "-k", "16", "--partitions", "3", "--quiet");
    assertEquals(0, code);
    Report r = Reports.read(out.resolve("report.json"));
    int merged = 0;
    for (Cluster c : r.clusters()) merged += c.mergedTopics().size();
    assertNotNull(r.evaluation());
    // The dominant topics before the merge, against the themes.
    int n = r.documents().size();
    int[] dominant = new int[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      DocumentTopics d = r.documents().get(i);
      dominant[i] = d.dominantTopic() == null ? -1 : d.dominantTopic();
      labels[i] = d.label();
    }
    double unmerged = ClusterAgreement.compute(dominant, labels, 16).nmi();
    // fit --clusters dominant on one machine, on the same corpus.
    TopicModelResult single = new TopicModeler(FitOptions.defaults(16).withClusters(Clustering.DOMINANT)).fit(corpus);
    int singleMerged = 0;
    for (Cluster c : single.clusters()) singleMerged += c.mergedTopics().size();
    System.err.println("SparkMergedClustersTest: " + merged + " clusters merged, NMI " + unmerged + " -> "
        + r.evaluation().nmi() + "; fit --clusters dominant: " + singleMerged + " merged, NMI " + single.evaluation().nmi());
    assertTrue(merged >= 1, "twice as many topics as themes: clusters are merged");
    // Measured: 6 merged, NMI 0.904 -> 1.000; fit --clusters dominant: 6 merged, NMI 1.000 too.
    assertTrue(r.evaluation().nmi() >= 0.99, "NMI " + r.evaluation().nmi());
    assertTrue(r.evaluation().nmi() > unmerged + 0.05, "the merge raises NMI from " + unmerged);
    assertEquals(single.evaluation().nmi(), r.evaluation().nmi(), 0.01, "the job's clusters agree with fit's as well");
    assertEquals(singleMerged, merged, "as many clusters merged as fit merges");
    // A merged-away topic's cluster is empty and its documents are in the cluster it joined.
    Map<Integer, Integer> into = new HashMap<>();
    for (Cluster c : r.clusters()) for (int u : c.mergedTopics()) into.put(u, c.topic());
    for (int u : into.keySet()) assertEquals(0, r.topics().get(u).documents(), "topic " + u);
    for (DocumentTopics d : r.documents()) {
      if (d.dominantTopic() == null) continue;
      assertEquals(into.getOrDefault(d.dominantTopic(), d.dominantTopic()), d.cluster(), d.id());
    }

    SavedModel model = ModelFiles.read(out.resolve("model.json"));
    assertNotNull(model.clusterOfTopic());
    for (int t = 0; t < 16; t++) assertEquals(into.getOrDefault(t, t), model.clusterOfTopic().get(t), "topic " + t);
    Dataset<Row> parquet = spark.read().parquet(out.resolve("documents.parquet").toString());
    for (Row row : parquet.collectAsList()) {
      if (row.isNullAt(row.fieldIndex("dominant_topic"))) continue;
      int dom = row.getInt(row.fieldIndex("dominant_topic"));
      assertEquals(into.getOrDefault(dom, dom).intValue(), row.getInt(row.fieldIndex("cluster")), row.getString(0));
    }

    // The core's apply of the job's model puts the training documents in the job's clusters.
    TopicModelResult applied = ModelApplier.apply(model, corpus, 1, FitListener.NONE);
    Map<String, Integer> jobCluster = new HashMap<>();
    for (DocumentTopics d : r.documents()) jobCluster.put(d.id(), d.cluster());
    int same = 0;
    List<DocumentTopics> docs = applied.documents();
    for (DocumentTopics d : docs) if (java.util.Objects.equals(jobCluster.get(d.id()), d.cluster())) same++;
    System.err.println("SparkMergedClustersTest: apply agrees on " + same + " of " + docs.size());
    assertEquals(docs.size(), same, "apply gives the job's clusters");
  }
}

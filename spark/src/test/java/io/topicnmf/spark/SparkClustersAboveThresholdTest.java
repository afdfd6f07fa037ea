package io.topicnmf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.model.Cluster;
import io.topicnmf.report.Report;
import io.topicnmf.report.Reports;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Above {@code --report-documents} the report leaves {@code documents} empty but still has every
 * cluster: its topic, the topics merged into it, and its strongest members ({@code
 * --report-documents} shared by the clusters the merge left), the same ids and strengths, in the
 * same order, as the first members of the cluster in the report that lists every document; the
 * topics' sizes are the same.
 */
class SparkClustersAboveThresholdTest extends LocalSpark {
  @Test
  void clustersListTheirStrongestMembersAboveTheThreshold(@TempDir Path tmp) throws Exception {
    // Twice as many topics as planted themes: clusters are merged, so the members' strengths sum
    // the shares of several topics.
    Path corpus = SparkMergedClustersTest.plantedCorpus(tmp.resolve("planted"));
    Path all = tmp.resolve("all");
    Path above = tmp.resolve("above");
    String[] common = {"-k", "16", "--partitions", "3", "--quiet"};
    assertEquals(0, SparkFit.run(spark, concat(new String[] {corpus.toString(), "-o", all.toString()}, common)));
    // 480 documents, at most 160 listed.
    assertEquals(0, SparkFit.run(spark, concat(new String[] {corpus.toString(), "-o", above.toString(),
        "--report-documents", "160"}, common)));
    Report full = Reports.read(all.resolve("report.json"));
    Report cut = Reports.read(above.resolve("report.json"));
    assertEquals(480, full.documents().size());
    assertEquals(List.of(), cut.documents(), "above the threshold no document is listed");
    assertEquals(16, cut.clusters().size(), "every cluster is in the report");
    int merged = 0;
    for (Cluster c : cut.clusters()) merged += c.mergedTopics().size();
    assertTrue(merged >= 1, "the corpus merges clusters");
    // The 160 shared by the clusters the merge left.
    int per = 160 / (16 - merged);
    int listed = 0;
    for (int t = 0; t < 16; t++) {
      Cluster a = full.clusters().get(t);
      Cluster b = cut.clusters().get(t);
      assertEquals(t, b.topic());
      assertEquals(a.mergedTopics(), b.mergedTopics(), "cluster " + t);
      assertEquals(full.topics().get(t).documents(), cut.topics().get(t).documents(), "size of cluster " + t);
      assertEquals(a.documents().size(), cut.topics().get(t).documents(), "topics[].documents is the cluster's size");
      List<Cluster.Member> first = a.documents().subList(0, Math.min(per, a.documents().size()));
      assertEquals(first, b.documents(), "cluster " + t + ": its " + per + " strongest members");
      listed += b.documents().size();
      if (!b.mergedTopics().isEmpty()) assertEquals(per, b.documents().size(), "a merged cluster of many documents");
    }
    assertTrue(listed <= 160, listed + " members listed");
    assertEquals(full.fit().iterations(), cut.fit().iterations(), "the same fit");
    assertEquals(Set.of(), SparkFitTest.schemaErrors("report.schema.json", above.resolve("report.json")));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

package io.topicnmf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.topicnmf.model.Cluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Each cluster's strongest members chosen on the executors ({@link Topics#strongestMembers}) are
 * the first of the cluster's whole list sorted on one machine, whatever the partitioning, ties
 * (rows with the same weights) by id; rows without weight are in no cluster.
 */
class StrongestMembersTest extends LocalSpark {
  @Test
  void strongestMembersAreTheFirstOfTheWholeList() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int k = 4;
    // Topic 3's cluster was merged into topic 1's.
    int[] clusterOfTopic = {0, 1, 2, 1};
    SplittableRandom r = new SplittableRandom(5);
    List<Block> blocks = new ArrayList<>();
    List<Topics.Strong>[] whole = new List[k];
    for (int c = 0; c < k; c++) whole[c] = new ArrayList<>();
    for (int p = 0; p < 7; p++) {
      int rows = 5 + r.nextInt(30);
      String[] ids = new String[rows];
      double[] w = new double[rows * k];
      for (int i = 0; i < rows; i++) {
        ids[i] = "p" + p + "-" + String.format("%03d", r.nextInt(1000)) + "-" + i;
        int kind = r.nextInt(10);
        if (kind == 0) continue; // no weight: in no cluster
        for (int t = 0; t < k; t++) w[i * k + t] = kind == 1 ? (t == 1 ? 2 : 1) : r.nextInt(3) == 0 ? 0 : r.nextDouble();
        int best = Topics.dominant(w, i, k);
        if (best < 0) continue;
        double sum = 0;
        for (int t = 0; t < k; t++) sum += w[i * k + t];
        int c = clusterOfTopic[best];
        double share = w[i * k + c] / sum + (c == 1 ? w[i * k + 3] / sum : 0);
        whole[c].add(new Topics.Strong(ids[i], share));
      }
      blocks.add(new Block(ids, new String[rows], 1, new int[rows + 1], new int[0], new double[0],
          new float[0], w, 0, 0));
    }
    for (int c = 0; c < k; c++) {
      whole[c].sort(Comparator.comparingDouble((Topics.Strong s) -> -s.strength()).thenComparing(Topics.Strong::id));
    }
    assertEquals(List.of(), whole[3], "a merged-away topic's cluster is empty");
    for (int parts : new int[] {1, 3, 7}) {
      JavaRDD<Block> rdd = sc.parallelize(blocks, parts);
      for (int cap : new int[] {0, 1, 4, 1000}) {
        List<List<Cluster.Member>> got = Topics.strongestMembers(rdd, clusterOfTopic, cap);
        assertEquals(k, got.size());
        for (int c = 0; c < k; c++) {
          List<Cluster.Member> expected = new ArrayList<>();
          for (Topics.Strong s : whole[c].subList(0, Math.min(cap, whole[c].size()))) {
            expected.add(new Cluster.Member(s.id(), s.strength()));
          }
          assertEquals(expected, got.get(c), parts + " partitions, cap " + cap + ", cluster " + c);
        }
      }
    }
  }
}

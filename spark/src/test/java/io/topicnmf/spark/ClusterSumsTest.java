package io.topicnmf.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.model.DocumentClusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;

/**
 * The sparse cluster sums of the topics stage ({@link ClusterSums}) are the dense ones bit for bit:
 * a block's are the core's {@link DocumentClusters#sums}, merges add as the dense rows add in the
 * same order, and the job's sums over an RDD ({@link Topics#clusterSums}) are the dense per-block
 * sums (as the stage first made them) added in partition order, for any partitioning.
 */
class ClusterSumsTest extends LocalSpark {
  /**
   * A random CSR matrix: about {@code density} of its entries stored, values of magnitudes
   * 10^-{@code spread} to 10^{@code spread} (some exact zeros), every fifth row empty.
   */
  static CsrMatrix matrix(SplittableRandom r, int rows, int m, double density, int spread) {
    int[] ptr = new int[rows + 1];
    List<Integer> cols = new ArrayList<>();
    List<Float> vals = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (i % 5 != 4) {
        for (int j = 0; j < m; j++) {
          if (r.nextDouble() < density) {
            cols.add(j);
            vals.add(r.nextInt(10) == 0 ? 0f : (float) (r.nextDouble() * Math.pow(10, r.nextInt(-spread, spread + 1))));
          }
        }
      }
      ptr[i + 1] = cols.size();
    }
    float[] x = new float[vals.size()];
    for (int p = 0; p < x.length; p++) x[p] = vals.get(p);
    return new CsrMatrix(rows, m, ptr, cols.stream().mapToInt(Integer::intValue).toArray(), x);
  }

  /** Each row's cluster in [0, k), or -1 for about one row in six. */
  static int[] assignment(SplittableRandom r, int rows, int k) {
    int[] a = new int[rows];
    for (int i = 0; i < rows; i++) a[i] = r.nextInt(6) == 0 ? -1 : r.nextInt(k);
    return a;
  }

  /** The values' bits, so that assertions tell 0.0 from -0.0 and every last bit apart. */
  static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) b[i] = Double.doubleToRawLongBits(v[i]);
    return b;
  }

  static long[] sizes(int[] assignment, int k) {
    long[] s = new long[k];
    for (int c : assignment) if (c >= 0) s[c]++;
    return s;
  }

  /** Each cluster's terms are strictly increasing and hold as many values. */
  static void assertSorted(ClusterSums s) {
    for (int c = 0; c < s.k; c++) {
      assertEquals(s.cols[c].length, s.values[c].length, "cluster " + c);
      for (int e = 1; e < s.cols[c].length; e++) assertTrue(s.cols[c][e - 1] < s.cols[c][e], "cluster " + c);
    }
  }

  @Test
  void aBlocksSumsAreTheCoresDenseSumsBitForBit() {
    SplittableRandom r = new SplittableRandom(17);
    for (int trial = 0; trial < 200; trial++) {
      int rows = r.nextInt(0, 40);
      int m = r.nextInt(1, 30);
      int k = r.nextInt(1, 7);
      CsrMatrix x = matrix(r, rows, m, r.nextDouble(), r.nextInt(0, 9));
      int[] a = assignment(r, rows, k);
      ClusterSums s = ClusterSums.of(x, a, k);
      assertSorted(s);
      assertArrayEquals(bits(DocumentClusters.sums(x, a, k).data()), bits(s.dense().data()), "trial " + trial);
      assertArrayEquals(sizes(a, k), s.sizes, "trial " + trial);
    }
  }

  @Test
  void mergesAddAsTheDenseRowsAdd() {
    SplittableRandom r = new SplittableRandom(23);
    int k = 5;
    int m = 25;
    for (int trial = 0; trial < 50; trial++) {
      List<CsrMatrix> xs = new ArrayList<>();
      List<int[]> as = new ArrayList<>();
      for (int b = 0; b < 6; b++) {
        int rows = r.nextInt(0, 20);
        xs.add(matrix(r, rows, m, 0.05 + 0.5 * r.nextDouble(), 8));
        as.add(assignment(r, rows, k));
      }
      // ((s0 + s1) + (s2 + s3)) + (s4 + s5): the dense arrays added element by element alike.
      double[][] d = new double[6][];
      ClusterSums[] s = new ClusterSums[6];
      for (int b = 0; b < 6; b++) {
        d[b] = DocumentClusters.sums(xs.get(b), as.get(b), k).data();
        s[b] = ClusterSums.of(xs.get(b), as.get(b), k);
      }
      double[] dense = add(add(add(d[0], d[1]), add(d[2], d[3])), add(d[4], d[5]));
      ClusterSums sparse = s[0].merge(s[1]).merge(s[2].merge(s[3])).merge(s[4].merge(s[5]));
      assertSorted(sparse);
      assertArrayEquals(bits(dense), bits(sparse.dense().data()), "trial " + trial);
      long[] n = new long[k];
      for (int[] a : as) for (int c = 0; c < k; c++) n[c] += sizes(a, k)[c];
      assertArrayEquals(n, sparse.sizes);
    }
    // An empty partition's sums change nothing, and shapes must agree.
    ClusterSums one = ClusterSums.of(matrix(r, 10, m, 0.3, 2), assignment(r, 10, k), k);
    double[] before = one.dense().data();
    assertArrayEquals(bits(before), bits(new ClusterSums(k, m).merge(one).dense().data()));
    assertArrayEquals(bits(before), bits(one.merge(new ClusterSums(k, m)).dense().data()));
    assertThrows(IllegalArgumentException.class, () -> one.merge(new ClusterSums(k, m + 1)));
    assertThrows(IllegalArgumentException.class, () -> ClusterSums.of(matrix(r, 3, m, 0.3, 2), new int[] {0, k, 1}, k));
  }

  /** a + b element by element, into a new array. */
  private static double[] add(double[] a, double[] b) {
    double[] out = a.clone();
    for (int i = 0; i < out.length; i++) out[i] += b[i];
    return out;
  }

  /** A block of the job: X from {@link #matrix}, W with half its weights zero and some rows all zero. */
  static Block block(SplittableRandom r, int rows, int m, int k, int spread) {
    CsrMatrix x = matrix(r, rows, m, 0.3, spread);
    double[] w = new double[rows * k];
    for (int i = 0; i < rows; i++) {
      if (r.nextInt(7) == 0) continue; // no weight: in no cluster
      for (int t = 0; t < k; t++) w[i * k + t] = r.nextBoolean() ? 0 : r.nextDouble();
    }
    String[] ids = new String[rows];
    for (int i = 0; i < rows; i++) ids[i] = "d" + r.nextInt();
    return new Block(ids, new String[rows], m, x.rowPtr(), x.colIdx(), new double[x.nnz()], x.values(), w, 0, 0);
  }

  /** A block's dense sums and sizes as the topics stage first made them (k × m sums, then k sizes). */
  static double[] denseShare(Block b, double[] idf, int k, int m) {
    int[] dom = new int[b.rows()];
    for (int i = 0; i < dom.length; i++) dom[i] = b.rowPtr[i + 1] == b.rowPtr[i] ? -1 : Topics.dominant(b.w, i, k);
    CsrMatrix space = DocumentClusters.space(b.matrix(), idf, DocumentClusters.TF_POWER);
    double[] out = Arrays.copyOf(DocumentClusters.sums(space, dom, k).data(), k * m + k);
    for (int c : dom) if (c >= 0) out[k * m + c]++;
    return out;
  }

  /**
   * The dense shares added as the job adds them: block by block within a partition, then groups
   * of {@code fanIn} consecutive partitions left to right until at most {@code fanIn} remain, then
   * those left to right.
   */
  static double[] denseInOrder(List<List<Block>> partitions, double[] idf, int k, int m, int fanIn) {
    List<double[]> level = new ArrayList<>();
    for (List<Block> part : partitions) {
      double[] s = new double[k * m + k];
      for (Block b : part) s = add(s, denseShare(b, idf, k, m));
      level.add(s);
    }
    while (level.size() > fanIn) {
      List<double[]> up = new ArrayList<>();
      for (int g = 0; g < level.size(); g += fanIn) {
        double[] total = level.get(g);
        for (int q = g + 1; q < Math.min(level.size(), g + fanIn); q++) total = add(total, level.get(q));
        up.add(total);
      }
      level = up;
    }
    double[] total = level.get(0);
    for (int q = 1; q < level.size(); q++) total = add(total, level.get(q));
    return total;
  }

  @Test
  void theJobsSumsAreTheDenseSumsInPartitionOrderForAnyPartitioning() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SplittableRandom r = new SplittableRandom(29);
    int k = 4;
    int m = 30;
    double[] idf = new double[m];
    for (int j = 0; j < m; j++) idf[j] = j == 7 ? 0 : 1 + 3 * r.nextDouble();
    Broadcast<double[]> idfs = sc.broadcast(idf);
    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < 23; b++) blocks.add(block(r, r.nextInt(0, 25), m, k, 6));
    String any = null;
    for (int parts : new int[] {1, 2, 3, 8, 9, 23, 30}) {
      JavaRDD<Block> rdd = sc.parallelize(blocks, parts);
      double[] expected = denseInOrder(rdd.glom().collect(), idf, k, m, DistributedNmf.FAN_IN);
      ClusterSums got = Topics.clusterSums(rdd, idfs, k, m);
      assertSorted(got);
      assertArrayEquals(bits(Arrays.copyOf(expected, k * m)), bits(got.dense().data()), parts + " partitions");
      for (int c = 0; c < k; c++) assertEquals((long) expected[k * m + c], got.sizes[c], parts + " partitions");
      assertArrayEquals(DocumentClusters.mergeSimilar(got.sizes, got.dense(), DocumentClusters.MERGE_COSINE),
          Topics.mergedClusters(rdd, idfs, k, m));
      if (any == null) any = Arrays.toString(got.dense().data());
    }
    // The test can tell orders apart: the blocks reversed give other bits.
    List<Block> reversed = new ArrayList<>(blocks);
    java.util.Collections.reverse(reversed);
    assertNotEquals(any, Arrays.toString(Topics.clusterSums(sc.parallelize(reversed, 1), idfs, k, m).dense().data()));
    assertEquals(0, Topics.clusterSums(sc.parallelize(List.<Block>of(), 2), idfs, k, m).entries());
    idfs.destroy();
  }
}

package io.topicnmf.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.topicnmf.nmf.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The H step's sums: a block's share (over W's non-zero weights only, H transposed) is the dense
 * formula's bit for bit, and the partitions' sums are added in partition order whatever the tasks'
 * finishing order and whether the executors add groups first.
 */
class DistributedSumsTest extends LocalSpark {
  /** A block of {@code rows} × {@code m} with about a fifth of X stored and half of W zero. */
  static Block block(SplittableRandom r, int rows, int m, int k) {
    int[] ptr = new int[rows + 1];
    List<Integer> cols = new ArrayList<>();
    List<Float> vals = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < m; j++) {
        if (r.nextInt(5) == 0) {
          cols.add(j);
          vals.add((float) r.nextDouble());
        }
      }
      ptr[i + 1] = cols.size();
    }
    int[] ci = cols.stream().mapToInt(Integer::intValue).toArray();
    float[] x = new float[vals.size()];
    for (int p = 0; p < x.length; p++) x[p] = vals.get(p);
    double[] w = new double[rows * k];
    for (int q = 0; q < w.length; q++) w[q] = r.nextBoolean() ? 0 : r.nextDouble();
    // one row with W all zero: it adds nothing but its (zero) column sums
    if (rows > 1) java.util.Arrays.fill(w, k, 2 * k, 0);
    String[] ids = new String[rows];
    for (int i = 0; i < rows; i++) ids[i] = "d" + r.nextInt();
    return new Block(ids, new String[rows], m, ptr, ci, new double[x.length], x, w, r.nextDouble(), r.nextDouble());
  }

  /** The dense formula, t over all k, H as k × m: the sums as the job first computed them. */
  static void dense(double[] a, double[] gram, double[] colSums, Block b, double[] h, int k, int m, Loss loss) {
    double[] w = b.w;
    for (int i = 0; i < b.rows(); i++) {
      int wi = i * k;
      for (int t = 0; t < k; t++) {
        double v = w[wi + t];
        colSums[t] += v;
        if (loss == Loss.FROBENIUS && v != 0) {
          for (int u = 0; u < k; u++) gram[t * k + u] += v * w[wi + u];
        }
      }
      for (int p = b.rowPtr[i]; p < b.rowPtr[i + 1]; p++) {
        int j = b.colIdx[p];
        double factor = b.x[p];
        if (loss == Loss.KL) {
          double wh = 0;
          for (int t = 0; t < k; t++) wh += w[wi + t] * h[t * m + j];
          factor = wh > 0 ? b.x[p] / wh : 0;
        }
        for (int t = 0; t < k; t++) a[j * k + t] += factor * w[wi + t];
      }
    }
  }

  @Test
  void aBlocksShareIsTheDenseFormulasBitForBit() {
    SplittableRandom r = new SplittableRandom(7);
    int k = 6;
    int m = 40;
    double[] h = new double[k * m];
    for (int q = 0; q < h.length; q++) h[q] = r.nextInt(4) == 0 ? 0 : r.nextDouble();
    for (Loss loss : Loss.values()) {
      Block b1 = block(r, 30, m, k);
      Block b2 = block(r, 25, m, k);
      double[] a = new double[m * k];
      double[] gram = new double[k * k];
      double[] colSums = new double[k];
      dense(a, gram, colSums, b1, h, k, m, loss);
      dense(a, gram, colSums, b2, h, k, m, loss);
      double[] ht = DistributedNmf.transpose(h, k, m);
      DistributedNmf.Sums s = new DistributedNmf.Sums(k, m);
      DistributedNmf.add(s, b1, ht, k, loss);
      DistributedNmf.add(s, b2, ht, k, loss);
      assertArrayEquals(a, s.a(), 0.0, loss + ": a");
      assertArrayEquals(colSums, s.colSums, 0.0, loss + ": column sums");
      assertArrayEquals(gram, s.gram(), 0.0, loss + ": WᵀW");
      assertEquals(b1.objective + b2.objective, s.objective, 0.0);
    }
  }

  /**
   * The sums added on one machine as the job adds them: groups of {@code fanIn} consecutive
   * partitions, left to right, until at most {@code fanIn} remain, then those left to right.
   */
  static DistributedNmf.Sums inOrder(List<DistributedNmf.Sums> each, int fanIn) {
    List<DistributedNmf.Sums> level = new ArrayList<>();
    for (DistributedNmf.Sums s : each) level.add(copy(s));
    while (level.size() > fanIn) {
      List<DistributedNmf.Sums> up = new ArrayList<>();
      for (int g = 0; g < level.size(); g += fanIn) {
        DistributedNmf.Sums total = level.get(g);
        for (int q = g + 1; q < Math.min(level.size(), g + fanIn); q++) total.merge(level.get(q));
        up.add(total);
      }
      level = up;
    }
    DistributedNmf.Sums total = level.get(0);
    for (int q = 1; q < level.size(); q++) total.merge(level.get(q));
    return total;
  }

  static DistributedNmf.Sums copy(DistributedNmf.Sums s) {
    return new DistributedNmf.Sums(s.k, s.m).merge(s);
  }

  /**
   * The relaxed KL H step keeps the objectives the convergence rule sees decreasing (a pass whose
   * objective rose is undone, and not traced), and two runs give the same bits.
   */
  @Test
  void relaxedKlStepKeepsTheObjectiveFalling() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Block> x = planted(sc, K);
    io.topicnmf.nmf.NmfOptions o = kl().withTrace(true);
    List<Integer> undone = new ArrayList<>();
    DistributedNmf.Result a = DistributedNmf.fit(sc, x, o, 20, (it, f, u) -> {
      if (u) undone.add(it);
    });
    List<io.topicnmf.nmf.TracePoint> trace = a.trace();
    assertEquals(a.iterations(), trace.size(), "every kept pass is traced");
    assertEquals(a.undone(), undone.size(), "the undone passes are counted apart");
    for (int t = 1; t < trace.size(); t++) {
      double before = trace.get(t - 1).objective();
      double now = trace.get(t).objective();
      org.junit.jupiter.api.Assertions.assertTrue(now <= before, "pass " + t + ": " + now + " after " + before);
    }
    DistributedNmf.Result b = DistributedNmf.fit(sc, x, o, 20, (it, f, u) -> {});
    assertEquals(a.objective(), b.objective(), 0.0, "the same bits twice");
    assertEquals(a.iterations(), b.iterations());
  }

  /**
   * {@code fit.iterations} counts the kept passes only: on a fit that undoes passes (run to {@code
   * --max-iter} with tol 0, so the relaxed step overshoots at least once) the kept passes are those
   * reported as not undone, the undone ones are counted apart, and the two add up to the passes run.
   */
  @Test
  void iterationsCountOnlyTheKeptPasses() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Block> x = planted(sc, K);
    io.topicnmf.nmf.NmfOptions o = kl().withMaxIter(60).withTol(0);
    List<Integer> kept = new ArrayList<>();
    List<Integer> undone = new ArrayList<>();
    List<Integer> passes = new ArrayList<>();
    DistributedNmf.Result a = DistributedNmf.fit(sc, x, o, 20, (it, f, u) -> {
      passes.add(it);
      (u ? undone : kept).add(it);
    });
    org.junit.jupiter.api.Assertions.assertFalse(undone.isEmpty(), "the test needs a fit that undoes a pass");
    assertEquals(60, passes.size(), "--max-iter bounds the passes run, undone ones included");
    assertEquals(kept.size(), a.iterations(), "fit.iterations: the kept passes, undone " + undone);
    assertEquals(undone.size(), a.undone());
    assertEquals(passes.size(), a.iterations() + a.undone());
    org.junit.jupiter.api.Assertions.assertFalse(a.converged(), "tol 0 runs every pass");
  }

  /**
   * An undone pass that was also a cut of the lineage leaves the blocks of a pass whose lineage
   * reaches back to the cut before; the broadcasts it names must outlive the undone cut. Cutting
   * at every pass makes every undone pass such a one (a million documents met it at pass 30, and
   * the job failed with "Broadcast ... after it was destroyed"); the fit completes with the bits
   * of the usual interval.
   */
  @Test
  void anUndonePassThatWasACutKeepsTheBroadcastsItsLineageNames() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Block> x = planted(sc, K);
    io.topicnmf.nmf.NmfOptions o = kl().withMaxIter(40).withTol(0);
    List<Integer> undone = new ArrayList<>();
    DistributedNmf.Result every = DistributedNmf.fit(sc, x, o, 20, (it, f, u) -> {
      if (u) undone.add(it);
    }, 1);
    org.junit.jupiter.api.Assertions.assertFalse(undone.isEmpty(), "the test needs a fit that undoes a pass");
    DistributedNmf.Result usual = DistributedNmf.fit(sc, x, o, 20, (it, f, u) -> {});
    assertEquals(usual.objective(), every.objective(), 0.0, "where the lineage is cut changes no bit");
    org.junit.jupiter.api.Assertions.assertArrayEquals(usual.h().data(), every.h().data(), 0.0);
    assertEquals(usual.undone(), every.undone());
  }

  /**
   * A pass caches W only: the cached RDD of the fit's final W is the size of W, far below the
   * cached X it is zipped with (Spark sizes a cached value by all it refers to, and blocks that
   * shared X's arrays were each counted as another X), and no pass stays cached after the fit but
   * the final W, which {@code unpersist} lets go.
   */
  @Test
  void theCachedPassesHoldWAloneAndNoneOutliveTheFit() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Block> x = planted(sc, K).persist(org.apache.spark.storage.StorageLevel.MEMORY_ONLY());
    x.count();
    // RDDs the fit makes have ids above X's (other tests' leftovers may come and go meanwhile).
    DistributedNmf.Result fit = DistributedNmf.fit(sc, x, kl().withMaxIter(25).withTol(0), 20, (it, f, u) -> {});
    fit.blocks().count();
    assertEquals(java.util.Set.of(fit.weights().id()), cachedAbove(sc, x.id()), "only the final W stays cached");
    long xBytes = 0;
    long wBytes = 0;
    for (org.apache.spark.storage.RDDInfo info : sc.sc().getRDDStorageInfo()) {
      if (info.id() == x.id()) xBytes = info.memSize();
      if (info.id() == fit.weights().id()) wBytes = info.memSize();
    }
    long wArrays = 240L * K * Double.BYTES;
    org.junit.jupiter.api.Assertions.assertTrue(wBytes > 0 && wBytes < 2 * wArrays + 4096,
        "the final W's cache: " + wBytes + " bytes for " + wArrays + " bytes of W");
    org.junit.jupiter.api.Assertions.assertTrue(wBytes < xBytes / 2, "W " + wBytes + " bytes, X " + xBytes);
    fit.unpersist();
    assertEquals(java.util.Set.of(), cachedAbove(sc, x.id()));
    x.unpersist(false);
  }

  /** The ids of the cached RDDs above {@code id}. */
  private static java.util.Set<Integer> cachedAbove(JavaSparkContext sc, int id) {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (Integer r : sc.getPersistentRDDs().keySet()) if (r > id) out.add(r);
    return out;
  }

  /** The rank of the planted fits. */
  private static final int K = 4;

  /** The fit's default options with KL, at rank {@link #K}. */
  private static io.topicnmf.nmf.NmfOptions kl() {
    return io.topicnmf.model.FitOptions.defaults(K).nmf().withLoss(Loss.KL);
  }

  /**
   * Planted topics in 3 partitions of 80 rows: each row draws its words from one of k word ranges
   * of 60 terms, plus a little noise.
   */
  private static JavaRDD<Block> planted(JavaSparkContext sc, int k) {
    SplittableRandom r = new SplittableRandom(3);
    int n = 240;
    int m = 60;
    // Planted topics: each row draws its words from one of k word ranges, plus a little noise.
    List<Block> blocks = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      int rows = n / 3;
      int[] ptr = new int[rows + 1];
      List<Integer> cols = new ArrayList<>();
      List<Float> vals = new ArrayList<>();
      String[] ids = new String[rows];
      for (int i = 0; i < rows; i++) {
        ids[i] = "p" + part + "-" + i;
        int topic = r.nextInt(k);
        for (int j = 0; j < m; j++) {
          boolean own = j / (m / k) == topic;
          if (own ? r.nextInt(3) > 0 : r.nextInt(12) == 0) {
            cols.add(j);
            vals.add((float) (own ? 0.5 + r.nextDouble() : 0.2 * r.nextDouble()));
          }
        }
        ptr[i + 1] = cols.size();
      }
      float[] x = new float[vals.size()];
      for (int p = 0; p < x.length; p++) x[p] = vals.get(p);
      blocks.add(new Block(ids, new String[rows], m, ptr, cols.stream().mapToInt(Integer::intValue).toArray(),
          new double[x.length], x, null, 0, 0));
    }
    return sc.parallelize(blocks, 3);
  }

  @Test
  void partitionsAreAddedInPartitionOrder() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int k = 3;
    int m = 5;
    int parts = 23;
    // Values of very different magnitudes: another order of additions gives other bits.
    SplittableRandom r = new SplittableRandom(11);
    List<DistributedNmf.Sums> each = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      DistributedNmf.Sums s = new DistributedNmf.Sums(k, m);
      if (p % 7 != 3) {
        s.allocate(true);
        for (int q = 0; q < s.a.length; q++) s.a[q] = r.nextDouble() * Math.pow(10, r.nextInt(-8, 9));
        for (int q = 0; q < s.gram.length; q++) s.gram[q] = r.nextDouble() * Math.pow(10, r.nextInt(-8, 9));
      }
      for (int t = 0; t < k; t++) s.colSums[t] = r.nextDouble() * Math.pow(10, r.nextInt(-8, 9));
      s.objective = r.nextDouble() * Math.pow(10, r.nextInt(-8, 9));
      each.add(s);
    }
    JavaRDD<DistributedNmf.Sums> rdd = sc.parallelize(each, parts);
    for (int fanIn : new int[] {2, 3, 8, 30}) {
      DistributedNmf.Sums expected = inOrder(each, fanIn);
      DistributedNmf.Sums got = DistributedNmf.inOrder(rdd, fanIn);
      assertArrayEquals(expected.a(), got.a(), 0.0, "fan-in " + fanIn);
      assertArrayEquals(expected.gram(), got.gram(), 0.0, "fan-in " + fanIn);
      assertArrayEquals(expected.colSums, got.colSums, 0.0, "fan-in " + fanIn);
      assertEquals(expected.objective, got.objective, 0.0, "fan-in " + fanIn);
    }
    // The test can tell orders apart: the reversed order gives other bits.
    List<DistributedNmf.Sums> reversed = new ArrayList<>(each);
    java.util.Collections.reverse(reversed);
    assertNotEquals(java.util.Arrays.toString(inOrder(each, 30).a()),
        java.util.Arrays.toString(inOrder(reversed, 30).a()));
  }
}

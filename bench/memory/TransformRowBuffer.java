package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.SparseKernels;
import io.topicnmf.parallel.Workers;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The final KL re-solve of W ({@link NmfTransform}) with each row's predictions in a worker's row
 * buffer (the product) against the stored-prediction array over all of X it replaced (a copy of
 * that code, {@link #stored}), side by side in one JVM on a generated matrix: alternating runs,
 * process CPU and wall time of each, and whether W has the same bits.
 *
 * <pre>
 *   javac -d CLASSES -cp target/topicnmf.jar bench/memory/TransformRowBuffer.java
 *   java -Xmx2g -cp CLASSES:target/topicnmf.jar io.topicnmf.nmf.TransformRowBuffer [ROWS COLS PER_ROW K THREADS PAIRS]
 * </pre>
 *
 * Defaults: 60000 × 15000, about 60 entries a row (Zipf-like columns), k = 20, 2 threads, 5 pairs;
 * H and the warm W from a 15-sweep KL fit (seed 0).
 */
public final class TransformRowBuffer {
  public static void main(String[] a) {
    int rows = a.length > 0 ? Integer.parseInt(a[0]) : 60_000;
    int cols = a.length > 1 ? Integer.parseInt(a[1]) : 15_000;
    int perRow = a.length > 2 ? Integer.parseInt(a[2]) : 60;
    int k = a.length > 3 ? Integer.parseInt(a[3]) : 20;
    int threads = a.length > 4 ? Integer.parseInt(a[4]) : 2;
    int pairs = a.length > 5 ? Integer.parseInt(a[5]) : 5;
    CsrMatrix x = generated(rows, cols, perRow, 7);
    NmfOptions o = NmfOptions.defaults(k).withLoss(Loss.KL).withMaxIter(15).withTol(0).withThreads(threads);
    NmfResult fit = Nmf.fit(x, o, NmfListener.NONE);
    NmfTransform.Options to = NmfTransform.Options.of(o);
    System.out.printf(Locale.ROOT, "matrix %d x %d, %d non-zeros, longest row %d; k %d, threads %d%n", rows, cols,
        x.nnz(), KlUpdater.maxRowNnz(x), k, threads);
    double[][] cpu = new double[2][pairs];
    double[][] wall = new double[2][pairs];
    double[] reference = null;
    try (Workers workers = Workers.of(threads)) {
      for (int r = -1; r < pairs; r++) { // r = -1: a warm-up pair, not counted
        for (int which = 0; which < 2; which++) {
          int v = ((r + 2) & 1) == 0 ? which : 1 - which; // alternate which goes first
          long c0 = cpu();
          long t0 = System.nanoTime();
          double[] w = v == 0 ? stored(x, fit.h(), fit.w(), to, workers)
              : NmfTransform.transform(x, fit.h(), fit.w(), to, workers).w().data();
          double c = (cpu() - c0) / 1e9;
          double t = (System.nanoTime() - t0) / 1e9;
          if (reference == null) reference = w;
          else if (!Arrays.equals(reference, w)) throw new AssertionError("W differs: " + (v == 0 ? "stored" : "row buffer"));
          if (r >= 0) {
            cpu[v][r] = c;
            wall[v][r] = t;
          }
          System.out.printf(Locale.ROOT, "%s %s: cpu %.2f s, wall %.2f s%n", r < 0 ? "warm-up" : "pair " + r,
              v == 0 ? "stored predictions" : "row buffer", c, t);
        }
      }
    }
    System.out.printf(Locale.ROOT, "median cpu: stored %.2f s, row buffer %.2f s; median wall: %.2f s, %.2f s;"
        + " W the same bits in every run%n", median(cpu[0]), median(cpu[1]), median(wall[0]), median(wall[1]));
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }

  /** NmfTransform's KL solve before the row buffer (commit 236888f): one prediction per non-zero of X. */
  static double[] stored(CsrMatrix x, DenseMatrix h, DenseMatrix w0, NmfTransform.Options options, Workers workers) {
    int m = x.rows();
    int n = x.cols();
    int k = h.rows();
    double[] ht = new double[n * k];
    DenseKernels.transpose(h.data(), k, n, ht);
    double l1 = options.alphaW() * options.l1Ratio() * n;
    double l2 = options.alphaW() * (1 - options.l1Ratio()) * n;
    double[] w = w0.data().clone();
    double[] hSum = new double[k];
    for (int t = 0; t < k; t++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += h.data()[t * n + j];
      hSum[t] = s;
    }
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    float[] values = x.values();
    double[] v = new double[x.nnz()];
    int gatherLen = KlUpdater.gatherLength(KlUpdater.maxRowNnz(x), k);
    KlCdSolver cd = new KlCdSolver(k, gatherLen, workers.threads(), KlUpdater.MAX_NEWTON, KlUpdater.NEWTON_TOL);
    NonZeros hnz = new NonZeros(n, k, 1.0).of(ht, workers);
    workers.forEachBlock(m, SparseKernels.ROW_BLOCK, (worker, b, from, to) -> {
      double[] old = new double[k];
      for (int i = from; i < to; i++) {
        int s = 0;
        boolean done = false;
        while (!done && s < options.maxIter()) {
          System.arraycopy(w, i * k, old, 0, k);
          boolean kept = s % NmfTransform.KL_REFORM_EVERY != 0;
          cd.sweep(worker, rowPtr, colIdx, values, w, ht, hnz, hSum, l1, l2, v, kept, i, i + 1);
          s++;
          double change = 0;
          double norm = 0;
          for (int t = 0; t < k; t++) {
            double d = w[i * k + t] - old[t];
            change += d * d;
            norm += w[i * k + t] * w[i * k + t];
          }
          done = change <= options.tol() * options.tol() * norm;
        }
      }
    });
    return w;
  }

  /** A documents × terms matrix with Zipf-like term frequencies (NmfMemoryTest's generator). */
  static CsrMatrix generated(int rows, int cols, int perRow, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] ptr = new int[rows + 1];
    int[] idx = new int[rows * 2 * perRow];
    double[] val = new double[idx.length];
    boolean[] seen = new boolean[cols];
    int p = 0;
    for (int i = 0; i < rows; i++) {
      int len = 1 + rng.nextInt(2 * perRow - 1);
      int start = p;
      for (int t = 0; t < len; t++) {
        int j = (int) Math.floor(Math.pow(cols, rng.nextDouble())) - 1;
        if (!seen[j]) {
          seen[j] = true;
          idx[p++] = j;
        }
      }
      Arrays.sort(idx, start, p);
      for (int q = start; q < p; q++) {
        seen[idx[q]] = false;
        val[q] = 0.1 + rng.nextDouble();
      }
      ptr[i + 1] = p;
    }
    return new CsrMatrix(rows, cols, ptr, idx, val);
  }
}

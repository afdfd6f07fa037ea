package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/** Heap per stored entry held by a fit while it iterates (X, Xᵀ, solver workspace), by the slope between two sizes. */
public final class MeasureBytes {
  static CsrMatrix generated(int rows, int cols, int perRow, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] ptr = new int[rows + 1];
    int[] idx = new int[rows * perRow];
    double[] val = new double[idx.length];
    int p = 0;
    for (int i = 0; i < rows; i++) {
      int start = rng.nextInt(cols - perRow);
      for (int t = 0; t < perRow; t++) { idx[p] = start + t; val[p++] = 0.1 + rng.nextDouble(); }
      ptr[i + 1] = p;
    }
    return new CsrMatrix(rows, cols, ptr, idx, val);
  }

  static long used() {
    long u = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) { System.gc(); u = Math.min(u, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()); }
    return u;
  }

  static long held(int perRow, Loss loss, java.nio.file.Path compact) {
    long before = used();
    CsrMatrix x = generated(20_000, 5_000, perRow, 1);
    NmfOptions o = NmfOptions.defaults(10).withLoss(loss).withThreads(1);
    double[] w = new double[x.rows() * 10];
    double[] ht = new double[x.cols() * 10];
    Object u;
    try (Workers workers = Workers.of(1)) {
      CsrMatrix xt = x.transpose();
      Regularization reg = Regularization.of(o, x.rows(), x.cols());
      u = loss == Loss.FROBENIUS ? new FrobeniusUpdater(x, xt, 10, w, ht, o.effectiveSolver(), reg, workers)
          : new KlUpdater(x, xt, 10, w, ht, o.effectiveSolver(), reg, workers, compact);
      long after = used();
      if (u.hashCode() == 42 && xt.nnz() < 0) System.out.print("");
      return after - before;
    }
  }

  public static void main(String[] a) throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("measure-bytes");
    for (Loss loss : new Loss[] {Loss.KL, Loss.FROBENIUS, null}) {
      // null: KL in the compact layout (W's extrapolation copies in files).
      Loss l = loss == null ? Loss.KL : loss;
      java.nio.file.Path compact = loss == null ? dir : null;
      held(50, l, compact);
      long small = held(50, l, compact);
      long large = held(250, l, compact);
      double perNnz = (double) (large - small) / (20_000L * 200);
      System.out.printf("%s: %.2f bytes per non-zero (X, Xt and solver workspace)%n",
          loss == null ? "KL (compact layout)" : loss, perNnz);
    }
    java.nio.file.Files.deleteIfExists(dir);
  }
}

package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact layout of KL coordinate descent (W's extrapolation copies spilled to files)
 * against the plain one: the same factors and objectives, bit for bit,
 * and no file left behind.
 */
class KlCompactLayoutTest {
  @TempDir
  Path dir;

  private static double[][] run(CsrMatrix x, int k, int sweeps, int threads, Path compact) {
    double[] w = new double[x.rows() * k];
    double[] ht = new double[x.cols() * k];
    double[] objectives = new double[sweeps + 1];
    try (Workers workers = Workers.of(threads)) {
      CsrMatrix xt = x.transpose();
      Initializer.initialize(x, xt, k, Init.NNDSVDA, new SplittableRandom(3), workers, w, ht);
      NmfOptions o = NmfOptions.defaults(k).withLoss(Loss.KL).withSolver(Solver.CD);
      try (KlUpdater u = new KlUpdater(x, xt, k, w, ht, Solver.CD, Regularization.of(o, x.rows(), x.cols()),
          workers, compact)) {
        objectives[0] = u.start();
        for (int s = 1; s <= sweeps; s++) {
          objectives[s] = u.iterate();
        }
        u.finish();
      }
    }
    return new double[][] {w, ht, objectives};
  }

  @Test
  void compactLayoutGivesTheSameBitsAsThePlainOne() throws Exception {
    // 23 sweeps: through extrapolation restarts.
    CsrMatrix x = NmfMemoryTest.generated(3_000, 1_500, 30, 5);
    for (int threads : new int[] {1, 2}) {
      double[][] plain = run(x, 12, 23, threads, null);
      double[][] compact = run(x, 12, 23, threads, dir);
      assertArrayEquals(plain[2], compact[2], 0.0, "objectives, threads=" + threads);
      assertArrayEquals(plain[0], compact[0], 0.0, "W, threads=" + threads);
      assertArrayEquals(plain[1], compact[1], 0.0, "Hᵀ, threads=" + threads);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "the spilled copies are deleted");
    }
  }

  @Test
  void spilledCopiesComputeWhatHeapCopiesDo() {
    int n = 3 * FactorCopy.CHUNK + 17;
    double[] a = new double[n];
    double[] b = new double[n];
    SplittableRandom rng = new SplittableRandom(1);
    for (int q = 0; q < n; q++) {
      a[q] = rng.nextDouble() - 0.2;
      b[q] = a[q];
    }
    double[] c = new double[n];
    double[] d = new double[n];
    try (Workers workers = Workers.of(2);
        FactorCopy heap = FactorCopy.inMemory(n);
        FactorCopy file = FactorCopy.spilled(dir, n, 2)) {
      heap.store(a, workers);
      file.store(b, workers);
      for (int q = 0; q < n; q++) {
        a[q] = rng.nextDouble();
        b[q] = a[q];
      }
      heap.extrapolate(a, 0.7, workers);
      file.extrapolate(b, 0.7, workers);
      assertArrayEquals(a, b, 0.0);
      heap.load(c, workers);
      file.load(d, workers);
      assertArrayEquals(c, d, 0.0);
      assertTrue(c[5] != 0.0);
    }
  }
}

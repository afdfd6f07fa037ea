package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.SparseKernels;
import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FrobeniusUpdater#frobenius} forms X·Hᵀ a slab of rows at a time: the same value as the whole product. */
class FrobeniusSlabTest {
  /** A random sparse m × n matrix with about {@code perRow} entries a row (some rows empty). */
  private static CsrMatrix sparse(int m, int n, int perRow, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] rowPtr = new int[m + 1];
    int[] cols = new int[m * perRow];
    float[] vals = new float[m * perRow];
    int p = 0;
    for (int i = 0; i < m; i++) {
      int len = rng.nextInt(perRow + 1);
      int j = rng.nextInt(n);
      for (int e = 0; e < len && j < n; e++) {
        cols[p] = j;
        vals[p++] = (float) rng.nextDouble();
        j += 1 + rng.nextInt(3);
      }
      rowPtr[i + 1] = p;
    }
    return new CsrMatrix(m, n, rowPtr, java.util.Arrays.copyOf(cols, p), java.util.Arrays.copyOf(vals, p));
  }

  private static double[] random(int size, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] a = new double[size];
    for (int q = 0; q < size; q++) {
      a[q] = rng.nextDouble() < 0.3 ? 0.0 : rng.nextDouble();
    }
    return a;
  }

  /** The former formula: the whole m × k product X·Hᵀ, then its dot product with W. */
  private static double whole(CsrMatrix x, int k, double[] w, double[] ht) {
    int m = x.rows();
    int n = x.cols();
    double[] xh = new double[m * k];
    SparseKernels.multiply(x, ht, k, xh);
    double[] gw = new double[k * k];
    double[] gh = new double[k * k];
    DenseKernels.gram(w, m, k, gw);
    DenseKernels.gram(ht, n, k, gh);
    return Math.max(0.5 * (x.frobeniusNormSquared() - 2 * DenseKernels.dot(xh, w, m * k)
        + DenseKernels.dot(gw, gh, k * k)), 0.0);
  }

  /** Brute force: ½ Σ_ij (x_ij − (W·H)_ij)² over every entry. */
  private static double brute(CsrMatrix x, int k, double[] w, double[] ht) {
    double s = 0;
    for (int i = 0; i < x.rows(); i++) {
      double[] row = new double[x.cols()];
      for (int p = x.rowPtr()[i]; p < x.rowPtr()[i + 1]; p++) {
        row[x.colIdx()[p]] = x.values()[p];
      }
      for (int j = 0; j < x.cols(); j++) {
        double v = 0;
        for (int t = 0; t < k; t++) {
          v += w[i * k + t] * ht[j * k + t];
        }
        s += (row[j] - v) * (row[j] - v);
      }
    }
    return 0.5 * s;
  }

  @Test
  void slabsGiveTheWholeProductsBitsOnAnyThreadCount() {
    int m = 2 * FrobeniusUpdater.SLAB_ROWS + 777;
    for (int k : new int[] {1, 3, 7}) {
      CsrMatrix x = sparse(m, 40, 5, 11 + k);
      double[] w = random(m * k, 3 + k);
      double[] ht = random(40 * k, 5 + k);
      double expected = whole(x, k, w, ht);
      for (int threads : new int[] {1, 2, 3}) {
        try (Workers workers = Workers.of(threads)) {
          assertEquals(Double.doubleToLongBits(expected),
              Double.doubleToLongBits(FrobeniusUpdater.frobenius(x, k, w, ht, workers)),
              "k = " + k + ", threads = " + threads);
        }
      }
    }
  }

  @Test
  void equalsTheDefinition() {
    for (int m : new int[] {1, 50, 301}) {
      CsrMatrix x = sparse(m, 30, 6, m);
      double[] w = random(m * 4, m + 1);
      double[] ht = random(30 * 4, m + 2);
      double exact = brute(x, 4, w, ht);
      double got;
      try (Workers workers = Workers.of(2)) {
        got = FrobeniusUpdater.frobenius(x, 4, w, ht, workers);
      }
      assertTrue(Math.abs(got - exact) <= 1e-9 * Math.max(1.0, exact), "m = " + m + ": " + got + " vs " + exact);
    }
  }
}

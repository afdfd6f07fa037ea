package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import java.util.SplittableRandom;

/** Test matrices built in memory. */
final class NmfTestData {
  private NmfTestData() {}

  /** A random sparse non-negative matrix with some empty rows and columns. */
  static CsrMatrix randomSparse(long seed, int rows, int cols, double density) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] a = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      if (i % 17 == 5) continue;
      for (int j = 0; j < cols; j++) {
        if (j % 13 == 7) continue;
        if (rnd.nextDouble() < density) a[i][j] = rnd.nextDouble() + 0.01;
      }
    }
    return CsrMatrix.fromDense(a, cols);
  }

  /** An exactly rank-r non-negative matrix W·H with sparse factors, so X itself is sparse. */
  static double[][] plantedLowRank(long seed, int rows, int cols, int r) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] w = new double[rows][r];
    double[][] h = new double[r][cols];
    for (int i = 0; i < rows; i++) {
      w[i][i % r] = 1 + rnd.nextDouble();
      if (rnd.nextInt(3) == 0) w[i][rnd.nextInt(r)] += rnd.nextDouble();
    }
    for (int t = 0; t < r; t++)
      for (int j = 0; j < cols; j++) if (rnd.nextInt(3) == 0 || j % r == t) h[t][j] = rnd.nextDouble() + 0.1;
    double[][] x = new double[rows][cols];
    for (int i = 0; i < rows; i++)
      for (int t = 0; t < r; t++)
        for (int j = 0; j < cols; j++) x[i][j] += w[i][t] * h[t][j];
    return x;
  }

  /** ½‖X − WH‖² computed densely, in double. */
  static double denseFrobenius(CsrMatrix x, DenseMatrix w, DenseMatrix h) {
    double[][] xd = x.toDense();
    int k = w.cols();
    double s = 0;
    for (int i = 0; i < x.rows(); i++)
      for (int j = 0; j < x.cols(); j++) {
        double wh = 0;
        for (int t = 0; t < k; t++) wh += w.get(i, t) * h.get(t, j);
        double d = xd[i][j] - wh;
        s += d * d;
      }
    return 0.5 * s;
  }

  /**
   * Generalized KL divergence Σ x ln(x/wh) − x + wh computed densely (0·ln 0 = 0), with wh raised
   * to scikit-learn's ε = 2⁻²³ inside the logarithm where x is stored, as the engine documents.
   */
  static double denseKl(CsrMatrix x, DenseMatrix w, DenseMatrix h) {
    double[][] xd = x.toDense();
    int k = w.cols();
    double s = 0;
    for (int i = 0; i < x.rows(); i++)
      for (int j = 0; j < x.cols(); j++) {
        double wh = 0;
        for (int t = 0; t < k; t++) wh += w.get(i, t) * h.get(t, j);
        double v = xd[i][j];
        s += wh - v;
        if (v > 0) s += v * Math.log(v / Math.max(wh, 0x1.0p-23));
      }
    return s;
  }

  /**
   * Fits {@code x} with {@code o} on 1 thread and on 2 and 3, and asserts W, H and the objective
   * are the same to the bit (fixed blocks, fixed reduction order).
   */
  static void assertSameBitsWhateverTheThreads(CsrMatrix x, NmfOptions o, String what) {
    NmfResult one = Nmf.fit(x, o.withThreads(1), NmfListener.NONE);
    for (int threads : new int[] {2, 3}) {
      NmfResult many = Nmf.fit(x, o.withThreads(threads), NmfListener.NONE);
      org.junit.jupiter.api.Assertions.assertArrayEquals(one.w().data(), many.w().data(),
          what + " W threads=" + threads);
      org.junit.jupiter.api.Assertions.assertArrayEquals(one.h().data(), many.h().data(),
          what + " H threads=" + threads);
      org.junit.jupiter.api.Assertions.assertEquals(one.objective(), many.objective(), 0.0, what + " objective");
    }
  }
}

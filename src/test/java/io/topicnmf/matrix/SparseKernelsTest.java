package io.topicnmf.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.DenseKernels.Workers;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseKernelsTest {

  /** A random sparse matrix with some rows and columns left entirely empty. */
  static double[][] randomSparse(SplittableRandom rnd, int rows, int cols, double density) {
    double[][] a = new double[rows][cols];
    boolean[] emptyRow = new boolean[rows];
    boolean[] emptyCol = new boolean[cols];
    for (int i = 0; i < rows; i++) emptyRow[i] = rnd.nextInt(5) == 0;
    for (int j = 0; j < cols; j++) emptyCol[j] = rnd.nextInt(5) == 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (!emptyRow[i] && !emptyCol[j] && rnd.nextDouble() < density) {
          a[i][j] = rnd.nextDouble() * 3;
        }
      }
    }
    return a;
  }

  static double[] randomDense(SplittableRandom rnd, int n) {
    double[] d = new double[n];
    for (int q = 0; q < n; q++) d[q] = rnd.nextDouble() * 2 - 0.5;
    return d;
  }

  @Test
  void multiplyMatchesNaiveDenseProductOnRandomShapes() {
    SplittableRandom rnd = new SplittableRandom(1);
    int[][] shapes = {{0, 5}, {5, 0}, {1, 1}, {7, 3}, {3, 7}, {300, 40}, {600, 257}, {1030, 90}};
    for (int[] s : shapes) {
      for (int k : new int[] {1, 4, 13}) {
        int rows = s[0], cols = s[1];
        double[][] a = randomSparse(rnd, rows, cols, 0.1);
        CsrMatrix csr = CsrMatrix.fromDense(a, cols);
        double[] b = randomDense(rnd, cols * k);
        double[] expected = new double[rows * k];
        for (int i = 0; i < rows; i++)
          for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += a[i][j] * b[j * k + t];
            expected[i * k + t] = sum;
          }
        double[] c = new double[rows * k];
        Arrays.fill(c, 99); // must be overwritten, not accumulated
        SparseKernels.multiply(csr, b, k, c);
        assertArrayEquals(expected, c, 1e-12, Arrays.toString(s) + " k=" + k);

        double[] bt = randomDense(rnd, rows * k);
        double[] expectedT = new double[cols * k];
        for (int j = 0; j < cols; j++)
          for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int i = 0; i < rows; i++) sum += a[i][j] * bt[i * k + t];
            expectedT[j * k + t] = sum;
          }
        double[] ct = new double[cols * k];
        SparseKernels.multiplyTransA(csr, bt, k, ct);
        assertArrayEquals(expectedT, ct, 1e-12);
        double[] ct2 = new double[cols * k];
        SparseKernels.multiply(csr.transpose(), bt, k, ct2);
        assertArrayEquals(expectedT, ct2, 1e-12);
      }
    }
  }

  @Test
  void parallelMultiplyEqualsSingleThreadedBitForBit() {
    SplittableRandom rnd = new SplittableRandom(2);
    CsrMatrix a = CsrMatrix.fromDense(randomSparse(rnd, 2100, 300, 0.05), 300);
    int k = 7;
    double[] b = randomDense(rnd, 300 * k);
    double[] single = new double[2100 * k];
    SparseKernels.multiply(a, b, k, single);
    for (int threads : new int[] {1, 2, 3}) {
      try (Workers workers = Workers.of(threads)) {
        double[] c = new double[2100 * k];
        SparseKernels.multiply(a, b, k, c, workers);
        assertTrue(Arrays.equals(single, c), "threads=" + threads);
      }
    }
  }

  @Test
  void sampledProductEvaluatesWTimesHAtStoredEntriesOnly() {
    SplittableRandom rnd = new SplittableRandom(3);
    int rows = 530, cols = 70, k = 5;
    double[][] a = randomSparse(rnd, rows, cols, 0.2);
    CsrMatrix csr = CsrMatrix.fromDense(a, cols);
    double[] w = randomDense(rnd, rows * k);
    double[] ht = randomDense(rnd, cols * k);
    double[] out = new double[csr.nnz()];
    try (Workers workers = Workers.of(2)) {
      SparseKernels.sampledProduct(csr, w, ht, k, out, workers);
    }
    int p = 0;
    for (int i = 0; i < rows; i++)
      for (int j = 0; j < cols; j++) {
        if (a[i][j] == 0) continue;
        double s = 0;
        for (int t = 0; t < k; t++) s += w[i * k + t] * ht[j * k + t];
        assertEquals(s, out[p++], 1e-12);
      }
    assertEquals(csr.nnz(), p);
  }

  @Test
  void klMultiplicativeUpdateMatchesNaiveFormula() {
    SplittableRandom rnd = new SplittableRandom(6);
    int rows = 40, cols = 30, k = 4;
    double[][] a = randomSparse(rnd, rows, cols, 0.3);
    CsrMatrix x = CsrMatrix.fromDense(a, cols);
    double[] w = new double[rows * k];
    double[] ht = new double[cols * k];
    for (int q = 0; q < w.length; q++) w[q] = rnd.nextDouble();
    for (int q = 0; q < ht.length; q++) ht[q] = rnd.nextDouble();
    double[] hSum = new double[k];
    for (int j = 0; j < cols; j++) for (int t = 0; t < k; t++) hSum[t] += ht[j * k + t];
    double[] expected = w.clone();
    for (int i = 0; i < rows; i++)
      for (int t = 0; t < k; t++) {
        double num = 0;
        for (int j = 0; j < cols; j++) {
          if (a[i][j] == 0) continue;
          double wh = 0;
          for (int r = 0; r < k; r++) wh += w[i * k + r] * ht[j * k + r];
          num += a[i][j] / wh * ht[j * k + t];
        }
        expected[i * k + t] = w[i * k + t] * num / (hSum[t] + 0.1 + 0.2 * w[i * k + t]);
      }
    SparseKernels.klMuRows(x.rowPtr(), x.colIdx(), x.values(), w, ht, k, hSum, 0.1, 0.2,
        new double[k], 0, 0, rows);
    assertArrayEquals(expected, w, 1e-12);
  }

  @Test
  void klCoordinateDescentReachesEachCoordinateOptimumAndTracksPredictions() {
    SplittableRandom rnd = new SplittableRandom(7);
    int rows = 25, cols = 20, k = 3;
    double[][] a = randomSparse(rnd, rows, cols, 0.4);
    CsrMatrix x = CsrMatrix.fromDense(a, cols);
    double[] w = new double[rows * k];
    double[] ht = new double[cols * k];
    for (int q = 0; q < w.length; q++) w[q] = rnd.nextDouble();
    for (int q = 0; q < ht.length; q++) ht[q] = rnd.nextDouble();
    double[] hSum = new double[k];
    for (int j = 0; j < cols; j++) for (int t = 0; t < k; t++) hSum[t] += ht[j * k + t];
    double[] v = new double[x.nnz()];
    double l1 = 0.05;
    SparseKernels.klCdRows(x.rowPtr(), x.colIdx(), x.values(), w, ht, k, hSum, l1, 0.0, v, 100, 0.0, 0, rows);
    double[] fresh = new double[x.nnz()];
    SparseKernels.sampledProductRows(x.rowPtr(), x.colIdx(), w, ht, k, fresh, 0, rows);
    assertArrayEquals(fresh, v, 1e-12);
    // The last coordinate of each row was minimised last, with the others fixed: KKT holds there.
    for (int i = 0; i < rows; i++) {
      int t = k - 1;
      double grad = hSum[t] + l1;
      for (int p = x.rowPtr()[i]; p < x.rowPtr()[i + 1]; p++) {
        grad -= x.values()[p] * ht[x.colIdx()[p] * k + t] / fresh[p];
      }
      if (w[i * k + t] > 0) {
        assertEquals(0.0, grad, 1e-9, "row " + i);
      } else {
        assertTrue(grad >= -1e-9, "row " + i + " grad " + grad);
      }
    }
  }

  @Test
  void shapeMismatchNamesBothShapes() {
    CsrMatrix a = CsrMatrix.fromDense(new double[][] {{1, 0, 2}, {0, 3, 0}}, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparseKernels.multiply(a, new double[4], 2, new double[4]));
    assertTrue(e.getMessage().contains("2x3"), e.getMessage());
  }
}

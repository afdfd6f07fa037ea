package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The KL solvers' kernels: coordinate descent ({@link KlCdSolver}) and multiplicative updates, against textbook references. */
class KlCdSolverTest {

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

  /** {@code out[p] = (W·H)} at every stored entry p of {@code x}, the plain way, H read as the solver reads it (float). */
  private static void sampled(CsrMatrix x, double[] w, double[] ht, int k, double[] out) {
    for (int i = 0; i < x.rows(); i++) {
      for (int p = x.rowPtr()[i]; p < x.rowPtr()[i + 1]; p++) {
        double s = 0.0;
        for (int t = 0; t < k; t++) s += w[i * k + t] * DenseKlCdReference.asFloat(ht[x.colIdx()[p] * k + t]);
        out[p] = s;
      }
    }
  }

  @Test
  void klMultiplicativeUpdateMatchesNaiveFormula() {
    SplittableRandom rnd = new SplittableRandom(6);
    int rows = 40, cols = 30, k = 4;
    double[][] a = randomSparse(rnd, rows, cols, 0.3);
    CsrMatrix x = CsrMatrix.fromDense(a, cols);
    a = x.toDense(); // the stored (single-precision) values are the reference
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
    MultiplicativeUpdate.klRows(x.rowPtr(), x.colIdx(), x.values(), w, ht, k, hSum, 0.1, 0.2,
        new double[k], 0, 0, rows);
    assertArrayEquals(expected, w, 1e-12);
  }

  @Test
  void klCoordinateDescentReachesEachCoordinateOptimumAndTracksPredictions() {
    SplittableRandom rnd = new SplittableRandom(7);
    int rows = 25, cols = 20, k = 3;
    double[][] a = randomSparse(rnd, rows, cols, 0.4);
    CsrMatrix x = CsrMatrix.fromDense(a, cols);
    a = x.toDense(); // the stored (single-precision) values are the reference
    double[] w = new double[rows * k];
    double[] ht = new double[cols * k];
    for (int q = 0; q < w.length; q++) w[q] = rnd.nextDouble();
    for (int q = 0; q < ht.length; q++) ht[q] = rnd.nextDouble();
    double[] hSum = new double[k];
    for (int j = 0; j < cols; j++) for (int t = 0; t < k; t++) hSum[t] += ht[j * k + t];
    double[] v = new double[x.nnz()];
    double l1 = 0.05;
    double[] w0 = w.clone();
    double[] v0 = new double[x.nnz()];
    // A gather buffer with room for one component of a row at a time ...
    new KlCdSolver(k, cols, 1, 100, 0.0).sweep(0, x.rowPtr(), x.colIdx(), x.values(), w0, ht, hSum, l1, 0.0, v0, false, 0, rows);
    // ... and one large enough for every component of every row: the same bits.
    new KlCdSolver(k, cols * k, 1, 100, 0.0).sweep(0, x.rowPtr(), x.colIdx(), x.values(), w, ht, hSum, l1, 0.0, v, false, 0, rows);
    assertArrayEquals(w0, w, 0.0);
    assertArrayEquals(v0, v, 0.0);
    double[] fresh = new double[x.nnz()];
    sampled(x, w, ht, k, fresh);
    assertArrayEquals(fresh, v, 1e-12);
    // The last coordinate of each row was minimised last, with the others fixed: KKT holds there.
    for (int i = 0; i < rows; i++) {
      int t = k - 1;
      double grad = hSum[t] + l1;
      for (int p = x.rowPtr()[i]; p < x.rowPtr()[i + 1]; p++) {
        grad -= x.values()[p] * DenseKlCdReference.asFloat(ht[x.colIdx()[p] * k + t]) / fresh[p];
      }
      if (w[i * k + t] > 0) {
        assertEquals(0.0, grad, 1e-9, "row " + i);
      } else {
        assertTrue(grad >= -1e-9, "row " + i + " grad " + grad);
      }
    }
  }

  @Test
  void klCoordinateDescentWithMaintainedPredictionsGivesTheSameBits() {
    SplittableRandom rnd = new SplittableRandom(11);
    int rows = 30, cols = 25, k = 4;
    CsrMatrix x = CsrMatrix.fromDense(randomSparse(rnd, rows, cols, 0.3), cols);
    double[] w = new double[rows * k];
    double[] ht = new double[cols * k];
    for (int q = 0; q < w.length; q++) w[q] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
    for (int q = 0; q < ht.length; q++) ht[q] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
    double[] hSum = new double[k];
    for (int j = 0; j < cols; j++) for (int t = 0; t < k; t++) hSum[t] += ht[j * k + t];
    double[] w1 = w.clone();
    double[] v1 = new double[x.nnz()];
    new KlCdSolver(k, cols * k, 1, 2, 1e-3).sweep(0, x.rowPtr(), x.colIdx(), x.values(), w1, ht, hSum, 0.01, 0.0, v1, false, 0, rows);
    double[] w2 = w.clone();
    double[] v2 = new double[x.nnz()];
    sampled(x, w2, ht, k, v2);
    new KlCdSolver(k, cols * k, 1, 2, 1e-3).sweep(0, x.rowPtr(), x.colIdx(), x.values(), w2, ht, hSum, 0.01, 0.0, v2, true, 0, rows);
    assertArrayEquals(w1, w2, 0.0);
    assertArrayEquals(v1, v2, 0.0);
    // A buffer shorter than a row with an active coordinate is refused, naming the row.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        new KlCdSolver(k, 1, 1, 2, 1e-3).sweep(0, x.rowPtr(), x.colIdx(), x.values(), w.clone(), ht, hSum, 0.0, 0.0, new double[x.nnz()], false, 0, rows));
    assertTrue(e.getMessage().contains("gather buffer"), e.getMessage());
  }

  /**
   * Textbook Hsieh–Dhillon KL coordinate descent on dense arrays, recomputing every sum from
   * scratch, with the fixed factor read rounded to float as the solver reads it ({@link
   * NonZeros#fixed}; its column sums are the double ones, as the solver is given them).
   */
  private static void naiveKlCd(double[][] x, double[] w, double[] ht, int k, double l1, double l2,
      int maxNewton, double newtonTol) {
    int rows = x.length, cols = x[0].length;
    double[] hSum = new double[k];
    for (int j = 0; j < cols; j++) for (int t = 0; t < k; t++) hSum[t] += ht[j * k + t];
    for (int i = 0; i < rows; i++) {
      // Coordinates at zero with a non-negative gradient at the start of the row are skipped.
      boolean[] skip = new boolean[k];
      for (int t = 0; t < k; t++) {
        double g1 = 0;
        for (int j = 0; j < cols; j++) {
          if (x[i][j] == 0) continue;
          double wh = 0;
          for (int r = 0; r < k; r++) wh += w[i * k + r] * DenseKlCdReference.asFloat(ht[j * k + r]);
          g1 += x[i][j] * DenseKlCdReference.asFloat(ht[j * k + t]) / Math.max(wh, Sweeps.KL_EPSILON);
        }
        skip[t] = w[i * k + t] == 0 && hSum[t] + l1 - g1 >= 0;
      }
      for (int t = 0; t < k; t++) {
        if (skip[t]) continue;
        double[] gh = klGradHess(x, w, ht, hSum, k, i, t, l1, l2);
        for (int it = 0; it < maxNewton; it++) {
          double step = gh[1] > 0 ? -gh[0] / gh[1] : (gh[0] > 0 ? -w[i * k + t] : 0);
          step = Math.max(step, -w[i * k + t]);
          if (step == 0) break;
          double prevW = w[i * k + t], prevG = gh[0];
          w[i * k + t] += step;
          gh = klGradHess(x, w, ht, hSum, k, i, t, l1, l2);
          if (step < 0 && prevG + gh[0] < 0) {
            // Overshoot: keep the step only if the row's objective did not increase, else halve it.
            double f0 = rowObjective(x, w, ht, hSum, k, i, t, l1, l2, prevW);
            double cur = step;
            int half = 0;
            while (rowObjective(x, w, ht, hSum, k, i, t, l1, l2, w[i * k + t]) > f0 && half < 30) {
              cur *= 0.5;
              half++;
              w[i * k + t] = half == 30 ? prevW : prevW + cur;
            }
            gh = klGradHess(x, w, ht, hSum, k, i, t, l1, l2);
            step = w[i * k + t] - prevW;
            if (step == 0) break;
          }
          if (Math.abs(step) <= newtonTol * w[i * k + t]) break;
        }
      }
    }
  }

  /** The one-variable objective of coordinate (i, t) with value {@code value}, others fixed. */
  private static double rowObjective(double[][] x, double[] w, double[] ht, double[] hSum, int k,
      int i, int t, double l1, double l2, double value) {
    double keep = w[i * k + t];
    w[i * k + t] = value;
    double f = value * (hSum[t] + l1) + 0.5 * l2 * value * value;
    for (int j = 0; j < x[i].length; j++) {
      if (x[i][j] == 0) continue;
      double wh = 0;
      for (int r = 0; r < k; r++) wh += w[i * k + r] * DenseKlCdReference.asFloat(ht[j * k + r]);
      f -= x[i][j] * Math.log(Math.max(wh, Sweeps.KL_EPSILON));
    }
    w[i * k + t] = keep;
    return f;
  }

  private static double[] klGradHess(double[][] x, double[] w, double[] ht, double[] hSum, int k,
      int i, int t, double l1, double l2) {
    double g1 = 0, g2 = 0;
    for (int j = 0; j < x[i].length; j++) {
      if (x[i][j] == 0) continue;
      double wh = 0;
      for (int r = 0; r < k; r++) wh += w[i * k + r] * DenseKlCdReference.asFloat(ht[j * k + r]);
      double vv = Math.max(wh, Sweeps.KL_EPSILON);
      double bt = DenseKlCdReference.asFloat(ht[j * k + t]);
      g1 += x[i][j] * bt / vv;
      g2 += x[i][j] * bt * bt / (vv * vv);
    }
    return new double[] {hSum[t] + l1 + l2 * w[i * k + t] - g1, l2 + g2};
  }

  @Test
  void parallelSweepsEqualSingleThreadedBitForBit() {
    SplittableRandom rnd = new SplittableRandom(13);
    int rows = 3 * Sweeps.BLOCK + 41, cols = 60, k = 5;
    CsrMatrix x = CsrMatrix.fromDense(randomSparse(rnd, rows, cols, 0.2), cols);
    double[] w = new double[rows * k];
    double[] ht = new double[cols * k];
    for (int q = 0; q < w.length; q++) w[q] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
    for (int q = 0; q < ht.length; q++) ht[q] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
    double[] hSum = new double[k];
    for (int j = 0; j < cols; j++) for (int t = 0; t < k; t++) hSum[t] += ht[j * k + t];
    double[] ref = null;
    double[] refV = null;
    for (int threads : new int[] {1, 2, 3}) {
      double[] a = w.clone();
      double[] v = new double[x.nnz()];
      KlCdSolver solver = new KlCdSolver(k, cols * k, threads, 3, 1e-3);
      try (io.topicnmf.parallel.Workers workers = io.topicnmf.parallel.Workers.of(threads)) {
        workers.forEachBlock(rows, Sweeps.BLOCK, (worker, b, from, to) -> solver.sweep(worker,
            x.rowPtr(), x.colIdx(), x.values(), a, ht, hSum, 0.01, 0.0, v, false, from, to));
      }
      if (ref == null) {
        ref = a;
        refV = v;
      } else {
        assertArrayEquals(ref, a, 0.0, "threads=" + threads);
        assertArrayEquals(refV, v, 0.0, "threads=" + threads);
      }
    }
  }

  @Test
  void klCoordinateDescentMatchesTextbookReference() {
    SplittableRandom rnd = new SplittableRandom(9);
    int rows = 60, cols = 40;
    for (int k : new int[] {1, 2, 5}) {
      double[][] a = randomSparse(rnd, rows, cols, 0.3);
      CsrMatrix x = CsrMatrix.fromDense(a, cols);
      a = x.toDense(); // the stored (single-precision) values are the reference
      double[] w = new double[rows * k];
      double[] ht = new double[cols * k];
      // Sparse factors, so some coordinates start at zero and stay there (no Newton pass).
      for (int q = 0; q < w.length; q++) w[q] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
      for (int q = 0; q < ht.length; q++) ht[q] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
      double[] hSum = new double[k];
      for (int j = 0; j < cols; j++) for (int t = 0; t < k; t++) hSum[t] += ht[j * k + t];
      double[] expected = w.clone();
      naiveKlCd(a, expected, ht, k, 0.02, 0.01, 3, 1e-3);
      double[] v = new double[x.nnz()];
      new KlCdSolver(k, cols * k, 1, 3, 1e-3).sweep(0, x.rowPtr(), x.colIdx(), x.values(), w, ht, hSum, 0.02, 0.01, v, false, 0, rows);
      assertArrayEquals(expected, w, 1e-10, "k=" + k);
    }
  }
}

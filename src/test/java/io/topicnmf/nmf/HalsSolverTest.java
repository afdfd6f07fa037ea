package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Frobenius solvers' kernels: HALS sweeps and multiplicative updates, against textbook formulas and their single-threaded twins. */
class HalsSolverTest {

  private static double[] random(SplittableRandom rnd, int n, boolean withZeros) {
    double[] d = new double[n];
    for (int q = 0; q < n; q++) d[q] = withZeros && rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble();
    return d;
  }

  @Test
  void parallelSweepsEqualSingleThreadedBitForBit() {
    SplittableRandom rnd = new SplittableRandom(5);
    int rows = 5000, k = 9;
    double[] a = random(rnd, rows * k, true);
    double[] xf = random(rnd, rows * k, false);
    double[] ref = new double[k * k];
    DenseKernels.gram(a, rows, k, ref);
    double[] refW = a.clone();
    double[] refMu = a.clone();
    double refChange;
    try (Workers one = Workers.sequential()) {
      refChange = new HalsSolver(rows, k, one).sweep(refW, rows, xf, ref, 0.01, 0.02, true);
      new MultiplicativeUpdate(rows, k, one).update(refMu, rows, xf, ref, 0.01, 0.02);
    }
    for (int threads : new int[] {2, 3}) {
      try (Workers workers = Workers.of(threads)) {
        double[] w = a.clone();
        double change = new HalsSolver(rows, k, workers).sweep(w, rows, xf, ref, 0.01, 0.02, true);
        assertTrue(Arrays.equals(refW, w));
        assertEquals(Double.doubleToLongBits(refChange), Double.doubleToLongBits(change));
        double[] mu = a.clone();
        new MultiplicativeUpdate(rows, k, workers).update(mu, rows, xf, ref, 0.01, 0.02);
        assertTrue(Arrays.equals(refMu, mu));
      }
    }
  }

  @Test
  void halsWithKeptResidualsMatchesFreshSweepsAndIsThreadIndependent() {
    SplittableRandom rnd = new SplittableRandom(12);
    int rows = 2500, k = 7;
    double[] f = random(rnd, 40 * k, true);
    double[] g = new double[k * k];
    DenseKernels.gram(f, 40, k, g);
    double[] xf = random(rnd, rows * k, false);
    double[] w0 = random(rnd, rows * k, true);
    // Three sweeps recomputing the residual every time ...
    double[] expected = w0.clone();
    double[] expectedChanges = new double[3];
    for (int sweep = 0; sweep < 3; sweep++) {
      expectedChanges[sweep] = HalsSolver.rows(expected, xf, g, k, 0.02, 0.05, new double[k], 0, 0, rows);
    }
    double[] ref = null;
    for (int threads : new int[] {1, 2, 3}) {
      try (Workers workers = Workers.of(threads)) {
        // ... equal three sweeps that form the residual once and keep it up to date.
        double[] w = w0.clone();
        HalsSolver solver = new HalsSolver(rows, k, workers);
        for (int sweep = 0; sweep < 3; sweep++) {
          double change = solver.sweep(w, rows, xf, g, 0.02, 0.05, sweep == 0);
          assertEquals(expectedChanges[sweep], change, 1e-9 * Math.max(1, expectedChanges[sweep]));
        }
        assertArrayEquals(expected, w, 1e-10);
        if (ref == null) {
          ref = w;
        } else {
          assertTrue(Arrays.equals(ref, w), "threads=" + threads);
        }
      }
    }
  }

  @Test
  void halsSweepMatchesTheTextbookCoordinateUpdate() {
    SplittableRandom rnd = new SplittableRandom(8);
    for (int k : new int[] {1, 2, 7, 16}) {
      int rows = 300;
      double[] f = random(rnd, 50 * k, true);
      double[] g = new double[k * k];
      DenseKernels.gram(f, 50, k, g);
      double[] xf = random(rnd, rows * k, false);
      double[] w = random(rnd, rows * k, true);
      double[] expected = w.clone();
      double l1 = 0.03, l2 = 0.1;
      double expectedChange = 0;
      for (int i = 0; i < rows; i++)
        for (int t = 0; t < k; t++) {
          double grad = l1 - xf[i * k + t] + l2 * expected[i * k + t];
          for (int r = 0; r < k; r++) grad += g[t * k + r] * expected[i * k + r];
          double hess = g[t * k + t] + l2;
          double nw = Math.max(0, expected[i * k + t] - grad / hess);
          expectedChange += (nw - expected[i * k + t]) * (nw - expected[i * k + t]);
          expected[i * k + t] = nw;
        }
      double change = HalsSolver.rows(w, xf, g, k, l1, l2, new double[k], 0, 0, rows);
      assertArrayEquals(expected, w, 1e-10, "k=" + k);
      assertEquals(expectedChange, change, 1e-9 * Math.max(1, expectedChange));
    }
  }

  @Test
  void halsSweepSolvesEachCoordinateExactly() {
    // One row, k = 2: g = [[2, 1], [1, 3]], xf = [4, 1]. Coordinate 0: w0 = (4 - 1*w1)/2 with w1=1 -> 1.5.
    // Coordinate 1: w1 = max(0, (1 - 1*1.5)/3) = 0.
    double[] w = {1.0, 1.0};
    double change = HalsSolver.rows(w, new double[] {4, 1}, new double[] {2, 1, 1, 3}, 2, 0, 0,
        new double[2], 0, 0, 1);
    assertArrayEquals(new double[] {1.5, 0.0}, w, 1e-15);
    assertEquals(0.25 + 1.0, change, 1e-15);
  }

  @Test
  void halsSweepWithL1AndL2MatchesClosedForm() {
    // k = 1: minimise ½ g w² − xf w + l1 w + ½ l2 w²  ->  w = max(0, (xf − l1)/(g + l2)).
    double[] w = {7.0};
    HalsSolver.rows(w, new double[] {5}, new double[] {2}, 1, 1.0, 2.0, new double[1], 0, 0, 1);
    assertEquals((5 - 1.0) / (2 + 2.0), w[0], 1e-15);
  }

  @Test
  void multiplicativeUpdateMatchesFormula() {
    double[] w = {1.0, 2.0};
    double[] g = {2, 1, 1, 3};
    double[] num = {3, 4};
    double[] scratch = new double[2];
    MultiplicativeUpdate.frobeniusRows(w, num, g, 2, 0.5, 0.0, scratch, 0, 0, 1);
    // denominators: (W g)_0 = 1*2 + 2*1 = 4 (+0.5), (W g)_1 = 1*1 + 2*3 = 7 (+0.5)
    assertArrayEquals(new double[] {1.0 * 3 / 4.5, 2.0 * 4 / 7.5}, w, 1e-15);
  }
}

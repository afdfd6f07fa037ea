package io.topicnmf.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.parallel.Workers;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseKernelsTest {

  private static double[] random(SplittableRandom rnd, int n, boolean withZeros) {
    double[] d = new double[n];
    for (int q = 0; q < n; q++) d[q] = withZeros && rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble();
    return d;
  }

  @Test
  void gramMatchesNaiveProductOnRandomShapes() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int rows : new int[] {0, 1, 5, 1023, 1024, 1025, 3000}) {
      for (int k : new int[] {1, 3, 10}) {
        double[] a = random(rnd, rows * k, true);
        double[] expected = new double[k * k];
        for (int s = 0; s < k; s++)
          for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int i = 0; i < rows; i++) sum += a[i * k + s] * a[i * k + t];
            expected[s * k + t] = sum;
          }
        double[] g = new double[k * k];
        DenseKernels.gram(a, rows, k, g);
        assertArrayEquals(expected, g, 1e-9 * Math.max(1, rows), "rows=" + rows + " k=" + k);
        for (int s = 0; s < k; s++)
          for (int t = 0; t < k; t++) assertEquals(g[s * k + t], g[t * k + s]);
      }
    }
  }

  @Test
  void parallelGramAndSweepsEqualSingleThreadedBitForBit() {
    SplittableRandom rnd = new SplittableRandom(5);
    int rows = 5000, k = 9;
    double[] a = random(rnd, rows * k, true);
    double[] xf = random(rnd, rows * k, false);
    double[] ref = new double[k * k];
    DenseKernels.gram(a, rows, k, ref);
    double[] refW = a.clone();
    double[] refMu = a.clone();
    double[] partials = new double[DenseKernels.sweepWorkspaceSize(rows, k)];
    double refChange;
    try (Workers one = Workers.sequential()) {
      refChange = DenseKernels.hals(refW, rows, xf, ref, k, 0.01, 0.02, new double[rows * k], true, partials, one);
      DenseKernels.mu(refMu, rows, xf, ref, k, 0.01, 0.02, partials, one);
    }
    for (int threads : new int[] {2, 3}) {
      try (Workers workers = Workers.of(threads)) {
        double[] g = new double[k * k];
        DenseKernels.gram(a, rows, k, g, new double[DenseKernels.gramWorkspaceSize(rows, k)], workers);
        assertTrue(Arrays.equals(ref, g));
        double[] w = a.clone();
        double change = DenseKernels.hals(w, rows, xf, ref, k, 0.01, 0.02, new double[rows * k], true, partials, workers);
        assertTrue(Arrays.equals(refW, w));
        assertEquals(Double.doubleToLongBits(refChange), Double.doubleToLongBits(change));
        double[] mu = a.clone();
        DenseKernels.mu(mu, rows, xf, ref, k, 0.01, 0.02, partials, workers);
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
    double[] partials = new double[DenseKernels.sweepWorkspaceSize(rows, k)];
    // Three sweeps recomputing the residual every time ...
    double[] expected = w0.clone();
    double[] expectedChanges = new double[3];
    for (int sweep = 0; sweep < 3; sweep++) {
      expectedChanges[sweep] = DenseKernels.halsRows(expected, xf, g, k, 0.02, 0.05, new double[k], 0, 0, rows);
    }
    double[] ref = null;
    for (int threads : new int[] {1, 2, 3}) {
      try (Workers workers = Workers.of(threads)) {
        // ... equal three sweeps that form the residual once and keep it up to date.
        double[] w = w0.clone();
        double[] res = new double[rows * k];
        for (int sweep = 0; sweep < 3; sweep++) {
          double change = DenseKernels.hals(w, rows, xf, g, k, 0.02, 0.05, res, sweep == 0, partials, workers);
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
      double change = DenseKernels.halsRows(w, xf, g, k, l1, l2, new double[k], 0, 0, rows);
      assertArrayEquals(expected, w, 1e-10, "k=" + k);
      assertEquals(expectedChange, change, 1e-9 * Math.max(1, expectedChange));
    }
  }

  @Test
  void halsSweepSolvesEachCoordinateExactly() {
    // One row, k = 2: g = [[2, 1], [1, 3]], xf = [4, 1]. Coordinate 0: w0 = (4 - 1*w1)/2 with w1=1 -> 1.5.
    // Coordinate 1: w1 = max(0, (1 - 1*1.5)/3) = 0.
    double[] w = {1.0, 1.0};
    double change = DenseKernels.halsRows(w, new double[] {4, 1}, new double[] {2, 1, 1, 3}, 2, 0, 0,
        new double[2], 0, 0, 1);
    assertArrayEquals(new double[] {1.5, 0.0}, w, 1e-15);
    assertEquals(0.25 + 1.0, change, 1e-15);
  }

  @Test
  void halsSweepWithL1AndL2MatchesClosedForm() {
    // k = 1: minimise ½ g w² − xf w + l1 w + ½ l2 w²  ->  w = max(0, (xf − l1)/(g + l2)).
    double[] w = {7.0};
    DenseKernels.halsRows(w, new double[] {5}, new double[] {2}, 1, 1.0, 2.0, new double[1], 0, 0, 1);
    assertEquals((5 - 1.0) / (2 + 2.0), w[0], 1e-15);
  }

  @Test
  void multiplicativeUpdateMatchesFormula() {
    double[] w = {1.0, 2.0};
    double[] g = {2, 1, 1, 3};
    double[] num = {3, 4};
    double[] scratch = new double[2];
    DenseKernels.muRows(w, num, g, 2, 0.5, 0.0, scratch, 0, 0, 1);
    // denominators: (W g)_0 = 1*2 + 2*1 = 4 (+0.5), (W g)_1 = 1*1 + 2*3 = 7 (+0.5)
    assertArrayEquals(new double[] {1.0 * 3 / 4.5, 2.0 * 4 / 7.5}, w, 1e-15);
  }

  @Test
  void workersPropagateFailuresAndRunEveryBlockOnce() {
    try (Workers workers = Workers.of(2)) {
      int[] seen = new int[10];
      workers.forEachBlock(95, 10, (b, from, to) -> {
        seen[b]++;
        assertEquals(b * 10, from);
        assertEquals(Math.min(95, b * 10 + 10), to);
      });
      for (int c : seen) assertEquals(1, c);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> workers.forEachBlock(100, 10, (b, from, to) -> {
            if (b == 3) throw new IllegalStateException("boom");
          }));
      assertEquals("boom", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Workers.of(0));
  }

  @Test
  void extrapolateStepsAlongTheLastChangeProjectsOnTheOrthantAndKeepsTheNewIterate() {
    double[] a = {1.0, 2.0, 0.5, 0.0, 3.0};
    double[] prev = {0.5, 2.0, 1.5, 1.0, 1.0};
    DenseKernels.extrapolate(a, prev, 4, 0.5, Workers.sequential());
    // a + 0.5·(a − prev), clipped at 0; the fifth entry lies beyond n and is untouched.
    assertArrayEquals(new double[] {1.25, 2.0, 0.0, 0.0, 3.0}, a, 0.0);
    assertArrayEquals(new double[] {1.0, 2.0, 0.5, 0.0, 1.0}, prev, 0.0);
    SplittableRandom rng = new SplittableRandom(5);
    int n = 300_000;
    double[] x = new double[n];
    double[] p = new double[n];
    for (int q = 0; q < n; q++) {
      x[q] = rng.nextDouble();
      p[q] = rng.nextDouble();
    }
    double[] x1 = x.clone();
    double[] p1 = p.clone();
    DenseKernels.extrapolate(x1, p1, n, 0.7, Workers.sequential());
    try (Workers two = Workers.of(2)) {
      DenseKernels.extrapolate(x, p, n, 0.7, two);
    }
    assertArrayEquals(x1, x, 0.0);
    assertArrayEquals(p1, p, 0.0);
  }
}

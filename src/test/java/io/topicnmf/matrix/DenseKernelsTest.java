package io.topicnmf.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
  void parallelGramEqualsSingleThreadedBitForBit() {
    SplittableRandom rnd = new SplittableRandom(5);
    int rows = 5000, k = 9;
    double[] a = random(rnd, rows * k, true);
    double[] ref = new double[k * k];
    DenseKernels.gram(a, rows, k, ref);
    for (int threads : new int[] {2, 3}) {
      try (Workers workers = Workers.of(threads)) {
        double[] g = new double[k * k];
        DenseKernels.gram(a, rows, k, g, new double[DenseKernels.gramWorkspaceSize(rows, k)], workers);
        assertTrue(Arrays.equals(ref, g));
      }
    }
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

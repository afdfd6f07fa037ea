package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** {@link NnlsSolver} (block principal pivoting) against enumeration of all passive sets. */
class NnlsSolverTest {

  /** A random problem: rows of W for {@code xf = X·Fᵀ}, {@code g = F·Fᵀ} with F {@code k × n}. */
  private record Problem(int k, int rows, double[] g, double[] xf, double[] w0) {}

  /**
   * {@code kind}: 0 full-rank F, 1 F with fewer columns than rows (rank n < k), 2 F with a repeated
   * row and an all-zero row, 3 targets giving all-zero solutions for some rows.
   */
  private static Problem problem(long seed, int k, int rows, int kind) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = kind == 1 ? Math.max(1, k - 2) : k + 3 + rnd.nextInt(5);
    double[] f = new double[k * n];
    for (int q = 0; q < f.length; q++) f[q] = rnd.nextDouble() < 0.7 ? rnd.nextDouble() : 0.0;
    if (kind == 2 && k >= 3) {
      System.arraycopy(f, 0, f, n, n); // row 1 = row 0
      for (int j = 0; j < n; j++) f[2 * n + j] = 0.0; // row 2 = 0
    }
    double[] g = new double[k * k];
    for (int s = 0; s < k; s++)
      for (int t = 0; t < k; t++)
        for (int j = 0; j < n; j++) g[s * k + t] += f[s * n + j] * f[t * n + j];
    double[] xf = new double[rows * k];
    double[] w0 = new double[rows * k];
    for (int i = 0; i < rows; i++) {
      double[] xrow = new double[n];
      for (int j = 0; j < n; j++) xrow[j] = rnd.nextDouble() < 0.5 ? rnd.nextDouble() : 0.0;
      for (int t = 0; t < k; t++) {
        for (int j = 0; j < n; j++) xf[i * k + t] += xrow[j] * f[t * n + j];
        if (kind == 3 && i % 3 == 0) xf[i * k + t] = -rnd.nextDouble(); // optimum is w = 0
        if (kind == 0 && i % 4 == 1) xf[i * k + t] = rnd.nextDouble() * 2 - 1; // arbitrary signs
        w0[i * k + t] = rnd.nextDouble() < 0.5 ? rnd.nextDouble() : 0.0;
      }
    }
    return new Problem(k, rows, g, xf, w0);
  }

  private static double objective(double[] g, int k, double l1, double l2, double[] xf, int base, double[] v, int vb) {
    double f = 0;
    for (int s = 0; s < k; s++) {
      f -= (xf[base + s] - l1) * v[vb + s];
      for (int t = 0; t < k; t++) f += 0.5 * v[vb + s] * (g[s * k + t] + (s == t ? l2 : 0)) * v[vb + t];
    }
    return f;
  }

  /** The minimum of the row's objective over w ≥ 0, by trying every support (pseudo-inverse solves). */
  private static double bruteForce(double[] g, int k, double l1, double l2, double[] xf, int base) {
    double best = 0.0; // w = 0
    for (int mask = 1; mask < (1 << k); mask++) {
      int p = Integer.bitCount(mask);
      int[] idx = new int[p];
      for (int t = 0, q = 0; t < k; t++) if ((mask & (1 << t)) != 0) idx[q++] = t;
      DMatrixRMaj a = new DMatrixRMaj(p, p);
      DMatrixRMaj b = new DMatrixRMaj(p, 1);
      for (int r = 0; r < p; r++) {
        b.set(r, 0, xf[base + idx[r]] - l1);
        for (int c = 0; c < p; c++) a.set(r, c, g[idx[r] * k + idx[c]] + (r == c ? l2 : 0));
      }
      DMatrixRMaj pinv = new DMatrixRMaj(p, p);
      CommonOps_DDRM.pinv(a, pinv);
      DMatrixRMaj sol = new DMatrixRMaj(p, 1);
      CommonOps_DDRM.mult(pinv, b, sol);
      DMatrixRMaj check = new DMatrixRMaj(p, 1);
      CommonOps_DDRM.mult(a, sol, check);
      boolean ok = true;
      for (int r = 0; r < p; r++) {
        if (sol.get(r, 0) < -1e-10 || Math.abs(check.get(r, 0) - b.get(r, 0)) > 1e-8) ok = false;
      }
      if (!ok) continue;
      double[] v = new double[k];
      for (int r = 0; r < p; r++) v[idx[r]] = Math.max(0, sol.get(r, 0));
      best = Math.min(best, objective(g, k, l1, l2, xf, base, v, 0));
    }
    return best;
  }

  private static double[] solve(Problem pr, double l1, double l2, Workers workers) {
    double[] w = pr.w0().clone();
    int limited = new NnlsSolver(pr.rows(), pr.k(), workers).solve(w, pr.rows(), pr.xf(), pr.g(), l1, l2);
    assertEquals(0, limited, "rows that hit the solve limit");
    return w;
  }

  @Test
  void matchesEnumerationOfAllPassiveSets() {
    int checked = 0;
    int zeroRows = 0;
    for (int k = 1; k <= 5; k++) {
      for (int kind = 0; kind < 4; kind++) {
        for (double[] reg : new double[][] {{0, 0}, {0.05, 0}, {0, 0.3}, {0.1, 0.2}}) {
          Problem pr = problem(100L * k + 10 * kind + (long) (reg[0] * 100 + reg[1] * 10), k, 40, kind);
          double[] w = solve(pr, reg[0], reg[1], Workers.sequential());
          for (int i = 0; i < pr.rows(); i++) {
            int base = i * k;
            double expected = bruteForce(pr.g(), k, reg[0], reg[1], pr.xf(), base);
            double got = objective(pr.g(), k, reg[0], reg[1], pr.xf(), base, w, base);
            String what = "k=" + k + " kind=" + kind + " l1=" + reg[0] + " l2=" + reg[1] + " row " + i;
            assertEquals(expected, got, 1e-9 * (1 + Math.abs(expected)), what);
            boolean allZero = true;
            for (int t = 0; t < k; t++) {
              assertTrue(w[base + t] >= 0, what + ": negative entry " + w[base + t]);
              allZero &= w[base + t] == 0.0;
            }
            if (expected == 0.0) {
              assertTrue(allZero, what + ": optimum is w = 0");
              zeroRows++;
            }
            checked++;
          }
        }
      }
    }
    assertTrue(zeroRows > 50, "all-zero solutions covered: " + zeroRows + " of " + checked);
  }

  @Test
  void fullRankSolutionIsUniqueAndSatisfiesKkt() {
    int k = 5;
    Problem pr = problem(7, k, 200, 0);
    double[] w = solve(pr, 0.0, 0.0, Workers.sequential());
    int positive = 0;
    for (int i = 0; i < pr.rows(); i++) {
      for (int t = 0; t < k; t++) {
        double grad = -pr.xf()[i * k + t];
        for (int r = 0; r < k; r++) grad += pr.g()[t * k + r] * w[i * k + r];
        if (w[i * k + t] > 0) {
          assertEquals(0.0, grad, 1e-10, "gradient on the support, row " + i);
          positive++;
        } else {
          assertTrue(grad >= -1e-10, "gradient off the support, row " + i + ": " + grad);
        }
      }
    }
    assertTrue(positive > 200, "some entries positive: " + positive);
  }

  @Test
  void warmAndColdStartsAgree() {
    int k = 5;
    Problem pr = problem(11, k, 100, 0);
    double[] warm = solve(pr, 0.01, 0.1, Workers.sequential());
    Problem cold = new Problem(k, pr.rows(), pr.g(), pr.xf(), new double[pr.rows() * k]);
    double[] fromZero = solve(cold, 0.01, 0.1, Workers.sequential());
    assertArrayEquals(fromZero, warm, 1e-10);
  }

  @Test
  void parallelEqualsSequentialBitForBit() {
    for (int kind = 0; kind < 4; kind++) {
      Problem pr = problem(20 + kind, 9, 2 * Sweeps.BLOCK + 77, kind);
      double[] one = solve(pr, 0.02, 0.1, Workers.sequential());
      for (int threads : new int[] {2, 3}) {
        try (Workers workers = Workers.of(threads)) {
          assertArrayEquals(one, solve(pr, 0.02, 0.1, workers), 0.0, "kind " + kind + ", threads " + threads);
        }
      }
    }
  }

  @Test
  void moreRowsThanTheSolverWasBuiltForAreRejectedWithTheSizes() {
    NnlsSolver solver = new NnlsSolver(10, 3, Workers.sequential());
    int rows = Sweeps.BLOCK + 1;
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> solver.solve(new double[rows * 3], rows, new double[rows * 3], new double[9], 0, 0));
    assertTrue(e.getMessage().contains(rows + " rows"), e.getMessage());
  }
}

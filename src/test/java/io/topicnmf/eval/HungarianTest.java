package io.topicnmf.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HungarianTest {

  @Test
  void solvesScipyDocumentationExample() {
    // scipy.optimize.linear_sum_assignment example: rows -> cols [1, 0, 2], cost 1 + 2 + 2 = 5.
    double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
    int[] col = Hungarian.solveMin(cost);
    assertArrayEquals(new int[] {1, 0, 2}, col);
    assertEquals(5.0, total(cost, col));
  }

  @Test
  void beatsGreedyMatching() {
    // Greedy takes the 0 at (0,0) and is then forced into 100; optimal is 1 + 1.
    double[][] cost = {{0, 1}, {1, 100}};
    assertArrayEquals(new int[] {1, 0}, Hungarian.solveMin(cost));
    assertArrayEquals(new int[] {0, 1}, Hungarian.solveMax(cost));
  }

  @Test
  void matchesBruteForceOnRandomMatrices() {
    SplittableRandom rnd = new SplittableRandom(2024);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + rnd.nextInt(6);
      int m = n + rnd.nextInt(7 - n);
      double[][] cost = new double[n][m];
      boolean ties = trial % 2 == 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          cost[i][j] = ties ? rnd.nextInt(4) : rnd.nextDouble() * 200 - 100;
        }
      }
      int[] col = Hungarian.solveMin(cost);
      assertEquals(n, col.length);
      boolean[] usedCol = new boolean[m];
      for (int c : col) {
        assertTrue(c >= 0 && c < m && !usedCol[c], "columns must be distinct");
        usedCol[c] = true;
      }
      double best = bruteForce(cost, 0, new boolean[m]);
      assertEquals(best, total(cost, col), 1e-9, "trial " + trial + " " + n + "x" + m);

      int[] colMax = Hungarian.solveMax(cost);
      double[][] neg = new double[n][m];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          neg[i][j] = -cost[i][j];
        }
      }
      assertEquals(-bruteForce(neg, 0, new boolean[m]), total(cost, colMax), 1e-9);
    }
  }

  /** Minimum total over all injective row -> column maps, rows from {@code i} on. */
  private static double bruteForce(double[][] cost, int i, boolean[] used) {
    if (i == cost.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < cost[i].length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, cost[i][j] + bruteForce(cost, i + 1, used));
        used[j] = false;
      }
    }
    return best;
  }

  private static double total(double[][] cost, int[] col) {
    double s = 0;
    for (int i = 0; i < col.length; i++) {
      s += cost[i][col[i]];
    }
    return s;
  }

  @Test
  void handlesEdgeShapesAndRejectsBadInput() {
    assertEquals(0, Hungarian.solveMin(new double[0][]).length);
    assertArrayEquals(new int[] {2}, Hungarian.solveMin(new double[][] {{3, 2, -1}}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Hungarian.solveMin(new double[][] {{1}, {2}}));
    assertTrue(e.getMessage().contains("2x1"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Hungarian.solveMin(new double[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class,
        () -> Hungarian.solveMin(new double[][] {{1, Double.NaN}}));
    assertThrows(IllegalArgumentException.class,
        () -> Hungarian.solveMin(new double[][] {{1, Double.POSITIVE_INFINITY}}));
  }

  @Test
  void largeProblemIsSolvedToOptimality() {
    // A planted permutation with zero cost among positive costs must be found exactly.
    int n = 200;
    SplittableRandom rnd = new SplittableRandom(1);
    int[] planted = new int[n];
    for (int i = 0; i < n; i++) {
      planted[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = planted[i];
      planted[i] = planted[j];
      planted[j] = t;
    }
    double[][] cost = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cost[i][j] = j == planted[i] ? 0 : 0.01 + rnd.nextDouble();
      }
    }
    assertArrayEquals(planted, Hungarian.solveMin(cost));
  }
}

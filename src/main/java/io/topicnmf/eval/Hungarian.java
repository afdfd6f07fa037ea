package io.topicnmf.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Optimal assignment (the linear assignment problem) by the Hungarian method with potentials.
 *
 * <p>Given an {@code n × m} cost matrix with {@code n <= m}, finds distinct columns {@code c(i)}
 * minimising {@code Σ_i cost[i][c(i)]}. This is Kuhn's (1955) Hungarian method in the
 * shortest-augmenting-path form with row and column potentials (Jonker &amp; Volgenant 1987;
 * Edmonds &amp; Karp 1972): one augmentation per row, each O(n·m), so O(n²·m) time and O(n + m)
 * extra memory. Used here to match the topics of two runs before comparing them.
 */
public final class Hungarian {
  private Hungarian() {}

  /**
   * Minimum-cost assignment of every row to a distinct column.
   *
   * @param cost {@code n × m} finite costs, {@code n <= m} (transpose the problem otherwise); may
   *     be negative
   * @return {@code col[i]} = the column assigned to row i (length n; distinct values)
   * @throws IllegalArgumentException if the matrix is ragged, has more rows than columns, or holds
   *     a non-finite value
   */
  public static int[] solveMin(double[][] cost) {
    Objects.requireNonNull(cost, "cost");
    int n = cost.length;
    if (n == 0) {
      return new int[0];
    }
    int m = cost[0].length;
    if (n > m) {
      throw new IllegalArgumentException("cost matrix is " + n + "x" + m
          + "; need rows <= columns (transpose it to assign columns to rows)");
    }
    for (int i = 0; i < n; i++) {
      if (cost[i].length != m) {
        throw new IllegalArgumentException(
            "cost row " + i + " has " + cost[i].length + " columns, row 0 has " + m);
      }
      for (int j = 0; j < m; j++) {
        if (!Double.isFinite(cost[i][j])) {
          throw new IllegalArgumentException("cost[" + i + "][" + j + "] = " + cost[i][j]
              + " is not finite");
        }
      }
    }
    // 1-based arrays: index 0 of p/way is the virtual column from which each augmentation starts.
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1]; // p[j] = row matched to column j, 0 if none
    int[] way = new int[m + 1];
    double[] minv = new double[m + 1];
    boolean[] used = new boolean[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = -1;
        double[] row = cost[i0 - 1];
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double cur = row[j - 1] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] col = new int[n];
    for (int j = 1; j <= m; j++) {
      if (p[j] != 0) {
        col[p[j] - 1] = j - 1;
      }
    }
    return col;
  }

  /**
   * Maximum-gain assignment: {@link #solveMin} on the negated matrix.
   *
   * @param gain {@code n × m} finite gains, {@code n <= m}
   * @return {@code col[i]} = the column assigned to row i
   */
  public static int[] solveMax(double[][] gain) {
    Objects.requireNonNull(gain, "gain");
    double[][] neg = new double[gain.length][];
    for (int i = 0; i < gain.length; i++) {
      neg[i] = new double[gain[i].length];
      for (int j = 0; j < gain[i].length; j++) {
        neg[i][j] = -gain[i][j];
      }
    }
    return solveMin(neg);
  }
}

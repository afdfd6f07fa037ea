package io.topicnmf.nmf;

import io.topicnmf.parallel.Workers;

/**
 * Hierarchical alternating least squares (HALS, Cichocki &amp; Phan 2009; scikit-learn's {@code
 * cd}) for one factor: cyclic coordinate descent on {@code min_{A ≥ 0} ½‖X − A·F‖² + l1·‖A‖₁ +
 * ½·l2·‖A‖²} given {@code xf = X·Fᵀ} and the Gram matrix {@code g = F·Fᵀ}, row by row.
 *
 * <p>In the style of EJML's {@code LinearSolverDense}: built once for a shape, it owns the rows'
 * residuals and the per-block sums, and {@link #sweep} allocates nothing. The row kernels
 * ({@link #rows}, {@link #residualRows}) are single-threaded building blocks over row ranges of
 * row-major arrays. Package-private: the solvers' inner loops are not API.
 */
final class HalsSolver {
  private final int k;
  private final Workers workers;
  /** Residuals {@code X·Fᵀ − l1 − W·F·Fᵀ} of the factor being swept, reused by repeated sweeps. */
  private final double[] residual;
  /** One squared change per block, added in block order. */
  private final double[] partials;

  /**
   * A solver for factors of up to {@code maxRows} rows and {@code k} columns; allocates its
   * residuals ({@code maxRows × k}) and per-block sums once.
   */
  HalsSolver(int maxRows, int k, Workers workers) {
    this.k = k;
    this.workers = workers;
    this.residual = new double[maxRows * k];
    this.partials = new double[Math.max(1, Workers.blockCount(maxRows, Sweeps.BLOCK))];
  }

  /**
   * One HALS sweep over all {@code rows} rows of {@code a} ({@link #residualRows}) in parallel over
   * blocks of {@link Sweeps#BLOCK} rows; per-block changes are added in block order, so the result
   * is independent of threads. With {@code fresh} the rows' residuals are formed first; otherwise
   * they are those the previous sweep on the same {@code xf} and {@code g} left.
   *
   * @return the sum of squared changes over the rows
   */
  double sweep(double[] a, int rows, double[] xf, double[] g, double l1, double l2, boolean fresh) {
    if (rows * k > residual.length) {
      throw new IllegalArgumentException("HALS solver built for " + residual.length / Math.max(1, k)
          + " rows, called with " + rows + " (k=" + k + ")");
    }
    int blocks = Workers.blockCount(rows, Sweeps.BLOCK);
    workers.forEachBlock(rows, Sweeps.BLOCK, (b, from, to) ->
        partials[b] = residualRows(a, xf, g, k, l1, l2, residual, 0, fresh, from, to));
    double total = 0.0;
    for (int b = 0; b < blocks; b++) {
      total += partials[b];
    }
    return total;
  }

  /**
   * One HALS (cyclic coordinate descent) sweep over rows {@code [from, to)} of the non-negative
   * least-squares problem {@code min_{W ≥ 0} ½‖X − W·F‖² + l1·‖W‖₁ + ½·l2·‖W‖²}, given
   * {@code xf = X·Fᵀ} ({@code rows × k}) and the symmetric Gram matrix {@code g = F·Fᵀ} ({@code k × k}).
   * For each row i and each component t in order:
   * {@code w(i,t) ← max(0, w(i,t) − (Σ_r g(t,r)·w(i,r) + l2·w(i,t) + l1 − xf(i,t)) / (g(t,t) + l2))},
   * skipping t when {@code g(t,t) + l2 = 0}. Rows are independent, so this equals the
   * column-by-column HALS update of Cichocki &amp; Phan (2009) and scikit-learn's {@code cd}.
   *
   * <p>Instead of a k-term dot product per coordinate, the row's residual {@code q = xf(i,:) − l1 −
   * w(i,:)·g} is formed once and corrected by {@code −Δ·g(t,:)} when a coordinate moves: the same
   * update with vectorisable loops, and no work for coordinates that stay at zero (common in
   * sparse topic factors).
   *
   * @param scratch {@code scratch[off, off+k)} holds the row's residual
   * @return the sum of squared changes {@code Σ (w_new − w_old)²} over the rows
   */
  static double rows(double[] w, double[] xf, double[] g, int k, double l1, double l2,
      double[] scratch, int off, int from, int to) {
    double change = 0.0;
    for (int i = from; i < to; i++) {
      change += residualRows(w, xf, g, k, l1, l2, scratch, i * k - off, true, i, i + 1);
    }
    return change;
  }

  /**
   * {@link #rows} with the rows' residuals kept in {@code res} ({@code rows × k}) between
   * sweeps on the same {@code xf} and {@code g}: with {@code fresh} the residual {@code res(i,:) =
   * xf(i,:) − l1 − w(i,:)·g} is formed first (as {@link #rows} does); otherwise {@code res}
   * must hold it from the previous sweep, which leaves it exact for the new {@code w} (up to
   * rounding). Repeated (accelerated) sweeps then cost {@code O(k)} per coordinate instead of
   * {@code O(k²)} per row.
   *
   * @param shift row i's residual is at {@code res[i·k − shift, i·k − shift + k)} (0 for a
   *     {@code rows × k} array; {@code from·k} for one row's scratch)
   * @return the sum of squared changes over the rows
   */
  static double residualRows(double[] w, double[] xf, double[] g, int k, double l1,
      double l2, double[] res, int shift, boolean fresh, int from, int to) {
    double change = 0.0;
    for (int i = from; i < to; i++) {
      int base = i * k;
      int rb = base - shift;
      if (fresh) {
        for (int t = 0; t < k; t++) {
          res[rb + t] = xf[base + t] - l1;
        }
        for (int r = 0; r < k; r++) {
          double wr = w[base + r];
          if (wr != 0.0) {
            int gr = r * k;
            for (int t = 0; t < k; t++) {
              res[rb + t] -= wr * g[gr + t];
            }
          }
        }
      }
      for (int t = 0; t < k; t++) {
        int gt = t * k;
        double hess = g[gt + t] + l2;
        if (hess <= 0.0) {
          continue;
        }
        double old = w[base + t];
        double nw = old + (res[rb + t] - l2 * old) / hess;
        if (nw < 0.0) {
          nw = 0.0;
        }
        double d = nw - old;
        if (d != 0.0) {
          w[base + t] = nw;
          change += d * d;
          for (int s2 = 0; s2 < k; s2++) {
            res[rb + s2] -= d * g[gt + s2];
          }
        }
      }
    }
    return change;
  }
}

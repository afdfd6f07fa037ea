package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;

/**
 * Multiplicative updates (Lee &amp; Seung 2001; scikit-learn's {@code _multiplicative_update_w})
 * for one factor: for the Frobenius loss ({@link #update}, {@link #frobeniusRows}) and for the
 * generalized KL divergence ({@link #klRows}). Built once for a shape, it owns one row of
 * denominators per block, so {@link #update} allocates nothing. Package-private.
 */
final class MultiplicativeUpdate {
  private final int k;
  private final Workers workers;
  /** One k-vector per block of {@link Sweeps#BLOCK} rows. */
  private final double[] scratch;

  /** An update for factors of up to {@code maxRows} rows and {@code k} columns. */
  MultiplicativeUpdate(int maxRows, int k, Workers workers) {
    this.k = k;
    this.workers = workers;
    this.scratch = new double[Math.max(1, Workers.blockCount(maxRows, Sweeps.BLOCK)) * k];
  }

  /**
   * {@link #frobeniusRows} over all {@code rows} rows of {@code a} in parallel over blocks of
   * {@link Sweeps#BLOCK} rows (rows are independent: the same bits whatever the threads).
   */
  void update(double[] a, int rows, double[] num, double[] g, double l1, double l2) {
    if ((long) Workers.blockCount(rows, Sweeps.BLOCK) * k > scratch.length) {
      throw new IllegalArgumentException("multiplicative update built for fewer rows than " + rows);
    }
    workers.forEachBlock(rows, Sweeps.BLOCK,
        (b, from, to) -> frobeniusRows(a, num, g, k, l1, l2, scratch, b * k, from, to));
  }

  /**
   * {@link #klRows} over all rows of {@code a} ({@code X} for W with {@code other = Hᵀ}, {@code
   * Xᵀ} for Hᵀ with {@code other = W}) in parallel over blocks of {@link Sweeps#BLOCK} rows, with
   * {@code bSum} the column sums of {@code other}.
   */
  void updateKl(CsrMatrix a, double[] f, double[] other, double[] bSum, double l1, double l2) {
    if ((long) Workers.blockCount(a.rows(), Sweeps.BLOCK) * k > scratch.length) {
      throw new IllegalArgumentException("multiplicative update built for fewer rows than " + a.rows());
    }
    int[] rowPtr = a.rowPtr();
    int[] colIdx = a.colIdx();
    float[] values = a.values();
    workers.forEachBlock(a.rows(), Sweeps.BLOCK, (b, from, to) ->
        klRows(rowPtr, colIdx, values, f, other, k, bSum, l1, l2, scratch, b * k, from, to));
  }

  /**
   * One multiplicative update (Lee &amp; Seung; scikit-learn's {@code _multiplicative_update_w} for
   * the Frobenius loss) of rows {@code [from, to)}:
   * {@code w(i,t) ← w(i,t) · num(i,t) / ((W·g)(i,t) + l1 + l2·w(i,t))}, a zero denominator
   * replaced by {@link Sweeps#MU_EPSILON}. {@code scratch[off, off+k)} holds one row's denominators.
   */
  static void frobeniusRows(double[] w, double[] num, double[] g, int k, double l1, double l2,
      double[] scratch, int off, int from, int to) {
    for (int i = from; i < to; i++) {
      int base = i * k;
      for (int t = 0; t < k; t++) {
        double d = l1 + l2 * w[base + t];
        int gt = t * k;
        for (int r = 0; r < k; r++) {
          d += w[base + r] * g[gt + r];
        }
        scratch[off + t] = d == 0.0 ? Sweeps.MU_EPSILON : d;
      }
      for (int t = 0; t < k; t++) {
        w[base + t] *= num[base + t] / scratch[off + t];
      }
    }
  }

  /**
   * One multiplicative update for the generalized KL divergence (Lee &amp; Seung 2001;
   * scikit-learn's {@code _multiplicative_update_w} with {@code beta_loss=1}) of rows {@code [from,
   * to)} of {@code a} ({@code rows × k}), the other factor {@code b} ({@code cols × k}) fixed:
   * {@code a(i,t) ← a(i,t)·Σ_p [x_p/max((a·bᵀ)_p, ε)]·b(j_p,t) / (bSum[t] + l1 + l2·a(i,t))}, the
   * predictions evaluated at the stored entries of row i only, a zero denominator replaced by
   * {@link Sweeps#MU_EPSILON}. {@code scratch[off, off+k)} holds one row's numerators. Works
   * for W (on X, b = Hᵀ) and for Hᵀ (on Xᵀ, b = W).
   */
  static void klRows(int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b,
      int k, double[] bSum, double l1, double l2, double[] scratch, int off, int from, int to) {
    for (int i = from; i < to; i++) {
      int ai = i * k;
      for (int t = 0; t < k; t++) {
        scratch[off + t] = 0.0;
      }
      for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
        int bj = colIdx[p] * k;
        double wh = 0.0;
        for (int t = 0; t < k; t++) {
          wh += a[ai + t] * b[bj + t];
        }
        double r = values[p] / Math.max(wh, Sweeps.KL_EPSILON);
        for (int t = 0; t < k; t++) {
          scratch[off + t] += r * b[bj + t];
        }
      }
      for (int t = 0; t < k; t++) {
        double den = bSum[t] + l1 + l2 * a[ai + t];
        a[ai + t] *= scratch[off + t] / (den == 0.0 ? Sweeps.MU_EPSILON : den);
      }
    }
  }
}

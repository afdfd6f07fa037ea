package io.topicnmf.nmf;

/**
 * The data terms of the generalized KL divergence at the stored entries of a sparse X, by row
 * range (the solvers add the block sums in block order). Non-instantiable, package-private.
 */
final class KlLoss {
  private KlLoss() {}

  /**
   * Sum over the stored entries of rows {@code [from, to)} of {@code x·ln(x / max(v, ε)) − x}, where
   * {@code v[p]} holds {@code (W·H)} at stored entry p ({@link Sweeps#KL_EPSILON}); stored zeros add 0.
   * With {@code Σ(W·H) = colsum(W)·rowsum(H)} added, this is the generalized KL divergence.
   */
  static double klTermsRows(int[] rowPtr, float[] values, double[] v, int from, int to) {
    double s = 0.0;
    for (int p = rowPtr[from], end = rowPtr[to]; p < end; p++) {
      double x = values[p];
      if (x > 0.0) {
        s += x * Math.log(x / Math.max(v[p], Sweeps.KL_EPSILON)) - x;
      }
    }
    return s;
  }

  /**
   * Like {@link #klTermsRows} but evaluating {@code (W·H)(i,j) = a(i,:)·b(j,:)} on the fly, with
   * {@code a} {@code rows × k} and {@code b} {@code cols × k} row-major.
   */
  static double klTermsRows(int[] rowPtr, int[] colIdx, float[] values, double[] a,
      double[] b, int k, int from, int to) {
    double s = 0.0;
    for (int i = from; i < to; i++) {
      int ai = i * k;
      for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
        double x = values[p];
        if (x > 0.0) {
          int bj = colIdx[p] * k;
          double wh = 0.0;
          for (int t = 0; t < k; t++) {
            wh += a[ai + t] * b[bj + t];
          }
          s += x * Math.log(x / Math.max(wh, Sweeps.KL_EPSILON)) - x;
        }
      }
    }
    return s;
  }
}

package io.topicnmf.model;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;

/**
 * Chooses the terms that describe each topic: the {@code top} terms of highest <em>relevance</em>
 * (Sievert &amp; Shirley 2014, "LDAvis: A method for visualizing and interpreting topics"),
 *
 * <pre>  r(w, t) = λ·log φ(t, w) + (1 − λ)·log( φ(t, w) / p(w) )</pre>
 *
 * where {@code φ(t, ·)} is row t of H scaled to sum 1 (the topic's distribution over terms; under
 * the KL loss NMF is PLSA and this is p(w | t)), and {@code p(w)} is term w's share of the total
 * weight of the factorized matrix X (its column sum over the sum of all entries). λ = 1 ranks by
 * weight in H alone, which favours terms frequent everywhere; smaller λ favours terms specific to
 * the topic (lift). λ = 0.5 ranks by φ²/p(w), that is by p(w|t)·p(t|w) up to a factor constant in
 * the topic: terms both probable in the topic and telling of it. Only terms with a positive weight
 * in the topic are candidates; ties go to the lower column.
 *
 * <p>Cost: O(nnz(X) + k·terms·log top) time, O(terms) memory.
 */
public final class TermRanking {
  private TermRanking() {}

  /**
   * The columns of each topic's {@code top} most relevant terms, most relevant first (fewer when a
   * topic has fewer positive weights).
   *
   * @param h topics × terms, non-negative
   * @param x documents × terms, the matrix H was fitted to (non-negative)
   * @param top terms per topic, ≥ 1
   * @param lambda λ in [0, 1]
   */
  public static int[][] top(DenseMatrix h, CsrMatrix x, int top, double lambda) {
    if (h.cols() != x.cols()) {
      throw new IllegalArgumentException(
          "H is " + h.rows() + " x " + h.cols() + " but X is " + x.rows() + " x " + x.cols());
    }
    if (top < 1) {
      throw new IllegalArgumentException("top must be >= 1, got " + top);
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("--relevance " + lambda + " must be within [0, 1]");
    }
    int k = h.rows();
    int m = h.cols();
    double[] logP = lambda == 1 ? null : logShares(x);
    double[] hd = h.data();
    double[] score = new double[m];
    int[][] result = new int[k][];
    for (int t = 0; t < k; t++) {
      double sum = 0;
      for (int j = 0; j < m; j++) sum += hd[t * m + j];
      double logSum = Math.log(sum);
      for (int j = 0; j < m; j++) {
        double v = hd[t * m + j];
        if (!(v > 0) || (logP != null && logP[j] == Double.NEGATIVE_INFINITY)) {
          score[j] = Double.NaN;
          continue;
        }
        // λ = 1 compares the weights themselves, so near-ties keep their exact order.
        score[j] = logP == null ? v : Math.log(v) - logSum - (1 - lambda) * logP[j];
      }
      result[t] = largest(score, Math.min(top, m));
    }
    return result;
  }

  /** log p(w) per column: log of the column's sum of X over the sum of all of X. */
  static double[] logShares(CsrMatrix x) {
    double[] col = new double[x.cols()];
    int[] ci = x.colIdx();
    double[] v = x.values();
    double total = 0;
    for (int e = 0; e < x.nnz(); e++) {
      col[ci[e]] += v[e];
      total += v[e];
    }
    double logTotal = Math.log(total);
    for (int j = 0; j < col.length; j++) col[j] = Math.log(col[j]) - logTotal;
    return col;
  }

  /** Indices of the {@code n} largest non-NaN scores, largest first, ties by lower index. */
  static int[] largest(double[] score, int n) {
    int[] best = new int[n];
    int size = 0;
    for (int j = 0; j < score.length; j++) {
      double v = score[j];
      if (Double.isNaN(v)) continue;
      if (size == n && v <= score[best[size - 1]]) continue;
      int p = size < n ? size++ : size - 1;
      while (p > 0 && score[best[p - 1]] < v) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = j;
    }
    return java.util.Arrays.copyOf(best, size);
  }
}

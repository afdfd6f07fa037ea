package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.SparseKernels;
import io.topicnmf.parallel.Workers;

/**
 * H re-solved for a fixed W by exact non-negative least squares: each row of Hᵀ (a term's topic
 * weights) minimises {@code ‖X(:,j) − W·h‖²} over {@code h ≥ 0}, by the block principal pivoting
 * solver of the ANLS engine ({@link NnlsSolver}, Kim &amp; Park 2011). The term ranking uses it to
 * read the topics' least-squares term weights off a fit of another loss.
 */
public final class TopicRefit {
  private TopicRefit() {}

  /**
   * The least-squares H for {@code w}, starting from {@code start}; single-threaded, so the result
   * does not depend on the thread count. Cost: O(nnz(X)·k + n·k² + terms·k³).
   *
   * @param x documents × terms
   * @param w documents × topics, row-major, non-negative
   * @param start topics × terms, non-negative: where the solver starts
   * @return topics × terms
   */
  public static DenseMatrix solveH(CsrMatrix x, double[] w, DenseMatrix start) {
    int k = topics(x, w, start);
    double[] xtw = new double[x.cols() * k];
    SparseKernels.multiply(x.transpose(), w, k, xtw);
    double[] g = new double[k * k];
    DenseKernels.gram(w, x.rows(), k, g);
    try (Workers one = Workers.of(1)) {
      return nnls(xtw, g, start, one);
    }
  }

  /**
   * {@link #solveH(CsrMatrix, double[], DenseMatrix)} to the same bits, on a worker pool: XᵀW over
   * fixed row blocks and each term's NNLS row on its own (both independent of the threads), the
   * Gram of W summed in one pass as there. For the term ranking after a fit, whose lists must not
   * change with the thread count.
   */
  public static DenseMatrix solveH(CsrMatrix x, double[] w, DenseMatrix start, Workers workers) {
    int k = topics(x, w, start);
    double[] xtw = new double[x.cols() * k];
    SparseKernels.multiply(x.transpose(), w, k, xtw, workers);
    double[] g = new double[k * k];
    DenseKernels.gram(w, x.rows(), k, g);
    return nnls(xtw, g, start, workers);
  }

  /**
   * As {@link #solveH(CsrMatrix, double[], DenseMatrix)} on a worker pool: XᵀW over fixed row blocks,
   * the Gram of W reduced in block order and each term's NNLS row on its own, so the result is the
   * same bits for any thread count (not necessarily those of the single-threaded overload, whose
   * Gram sums in one pass).
   *
   * @param xt the transpose of {@code x} if the caller already holds it, else null
   */
  public static DenseMatrix solveH(CsrMatrix x, CsrMatrix xt, double[] w, DenseMatrix start, Workers workers) {
    int k = topics(x, w, start);
    double[] xtw = new double[x.cols() * k];
    SparseKernels.multiply(xt != null ? xt : x.transpose(), w, k, xtw, workers);
    double[] g = new double[k * k];
    DenseKernels.gram(w, x.rows(), k, g, new double[DenseKernels.gramWorkspaceSize(x.rows(), k)], workers);
    return nnls(xtw, g, start, workers);
  }

  /** The number of topics, after checking that W (documents × k) and H (k × terms) fit X. */
  private static int topics(CsrMatrix x, double[] w, DenseMatrix start) {
    int n = x.rows();
    int m = x.cols();
    int k = start.rows();
    if (w.length != (long) n * k || start.cols() != m) {
      throw new IllegalArgumentException("W has " + w.length + " entries, H is " + start.rows() + " x "
          + start.cols() + " but X is " + n + " x " + m);
    }
    return k;
  }

  /** H (k × terms) from {@code start} by NNLS on XᵀW ({@code xtw}, terms × k) and WᵀW ({@code g}). */
  private static DenseMatrix nnls(double[] xtw, double[] g, DenseMatrix start, Workers workers) {
    int m = start.cols();
    int k = start.rows();
    double[] ht = start.transpose().data();
    new NnlsSolver(m, k, workers).solve(ht, m, xtw, g, 0, 0);
    return new DenseMatrix(m, k, ht).transpose();
  }
}

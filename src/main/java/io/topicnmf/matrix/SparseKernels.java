package io.topicnmf.matrix;

import io.topicnmf.matrix.DenseKernels.Workers;

/**
 * Sparse × dense kernels over CSR arrays and row-major dense arrays.
 *
 * <p>Shapes: {@code A} is a {@code rows × cols} {@link CsrMatrix}; dense matrices are row-major
 * {@code double[]} with {@code k} columns. {@code multiply} computes {@code C = A·B} ({@code B} is
 * {@code cols × k}, {@code C} is {@code rows × k}); every output row depends only on one row of
 * {@code A}, so the parallel version, over fixed blocks of {@link #ROW_BLOCK} rows, gives exactly
 * the single-threaded bits. {@code Aᵀ·B} is computed as {@code multiply} on the transposed CSR
 * copy ({@link CsrMatrix#transpose()}): a scatter {@link #multiplyTransA} would need per-thread
 * output copies and a reduction, while a transposed copy costs only {@code nnz} more entries and
 * keeps both products row-parallel and cache-friendly.
 */
public final class SparseKernels {
  /** Rows per parallel block for row-independent sparse kernels; fixed, never derived from threads. */
  public static final int ROW_BLOCK = 256;

  private SparseKernels() {}

  /**
   * {@code C = A·B} for rows {@code [from, to)} of {@code A}: {@code C(i,:) = Σ_p values[p]·B(colIdx[p],:)}.
   *
   * @param b row-major {@code cols × k}
   * @param c row-major {@code rows × k}; rows {@code [from, to)} are overwritten
   */
  public static void multiplyRows(
      int[] rowPtr, int[] colIdx, double[] values, double[] b, int k, double[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      int ci = i * k;
      for (int t = 0; t < k; t++) {
        c[ci + t] = 0.0;
      }
      for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
        double v = values[p];
        int bj = colIdx[p] * k;
        for (int t = 0; t < k; t++) {
          c[ci + t] += v * b[bj + t];
        }
      }
    }
  }

  /** Single-threaded {@code C = A·B}; {@code b} is {@code cols × k}, {@code c} is {@code rows × k}. */
  public static void multiply(CsrMatrix a, double[] b, int k, double[] c) {
    checkMultiply(a, b, k, c);
    multiplyRows(a.rowPtr(), a.colIdx(), a.values(), b, k, c, 0, a.rows());
  }

  /** {@code C = A·B} in parallel over fixed blocks of {@link #ROW_BLOCK} rows; same bits as single-threaded. */
  public static void multiply(CsrMatrix a, double[] b, int k, double[] c, Workers workers) {
    checkMultiply(a, b, k, c);
    int[] rowPtr = a.rowPtr();
    int[] colIdx = a.colIdx();
    double[] values = a.values();
    workers.forEachBlock(a.rows(), ROW_BLOCK,
        (blk, from, to) -> multiplyRows(rowPtr, colIdx, values, b, k, c, from, to));
  }

  /**
   * Single-threaded {@code C = Aᵀ·B} by scattering rows of {@code A}; {@code b} is {@code rows × k},
   * {@code c} is {@code cols × k}. A reference and a fallback; the solvers multiply by the
   * transposed copy instead.
   */
  public static void multiplyTransA(CsrMatrix a, double[] b, int k, double[] c) {
    if (b.length < (long) a.rows() * k || c.length < (long) a.cols() * k) {
      throw new IllegalArgumentException("multiplyTransA: A is " + a.rows() + "x" + a.cols()
          + ", B has " + b.length + " entries, C has " + c.length + ", k=" + k);
    }
    java.util.Arrays.fill(c, 0, a.cols() * k, 0.0);
    int[] rowPtr = a.rowPtr();
    int[] colIdx = a.colIdx();
    double[] values = a.values();
    for (int i = 0, rows = a.rows(); i < rows; i++) {
      int bi = i * k;
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        double v = values[p];
        int cj = colIdx[p] * k;
        for (int t = 0; t < k; t++) {
          c[cj + t] += v * b[bi + t];
        }
      }
    }
  }

  /**
   * Evaluates the product {@code W·H} only at the stored entries of {@code A}: {@code out[p] = W(i,:)·Ht(colIdx[p],:)}
   * for rows {@code [from, to)}, where {@code W} is {@code rows × k} and {@code Ht} is {@code cols × k}
   * (both row-major).
   */
  public static void sampledProductRows(
      int[] rowPtr, int[] colIdx, double[] w, double[] ht, int k, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      int wi = i * k;
      for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
        int hj = colIdx[p] * k;
        double s = 0.0;
        for (int t = 0; t < k; t++) {
          s += w[wi + t] * ht[hj + t];
        }
        out[p] = s;
      }
    }
  }

  /** {@code out[p] = (W·H)(i, colIdx[p])} at every stored entry of {@code a}, in parallel; see {@link #sampledProductRows}. */
  public static void sampledProduct(CsrMatrix a, double[] w, double[] ht, int k, double[] out, Workers workers) {
    if (w.length < (long) a.rows() * k || ht.length < (long) a.cols() * k || out.length < a.nnz()) {
      throw new IllegalArgumentException("sampledProduct: A is " + a.rows() + "x" + a.cols()
          + " (nnz " + a.nnz() + "), W has " + w.length + ", Ht has " + ht.length + ", out has "
          + out.length + " entries, k=" + k);
    }
    int[] rowPtr = a.rowPtr();
    int[] colIdx = a.colIdx();
    workers.forEachBlock(a.rows(), ROW_BLOCK,
        (blk, from, to) -> sampledProductRows(rowPtr, colIdx, w, ht, k, out, from, to));
  }

  private static void checkMultiply(CsrMatrix a, double[] b, int k, double[] c) {
    if (k < 0 || b.length < (long) a.cols() * k || c.length < (long) a.rows() * k) {
      throw new IllegalArgumentException("multiply: A is " + a.rows() + "x" + a.cols() + ", B needs "
          + a.cols() + "x" + k + " but has " + b.length + " entries, C needs " + a.rows() + "x" + k
          + " but has " + c.length);
    }
  }
}

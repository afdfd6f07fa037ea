package io.topicnmf.matrix;

import io.topicnmf.parallel.Workers;

/**
 * Sparse × dense kernels over CSR arrays and row-major dense arrays.
 *
 * <p>Shapes: {@code A} is a {@code rows × cols} {@link CsrMatrix}; dense matrices are row-major
 * {@code double[]} with {@code k} columns. {@code multiply} computes {@code C = A·B} ({@code B} is
 * {@code cols × k}, {@code C} is {@code rows × k}); every output row depends only on one row of
 * {@code A}, so the parallel version, over fixed blocks of {@link #ROW_BLOCK} rows, gives exactly
 * the single-threaded bits. {@code Aᵀ·B} is computed as {@code multiply} on the transposed CSR
 * copy ({@link CsrMatrix#transpose()}): a scatter {@code Aᵀ·B} would need per-thread
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
      int[] rowPtr, int[] colIdx, float[] values, double[] b, int k, double[] c, int from, int to) {
    multiplyRows(rowPtr, colIdx, values, b, k, c, from, to, 0);
  }

  /**
   * As {@link #multiplyRows(int[], int[], float[], double[], int, double[], int, int)}, with row i
   * of the product written at row {@code i − firstRow} of {@code c}: a product taken a slab of rows
   * at a time into a buffer of the slab's size (the same bits as the whole product's rows).
   */
  public static void multiplyRows(int[] rowPtr, int[] colIdx, float[] values, double[] b, int k, double[] c,
      int from, int to, int firstRow) {
    // Output columns in registers, four at a time (then two, then one): one load of B per
    // multiply-add instead of a load and a store of C as well. Four and not eight: the randomized
    // SVD's products (l = k + 20 columns over 25 M non-zeros on the wiki proxy) ran about a third
    // faster with four sums in flight than with eight (bench/RESULTS.md, "The NMF stage's fixed
    // costs at scale"); the extra passes over the row's indices stay in L1. Each output is still
    // the sum over p in order from zero, so the bits equal the plain loop's.
    for (int i = from; i < to; i++) {
      int ci = (i - firstRow) * k;
      int p0 = rowPtr[i];
      int p1 = rowPtr[i + 1];
      int t = 0;
      for (; t + 4 <= k; t += 4) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int p = p0; p < p1; p++) {
          double v = values[p];
          int bj = colIdx[p] * k + t;
          s0 += v * b[bj];
          s1 += v * b[bj + 1];
          s2 += v * b[bj + 2];
          s3 += v * b[bj + 3];
        }
        c[ci + t] = s0;
        c[ci + t + 1] = s1;
        c[ci + t + 2] = s2;
        c[ci + t + 3] = s3;
      }
      if (t + 2 <= k) {
        double s0 = 0.0;
        double s1 = 0.0;
        for (int p = p0; p < p1; p++) {
          double v = values[p];
          int bj = colIdx[p] * k + t;
          s0 += v * b[bj];
          s1 += v * b[bj + 1];
        }
        c[ci + t] = s0;
        c[ci + t + 1] = s1;
        t += 2;
      }
      if (t < k) {
        double s0 = 0.0;
        for (int p = p0; p < p1; p++) {
          s0 += values[p] * b[colIdx[p] * k + t];
        }
        c[ci + t] = s0;
      }
    }
  }

  /**
   * {@link #multiplyRows(int[], int[], float[], double[], int, double[], int, int, int)} with B in
   * single precision (each entry widened to double, the sums in double, in the same order): for a
   * dense operand read at random by every stored entry, whose bytes are the product's cost
   * (the randomized SVD's sketches, see {@code RandomizedSvd}). The loop is the double kernel's,
   * written again for a float array: Java has no generics over primitive arrays, and reading B
   * through an accessor per entry would cost the loop its speed.
   */
  public static void multiplyRows(int[] rowPtr, int[] colIdx, float[] values, float[] b, int k, double[] c,
      int from, int to, int firstRow) {
    for (int i = from; i < to; i++) {
      int ci = (i - firstRow) * k;
      int p0 = rowPtr[i];
      int p1 = rowPtr[i + 1];
      int t = 0;
      for (; t + 4 <= k; t += 4) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int p = p0; p < p1; p++) {
          double v = values[p];
          int bj = colIdx[p] * k + t;
          s0 += v * b[bj];
          s1 += v * b[bj + 1];
          s2 += v * b[bj + 2];
          s3 += v * b[bj + 3];
        }
        c[ci + t] = s0;
        c[ci + t + 1] = s1;
        c[ci + t + 2] = s2;
        c[ci + t + 3] = s3;
      }
      for (; t < k; t++) {
        double s0 = 0.0;
        for (int p = p0; p < p1; p++) {
          s0 += values[p] * (double) b[colIdx[p] * k + t];
        }
        c[ci + t] = s0;
      }
    }
  }

  /**
   * {@code C = A·B} with B in single precision, in parallel over fixed blocks of {@link
   * #ROW_BLOCK} rows (the same bits on any thread count); C in double ({@code cf} null) or, with
   * {@code cf}, rounded to float there, each block formed in a buffer of its own first.
   */
  public static void multiply(CsrMatrix a, float[] b, int k, double[] c, float[] cf, Workers workers) {
    multiply(a, b, k, c, cf, 1.0, workers);
  }

  /**
   * As {@link #multiply(CsrMatrix, float[], int, double[], float[], Workers)}, a float output
   * multiplied by {@code scale} (a power of two, so exactly) before it is rounded: a caller keeps
   * a product of large or tiny entries within float's range that way.
   */
  public static void multiply(CsrMatrix a, float[] b, int k, double[] c, float[] cf, double scale, Workers workers) {
    if (k < 0 || b.length < (long) a.cols() * k || (cf == null ? c.length : cf.length) < (long) a.rows() * k) {
      throw new IllegalArgumentException("multiply: A is " + a.rows() + "x" + a.cols() + ", B needs "
          + a.cols() + "x" + k + " but has " + b.length + " entries");
    }
    int[] rowPtr = a.rowPtr();
    int[] colIdx = a.colIdx();
    float[] values = a.values();
    if (cf == null) {
      workers.forEachBlock(a.rows(), ROW_BLOCK,
          (blk, from, to) -> multiplyRows(rowPtr, colIdx, values, b, k, c, from, to, 0));
      return;
    }
    double[][] buffers = new double[workers.threads()][];
    workers.forEachBlock(a.rows(), ROW_BLOCK, (worker, blk, from, to) -> {
      double[] buf = buffers[worker];
      if (buf == null) {
        buf = buffers[worker] = new double[ROW_BLOCK * k];
      }
      multiplyRows(rowPtr, colIdx, values, b, k, buf, from, to, from);
      for (int q = 0, e = (to - from) * k, o = from * k; q < e; q++) {
        cf[o + q] = (float) (buf[q] * scale);
      }
    });
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
    float[] values = a.values();
    workers.forEachBlock(a.rows(), ROW_BLOCK,
        (blk, from, to) -> multiplyRows(rowPtr, colIdx, values, b, k, c, from, to));
  }

  private static void checkMultiply(CsrMatrix a, double[] b, int k, double[] c) {
    if (k < 0 || b.length < (long) a.cols() * k || c.length < (long) a.rows() * k) {
      throw new IllegalArgumentException("multiply: A is " + a.rows() + "x" + a.cols() + ", B needs "
          + a.cols() + "x" + k + " but has " + b.length + " entries, C needs " + a.rows() + "x" + k
          + " but has " + c.length);
    }
  }
}

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
 *
 * <p>When B is larger than two slabs of {@link #SLAB_BYTES}, the parallel products take B's rows
 * a slab at a time ({@link #multiplySlabbed}): every stored entry reads a row of B at random, and
 * a B beyond the last-level cache makes each read a trip to memory, while a slab stays in cache
 * through one pass over A's rows (the randomized SVD's {@code Xᵀ·Z} at 300 k documents, Z 84 MB:
 * 1.65 → 0.43 s, bench/RESULTS.md, "Stop 39"). Each output still adds its terms in increasing p
 * from zero, carried in C from slab to slab, so the bits are the same.
 */
public final class SparseKernels {
  /** Rows per parallel block for row-independent sparse kernels; fixed, never derived from threads. */
  public static final int ROW_BLOCK = 256;

  /**
   * Bytes of B per slab of {@link #multiplySlabbed}. At 300 k documents (B = Z, 300,000 × 70
   * floats) slabs of 20,000 rows (5.6 MB) took 0.43 s per product, 8,000 rows 0.55 s, 50,000 rows
   * 0.65 s, 3,000 rows 0.80 s, one slab (the whole of Z) 1.65 s: small enough that both workers'
   * slab stays in the 32 MB last-level cache beside A's stream and C's rows, large enough that a
   * row of A meets a slab with more than a few of its entries.
   */
  static final long SLAB_BYTES = 6L << 20;

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
    for (int i = from; i < to; i++) {
      int ci = (i - firstRow) * k;
      java.util.Arrays.fill(c, ci, ci + k, 0.0);
      addRows(colIdx, values, b, k, c, ci, rowPtr[i], rowPtr[i + 1]);
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
      java.util.Arrays.fill(c, ci, ci + k, 0.0);
      addRows(colIdx, values, b, k, c, ci, rowPtr[i], rowPtr[i + 1]);
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
      int slab = slabRows(a.cols(), k, Float.BYTES);
      if (slab < a.cols()) {
        multiplySlabbed(a, k, c, slab, workers, (ci, p0, p1) -> addRows(colIdx, values, b, k, c, ci, p0, p1));
        return;
      }
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
    int slab = slabRows(a.cols(), k, Double.BYTES);
    if (slab < a.cols()) {
      multiplySlabbed(a, k, c, slab, workers, (ci, p0, p1) -> addRows(colIdx, values, b, k, c, ci, p0, p1));
      return;
    }
    workers.forEachBlock(a.rows(), ROW_BLOCK,
        (blk, from, to) -> multiplyRows(rowPtr, colIdx, values, b, k, c, from, to));
  }

  /**
   * Rows of B per slab ({@link #SLAB_BYTES}) for a B of {@code cols} rows of {@code k} entries of
   * {@code bytes} each; {@code cols} itself (one slab, the plain product) unless B holds more than
   * two slabs.
   */
  static int slabRows(int cols, int k, int bytes) {
    long rowBytes = Math.max(1L, (long) k * bytes);
    long rows = Math.max(1L, SLAB_BYTES / rowBytes);
    return (long) cols * rowBytes > 2 * SLAB_BYTES ? (int) Math.min(rows, cols) : cols;
  }

  /** Adds the stored entries {@code [p0, p1)} of a row times their rows of B to C's row at {@code ci}. */
  interface RangeKernel {
    void add(int ci, int p0, int p1);
  }

  /**
   * {@code C = A·B} with B's rows taken a slab of {@code slab} at a time: for each slab, in
   * order, every row of A (in parallel over fixed blocks) adds its stored entries whose columns
   * fall in the slab (a contiguous run, the columns being increasing within a row) through {@code
   * kernel}. Each output starts at zero and adds its terms in increasing p, so the bits are those
   * of {@link #multiplyRows}, on any number of workers.
   */
  static void multiplySlabbed(CsrMatrix a, int k, double[] c, int slab, Workers workers, RangeKernel kernel) {
    int[] rowPtr = a.rowPtr();
    int[] colIdx = a.colIdx();
    int rows = a.rows();
    int[] next = java.util.Arrays.copyOf(rowPtr, rows);
    workers.forEachBlock(rows, ROW_BLOCK, (blk, from, to) -> java.util.Arrays.fill(c, from * k, to * k, 0.0));
    for (int s0 = 0; s0 < a.cols(); s0 += slab) {
      int end = (int) Math.min(a.cols(), (long) s0 + slab);
      workers.forEachBlock(rows, ROW_BLOCK, (blk, from, to) -> {
        for (int i = from; i < to; i++) {
          int p0 = next[i];
          int p1 = p0;
          int pe = rowPtr[i + 1];
          while (p1 < pe && colIdx[p1] < end) {
            p1++;
          }
          if (p1 > p0) {
            next[i] = p1;
            kernel.add(i * k, p0, p1);
          }
        }
      });
    }
  }

  /**
   * {@code C(row at ci) += Σ_{p∈[p0,p1)} values[p]·B(colIdx[p],:)}, each output's terms added in
   * increasing p after what it holds: {@link #multiplyRows} (from zero) and each slab of {@link
   * #multiplySlabbed}.
   *
   * <p>Output columns in registers, four at a time (then one): one load of B per multiply-add
   * instead of a load and a store of C as well. Four and not eight: the randomized SVD's products
   * (l = k + 20 columns over 25 M non-zeros on the wiki proxy) ran about a third faster with four
   * sums in flight than with eight (bench/RESULTS.md, "The NMF stage's fixed costs at scale"); the
   * extra passes over the row's indices stay in L1. Each output is still the sum over p in order,
   * so the bits equal the plain loop's.
   */
  static void addRows(int[] colIdx, float[] values, double[] b, int k, double[] c, int ci, int p0, int p1) {
    int t = 0;
    for (; t + 4 <= k; t += 4) {
      double s0 = c[ci + t];
      double s1 = c[ci + t + 1];
      double s2 = c[ci + t + 2];
      double s3 = c[ci + t + 3];
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
      double s0 = c[ci + t];
      for (int p = p0; p < p1; p++) {
        s0 += values[p] * b[colIdx[p] * k + t];
      }
      c[ci + t] = s0;
    }
  }

  /** {@link #addRows(int[], float[], double[], int, double[], int, int, int)} with B in single precision. */
  static void addRows(int[] colIdx, float[] values, float[] b, int k, double[] c, int ci, int p0, int p1) {
    int t = 0;
    for (; t + 4 <= k; t += 4) {
      double s0 = c[ci + t];
      double s1 = c[ci + t + 1];
      double s2 = c[ci + t + 2];
      double s3 = c[ci + t + 3];
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
      double s0 = c[ci + t];
      for (int p = p0; p < p1; p++) {
        s0 += values[p] * (double) b[colIdx[p] * k + t];
      }
      c[ci + t] = s0;
    }
  }

  private static void checkMultiply(CsrMatrix a, double[] b, int k, double[] c) {
    if (k < 0 || b.length < (long) a.cols() * k || c.length < (long) a.rows() * k) {
      throw new IllegalArgumentException("multiply: A is " + a.rows() + "x" + a.cols() + ", B needs "
          + a.cols() + "x" + k + " but has " + b.length + " entries, C needs " + a.rows() + "x" + k
          + " but has " + c.length);
    }
  }
}

package io.topicnmf.matrix;

import io.topicnmf.parallel.Workers;

/**
 * Generic dense kernels over row-major primitive arrays: Gram matrices, inner products, sums,
 * transposes and element-wise copies. The NMF solvers' own kernels (HALS, NNLS, multiplicative
 * updates, KL coordinate descent) live in {@code io.topicnmf.nmf}.
 *
 * <p>Every matrix here is a row-major {@code double[]}: a {@code rows × k} matrix {@code A} stores
 * {@code A(i, t)} at {@code a[i * k + t]}. Methods taking a row range {@code [from, to)} are the
 * single-threaded building blocks; methods taking {@link Workers} split rows into blocks of a
 * fixed size (independent of the thread count) and, where they reduce, add the per-block partial
 * results in block order. So a kernel gives bit-identical results with 1, 2 or any number of
 * threads.
 *
 * <p>Callers own all output and workspace buffers; the kernels allocate nothing per entry.
 */
public final class DenseKernels {
  /** Rows per block for reductions (Gram matrices, sums); fixed so results never depend on threads. */
  public static final int REDUCE_BLOCK = 1024;

  private DenseKernels() {}

  /** Copies the upper triangle of the {@code k × k} matrix {@code g} onto its lower triangle. */
  public static void symmetrizeFromUpper(double[] g, int k) {
    for (int s = 0; s < k; s++) {
      for (int t = s + 1; t < k; t++) {
        g[t * k + s] = g[s * k + t];
      }
    }
  }

  /**
   * Gram matrix {@code g = aᵀ·a} ({@code k × k}) of the {@code rows × k} matrix {@code a},
   * single-threaded, with the same block order as {@link #gram(double[], int, int, double[],
   * double[], Workers)} so both give identical bits.
   */
  public static void gram(double[] a, int rows, int k, double[] g) {
    gram(a, rows, k, g, new double[gramWorkspaceSize(rows, k)], Workers.sequential());
  }

  /**
   * Gram matrix {@code g = aᵀ·a} ({@code k × k}) of the {@code rows × k} matrix {@code a}, in
   * parallel over blocks of {@link #REDUCE_BLOCK} rows, partial sums added in block order.
   *
   * @param workspace at least {@code gramWorkspaceSize(rows, k)} doubles
   */
  public static void gram(double[] a, int rows, int k, double[] g, double[] workspace, Workers workers) {
    int blocks = Workers.blockCount(rows, REDUCE_BLOCK);
    int kk = k * k;
    if (workspace.length < (long) blocks * kk) {
      throw new IllegalArgumentException(
          "workspace of " + workspace.length + " doubles is smaller than " + blocks + "x" + kk);
    }
    workers.forEachBlock(rows, REDUCE_BLOCK, (b, from, to) -> {
      int off = b * kk;
      java.util.Arrays.fill(workspace, off, off + kk, 0.0);
      gramUpperRowsAt(a, k, from, to, workspace, off);
    });
    java.util.Arrays.fill(g, 0, kk, 0.0);
    for (int b = 0; b < blocks; b++) {
      int off = b * kk;
      for (int q = 0; q < kk; q++) {
        g[q] += workspace[off + q];
      }
    }
    symmetrizeFromUpper(g, k);
  }

  /** Workspace size, in doubles, that {@link #gram(double[], int, int, double[], double[], Workers)} needs. */
  public static int gramWorkspaceSize(int rows, int k) {
    return Math.max(1, Workers.blockCount(rows, REDUCE_BLOCK)) * k * k;
  }

  private static void gramUpperRowsAt(double[] a, int k, int from, int to, double[] g, int off) {
    for (int i = from; i < to; i++) {
      int base = i * k;
      for (int s = 0; s < k; s++) {
        double as = a[base + s];
        if (as == 0.0) {
          continue;
        }
        int gs = off + s * k;
        for (int t = s; t < k; t++) {
          g[gs + t] += as * a[base + t];
        }
      }
    }
  }

  /** Frobenius inner product {@code Σ a[q]·b[q]} over the first {@code n} entries, summed in index order. */
  public static double dot(double[] a, double[] b, int n) {
    double s = 0;
    for (int q = 0; q < n; q++) {
      s += a[q] * b[q];
    }
    return s;
  }

  /**
   * Extrapolation step of Ang &amp; Gillis (2019), in place over the first {@code n} entries: with
   * {@code a} the new iterate and {@code prev} the previous one, sets {@code prev ← a} and {@code a
   * ← max(0, a + β·(a − prev))}. Element-wise, so the result does not depend on the threads.
   */
  public static void extrapolate(double[] a, double[] prev, int n, double beta, Workers workers) {
    workers.forEachBlock(n, ELEMENT_BLOCK, (b, from, to) -> {
      for (int q = from; q < to; q++) {
        double v = a[q];
        double e = v + beta * (v - prev[q]);
        prev[q] = v;
        a[q] = e > 0.0 ? e : 0.0;
      }
    });
  }

  /** {@code dst[0, n) = src[0, n)}, over fixed blocks in parallel (a plain copy, the same bits). */
  public static void copy(double[] src, double[] dst, int n, Workers workers) {
    workers.forEachBlock(n, ELEMENT_BLOCK, (b, from, to) -> System.arraycopy(src, from, dst, from, to - from));
  }

  /** Entries per block of the element-wise kernels ({@link #extrapolate}, {@link #copy}). */
  static final int ELEMENT_BLOCK = 1 << 16;

  /** Sum of the first {@code n} entries, in index order. */
  public static double sum(double[] a, int n) {
    double s = 0;
    for (int q = 0; q < n; q++) {
      s += a[q];
    }
    return s;
  }

  /** Sum of the first {@code n} entries of a float array (a CSR matrix's values), in double, in index order. */
  public static double sum(float[] a, int n) {
    double s = 0;
    for (int q = 0; q < n; q++) {
      s += a[q];
    }
    return s;
  }

  /** Sum of squares of the first {@code n} entries, in index order. */
  public static double sumSquares(double[] a, int n) {
    double s = 0;
    for (int q = 0; q < n; q++) {
      s += a[q] * a[q];
    }
    return s;
  }

  /** Column sums of the {@code rows × k} matrix {@code a} into {@code out} (length k), rows in order. */
  public static void columnSums(double[] a, int rows, int k, double[] out) {
    java.util.Arrays.fill(out, 0, k, 0.0);
    for (int i = 0; i < rows; i++) {
      int base = i * k;
      for (int t = 0; t < k; t++) {
        out[t] += a[base + t];
      }
    }
  }

  /**
   * Transposes the row-major {@code rows × cols} matrix {@code a} into {@code out} ({@code cols ×
   * rows}).
   */
  public static void transpose(double[] a, int rows, int cols, double[] out) {
    for (int i = 0; i < rows; i++) {
      int base = i * cols;
      for (int j = 0; j < cols; j++) {
        out[j * rows + i] = a[base + j];
      }
    }
  }

}

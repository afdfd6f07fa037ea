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

  /**
   * Floor of {@code (W·H)(i,j)} where a ratio {@code x/(W·H)} or a logarithm is taken, as
   * scikit-learn's {@code EPSILON} (float32 machine epsilon), so a zero prediction at a stored
   * entry gives a large but finite gradient.
   */
  public static final double KL_EPSILON = 1.1920928955078125e-7;

  /**
   * Sum over the stored entries of rows {@code [from, to)} of {@code x·ln(x / max(v, ε)) − x}, where
   * {@code v[p]} holds {@code (W·H)} at stored entry p ({@link #KL_EPSILON}); stored zeros add 0.
   * With {@code Σ(W·H) = colsum(W)·rowsum(H)} added, this is the generalized KL divergence.
   */
  public static double klTermsRows(int[] rowPtr, double[] values, double[] v, int from, int to) {
    double s = 0.0;
    for (int p = rowPtr[from], end = rowPtr[to]; p < end; p++) {
      double x = values[p];
      if (x > 0.0) {
        s += x * Math.log(x / Math.max(v[p], KL_EPSILON)) - x;
      }
    }
    return s;
  }

  /**
   * Like {@link #klTermsRows} but evaluating {@code (W·H)(i,j) = a(i,:)·b(j,:)} on the fly, with
   * {@code a} {@code rows × k} and {@code b} {@code cols × k} row-major.
   */
  public static double klTermsRows(int[] rowPtr, int[] colIdx, double[] values, double[] a,
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
          s += x * Math.log(x / Math.max(wh, KL_EPSILON)) - x;
        }
      }
    }
    return s;
  }

  /**
   * One multiplicative update for the generalized KL divergence (Lee &amp; Seung 2001;
   * scikit-learn's {@code _multiplicative_update_w} with {@code beta_loss=1}) of rows {@code [from,
   * to)} of {@code a} ({@code rows × k}), the other factor {@code b} ({@code cols × k}) fixed:
   * {@code a(i,t) ← a(i,t)·Σ_p [x_p/max((a·bᵀ)_p, ε)]·b(j_p,t) / (bSum[t] + l1 + l2·a(i,t))}, the
   * predictions evaluated at the stored entries of row i only, a zero denominator replaced by
   * {@link DenseKernels#MU_EPSILON}. {@code scratch[off, off+k)} holds one row's numerators. Works
   * for W (on X, b = Hᵀ) and for Hᵀ (on Xᵀ, b = W).
   */
  public static void klMuRows(int[] rowPtr, int[] colIdx, double[] values, double[] a, double[] b,
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
        double r = values[p] / Math.max(wh, KL_EPSILON);
        for (int t = 0; t < k; t++) {
          scratch[off + t] += r * b[bj + t];
        }
      }
      for (int t = 0; t < k; t++) {
        double den = bSum[t] + l1 + l2 * a[ai + t];
        a[ai + t] *= scratch[off + t] / (den == 0.0 ? DenseKernels.MU_EPSILON : den);
      }
    }
  }

  /**
   * One cyclic coordinate-descent sweep for the generalized KL divergence (Hsieh &amp; Dhillon,
   * "Fast coordinate descent methods with variable selection for non-negative matrix
   * factorization", KDD 2011, section 5) over rows {@code [from, to)} of {@code a} ({@code rows × k}),
   * the other factor {@code b} ({@code cols × k}) fixed. For each row i it first evaluates
   * {@code v_p = (a·bᵀ)_p} at the row's stored entries (into {@code v[p]}), then for each t in order
   * minimises the one-variable problem
   * {@code f(a_it) = a_it·(bSum[t] + l1) + ½·l2·a_it² − Σ_p x_p·ln v_p} by projected Newton steps
   * {@code s = max(−a_it, −f'/f'')}, {@code f' = bSum[t] + l1 + l2·a_it − Σ_p x_p·b(j_p,t)/v_p},
   * {@code f'' = l2 + Σ_p x_p·b(j_p,t)²/v_p²}, keeping v up to date; at most {@code maxNewton}
   * steps, fewer once a step changes a_it by less than {@code newtonTol} relatively. On return
   * {@code v[p]} holds {@code (a·bᵀ)} at every stored entry of the rows, up to rounding.
   */
  public static void klCdRows(int[] rowPtr, int[] colIdx, double[] values, double[] a, double[] b,
      int k, double[] bSum, double l1, double l2, double[] v, int maxNewton, double newtonTol,
      int from, int to) {
    for (int i = from; i < to; i++) {
      int ai = i * k;
      int start = rowPtr[i];
      int end = rowPtr[i + 1];
      for (int p = start; p < end; p++) {
        int bj = colIdx[p] * k;
        double wh = 0.0;
        for (int t = 0; t < k; t++) {
          wh += a[ai + t] * b[bj + t];
        }
        v[p] = wh;
      }
      for (int t = 0; t < k; t++) {
        double w = a[ai + t];
        double g1 = 0.0;
        double g2 = 0.0;
        for (int p = start; p < end; p++) {
          double bt = b[colIdx[p] * k + t];
          if (bt != 0.0) {
            double vv = Math.max(v[p], KL_EPSILON);
            double r = values[p] * bt / vv;
            g1 += r;
            g2 += r * bt / vv;
          }
        }
        for (int it = 0; it < maxNewton; it++) {
          double grad = bSum[t] + l1 + l2 * w - g1;
          double hess = l2 + g2;
          double s;
          if (hess > 0.0) {
            s = -grad / hess;
          } else {
            s = grad > 0.0 ? -w : 0.0;
          }
          if (s < -w) {
            s = -w;
          }
          if (s == 0.0) {
            break;
          }
          w += s;
          g1 = 0.0;
          g2 = 0.0;
          for (int p = start; p < end; p++) {
            double bt = b[colIdx[p] * k + t];
            if (bt != 0.0) {
              double nv = v[p] + s * bt;
              v[p] = nv;
              double vv = Math.max(nv, KL_EPSILON);
              double r = values[p] * bt / vv;
              g1 += r;
              g2 += r * bt / vv;
            }
          }
          if (Math.abs(s) <= newtonTol * w) {
            break;
          }
        }
        a[ai + t] = w;
      }
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

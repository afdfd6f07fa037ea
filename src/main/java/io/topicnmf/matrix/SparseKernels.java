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
    // Four output columns at a time in registers: one load per multiply-add instead of a load and
    // a store of C as well (3x faster on 20news at k=20). Each output is still the sum over p in
    // order from zero, so the bits equal the plain loop's.
    for (int i = from; i < to; i++) {
      int ci = i * k;
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
          s0 += values[p] * b[colIdx[p] * k + t];
        }
        c[ci + t] = s0;
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
   * the other factor {@code b} ({@code cols × k}) fixed. For each row i it needs
   * {@code v_p = (a·bᵀ)_p} at the row's stored entries: with {@code vCurrent} the caller guarantees
   * {@code v[p]} already holds it (the solver maintains it across half-sweeps), otherwise it is
   * evaluated here. Then for each t in order it minimises the one-variable problem
   * {@code f(a_it) = a_it·(bSum[t] + l1) + ½·l2·a_it² − Σ_p x_p·ln v_p} by projected Newton steps
   * {@code s = max(−a_it, −f'/f'')}, {@code f' = bSum[t] + l1 + l2·a_it − Σ_p x_p·b(j_p,t)/v_p},
   * {@code f'' = l2 + Σ_p x_p·b(j_p,t)²/v_p²}, keeping v up to date; at most {@code maxNewton}
   * steps, fewer once a step changes a_it by less than {@code newtonTol} relatively. Since
   * {@code f'} is concave, a step to the left can overshoot to a worse point; such a step is
   * kept when {@code f'(before) + f'(after) ≥ 0} (the trapezoid bound then proves a decrease) or
   * when the measured change of f is not positive, and otherwise halved until it is (backtracking),
   * so no coordinate update increases the objective (up to the ε floor). On return
   * {@code v[p]} holds {@code (a·bᵀ)} at every stored entry of the rows, up to rounding.
   *
   * <p>A coordinate that is zero and whose gradient at the start of its row is not negative is
   * skipped for this sweep: topic factors are mostly zeros (over 80% on 20 newsgroups), and one
   * vectorised pass over the row for all k gradients replaces k passes with a division each.
   *
   * <p>Only the stored entries whose {@code b(j_p,t)} is non-zero take part in coordinate t's
   * passes, and b is mostly zeros too. So before the Newton passes the row's non-zero
   * {@code b(j_p,t)} and their positions p are copied, component by component, into
   * {@code gather}/{@code gatherPos} at {@code [off, off+len)}: all active components at once when
   * {@code nnz(row)·active ≤ len} (one read of each row of b), otherwise one component at a time.
   * Each Newton pass then reads a short contiguous list without branches. The arithmetic, and so
   * the result, is the same either way.
   *
   * @throws IllegalArgumentException if a row with an active coordinate has more than {@code len}
   *     stored entries
   */
  public static void klCdRows(int[] rowPtr, int[] colIdx, double[] values, double[] a, double[] b,
      int k, double[] bSum, double l1, double l2, double[] v, boolean vCurrent, int maxNewton,
      double newtonTol, double[] gather, int[] gatherPos, int off, int len, int from, int to) {
    double[] g = new double[2];
    double[] sums = new double[k];
    int[] active = new int[k];
    int[] count = new int[k];
    for (int i = from; i < to; i++) {
      klCdRow(rowPtr, colIdx, values, a, b, k, bSum, l1, l2, v, vCurrent, maxNewton, newtonTol,
          gather, gatherPos, off, len, i, g, sums, active, count);
    }
  }

  /**
   * One row of {@link #klCdRows}, with the caller's scratch arrays. A method of its own so the
   * JIT compiles it after the first few hundred rows of the first sweep, instead of compiling
   * the block loop on-stack at one loop after another while the first sweeps run slowly.
   */
  private static void klCdRow(int[] rowPtr, int[] colIdx, double[] values, double[] a, double[] b,
      int k, double[] bSum, double l1, double l2, double[] v, boolean vCurrent, int maxNewton,
      double newtonTol, double[] gather, int[] gatherPos, int off, int len, int i, double[] g,
      double[] sums, int[] active, int[] count) {
    int ai = i * k;
    int start = rowPtr[i];
    int end = rowPtr[i + 1];
    int nr = end - start;
    // Screening: a coordinate at zero whose gradient at the start of the row is not negative is
    // left alone this sweep (in topic models most coordinates are such zeros). Skipping an
    // update never increases the objective; a coordinate that becomes worth moving is picked up
    // at the next sweep. One pass gives all k gradient sums, reading b row-wise.
    for (int t = 0; t < k; t++) {
      sums[t] = 0.0;
    }
    for (int p = start; p < end; p++) {
      int bj = colIdx[p] * k;
      double wh;
      if (vCurrent) {
        wh = v[p];
      } else {
        wh = 0.0;
        for (int t = 0; t < k; t++) {
          wh += a[ai + t] * b[bj + t];
        }
        v[p] = wh;
      }
      double r = values[p] / Math.max(wh, KL_EPSILON);
      for (int t = 0; t < k; t++) {
        sums[t] += r * b[bj + t];
      }
    }
    int na = 0;
    for (int t = 0; t < k; t++) {
      if (a[ai + t] > 0.0 || bSum[t] + l1 - sums[t] < 0.0) {
        active[na++] = t;
      }
    }
    if (na == 0) {
      return;
    }
    if (nr > len) {
      throw new IllegalArgumentException("klCdRows: row " + i + " has " + nr
          + " stored entries but the gather buffer holds " + len);
    }
    boolean together = (long) nr * na <= len;
    if (together) {
      for (int c = 0; c < na; c++) {
        count[c] = 0;
      }
      for (int p = start; p < end; p++) {
        int bj = colIdx[p] * k;
        for (int c = 0; c < na; c++) {
          // Branch-free: write every entry, advance only past non-zeros (the branch would be
          // mispredicted about as often as taken).
          double bt = b[bj + active[c]];
          int o = off + c * nr + count[c];
          gather[o] = bt;
          gatherPos[o] = p;
          count[c] += bt != 0.0 ? 1 : 0;
        }
      }
    }
    for (int c = 0; c < na; c++) {
      int t = active[c];
      int base;
      int cnt;
      if (together) {
        base = off + c * nr;
        cnt = count[c];
      } else {
        base = off;
        cnt = 0;
        for (int p = start; p < end; p++) {
          double bt = b[colIdx[p] * k + t];
          if (bt != 0.0) {
            gather[off + cnt] = bt;
            gatherPos[off + cnt++] = p;
          }
        }
      }
      klMove(values, v, gather, gatherPos, base, cnt, 0.0, g);
      double w = a[ai + t];
      double grad = bSum[t] + l1 + l2 * w - g[0];
      double hess = l2 + g[1];
      for (int it = 0; it < maxNewton; it++) {
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
        double wPrev = w;
        double gPrev = grad;
        w += s;
        klMove(values, v, gather, gatherPos, base, cnt, s, g);
        grad = bSum[t] + l1 + l2 * w - g[0];
        hess = l2 + g[1];
        if (s < 0.0 && gPrev + grad < 0.0) {
          // A step to the left overshoots the minimum (f' is concave). When f'(before) +
          // f'(after) ≥ 0 the trapezoid bound proves f decreased; otherwise measure the change
          // of f and halve the step until it does not increase (a backtracking line search).
          double lin = bSum[t] + l1;
          double df = lin * (w - wPrev) + 0.5 * l2 * (w * w - wPrev * wPrev)
              - klLogRatio(values, v, gather, gatherPos, base, cnt, s);
          double step = s;
          for (int half = 0; df > 0.0 && half < MAX_HALVINGS; half++) {
            step *= 0.5;
            double target = half + 1 == MAX_HALVINGS ? wPrev : wPrev + step;
            double move = target - w;
            double before = w;
            w = target;
            df += lin * move + 0.5 * l2 * (w * w - before * before)
                - klShift(values, v, gather, gatherPos, base, cnt, move);
          }
          if (step != s) {
            // The step was cut back: refresh the sums at the new point.
            klMove(values, v, gather, gatherPos, base, cnt, 0.0, g);
            grad = bSum[t] + l1 + l2 * w - g[0];
            hess = l2 + g[1];
          }
          s = w - wPrev;
          if (w == wPrev) {
            break;
          }
        }
        if (Math.abs(s) <= newtonTol * w) {
          break;
        }
      }
      a[ai + t] = w;
    }
  }

  /** Step halvings tried when a Newton step to the left does not decrease the KL objective. */
  private static final int MAX_HALVINGS = 30;

  /**
   * After {@code v_p} moved by {@code s·b}: {@code Σ x_p·ln(max(v_p,ε)/max(v_p − s·b,ε))} over one
   * component's gathered list, the decrease of {@code −Σ x ln v} that the move brought.
   */
  private static double klLogRatio(double[] values, double[] v, double[] gb, int[] gp, int base,
      int cnt, double s) {
    double sum = 0.0;
    for (int e = base, end = base + cnt; e < end; e++) {
      int p = gp[e];
      double now = v[p];
      sum += values[p] * Math.log(Math.max(now, KL_EPSILON) / Math.max(now - s * gb[e], KL_EPSILON));
    }
    return sum;
  }

  /** Moves {@code v_p} by {@code s·b} over a gathered list and returns {@code Σ x_p·ln(max(v_new,ε)/max(v_old,ε))}. */
  private static double klShift(double[] values, double[] v, double[] gb, int[] gp, int base,
      int cnt, double s) {
    double sum = 0.0;
    for (int e = base, end = base + cnt; e < end; e++) {
      int p = gp[e];
      double old = v[p];
      double now = old + s * gb[e];
      v[p] = now;
      sum += values[p] * Math.log(Math.max(now, KL_EPSILON) / Math.max(old, KL_EPSILON));
    }
    return sum;
  }

  /**
   * One Newton pass of {@link #klCdRows} over a component's gathered list: {@code v_p += s·b}
   * (nothing moves when {@code s = 0}), then {@code g[0] = Σ x·b/v}, {@code g[1] = Σ x·b²/v²}.
   */
  private static void klMove(double[] values, double[] v, double[] gb, int[] gp, int base, int cnt,
      double s, double[] g) {
    double c1 = 0.0;
    double c2 = 0.0;
    if (s == 0.0) {
      for (int e = base, end = base + cnt; e < end; e++) {
        int p = gp[e];
        double bt = gb[e];
        double inv = 1.0 / Math.max(v[p], KL_EPSILON);
        double xr = values[p] * inv * bt;
        c1 += xr;
        c2 += xr * inv * bt;
      }
    } else {
      for (int e = base, end = base + cnt; e < end; e++) {
        int p = gp[e];
        double bt = gb[e];
        double nv = v[p] + s * bt;
        v[p] = nv;
        double inv = 1.0 / Math.max(nv, KL_EPSILON);
        double xr = values[p] * inv * bt;
        c1 += xr;
        c2 += xr * inv * bt;
      }
    }
    g[0] = c1;
    g[1] = c2;
  }

  private static void checkMultiply(CsrMatrix a, double[] b, int k, double[] c) {
    if (k < 0 || b.length < (long) a.cols() * k || c.length < (long) a.rows() * k) {
      throw new IllegalArgumentException("multiply: A is " + a.rows() + "x" + a.cols() + ", B needs "
          + a.cols() + "x" + k + " but has " + b.length + " entries, C needs " + a.rows() + "x" + k
          + " but has " + c.length);
    }
  }
}

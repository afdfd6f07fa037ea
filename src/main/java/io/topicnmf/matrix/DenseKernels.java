package io.topicnmf.matrix;

import io.topicnmf.parallel.Workers;

/**
 * Dense kernels over row-major primitive arrays, and the fixed-block parallel runner shared by
 * all kernels.
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

  /**
   * Adds the Gram matrix of rows {@code [from, to)} of {@code a} ({@code rows × k}) into the
   * upper triangle of {@code g} ({@code k × k}, row-major): {@code g(s, t) += Σ_i a(i,s)·a(i,t)} for
   * {@code s ≤ t}. The lower triangle is left untouched.
   */
  public static void gramUpperRows(double[] a, int k, int from, int to, double[] g) {
    for (int i = from; i < to; i++) {
      int base = i * k;
      for (int s = 0; s < k; s++) {
        double as = a[base + s];
        if (as == 0.0) {
          continue;
        }
        int gs = s * k;
        for (int t = s; t < k; t++) {
          g[gs + t] += as * a[base + t];
        }
      }
    }
  }

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

  /** Rows per block for the HALS and multiplicative-update sweeps; fixed, never derived from threads. */
  public static final int SWEEP_BLOCK = 512;

  /** Replaces a zero denominator in multiplicative updates, as scikit-learn's {@code EPSILON} (float32 eps). */
  public static final double MU_EPSILON = 1.1920928955078125e-7;

  /**
   * One HALS (cyclic coordinate descent) sweep over rows {@code [from, to)} of the non-negative
   * least-squares problem {@code min_{W ≥ 0} ½‖X − W·F‖² + l1·‖W‖₁ + ½·l2·‖W‖²}, given
   * {@code xf = X·Fᵀ} ({@code rows × k}) and the symmetric Gram matrix {@code g = F·Fᵀ} ({@code k × k}).
   * For each row i and each component t in order:
   * {@code w(i,t) ← max(0, w(i,t) − (Σ_r g(t,r)·w(i,r) + l2·w(i,t) + l1 − xf(i,t)) / (g(t,t) + l2))},
   * skipping t when {@code g(t,t) + l2 = 0}. Rows are independent, so this equals the
   * column-by-column HALS update of Cichocki &amp; Phan (2009) and scikit-learn's {@code cd}.
   *
   * <p>Instead of a k-term dot product per coordinate, the row's residual {@code q = xf(i,:) − l1 −
   * w(i,:)·g} is formed once and corrected by {@code −Δ·g(t,:)} when a coordinate moves: the same
   * update with vectorisable loops, and no work for coordinates that stay at zero (common in
   * sparse topic factors).
   *
   * @param scratch {@code scratch[off, off+k)} holds the row's residual
   * @return the sum of squared changes {@code Σ (w_new − w_old)²} over the rows
   */
  public static double halsRows(double[] w, double[] xf, double[] g, int k, double l1, double l2,
      double[] scratch, int off, int from, int to) {
    double change = 0.0;
    for (int i = from; i < to; i++) {
      int base = i * k;
      for (int t = 0; t < k; t++) {
        scratch[off + t] = xf[base + t] - l1;
      }
      for (int r = 0; r < k; r++) {
        double wr = w[base + r];
        if (wr != 0.0) {
          int gr = r * k;
          for (int t = 0; t < k; t++) {
            scratch[off + t] -= wr * g[gr + t];
          }
        }
      }
      for (int t = 0; t < k; t++) {
        int gt = t * k;
        double hess = g[gt + t] + l2;
        if (hess <= 0.0) {
          continue;
        }
        double old = w[base + t];
        double nw = old + (scratch[off + t] - l2 * old) / hess;
        if (nw < 0.0) {
          nw = 0.0;
        }
        double d = nw - old;
        if (d != 0.0) {
          w[base + t] = nw;
          change += d * d;
          for (int s = 0; s < k; s++) {
            scratch[off + s] -= d * g[gt + s];
          }
        }
      }
    }
    return change;
  }

  /**
   * {@link #halsRows} with the rows' residuals kept in {@code res} ({@code rows × k}) between
   * sweeps on the same {@code xf} and {@code g}: with {@code fresh} the residual {@code res(i,:) =
   * xf(i,:) − l1 − w(i,:)·g} is formed first (as {@link #halsRows} does); otherwise {@code res}
   * must hold it from the previous sweep, which leaves it exact for the new {@code w} (up to
   * rounding). Repeated (accelerated) sweeps then cost {@code O(k)} per coordinate instead of
   * {@code O(k²)} per row.
   *
   * @return the sum of squared changes over the rows
   */
  public static double halsResidualRows(double[] w, double[] xf, double[] g, int k, double l1,
      double l2, double[] res, boolean fresh, int from, int to) {
    double change = 0.0;
    for (int i = from; i < to; i++) {
      int base = i * k;
      if (fresh) {
        for (int t = 0; t < k; t++) {
          res[base + t] = xf[base + t] - l1;
        }
        for (int r = 0; r < k; r++) {
          double wr = w[base + r];
          if (wr != 0.0) {
            int gr = r * k;
            for (int t = 0; t < k; t++) {
              res[base + t] -= wr * g[gr + t];
            }
          }
        }
      }
      for (int t = 0; t < k; t++) {
        int gt = t * k;
        double hess = g[gt + t] + l2;
        if (hess <= 0.0) {
          continue;
        }
        double old = w[base + t];
        double nw = old + (res[base + t] - l2 * old) / hess;
        if (nw < 0.0) {
          nw = 0.0;
        }
        double d = nw - old;
        if (d != 0.0) {
          w[base + t] = nw;
          change += d * d;
          for (int s2 = 0; s2 < k; s2++) {
            res[base + s2] -= d * g[gt + s2];
          }
        }
      }
    }
    return change;
  }

  /**
   * {@link #halsResidualRows} over all {@code rows} in parallel over blocks of {@link
   * #SWEEP_BLOCK} rows; per-block changes are added in block order, so the result is independent
   * of threads.
   *
   * @param res {@code rows × k} residuals, formed when {@code fresh}, reused otherwise
   * @param workspace at least {@link #sweepWorkspaceSize sweepWorkspaceSize(rows, k)} doubles
   */
  public static double hals(double[] w, int rows, double[] xf, double[] g, int k, double l1,
      double l2, double[] res, boolean fresh, double[] workspace, Workers workers) {
    int blocks = Workers.blockCount(rows, SWEEP_BLOCK);
    if (workspace.length < sweepWorkspaceSize(rows, k) || res.length < (long) rows * k) {
      throw new IllegalArgumentException("workspace of " + workspace.length + " doubles (needs "
          + sweepWorkspaceSize(rows, k) + ") or residuals of " + res.length + " (needs " + rows * k
          + ") too small for " + rows + " rows and k=" + k);
    }
    workers.forEachBlock(rows, SWEEP_BLOCK, (b, from, to) ->
        workspace[b] = halsResidualRows(w, xf, g, k, l1, l2, res, fresh, from, to));
    double total = 0.0;
    for (int b = 0; b < blocks; b++) {
      total += workspace[b];
    }
    return total;
  }

  /** Workspace, in doubles, that {@link #hals} and {@link #mu} need for {@code rows × k} factors. */
  public static int sweepWorkspaceSize(int rows, int k) {
    return Math.max(1, Workers.blockCount(rows, SWEEP_BLOCK)) * (k + 1);
  }

  /**
   * One multiplicative update (Lee &amp; Seung; scikit-learn's {@code _multiplicative_update_w} for
   * the Frobenius loss) of rows {@code [from, to)}:
   * {@code w(i,t) ← w(i,t) · num(i,t) / ((W·g)(i,t) + l1 + l2·w(i,t))}, a zero denominator
   * replaced by {@link #MU_EPSILON}. {@code scratch[off, off+k)} holds one row's denominators.
   */
  public static void muRows(double[] w, double[] num, double[] g, int k, double l1, double l2,
      double[] scratch, int off, int from, int to) {
    for (int i = from; i < to; i++) {
      int base = i * k;
      for (int t = 0; t < k; t++) {
        double d = l1 + l2 * w[base + t];
        int gt = t * k;
        for (int r = 0; r < k; r++) {
          d += w[base + r] * g[gt + r];
        }
        scratch[off + t] = d == 0.0 ? MU_EPSILON : d;
      }
      for (int t = 0; t < k; t++) {
        w[base + t] *= num[base + t] / scratch[off + t];
      }
    }
  }

  /**
   * {@link #muRows} over all rows in parallel over blocks of {@link #SWEEP_BLOCK} rows.
   *
   * @param scratch at least {@code Workers.blockCount(rows, SWEEP_BLOCK) · k} doubles
   */
  public static void mu(double[] w, int rows, double[] num, double[] g, int k, double l1, double l2,
      double[] scratch, Workers workers) {
    workers.forEachBlock(rows, SWEEP_BLOCK,
        (b, from, to) -> muRows(w, num, g, k, l1, l2, scratch, b * k, from, to));
  }

  /** Doubles of one worker's scratch for {@link #nnlsRows}: the k×k Cholesky factor and three k-vectors. */
  public static int nnlsScratchSize(int k) {
    return k * k + 3 * k;
  }

  /** Ints of one worker's scratch for {@link #nnlsRows}: the passive flags and the passive indices. */
  public static int nnlsIntScratchSize(int k) {
    return 2 * k;
  }

  /**
   * Exact non-negative least squares for rows {@code [from, to)} by block principal pivoting (Kim
   * &amp; Park, "Fast nonnegative matrix factorization: an active-set-like method and comparisons",
   * SIAM J. Sci. Comput. 33(6), 2011, Algorithm 1 with the full exchange rule and the backup rule):
   * each row {@code w} of W becomes the minimiser of {@code ½‖x − w·F‖² + l1·‖w‖₁ + ½·l2·‖w‖²}
   * over {@code w ≥ 0}, i.e. of {@code ½·wᵀ(G + l2·I)w − (xf(i,:) − l1)·w}, given {@code xf = X·Fᵀ}
   * ({@code rows × k}) and the symmetric Gram matrix {@code g = F·Fᵀ} ({@code k × k}).
   *
   * <p>The passive set (the entries free to be positive) starts from the row's current support:
   * once the supports settle between outer iterations, a row needs a single solve to confirm it.
   * Each solve is a Cholesky factorisation of the passive block {@code G_FF + l2·I}; if a pivot
   * falls below {@code 1e-12} times the block's largest diagonal (a rank-deficient Gram), the block
   * is factorised again with a ridge of {@link #RIDGE} times that diagonal, so the exchanges drop
   * the dependent entries from the passive set. The full exchange swaps every infeasible entry
   * ({@code w_t < 0} in the passive set, gradient {@code y_t < 0} outside it); after three
   * exchanges without fewer infeasible entries, the backup rule swaps only the one with the
   * largest index, which guarantees termination in exact arithmetic. A component with {@code
   * g(t,t) + l2 ≤ 0} (an all-zero row of F) stays at zero. As a guard against rounding, a row's
   * new value is kept only if its objective is not above the old one's, and after {@code 10·k +
   * 20} solves the last iterate (clamped at zero) is used under the same test.
   *
   * @param scratch {@code scratch[off, off + nnlsScratchSize(k))}, this worker's
   * @param iscratch {@code iscratch[ioff, ioff + nnlsIntScratchSize(k))}, this worker's
   * @return the number of rows that hit the solve limit (0 in exact arithmetic)
   */
  public static int nnlsRows(double[] w, double[] xf, double[] g, int k, double l1, double l2,
      double[] scratch, int off, int[] iscratch, int ioff, int from, int to) {
    int chol = off;
    int x = off + k * k;
    int y = x + k;
    int b = y + k;
    int passive = ioff;
    int idx = ioff + k;
    int maxSolves = 10 * k + 20;
    int limited = 0;
    for (int i = from; i < to; i++) {
      int base = i * k;
      double bScale = 0.0;
      for (int t = 0; t < k; t++) {
        double bt = xf[base + t] - l1;
        scratch[b + t] = bt;
        bScale = Math.max(bScale, Math.abs(bt));
        iscratch[passive + t] = w[base + t] > 0.0 && g[t * k + t] + l2 > 0.0 ? 1 : 0;
      }
      double yTol = 1e-12 * bScale;
      int alpha = 3;
      int beta = k + 1;
      int solves = 0;
      while (true) {
        int p = solvePassive(g, k, l2, scratch, chol, x, b, iscratch, passive, idx);
        solves++;
        // Gradient y = (G + l2·I)·w − b outside the passive set; w there is 0.
        int infeasible = 0;
        int last = -1;
        for (int t = 0; t < k; t++) {
          if (iscratch[passive + t] != 0) {
            scratch[y + t] = 0.0;
            if (scratch[x + t] < 0.0) {
              infeasible++;
              last = t;
            }
          } else {
            double yt = -scratch[b + t];
            int gt = t * k;
            for (int q = 0; q < p; q++) {
              int r = iscratch[idx + q];
              yt += g[gt + r] * scratch[x + r];
            }
            scratch[y + t] = yt;
            if (yt < -yTol && g[gt + t] + l2 > 0.0) {
              infeasible++;
              last = t;
            }
          }
        }
        if (infeasible == 0 || solves >= maxSolves) {
          if (infeasible != 0) {
            limited++;
          }
          break;
        }
        if (infeasible < beta || alpha >= 1) {
          if (infeasible < beta) {
            beta = infeasible;
            alpha = 3;
          } else {
            alpha--;
          }
          for (int t = 0; t < k; t++) {
            if (isInfeasible(scratch, iscratch, passive, x, y, g, k, l2, yTol, t)) {
              iscratch[passive + t] ^= 1;
            }
          }
        } else {
          iscratch[passive + last] ^= 1;
        }
      }
      for (int t = 0; t < k; t++) {
        if (scratch[x + t] < 0.0) {
          scratch[x + t] = 0.0;
        }
      }
      double fNew = rowObjective(g, k, l2, scratch, x, scratch, b);
      if (fNew <= rowObjective(g, k, l2, w, base, scratch, b)) {
        System.arraycopy(scratch, x, w, base, k);
      }
    }
    return limited;
  }

  private static boolean isInfeasible(double[] s, int[] is, int passive, int x, int y, double[] g,
      int k, double l2, double yTol, int t) {
    if (is[passive + t] != 0) {
      return s[x + t] < 0.0;
    }
    return s[y + t] < -yTol && g[t * k + t] + l2 > 0.0;
  }

  /**
   * Solves {@code (G_FF + l2·I)·w_F = b_F} for the passive set F by Cholesky into {@code s[x, x+k)}
   * (zero outside F); fills {@code is[idx, idx + |F|)} with F's indices and returns |F|.
   */
  private static int solvePassive(double[] g, int k, double l2, double[] s, int chol, int x, int b,
      int[] is, int passive, int idx) {
    int p = 0;
    for (int t = 0; t < k; t++) {
      s[x + t] = 0.0;
      if (is[passive + t] != 0) {
        is[idx + p++] = t;
      }
    }
    if (p == 0) {
      return 0;
    }
    double maxDiag = 0.0;
    for (int a = 0; a < p; a++) {
      int ra = is[idx + a];
      maxDiag = Math.max(maxDiag, g[ra * k + ra] + l2);
    }
    double pivotTol = 1e-12 * maxDiag;
    if (!choleskyPassive(g, k, l2, s, chol, is, idx, p, pivotTol)) {
      // A rank-deficient G_FF: with l1 > 0 the system can be inconsistent, and zeroing the
      // dependent entries would miss the optimum. A small ridge makes the block definite, so the
      // exchanges push the dependent entries out of the passive set (their huge ± solutions are
      // infeasible) and end on a well-posed block.
      choleskyPassive(g, k, l2 + RIDGE * maxDiag, s, chol, is, idx, p, pivotTol);
    }
    // Forward (L·z = b_F, z kept in x's passive slots by position), then back (Lᵀ·w_F = z).
    for (int a = 0; a < p; a++) {
      int la = chol + a * p;
      double d = s[la + a];
      if (d == 0.0) {
        s[x + is[idx + a]] = 0.0;
        continue;
      }
      double v = s[b + is[idx + a]];
      for (int q = 0; q < a; q++) {
        v -= s[la + q] * s[x + is[idx + q]];
      }
      s[x + is[idx + a]] = v / d;
    }
    for (int a = p - 1; a >= 0; a--) {
      double d = s[chol + a * p + a];
      if (d == 0.0) {
        s[x + is[idx + a]] = 0.0;
        continue;
      }
      double v = s[x + is[idx + a]];
      for (int q = a + 1; q < p; q++) {
        v -= s[chol + q * p + a] * s[x + is[idx + q]];
      }
      s[x + is[idx + a]] = v / d;
    }
    return p;
  }

  /** Relative ridge added to a numerically singular passive block (see {@link #nnlsRows}). */
  static final double RIDGE = 1e-10;

  /**
   * Cholesky {@code L·Lᵀ = G_FF + shift·I} into {@code s[chol + a·p + c]} ({@code c ≤ a}); a pivot
   * not above {@code pivotTol} is set to 0 (its entry then solves to 0). Returns false if one was.
   */
  private static boolean choleskyPassive(double[] g, int k, double shift, double[] s, int chol,
      int[] is, int idx, int p, double pivotTol) {
    boolean definite = true;
    for (int a = 0; a < p; a++) {
      int ra = is[idx + a];
      int la = chol + a * p;
      for (int c = 0; c <= a; c++) {
        int rc = is[idx + c];
        int lc = chol + c * p;
        double v = g[ra * k + rc];
        if (c == a) {
          v += shift;
        }
        for (int q = 0; q < c; q++) {
          v -= s[la + q] * s[lc + q];
        }
        if (c < a) {
          double d = s[lc + c];
          s[la + c] = d == 0.0 ? 0.0 : v / d;
        } else if (v > pivotTol) {
          s[la + a] = Math.sqrt(v);
        } else {
          s[la + a] = 0.0;
          definite = false;
        }
      }
    }
    return definite;
  }

  /** {@code ½·vᵀ(G + l2·I)v − b·v} for {@code v = a[av, av+k)} and {@code b = s[b, b+k)}. */
  private static double rowObjective(double[] g, int k, double l2, double[] a, int av, double[] s,
      int b) {
    double quad = 0.0;
    double lin = 0.0;
    for (int t = 0; t < k; t++) {
      double vt = a[av + t];
      if (vt == 0.0) {
        continue;
      }
      int gt = t * k;
      double gv = l2 * vt;
      for (int r = 0; r < k; r++) {
        gv += g[gt + r] * a[av + r];
      }
      quad += vt * gv;
      lin += s[b + t] * vt;
    }
    return 0.5 * quad - lin;
  }

  /**
   * {@link #nnlsRows} over all {@code rows} in parallel over blocks of {@link #SWEEP_BLOCK} rows,
   * each worker with its own scratch; rows are independent and the scratch is re-initialised per
   * row, so the result does not depend on the threads.
   *
   * @param workspace at least {@link #nnlsWorkspaceSize nnlsWorkspaceSize(rows, k, threads)} doubles
   * @param iworkspace at least {@code threads · nnlsIntScratchSize(k)} ints
   * @return the number of rows that hit the solve limit
   */
  public static int nnls(double[] w, int rows, double[] xf, double[] g, int k, double l1, double l2,
      double[] workspace, int[] iworkspace, Workers workers) {
    int blocks = Workers.blockCount(rows, SWEEP_BLOCK);
    int threads = workers.threads();
    if (workspace.length < nnlsWorkspaceSize(rows, k, threads)
        || iworkspace.length < threads * nnlsIntScratchSize(k)) {
      throw new IllegalArgumentException("workspace of " + workspace.length + " doubles (needs "
          + nnlsWorkspaceSize(rows, k, threads) + ") or " + iworkspace.length + " ints (needs "
          + threads * nnlsIntScratchSize(k) + ") too small for " + rows + " rows, k=" + k + " and "
          + threads + " threads");
    }
    int scratchSize = nnlsScratchSize(k);
    int intSize = nnlsIntScratchSize(k);
    workers.forEachBlock(rows, SWEEP_BLOCK, (worker, blk, from, to) ->
        workspace[blk] = nnlsRows(w, xf, g, k, l1, l2, workspace, blocks + worker * scratchSize,
            iworkspace, worker * intSize, from, to));
    int total = 0;
    for (int blk = 0; blk < blocks; blk++) {
      total += (int) workspace[blk];
    }
    return total;
  }

  /** Doubles {@link #nnls} needs: one count per block plus one scratch per thread. */
  public static int nnlsWorkspaceSize(int rows, int k, int threads) {
    return Workers.blockCount(rows, SWEEP_BLOCK) + threads * nnlsScratchSize(k);
  }
}

package io.topicnmf.nmf;

import io.topicnmf.parallel.Workers;

/**
 * Exact non-negative least squares for the rows of one factor by block principal pivoting (Kim
 * &amp; Park 2011): the ANLS solver. In the style of EJML's {@code LinearSolverDense}: built once
 * for a shape and a thread count, it owns every worker's scratch, and {@link #solve} allocates
 * nothing. Package-private.
 */
final class NnlsSolver {
  private final int k;
  private final Workers workers;
  /** One count per block of {@link Sweeps#BLOCK} rows, then one scratch per worker. */
  private final double[] workspace;
  private final int[] iworkspace;
  private final int blocksCap;

  /**
   * A solver for factors of up to {@code maxRows} rows and {@code k} columns on {@code workers};
   * allocates every worker's Cholesky factor, vectors and index sets once.
   */
  NnlsSolver(int maxRows, int k, Workers workers) {
    this.k = k;
    this.workers = workers;
    this.blocksCap = Workers.blockCount(maxRows, Sweeps.BLOCK);
    this.workspace = new double[blocksCap + workers.threads() * scratchSize(k)];
    this.iworkspace = new int[workers.threads() * intScratchSize(k)];
  }

  /**
   * {@link #rows} over all {@code rows} rows of {@code a} in parallel over blocks of {@link
   * Sweeps#BLOCK} rows, each worker with its own scratch; rows are independent and the scratch is
   * re-initialised per row, so the result does not depend on the threads.
   *
   * @return the number of rows that hit the solve limit
   */
  int solve(double[] a, int rows, double[] xf, double[] g, double l1, double l2) {
    int blocks = Workers.blockCount(rows, Sweeps.BLOCK);
    if (blocks > blocksCap) {
      throw new IllegalArgumentException("NNLS solver built for " + blocksCap + " blocks of "
          + Sweeps.BLOCK + " rows, called with " + rows + " rows (k=" + k + ")");
    }
    int scratchSize = scratchSize(k);
    int intSize = intScratchSize(k);
    workers.forEachBlock(rows, Sweeps.BLOCK, (worker, blk, from, to) ->
        workspace[blk] = rows(a, xf, g, k, l1, l2, workspace, blocksCap + worker * scratchSize,
            iworkspace, worker * intSize, from, to));
    int total = 0;
    for (int blk = 0; blk < blocks; blk++) {
      total += (int) workspace[blk];
    }
    return total;
  }

  /** Doubles of one worker's scratch for {@link #rows}: the k×k Cholesky factor and three k-vectors. */
  static int scratchSize(int k) {
    return k * k + 3 * k;
  }

  /** Ints of one worker's scratch for {@link #rows}: the passive flags and the passive indices. */
  static int intScratchSize(int k) {
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
   * @param scratch {@code scratch[off, off + scratchSize(k))}, this worker's
   * @param iscratch {@code iscratch[ioff, ioff + intScratchSize(k))}, this worker's
   * @return the number of rows that hit the solve limit (0 in exact arithmetic)
   */
  static int rows(double[] w, double[] xf, double[] g, int k, double l1, double l2,
      double[] scratch, int off, int[] iscratch, int ioff, int from, int to) {
    int x = off + k * k;
    int b = x + 2 * k;
    int passive = ioff;
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
      if (!pivot(g, k, l2, scratch, off, iscratch, ioff, 1e-12 * bScale)) {
        limited++;
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

  /**
   * The exchanges of one row, from the passive set in {@code iscratch[ioff, ioff+k)} and the
   * right-hand side in the scratch's b slots: leaves the last solution in the x slots. Returns
   * false if the row hit the solve limit with infeasible entries left.
   */
  private static boolean pivot(double[] g, int k, double l2, double[] scratch, int off,
      int[] iscratch, int ioff, double yTol) {
    int chol = off;
    int x = off + k * k;
    int y = x + k;
    int b = y + k;
    int passive = ioff;
    int idx = ioff + k;
    int maxSolves = 10 * k + 20;
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
        return infeasible == 0;
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

  /** Relative ridge added to a numerically singular passive block (see {@link #rows}). */
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
}

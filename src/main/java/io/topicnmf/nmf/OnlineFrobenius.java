package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.SparseKernels;
import io.topicnmf.parallel.Workers;

/**
 * The mini-batch step for the Frobenius loss: online matrix factorization in the manner of
 * Mairal, Bach, Ponce &amp; Sapiro ("Online learning for matrix factorization and sparse coding",
 * JMLR 11, 2010), which Lefèvre, Bach &amp; Févotte (2011) apply to NMF.
 *
 * <p>For a batch {@code X_b}, W_b is solved with H fixed from {@code X_b·Hᵀ} and {@code H·Hᵀ} by
 * the solver's own row update ({@link HalsSolver} sweeps for HALS and CD, until a sweep changes W_b
 * by less than δ = 0.1 of the first sweep's change; {@link MultiplicativeUpdate}; an exact {@link
 * NnlsSolver} solve for ANLS). Then the sufficient statistics of the surrogate objective are
 * updated, {@code G ← ρ·G + W_bᵀW_b} (k × k) and {@code C ← ρ·C + X_bᵀ·W_b} (cols × k), and H takes
 * one step of the same solver on {@code min_{H ≥ 0} ½·tr(H G Hᵀ) − tr(H C)} plus the H penalty for
 * the discounted row count {@code S ← ρ·S + rows(X_b)}: exactly the H step of the in-memory solver
 * with {@code Xᵀ·W} and {@code WᵀW} replaced by their running sums (one warm-started sweep, as
 * Mairal et al.'s block coordinate descent on the dictionary). scikit-learn's {@code MiniBatchNMF}
 * accumulates the numerator and denominator of a multiplicative update instead; with HALS the
 * surrogate is minimised coordinate-wise, which is what makes HALS beat MU in memory too.
 */
final class OnlineFrobenius extends OnlineStep {
  /** Sweeps of W_b from a neutral start (first visit of a batch) and from its last value. */
  static final int COLD_SWEEPS = 30;
  static final int WARM_SWEEPS = 5;

  private final double[] c;
  private final double[] g;
  private final double[] hht;
  private final double[] xht;
  private final double[] wtw;
  private final double[] xtw;
  private final double[] gramWork;
  private final HalsSolver hals;
  private final NnlsSolver nnls;
  private final MultiplicativeUpdate mu;
  private double seenRows;
  private boolean hhtValid;

  OnlineFrobenius(int n, int k, int maxBatch, double[] ht, NmfOptions o, double rho, Workers workers) {
    super(n, k, ht, o, rho, workers);
    this.c = new double[n * k];
    this.g = new double[k * k];
    this.hht = new double[k * k];
    this.xht = new double[maxBatch * k];
    this.wtw = new double[k * k];
    this.xtw = new double[n * k];
    int rows = Math.max(maxBatch, n);
    this.gramWork = new double[DenseKernels.gramWorkspaceSize(rows, k)];
    this.mu = solver == Solver.MU ? new MultiplicativeUpdate(rows, k, workers) : null;
    this.nnls = solver == Solver.ANLS ? new NnlsSolver(rows, k, workers) : null;
    this.hals = mu == null && nnls == null ? new HalsSolver(rows, k, workers) : null;
  }

  @Override
  public double step(CsrMatrix xb, double[] wb, boolean cold) {
    int rows = xb.rows();
    if (!hhtValid) {
      DenseKernels.gram(ht, n, k, hht, gramWork, workers);
      hhtValid = true;
    }
    SparseKernels.multiply(xb, ht, k, xht, workers);
    if (cold) {
      // scikit-learn's start for W given H (MiniBatchNMF._solve_W): every entry sqrt(mean(X_b)/k).
      double mean = DenseKernels.sum(xb.values(), xb.nnz()) / ((double) rows * n);
      java.util.Arrays.fill(wb, 0, rows * k, Math.sqrt(mean / k));
    }
    solveW(wb, rows, cold ? COLD_SWEEPS : WARM_SWEEPS);
    DenseKernels.gram(wb, rows, k, wtw, gramWork, workers);
    loss = Math.max(0.0, 0.5 * (xb.frobeniusNormSquared() - 2 * DenseKernels.dot(xht, wb, rows * k)
        + DenseKernels.dot(wtw, hht, k * k)));
    double penalty = wPenalty(wb, rows);

    SparseKernels.multiply(xb.transpose(), wb, k, xtw, workers);
    workers.forEachBlock(n, Sweeps.BLOCK, (b, from, to) -> {
      for (int q = from * k, e = to * k; q < e; q++) {
        c[q] = rho * c[q] + xtw[q];
      }
    });
    for (int q = 0; q < k * k; q++) {
      g[q] = rho * g[q] + wtw[q];
    }
    seenRows = rho * seenRows + rows;
    double l1H = alphaL1H * seenRows;
    double l2H = alphaL2H * seenRows;
    if (solver == Solver.MU) {
      mu.update(ht, n, c, g, l1H, l2H);
    } else if (solver == Solver.ANLS) {
      nnls.solve(ht, n, c, g, l1H, l2H);
    } else {
      hals.sweep(ht, n, c, g, l1H, l2H, true);
    }
    hhtValid = false;
    return loss + penalty;
  }

  /** W_b for the current H from {@code xht} and {@code hht}: at most {@code maxSweeps} sweeps. */
  private void solveW(double[] wb, int rows, int maxSweeps) {
    if (solver == Solver.ANLS) {
      nnls.solve(wb, rows, xht, hht, l1W, l2W);
      return;
    }
    if (solver == Solver.MU) {
      for (int s = 0; s < maxSweeps; s++) {
        mu.update(wb, rows, xht, hht, l1W, l2W);
      }
      return;
    }
    double first = hals.sweep(wb, rows, xht, hht, l1W, l2W, true);
    double last = first;
    double floor = FrobeniusUpdater.DELTA * FrobeniusUpdater.DELTA * first;
    for (int s = 1; s < maxSweeps && first > 0 && last >= floor; s++) {
      last = hals.sweep(wb, rows, xht, hht, l1W, l2W, false);
    }
  }
}

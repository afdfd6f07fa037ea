package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.SparseKernels;

/**
 * Frobenius-loss solvers: accelerated HALS, plain coordinate descent (one HALS sweep per factor),
 * multiplicative updates and ANLS (each factor solved exactly by block principal pivoting, {@link
 * NnlsSolver}).
 *
 * <p>Each half-iteration computes the sparse product ({@code X·Hᵀ} for W, {@code Xᵀ·W} for H) and
 * the k×k Gram matrix once. Accelerated HALS (Gillis &amp; Glineur, "Accelerated multiplicative
 * updates and hierarchical ALS algorithms for nonnegative matrix factorization", Neural
 * Computation 24(4), 2012) then repeats the cheap O(rows·k²) sweep on that block at most
 * {@code ⌊1 + α·ρ⌋} times, {@code ρ_W = 1 + (nnz + cols·k)/(rows·(k+1))} and {@code ρ_H = 1 +
 * (nnz + rows·k)/(cols·(k+1))} (the cost of the products relative to one sweep), stopping early
 * once a sweep changes the factor by less than δ times the first sweep's change ({@code ‖ΔW‖_F <
 * δ·‖ΔW₁‖_F}); α = 0.5 and δ = 0.1 as in the authors' code. The repeat counts depend only on the
 * data, so runs are reproducible.
 *
 * <p>Once the objective settles ({@link #START}), accelerated HALS also extrapolates each factor
 * along its last change, with restarts when that overshoots (Ang &amp; Gillis 2019; see {@link
 * Extrapolation}): the slow linear tail of HALS then takes about 35–40% fewer iterations.
 *
 * <p>The objective {@code ½(‖X‖² − 2⟨Xᵀ·W, Hᵀ⟩ + ⟨WᵀW, HHᵀ⟩)} reuses {@code Xᵀ·W} and {@code
 * WᵀW} from the H step and the new {@code HHᵀ}, which the next W step needs anyway: W·H is never
 * formed. All four solvers share these products and this objective; they differ only in how one
 * factor is updated from them ({@link #update}).
 */
final class FrobeniusUpdater extends Updater {
  static final double ALPHA = 0.5;
  static final double DELTA = 0.1;
  /**
   * HALS starts extrapolating after the first iteration that lowers the objective by less than
   * this share of the initial objective. Extrapolating from the start reaches the tail sooner but
   * can leave the basin plain HALS converges to (on 20 newsgroups, k = 20: 5366.90 against
   * 5366.06); from this point on the basin is settled. Iterations to reach scikit-learn cd's final
   * objective on the benchmark matrices: 53 → 31 (20news, k = 20), 29 → 19 (k = 50), 20 → 15 (bbc,
   * k = 5); 1e-4 gave 31, 25, 16 and 1e-3 30, 19, 17.
   */
  static final double START = 3e-4;

  private final double xx;
  private final int maxInnerW;
  private final int maxInnerH;

  private final double[] xht;
  private final double[] xtw;
  private final double[] hht;
  private final double[] wtw;
  private final double[] gramWork;
  /** The solver of one factor given the other; only the one for {@code solver} is built. */
  private final HalsSolver hals;
  private final NnlsSolver nnls;
  private final MultiplicativeUpdate mu;
  private boolean xhtValid;

  FrobeniusUpdater(CsrMatrix x, CsrMatrix xt, int k, double[] w, double[] ht, Solver solver,
      Regularization reg, Workers workers) {
    // HALS extrapolates once the objective settles; the other solvers do not.
    super(x, xt, k, w, ht, solver, reg, workers, solver == Solver.HALS);
    this.xx = x.frobeniusNormSquared();
    long nnz = x.nnz();
    if (solver == Solver.HALS) {
      double rhoW = 1 + (nnz + (double) n * k) / ((double) m * (k + 1));
      double rhoH = 1 + (nnz + (double) m * k) / ((double) n * (k + 1));
      this.maxInnerW = (int) Math.floor(1 + ALPHA * rhoW);
      this.maxInnerH = (int) Math.floor(1 + ALPHA * rhoH);
    } else {
      this.maxInnerW = 1;
      this.maxInnerH = 1;
    }
    this.xht = new double[m * k];
    this.xtw = new double[n * k];
    this.hht = new double[k * k];
    this.wtw = new double[k * k];
    this.gramWork = new double[DenseKernels.gramWorkspaceSize(Math.max(m, n), k)];
    int rows = Math.max(m, n);
    this.mu = solver == Solver.MU ? new MultiplicativeUpdate(rows, k, workers) : null;
    this.nnls = solver == Solver.ANLS ? new NnlsSolver(rows, k, workers) : null;
    this.hals = mu == null && nnls == null ? new HalsSolver(rows, k, workers) : null;
  }

  /** Sweeps per W and per H update that accelerated HALS allows on this matrix (1 and 1 otherwise). */
  int maxInnerW() {
    return maxInnerW;
  }

  int maxInnerH() {
    return maxInnerH;
  }

  @Override
  public double start() {
    DenseKernels.gram(ht, n, k, hht, gramWork, workers);
    DenseKernels.gram(w, m, k, wtw, gramWork, workers);
    SparseKernels.multiply(x, ht, k, xht, workers);
    xhtValid = true;
    return started(objective(DenseKernels.dot(xht, w, m * k)));
  }

  @Override
  public double iterate() {
    if (extrapolation != null && extrapolation.started()) {
      return iterateExtrapolated();
    }
    if (!xhtValid) {
      SparseKernels.multiply(x, ht, k, xht, workers);
    }
    xhtValid = false;
    update(w, m, xht, hht, reg.l1W(), reg.l2W(), maxInnerW);

    DenseKernels.gram(w, m, k, wtw, gramWork, workers);
    SparseKernels.multiply(xt, w, k, xtw, workers);
    update(ht, n, xtw, wtw, reg.l1H(), reg.l2H(), maxInnerH);

    DenseKernels.gram(ht, n, k, hht, gramWork, workers);
    loss = objective(DenseKernels.dot(xtw, ht, n * k));
    double f = penalised(loss);
    if (extrapolation != null) {
      extrapolation.considerStart(w, ht, f, loss, START);
    }
    return f;
  }

  /**
   * One outer iteration of accelerated HALS with {@link Extrapolation}: W_k, then Ŵ_k; H_k from
   * Xᵀ·Ŵ_k and Ŵ_kᵀŴ_k, whose products also give e_k = f(Ŵ_k, H_k); then Ĥ_k or a restart.
   */
  private double iterateExtrapolated() {
    if (!xhtValid) {
      SparseKernels.multiply(x, ht, k, xht, workers);
      DenseKernels.gram(ht, n, k, hht, gramWork, workers);
    }
    xhtValid = false;
    update(w, m, xht, hht, reg.l1W(), reg.l2W(), maxInnerW);
    extrapolation.extrapolateW(w);

    DenseKernels.gram(w, m, k, wtw, gramWork, workers);
    SparseKernels.multiply(xt, w, k, xtw, workers);
    update(ht, n, xtw, wtw, reg.l1H(), reg.l2H(), maxInnerH);
    DenseKernels.gram(ht, n, k, hht, gramWork, workers);
    double e = objective(DenseKernels.dot(xtw, ht, n * k));
    if (extrapolation.afterH(w, ht, penalised(e), e)) {
      // Restarted: the next W step starts from H_k, whose Gram matrix hht already holds.
      SparseKernels.multiply(x, ht, k, xht, workers);
      xhtValid = true;
    }
    loss = extrapolation.bestLoss();
    return extrapolation.best();
  }

  private double objective(double cross) {
    double value = 0.5 * (xx - 2 * cross + DenseKernels.dot(wtw, hht, k * k));
    return Math.max(value, 0.0);
  }

  private void update(double[] a, int rows, double[] xf, double[] g, double l1, double l2, int maxInner) {
    if (solver == Solver.MU) {
      mu.update(a, rows, xf, g, l1, l2);
      return;
    }
    if (solver == Solver.ANLS) {
      nnls.solve(a, rows, xf, g, l1, l2);
      return;
    }
    // The first sweep forms each row's residual; repeated sweeps on the same products reuse it.
    double first = hals.sweep(a, rows, xf, g, l1, l2, true);
    double last = first;
    for (int sweep = 1; sweep < maxInner && first > 0 && last >= DELTA * DELTA * first; sweep++) {
      last = hals.sweep(a, rows, xf, g, l1, l2, false);
    }
  }

  /** Rows of X·Hᵀ formed at a time by {@link #frobenius}: a multiple of {@link SparseKernels#ROW_BLOCK}. */
  static final int SLAB_ROWS = 64 * SparseKernels.ROW_BLOCK;

  /**
   * {@code ½‖X − W·H‖²} by the product formula, from scratch; for solvers of other losses. X·Hᵀ is
   * formed {@value #SLAB_ROWS} rows at a time into one slab and its dot product with W summed in
   * index order, so the value has the bits of the whole product's dot while holding k·{@value
   * #SLAB_ROWS} doubles instead of an m × k array: called at the end of a KL fit, while the
   * updater's arrays are still held, an m × k array (400 MB at a million documents, k = 50) is
   * what ran a 1 M fit in {@code -Xmx4g} out of heap after its last sweep (bench/RESULTS.md, "Stop 23").
   */
  static double frobenius(CsrMatrix x, int k, double[] w, double[] ht, Workers workers) {
    int m = x.rows();
    int n = x.cols();
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    float[] values = x.values();
    double[] slab = new double[Math.min(m, SLAB_ROWS) * k];
    double cross = 0;
    for (int r0 = 0; r0 < m; r0 += SLAB_ROWS) {
      int first = r0;
      int rows = Math.min(SLAB_ROWS, m - r0);
      workers.forEachBlock(rows, SparseKernels.ROW_BLOCK,
          (blk, from, to) -> SparseKernels.multiplyRows(rowPtr, colIdx, values, ht, k, slab, first + from,
              first + to, first));
      int base = r0 * k;
      for (int q = 0; q < rows * k; q++) {
        cross += slab[q] * w[base + q];
      }
    }
    double[] gw = new double[k * k];
    double[] gh = new double[k * k];
    double[] work = new double[DenseKernels.gramWorkspaceSize(Math.max(m, n), k)];
    DenseKernels.gram(w, m, k, gw, work, workers);
    DenseKernels.gram(ht, n, k, gh, work, workers);
    double value = 0.5 * (x.frobeniusNormSquared() - 2 * cross + DenseKernels.dot(gw, gh, k * k));
    return Math.max(value, 0.0);
  }
}

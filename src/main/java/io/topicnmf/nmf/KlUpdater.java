package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.SparseKernels;
import io.topicnmf.options.InvalidOptionException;

/**
 * Solvers for the generalized Kullback–Leibler divergence {@code D(X‖WH) = Σ_ij x·ln(x/(WH)) − x +
 * (WH)}, both evaluating W·H only at the stored entries of X ({@code Σ_ij (WH)_ij} is {@code
 * colsum(W)·rowsum(H)}).
 *
 * <ul>
 *   <li>{@link Solver#CD}: cyclic coordinate descent with one-variable Newton steps (Hsieh &amp;
 *       Dhillon, KDD 2011), W on the rows of X then Hᵀ on the rows of the transposed copy. Each
 *       half-sweep forms W·H at a row's stored entries in a per-worker buffer, keeps it up to date
 *       through the row's updates and lets it go ({@link KlCdSolver#sweepFresh}), so no
 *       prediction of the size of X is stored; the H half-sweep adds up the divergence from the
 *       buffer as it leaves each row, so the objective costs no extra pass. From the second sweep
 *       on, each factor is extrapolated along its last change with restarts, as accelerated HALS
 *       does once it settles ({@link FrobeniusUpdater}, Ang &amp; Gillis 2019), and the best pair
 *       seen is the one returned.
 *   <li>{@link Solver#MU}: multiplicative updates (Lee &amp; Seung 2001) as scikit-learn's {@code
 *       _multiplicative_update_w/h} with {@code beta_loss='kullback-leibler'}.
 * </ul>
 *
 * <p>Predictions below {@link Sweeps#KL_EPSILON} at stored entries are raised to it in
 * ratios and logarithms, as scikit-learn does.
 */
final class KlUpdater extends Updater {
  /**
   * Newton steps per coordinate at most. On the 20news TF-IDF matrix (k = 20, one thread) 2 steps
   * reach scikit-learn mu's final divergence in 13 sweeps and 4 steps in 12, for the same CPU
   * time (about 4.7 s); 1 step needs 17 sweeps (about 5.5 s). The cheaper sweep wins ties.
   */
  static final int MAX_NEWTON = 2;
  /** A coordinate's Newton iterations stop once a step is below this share of its value. */
  static final double NEWTON_TOL = 1e-3;
  /** Per-worker gather buffer cap, in doubles (8 MB); longer rows are read in place. */
  static final int GATHER_CAP = 1 << 20;

  private final double[] colSum;
  private final double[] rowSumH;
  private final double[] partials;
  /** The solver of one factor given the other: CD or multiplicative updates. */
  private final KlCdSolver cd;
  /** CD: where H (its rows, Hᵀ = ht) and W are not zero, refilled before the half-sweep that holds each fixed. */
  private final NonZeros htNonZeros;
  private final NonZeros wNonZeros;
  private final MultiplicativeUpdate mu;

  /**
   * CD extrapolates from the second sweep on (the condition of {@link FrobeniusUpdater#START} with
   * an infinite threshold). Unlike HALS at k = 20, KL descent did not change basin when
   * extrapolating early: sweeps to scikit-learn mu's final divergence 10 → 7 (20news, k = 20),
   * 19 → 12 (k = 50), 11 → 10 (bbc, k = 5), and after 100 sweeps 255664 against 255988, 229288
   * against 230293, 64556.8 against 64558.0; starting at 3e-4·f₀ (as HALS) gave 37 sweeps to
   * 256000 instead of 27 from the start.
   */
  static final double START = Double.POSITIVE_INFINITY;

  KlUpdater(CsrMatrix x, CsrMatrix xt, int k, double[] w, double[] ht, Solver solver,
      Regularization reg, Workers workers) {
    this(x, xt, k, w, ht, solver, reg, workers, null);
  }

  /**
   * As above; with {@code compact} not null (CD only) the compact layout: W's extrapolation copies
   * in files under {@code compact} ({@link FactorCopy#spilled}), 16·m·k bytes less heap, the same
   * arithmetic, so the same factors bit for bit.
   */
  KlUpdater(CsrMatrix x, CsrMatrix xt, int k, double[] w, double[] ht, Solver solver,
      Regularization reg, Workers workers, java.nio.file.Path compact) {
    // CD extrapolates (from the second sweep on, START); MU does not.
    super(x, xt, k, w, ht, solver, reg, workers, solver == Solver.CD, solver == Solver.CD ? compact : null);
    if (solver != Solver.CD && solver != Solver.MU) {
      throw new InvalidOptionException("solver", "{loss} kl is solved by {solver} cd or mu, not " + solver, "loss");
    }
    this.colSum = new double[k];
    this.rowSumH = new double[k];
    int blocks = Math.max(1, Workers.blockCount(Math.max(m, n), Sweeps.BLOCK));
    this.partials = new double[blocks];
    this.mu = solver == Solver.CD ? null : new MultiplicativeUpdate(Math.max(m, n), k, workers);
    int longest = solver == Solver.CD ? Math.max(maxRowNnz(x), maxRowNnz(xt)) : 0;
    this.cd = solver == Solver.CD
        ? new KlCdSolver(k, gatherLength(longest, k), longest, workers.threads(), MAX_NEWTON, NEWTON_TOL)
        : null;
    this.htNonZeros = solver == Solver.CD ? new NonZeros(n, k, NonZeros.PACK_SHARE) : null;
    this.wNonZeros = solver == Solver.CD ? new NonZeros(m, k, NonZeros.PACK_SHARE) : null;
  }

  /**
   * Per-worker length of the gather buffers of {@link KlCdSolver} for rows of at most
   * {@code longest} stored entries: room for all k components of the longest row up to {@link
   * #GATHER_CAP}, and never less than one component of it.
   */
  static int gatherLength(int longest, int k) {
    return (int) Math.max(longest, Math.min((long) longest * k, GATHER_CAP));
  }

  static int maxRowNnz(CsrMatrix a) {
    int max = 0;
    for (int i = 0; i < a.rows(); i++) {
      max = Math.max(max, a.rowNnz(i));
    }
    return max;
  }

  @Override
  public double start() {
    return started(divergenceFromScratch());
  }

  @Override
  public double iterate() {
    // W step on the rows of X: H (i.e. Hᵀ = ht) is fixed, its row sums are the column sums of ht.
    boolean extraNow = extrapolation != null && extrapolation.started();
    DenseKernels.columnSums(ht, n, k, colSum);
    halfStep(x, w, ht, htNonZeros, reg.l1W(), reg.l2W(), false);
    if (extraNow) {
      extrapolation.extrapolateW(w);
    }
    DenseKernels.columnSums(w, m, k, colSum);
    // CD: the H half-sweep leaves each column's data terms (for the final W and H) in partials.
    halfStep(xt, ht, w, wNonZeros, reg.l1H(), reg.l2H(), solver == Solver.CD);
    loss = solver == Solver.CD ? finish(Workers.blockCount(n, Sweeps.BLOCK)) : divergenceFromScratch();
    double f = penalised(loss);
    if (!extraNow) {
      if (extrapolation != null) {
        extrapolation.considerStart(w, ht, f, loss, START);
      }
      return f;
    }
    // Extrapolated sweep: (Ŵ_k, H_k) is feasible with divergence `loss`; the best pair is kept,
    // then H is extrapolated or restarted.
    extrapolation.afterH(w, ht, f, loss);
    loss = extrapolation.bestLoss();
    return extrapolation.best();
  }

  /**
   * Updates the rows of {@code f} (the rows of {@code a}) with {@code other} fixed; with {@code
   * loss} (CD only), the data terms of the divergence at the updated rows go to {@code partials},
   * one per row block of {@code a}.
   */
  private void halfStep(CsrMatrix a, double[] f, double[] other, NonZeros otherNonZeros, double l1, double l2,
      boolean loss) {
    int[] rowPtr = a.rowPtr();
    int[] colIdx = a.colIdx();
    float[] values = a.values();
    if (solver == Solver.CD) {
      NonZeros nz = otherNonZeros.of(other, workers);
      workers.forEachBlock(a.rows(), Sweeps.BLOCK, (worker, b, from, to) -> {
        double terms = cd.sweepFresh(worker, rowPtr, colIdx, values, f, other, nz, colSum, l1, l2, loss, from, to);
        if (loss) {
          partials[b] = terms;
        }
      });
    } else {
      mu.updateKl(a, f, other, colSum, l1, l2);
    }
  }

  private double divergenceFromScratch() {
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    float[] values = x.values();
    workers.forEachBlock(m, Sweeps.BLOCK, (b, from, to) ->
        partials[b] = KlLoss.klTermsRows(rowPtr, colIdx, values, w, ht, k, from, to));
    return finish(Workers.blockCount(m, Sweeps.BLOCK));
  }

  /** Adds the block partials in order and the Σ(W·H) term. */
  private double finish(int blocks) {
    double s = 0.0;
    for (int b = 0; b < blocks; b++) {
      s += partials[b];
    }
    DenseKernels.columnSums(w, m, k, colSum);
    double sumWh = 0.0;
    double[] hs = rowSumH;
    DenseKernels.columnSums(ht, n, k, hs);
    for (int t = 0; t < k; t++) {
      sumWh += colSum[t] * hs[t];
    }
    return Math.max(s + sumWh, 0.0);
  }
}

package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.SparseKernels;
import io.topicnmf.options.InvalidOptionException;
import io.topicnmf.parallel.Workers;

/**
 * The mini-batch step for the generalized KL divergence: the online algorithm of Lefèvre, Bach
 * &amp; Févotte ("Online algorithms for nonnegative matrix factorization with the Itakura-Saito
 * divergence", WASPAA 2011) for β = 1, as scikit-learn's {@code MiniBatchNMF._minibatch_step}.
 *
 * <p>For a batch {@code X_b}, W_b is solved with H fixed: coordinate Newton sweeps ({@link
 * KlCdSolver}, Hsieh &amp; Dhillon 2011) for CD, multiplicative updates for MU, until a sweep
 * changes W_b by less than δ = 0.1 of the first sweep's change. Then the multiplicative update of
 * H is split into its numerator and denominator, which are accumulated over batches with the
 * forget factor ρ:
 *
 * <pre>
 *   A ← ρ·A + H ⊙ (W_bᵀ·(X_b / W_b·H))        B ← ρ·B + (1·W_b)ᵀ + l1_b + l2_b·H        H ← A / B
 * </pre>
 *
 * with {@code A = H₀}, {@code B = 1} at the start and the H penalty of the batch ({@code l1_b =
 * alphaH·l1Ratio·rows(X_b)}, {@code l2_b = alphaH·(1 − l1Ratio)·rows(X_b)}), as scikit-learn does.
 * {@code X_b / W_b·H} is formed at the stored entries only (W_b·H floored at ε), and its product
 * with W_b runs over the transposed batch, by terms, so the sum has a fixed order. There is no
 * coordinate-descent H step: it needs the predictions at every stored entry of X, which an online
 * fit does not keep.
 */
final class OnlineKl extends OnlineStep {
  /**
   * Sweeps of W_b from a neutral start (first visit of a batch) and from its last value. On the
   * 20news matrix (k = 20, batches of 1024 rows) 2 warm sweeps reached the divergence of 5 (259690
   * against 259670 after 34 epochs each) in 17 s instead of 31 s; 1 warm sweep (2026-12-05) came
   * within 0.06% of 2's divergence on bbc and 20news-train (batches of 1024 and 4096 rows, the
   * NMI within 0.004) and within 0.001% on 30,000 generated documents (k = 50, NMI +0.001), in
   * 15–26% less time there: the W sweeps are 80% of a mini-batch fit's time, and H moves little
   * between two visits of a batch. The cold start stops by the δ rule after a few sweeps
   * (5 and 30 gave the same bits on those documents).
   */
  static final int COLD_SWEEPS = 30;
  static final int WARM_SWEEPS = 1;
  /** H entries below this are set to zero after an update, as scikit-learn does for β ≤ 1. */
  static final double H_FLOOR = Math.ulp(1.0);

  /** Accumulated numerator and denominator of the H update, cols × k like Hᵀ. */
  private final double[] num;
  private final double[] den;
  private final double[] rtw;
  private final double[] hSum;
  private final double[] wSum;
  private final double[] old;
  private final double[] partials;
  private final MultiplicativeUpdate mu;
  private KlCdSolver cd;
  private int cdLength;
  private double[] v = new double[0];

  OnlineKl(int n, int k, int maxBatch, double[] ht, NmfOptions o, double rho, Workers workers) {
    super(n, k, ht, o, rho, workers);
    if (solver != Solver.CD && solver != Solver.MU) {
      throw new InvalidOptionException("solver", "{loss} kl is solved by {solver} cd or mu, not " + solver, "loss");
    }
    this.num = ht.clone();
    this.den = new double[n * k];
    java.util.Arrays.fill(den, 1.0);
    this.rtw = new double[n * k];
    this.hSum = new double[k];
    this.wSum = new double[k];
    this.old = new double[maxBatch * k];
    this.partials = new double[Math.max(1, Workers.blockCount(maxBatch, Sweeps.BLOCK))];
    this.mu = solver == Solver.MU ? new MultiplicativeUpdate(Math.max(maxBatch, n), k, workers) : null;
  }

  @Override
  public double step(CsrMatrix xb, double[] wb, boolean cold) {
    int rows = xb.rows();
    int[] rowPtr = xb.rowPtr();
    int[] colIdx = xb.colIdx();
    float[] values = xb.values();
    if (v.length < xb.nnz()) {
      v = new double[xb.nnz()];
    }
    DenseKernels.columnSums(ht, n, k, hSum);
    if (cold) {
      neutralStart(xb, wb);
    }
    solveW(xb, wb, cold ? COLD_SWEEPS : WARM_SWEEPS);
    // v holds W_b·H at the stored entries (CD keeps it; MU's update does not, so form it).
    if (solver == Solver.MU) {
      workers.forEachBlock(rows, Sweeps.BLOCK, (b, from, to) -> predict(xb, wb, from, to));
    }
    workers.forEachBlock(rows, Sweeps.BLOCK,
        (b, from, to) -> partials[b] = KlLoss.klTermsRows(rowPtr, values, v, from, to));
    double s = 0.0;
    for (int b = 0, blocks = Workers.blockCount(rows, Sweeps.BLOCK); b < blocks; b++) {
      s += partials[b];
    }
    DenseKernels.columnSums(wb, rows, k, wSum);
    for (int t = 0; t < k; t++) {
      s += wSum[t] * hSum[t];
    }
    loss = Math.max(s, 0.0);
    double penalty = wPenalty(wb, rows);

    // The ratios X/WH at the batch's non-zeros, stored as the matrix stores values (float); the
    // product with W_b below accumulates in double.
    float[] ratio = new float[xb.nnz()];
    for (int p = 0; p < ratio.length; p++) {
      ratio[p] = (float) (values[p] / Math.max(v[p], Sweeps.KL_EPSILON));
    }
    CsrMatrix rt = new CsrMatrix(rows, n, rowPtr, colIdx, ratio).transpose();
    SparseKernels.multiply(rt, wb, k, rtw, workers);
    double l1H = alphaL1H * rows;
    double l2H = alphaL2H * rows;
    workers.forEachBlock(n, Sweeps.BLOCK, (b, from, to) -> {
      for (int j = from; j < to; j++) {
        for (int t = 0, q = j * k; t < k; t++, q++) {
          double h = ht[q];
          double d = wSum[t] + l1H + l2H * h;
          num[q] = rho * num[q] + h * rtw[q];
          den[q] = rho * den[q] + (d == 0.0 ? Sweeps.MU_EPSILON : d);
          double nh = num[q] / den[q];
          ht[q] = nh < H_FLOOR ? 0.0 : nh;
        }
      }
    });
    return loss + penalty;
  }

  /** Equal weights per row whose predicted total matches the row's mass (as {@link NmfTransform}). */
  private void neutralStart(CsrMatrix xb, double[] wb) {
    double total = DenseKernels.sum(hSum, k);
    int[] rowPtr = xb.rowPtr();
    float[] values = xb.values();
    for (int i = 0; i < xb.rows(); i++) {
      double mass = 0;
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) mass += values[p];
      double start = total > 0 ? mass / total : 0;
      java.util.Arrays.fill(wb, i * k, (i + 1) * k, start);
    }
  }

  /** W_b for the current H: sweeps until one changes W_b by less than δ of the first one's change. */
  private void solveW(CsrMatrix xb, double[] wb, int maxSweeps) {
    int rows = xb.rows();
    int[] rowPtr = xb.rowPtr();
    int[] colIdx = xb.colIdx();
    float[] values = xb.values();
    int need = solver == Solver.CD ? KlUpdater.gatherLength(KlUpdater.maxRowNnz(xb), k) : 0;
    if (solver == Solver.CD && (cd == null || need > cdLength)) {
      // The gather buffers only change the order of reads, not the arithmetic: regrowing them
      // for a batch with a longer row leaves the result as it was.
      cdLength = Math.max(cdLength, need);
      cd = new KlCdSolver(k, cdLength, workers.threads(), KlUpdater.MAX_NEWTON, KlUpdater.NEWTON_TOL);
    }
    NonZeros hnz = solver == Solver.CD ? new NonZeros(n, k, 1.0).of(ht, workers) : null;
    double first = 0.0;
    for (int s = 0; s < maxSweeps; s++) {
      System.arraycopy(wb, 0, old, 0, rows * k);
      if (solver == Solver.CD) {
        workers.forEachBlock(rows, Sweeps.BLOCK, (worker, b, from, to) ->
            cd.sweep(worker, rowPtr, colIdx, values, wb, ht, hnz, hSum, l1W, l2W, v, false, from, to));
      } else {
        mu.updateKl(xb, wb, ht, hSum, l1W, l2W);
      }
      double change = 0.0;
      for (int q = 0; q < rows * k; q++) {
        double d = wb[q] - old[q];
        change += d * d;
      }
      if (s == 0) {
        first = change;
      }
      if (first == 0.0 || change < FrobeniusUpdater.DELTA * FrobeniusUpdater.DELTA * first) {
        break;
      }
    }
  }

  /** W_b·H at the stored entries of rows {@code [from, to)} into {@code v}. */
  private void predict(CsrMatrix xb, double[] wb, int from, int to) {
    int[] rowPtr = xb.rowPtr();
    int[] colIdx = xb.colIdx();
    for (int i = from; i < to; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        double wh = 0.0;
        for (int t = 0, a = i * k, b = colIdx[p] * k; t < k; t++) {
          wh += wb[a + t] * ht[b + t];
        }
        v[p] = wh;
      }
    }
  }
}

package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.SparseKernels;
import io.topicnmf.options.InvalidOptionException;
import java.util.Objects;

/**
 * Solves for W with H fixed: the topic weights of documents under a fitted model, as
 * scikit-learn's {@code NMF.transform} does.
 *
 * <p><b>Objective.</b> For each row {@code x_i} of X (a document) independently,
 * {@code min_{w ≥ 0} loss(x_i, w·H) + l1·‖w‖₁ + ½·l2·‖w‖²}, with the loss {@code ½‖x_i − w·H‖²}
 * (Frobenius: a non-negative least-squares problem) or the generalized KL divergence, and {@code
 * l1 = alphaW·l1Ratio·cols}, {@code l2 = alphaW·(1 − l1Ratio)·cols} as in {@link NmfOptions} (the
 * W penalty depends on the number of terms only, so a model applied to new documents keeps it).
 *
 * <p><b>Method.</b> Frobenius: cyclic coordinate descent (HALS) on the k × k Gram matrix {@code
 * H·Hᵀ} and the row of {@code X·Hᵀ} ({@link HalsSolver#rows}), exact for the convex
 * per-row problem. KL: the coordinate Newton sweeps of Hsieh &amp; Dhillon (KDD 2011; {@link
 * KlCdSolver}), the row's predictions {@code w·H} at its stored entries carried from one sweep to
 * the next and re-formed every {@link #KL_REFORM_EVERY} sweeps. A row is iterated until a sweep changes it by less than {@code tol}
 * relative to its norm ({@code ‖Δw‖ ≤ tol·‖w‖}), or {@code maxIter} sweeps.
 *
 * <p><b>Determinism.</b> Every row converges on its own, so its result depends only on that row,
 * H and the options; rows are processed in parallel over fixed blocks of {@link
 * SparseKernels#ROW_BLOCK} rows and the figures reduced in block order: the same bits whatever
 * the number of threads.
 */
public final class NmfTransform {
  /** Default relative tolerance: tight, so that re-solving W for a fit and applying the model agree to ~1e-6. */
  public static final double DEFAULT_TOL = 1e-9;

  /** Default cap on sweeps per row. */
  public static final int DEFAULT_MAX_ITER = 2000;

  /**
   * KL: a row's predictions {@code (w·H)_p} at its stored entries are re-formed from w and H every
   * this many sweeps, and kept up to date by the coordinate moves in between. Re-forming is a pass
   * over the row's entries and their rows of H every sweep (a sixth of the final solve on the
   * wiki proxy, whose rows take up to 1700 sweeps); kept predictions drift by rounding only, and
   * re-forming every 10 sweeps bounds that (objective within 3e-16 relative on the proxy).
   */
  static final int KL_REFORM_EVERY = 10;

  private NmfTransform() {}

  /**
   * Options of a transform.
   *
   * @param loss the loss the model was fitted with ({@code --loss})
   * @param alphaW regularisation of W ({@code --alpha-w}), finite and ≥ 0
   * @param l1Ratio share of L1 in it ({@code --l1-ratio}), in [0, 1]
   * @param maxIter sweeps per row at most, ≥ 1
   * @param tol relative change that ends a row's sweeps, finite and ≥ 0
   * @param threads worker threads ({@code --threads}), ≥ 1; results do not depend on it
   */
  public record Options(Loss loss, double alphaW, double l1Ratio, int maxIter, double tol, int threads) {
    public Options {
      if (loss == null) {
        throw new InvalidOptionException("loss", "{loss} must be one of frobenius, kl; got none");
      }
      if (!(alphaW >= 0) || Double.isInfinite(alphaW)) {
        throw new InvalidOptionException("alphaW", "{alphaW} must be a finite number >= 0, got " + alphaW);
      }
      if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
        throw new InvalidOptionException("l1Ratio", "{l1Ratio} must be between 0 and 1, got " + l1Ratio);
      }
      if (maxIter < 1) {
        throw new InvalidOptionException("maxIter", "transform sweeps ({maxIter}) must be >= 1, got " + maxIter);
      }
      if (!(tol >= 0) || Double.isInfinite(tol)) {
        throw new InvalidOptionException("tol", "transform tolerance ({tol}) must be a finite number >= 0, got " + tol);
      }
      if (threads < 1 || threads > NmfOptions.MAX_THREADS) {
        throw new InvalidOptionException(
            "threads", "{threads} must be between 1 and " + NmfOptions.MAX_THREADS + ", got " + threads);
      }
    }

    /** The W-side of a fit's options (loss, alphaW, l1Ratio, threads) with the default tolerance. */
    public static Options of(NmfOptions o) {
      return new Options(o.loss(), o.alphaW(), o.l1Ratio(), DEFAULT_MAX_ITER, DEFAULT_TOL, o.threads());
    }

    public Options withThreads(int t) {
      return new Options(loss, alphaW, l1Ratio, maxIter, tol, t);
    }
  }

  /**
   * The solved weights and the fit they give.
   *
   * @param w rows × k, non-negative
   * @param maxSweeps the most sweeps any row needed
   * @param unconverged rows that hit {@code maxIter} before the tolerance
   * @param objective the loss at (W, H) without penalty: ½‖X − WH‖² or the generalized KL divergence
   * @param frobeniusObjective ½‖X − WH‖²
   * @param relativeError ‖X − WH‖ / ‖X‖ (0 when X is zero)
   */
  public record Result(
      DenseMatrix w, int maxSweeps, int unconverged, double objective, double frobeniusObjective,
      double relativeError) {}

  /**
   * Solves W for {@code x} (rows × cols) and {@code h} (k × cols), starting from {@code w0}
   * (rows × k; a warm start, e.g. the W of the fit) or from a neutral start when null.
   *
   * @throws IllegalArgumentException if the shapes disagree (both shapes in the message)
   */
  public static Result transform(CsrMatrix x, DenseMatrix h, DenseMatrix w0, Options options) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(h, "h");
    Objects.requireNonNull(options, "options");
    checkShapes(x, h, w0);
    try (Workers workers = Workers.of(options.threads())) {
      return transform(x, h, w0, options, workers);
    }
  }

  /**
   * As {@link #transform(CsrMatrix, DenseMatrix, DenseMatrix, Options)}; without {@code
   * frobeniusFigure} a KL transform leaves out ½‖X − WH‖² ({@link Result#frobeniusObjective()} and
   * {@link Result#relativeError()} are NaN), which costs a product X·Hᵀ and two Gram matrices: for a
   * caller that needs only the divergence, such as the Spark job's passes, where it was about a
   * tenth of the work. W and the objective are the same bits either way; a Frobenius transform
   * always has the figure (its solve forms it anyway).
   */
  public static Result transform(CsrMatrix x, DenseMatrix h, DenseMatrix w0, Options options,
      boolean frobeniusFigure) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(h, "h");
    Objects.requireNonNull(options, "options");
    checkShapes(x, h, w0);
    try (Workers workers = Workers.of(options.threads())) {
      return transform(x, h, w0, options, workers, KL_REFORM_EVERY, frobeniusFigure);
    }
  }

  private static void checkShapes(CsrMatrix x, DenseMatrix h, DenseMatrix w0) {
    int m = x.rows();
    int n = x.cols();
    int k = h.rows();
    if (h.cols() != n) {
      throw new IllegalArgumentException("transform: X is " + m + "x" + n + " but H is " + k + "x" + h.cols());
    }
    if (w0 != null && (w0.rows() != m || w0.cols() != k)) {
      throw new IllegalArgumentException("transform: X is " + m + "x" + n + ", H is " + k + "x" + n
          + " but the start W is " + w0.rows() + "x" + w0.cols());
    }
  }

  /** {@link #transform(CsrMatrix, DenseMatrix, DenseMatrix, Options)} on the caller's workers, shapes checked. */
  static Result transform(CsrMatrix x, DenseMatrix h, DenseMatrix w0, Options options, Workers workers) {
    return transform(x, h, w0, options, workers, KL_REFORM_EVERY);
  }

  /**
   * {@link #transform(CsrMatrix, DenseMatrix, DenseMatrix, Options, Workers)} re-forming the KL
   * predictions every {@code reformEvery} sweeps of a row (1: every sweep, the reference the tests
   * compare the kept predictions with); ignored for Frobenius.
   */
  static Result transform(CsrMatrix x, DenseMatrix h, DenseMatrix w0, Options options, Workers workers,
      int reformEvery) {
    return transform(x, h, w0, options, workers, reformEvery, true);
  }

  /** As above; without {@code frobeniusFigure}, a KL transform leaves ½‖X − WH‖² out (NaN). */
  static Result transform(CsrMatrix x, DenseMatrix h, DenseMatrix w0, Options options, Workers workers,
      int reformEvery, boolean frobeniusFigure) {
    if (reformEvery < 1) {
      throw new IllegalArgumentException("transform: reformEvery must be >= 1, got " + reformEvery);
    }
    int m = x.rows();
    int n = x.cols();
    int k = h.rows();
    double[] ht = new double[n * k];
    DenseKernels.transpose(h.data(), k, n, ht);
    double l1 = options.alphaW() * options.l1Ratio() * n;
    double l2 = options.alphaW() * (1 - options.l1Ratio()) * n;
    double[] w = w0 != null ? w0.data().clone() : new double[m * k];
    int blocks = Workers.blockCount(m, SparseKernels.ROW_BLOCK);
    int[] sweeps = new int[blocks];
    int[] unconverged = new int[blocks];
    double frob = Double.NaN;
    if (options.loss() == Loss.FROBENIUS) {
      frob = solveFrobenius(x, ht, k, l1, l2, w, options, sweeps, unconverged, workers);
    } else {
      solveKl(x, h, ht, k, l1, l2, w, w0 == null, options, reformEvery, sweeps, unconverged, workers);
    }
    int maxSweeps = 0;
    int notConverged = 0;
    for (int b = 0; b < blocks; b++) {
      maxSweeps = Math.max(maxSweeps, sweeps[b]);
      notConverged += unconverged[b];
    }
    if (Double.isNaN(frob) && frobeniusFigure) frob = FrobeniusUpdater.frobenius(x, k, w, ht, workers);
    double objective = options.loss() == Loss.FROBENIUS ? frob : kl(x, w, ht, k, h, workers);
    double xx = x.frobeniusNormSquared();
    double relErr = Double.isNaN(frob) ? Double.NaN : xx == 0 ? 0.0 : Math.sqrt(2 * frob / xx);
    return new Result(new DenseMatrix(m, k, w), maxSweeps, notConverged, objective, frob, relErr);
  }

  /**
   * W for the Frobenius loss by HALS sweeps on each row until it settles (a row's sweeps and
   * whether it converged go to its block's slot); returns ½‖X − WH‖², from the products it formed.
   */
  private static double solveFrobenius(CsrMatrix x, double[] ht, int k, double l1, double l2,
      double[] w, Options options, int[] sweeps, int[] unconverged, Workers workers) {
    int m = x.rows();
    int n = x.cols();
    double[] xf = new double[m * k];
    double[] g = new double[k * k];
    double[] work = new double[DenseKernels.gramWorkspaceSize(Math.max(m, n), k)];
    SparseKernels.multiply(x, ht, k, xf, workers);
    DenseKernels.gram(ht, n, k, g, work, workers);
    workers.forEachBlock(m, SparseKernels.ROW_BLOCK, (b, from, to) -> {
      double[] residual = new double[k];
      for (int i = from; i < to; i++) {
        int s = 0;
        boolean done = false;
        while (!done && s < options.maxIter()) {
          double change = HalsSolver.rows(w, xf, g, k, l1, l2, residual, 0, i, i + 1);
          s++;
          double norm = 0;
          for (int t = i * k, e = t + k; t < e; t++) norm += w[t] * w[t];
          done = change <= options.tol() * options.tol() * norm;
        }
        sweeps[b] = Math.max(sweeps[b], s);
        if (!done) unconverged[b]++;
      }
    });
    // ½‖X − WH‖² = ½(‖X‖² − 2⟨X·Hᵀ, W⟩ + ⟨WᵀW, H·Hᵀ⟩), reusing X·Hᵀ and H·Hᵀ.
    double[] gw = new double[k * k];
    DenseKernels.gram(w, m, k, gw, work, workers);
    return Math.max(0.0, 0.5 * (x.frobeniusNormSquared() - 2 * DenseKernels.dot(xf, w, m * k)
        + DenseKernels.dot(gw, g, k * k)));
  }

  /**
   * W for the KL loss by coordinate descent on each row until it settles, from a neutral start if
   * asked; the row's predictions are re-formed at its first sweep and every {@code reformEvery}
   * sweeps after, and otherwise carried over from the previous sweep (the solver keeps them up to
   * date as it moves the coordinates) in the worker's row buffer ({@link KlCdSolver#sweepRow}).
   * Scratch: per worker the gather buffers and the row buffers of the longest row, and H packed.
   */
  private static void solveKl(CsrMatrix x, DenseMatrix h, double[] ht, int k, double l1, double l2,
      double[] w, boolean neutralStart, Options options, int reformEvery, int[] sweeps,
      int[] unconverged, Workers workers) {
    int m = x.rows();
    int n = x.cols();
    double[] hSum = new double[k];
    for (int t = 0; t < k; t++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += h.data()[t * n + j];
      hSum[t] = s;
    }
    double total = DenseKernels.sum(hSum, k);
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    float[] values = x.values();
    // Each row is solved to convergence on its own, so its predictions live in the worker's row
    // buffer across its sweeps: nothing of the size of X (bench/RESULTS.md, "The re-solve's row buffer").
    int longest = KlUpdater.maxRowNnz(x);
    int gatherLen = KlUpdater.gatherLength(longest, k);
    KlCdSolver cd = new KlCdSolver(k, gatherLen, longest, workers.threads(), KlUpdater.MAX_NEWTON,
        KlUpdater.NEWTON_TOL);
    NonZeros hnz = new NonZeros(n, k, 1.0).of(ht, workers);
    workers.forEachBlock(m, SparseKernels.ROW_BLOCK, (worker, b, from, to) -> {
      double[] old = new double[k];
      for (int i = from; i < to; i++) {
        if (neutralStart) {
          // Neutral start: equal weights whose predicted total matches the row's mass.
          double mass = 0;
          for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) mass += values[p];
          double start = total > 0 ? mass / total : 0;
          for (int t = 0; t < k; t++) w[i * k + t] = start;
        }
        int s = 0;
        boolean done = false;
        while (!done && s < options.maxIter()) {
          System.arraycopy(w, i * k, old, 0, k);
          boolean kept = s % reformEvery != 0;
          cd.sweepRow(worker, rowPtr, colIdx, values, w, ht, hnz, hSum, l1, l2, kept, i);
          s++;
          double change = 0;
          double norm = 0;
          for (int t = 0; t < k; t++) {
            double d = w[i * k + t] - old[t];
            change += d * d;
            norm += w[i * k + t] * w[i * k + t];
          }
          done = change <= options.tol() * options.tol() * norm;
        }
        sweeps[b] = Math.max(sweeps[b], s);
        if (!done) unconverged[b]++;
      }
    });
  }

  /** Generalized KL divergence D(X‖WH), W·H evaluated at the stored entries of X only. */
  static double kl(CsrMatrix x, double[] w, double[] ht, int k, DenseMatrix h, Workers workers) {
    int m = x.rows();
    int n = x.cols();
    int blocks = Workers.blockCount(m, SparseKernels.ROW_BLOCK);
    double[] partial = new double[blocks];
    workers.forEachBlock(m, SparseKernels.ROW_BLOCK, (b, from, to) ->
        partial[b] = KlLoss.klTermsRows(x.rowPtr(), x.colIdx(), x.values(), w, ht, k, from, to));
    double s = 0;
    for (double p : partial) s += p;
    double[] colW = new double[k];
    DenseKernels.columnSums(w, m, k, colW);
    for (int t = 0; t < k; t++) {
      double rowH = 0;
      for (int j = 0; j < n; j++) rowH += h.data()[t * n + j];
      s += colW[t] * rowH;
    }
    return s;
  }
}

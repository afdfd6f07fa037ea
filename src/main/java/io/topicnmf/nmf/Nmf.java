package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.options.InvalidOptionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Sparse-aware non-negative matrix factorization {@code X ≈ W·H} with {@code X} a non-negative
 * {@code rows × cols} CSR matrix (documents × terms), {@code W ≥ 0} ({@code rows × k}) and {@code H
 * ≥ 0} ({@code k × cols}).
 *
 * <p><b>Objective.</b> {@code loss(X, WH) + penalty(W, H)}, where the loss is {@code ½‖X − WH‖²_F}
 * ({@link Loss#FROBENIUS}) or the generalized Kullback–Leibler divergence {@code Σ x·ln(x/WH) − x
 * + WH} ({@link Loss#KL}), and the penalty is the scikit-learn-scaled L1/L2 term described in
 * {@link NmfOptions}.
 *
 * <p><b>Solvers.</b> See {@link Solver}: accelerated HALS (Gillis &amp; Glineur 2012) for
 * Frobenius, cyclic coordinate descent, multiplicative updates (Lee &amp; Seung 2001), and exact
 * ANLS by block principal pivoting (Kim &amp; Park 2011) for Frobenius. Dense
 * {@code X} and dense {@code W·H} are never formed: the Frobenius objective is {@code ½(‖X‖² −
 * 2⟨X·Hᵀ, W⟩ + ⟨WᵀW, H·Hᵀ⟩)} and the KL terms are evaluated at the stored entries of X only.
 *
 * <p><b>Convergence.</b> Let {@code f₀} be the (penalised) objective at the initialisation and
 * {@code f_t} after outer iteration t. The fit stops, and reports {@code converged}, after the
 * first iteration t with {@code tol > 0} and {@code f_{t−L} − f_t < tol · f₀}, where {@code L =
 * min(t, window)}: the decrease over the last {@code window} iterations, relative to the initial
 * objective. The ratio makes the test independent of the scale of X and of the initialisation;
 * it uses nothing but the objective, so iteration counts do not depend on the machine. The window
 * is {@value #WINDOW} iterations (scikit-learn's MU test, which compares the decrease of {@code
 * √(2f)} over ten iterations with {@code tol·√(2f₀)} every ten iterations, without the square root
 * and checked at every iteration), except for KL coordinate descent, where it is {@value
 * #KL_CD_WINDOW}.
 *
 * <p>The decrease is that of the best objective so far: HALS and KL coordinate descent
 * extrapolate (see {@code FrobeniusUpdater} and {@code KlUpdater}) and keep their best pair, so a
 * restart after an overshoot leaves the objective flat for an iteration. The one-sweep window KL
 * descent had before it extrapolated would then stop at the first restart; five sweeps ride over
 * it. On the benchmark's 20 newsgroups matrix (11314 × 34323, k = 20, tol 1e-4) KL descent with
 * extrapolation stops after 26 sweeps with a 3-sweep window (divergence 256108), 35 with 5
 * (256009) and 65 with 10 (255771); without extrapolation the one-sweep window stopped after 32 at
 * 256591. With the 5-sweep window a default {@code fit} takes about the CPU time it took before and
 * its clusters agree better with the folders (NMI 0.559 → 0.576 on 20news-train, 0.856 → 0.864 on
 * bbc; docs/design-notes.md). With {@code tol = 0} the fit runs {@code
 * maxIter} iterations. A zero initial objective counts as converged at iteration 0.
 *
 * <p><b>Degenerate topics.</b> An in-memory KL coordinate-descent fit that stops with a topic
 * that is the dominant one of almost no document is continued from a re-seed of that topic
 * ({@link TopicReseed}), kept only when it lowers the objective; {@code iterations} counts the
 * continued sweeps too.
 *
 * <p><b>Modes.</b> With {@link NmfOptions#batchSize()} 0 (the default) every iteration sees all
 * of X, held in memory with its transpose; otherwise the fit is online, by mini-batches of rows
 * ({@link MiniBatchNmf}), and needs only one batch of X at a time ({@link #fit(RowSource,
 * NmfOptions, NmfListener)}).
 *
 * <p><b>Determinism.</b> Randomness comes only from a {@link SplittableRandom} seeded with
 * {@link NmfOptions#seed()}. Kernels run over fixed row blocks and reduce in block order, so W
 * and H are bit-identical whatever {@link NmfOptions#threads()} is. A thread pool lives inside one
 * call and is shut down before it returns.
 */
public final class Nmf {
  /** Iterations over which the decrease of the objective is compared with {@code tol·f₀}. */
  public static final int WINDOW = 10;
  /** The window for KL coordinate descent ({@link Loss#KL}, {@link Solver#CD}). */
  public static final int KL_CD_WINDOW = 5;

  private Nmf() {}

  /**
   * Factorizes {@code x}, in the mode a {@link MemoryPlan} chooses from the heap free now (with
   * {@link NmfOptions#AUTO_BATCH}) or checks (0 or a batch size); the result carries the plan.
   *
   * @throws IllegalArgumentException if k exceeds min(rows, cols), or X holds a negative or
   *     non-finite value
   * @throws InsufficientMemoryException if the fit cannot fit in the heap (checked before
   *     anything is allocated)
   */
  public static NmfResult fit(CsrMatrix x, NmfOptions options, NmfListener listener) {
    return fit(x, options, listener, 0);
  }

  /**
   * As {@link #fit(CsrMatrix, NmfOptions, NmfListener)}, the plan keeping room for {@code
   * afterFit} bytes the caller allocates after the fit while it holds W ({@link
   * MemoryPlan#of(CsrMatrix, NmfOptions, long)}).
   */
  public static NmfResult fit(CsrMatrix x, NmfOptions options, NmfListener listener, long afterFit) {
    return fit(x, options, listener, afterFit, null);
  }

  /**
   * As {@link #fit(CsrMatrix, NmfOptions, NmfListener, long)}, a compact in-memory fit ({@link
   * MemoryPlan#compact()}) spilling W's extrapolation copies to files under {@code scratch} (the
   * run's temporary folder; null: the system's temporary folder). The files are deleted as soon as
   * they are open, so nothing is left behind.
   */
  public static NmfResult fit(CsrMatrix x, NmfOptions options, NmfListener listener, long afterFit,
      java.nio.file.Path scratch) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(options, "options");
    NmfListener progress = listener == null ? NmfListener.NONE : listener;
    checkShape(x.rows(), x.cols(), options.k());
    // Not with penalties: those on H (and an L2 one on W) do not scale with X, so the scaled
    // problem would be another one.
    int e = options.loss() == Loss.KL && Regularization.of(options, x.rows(), x.cols()).isZero()
        ? klScaleExponent(x) : 0;
    if (e != 0) {
      // The scaled copy's values are beyond what the plan counts for X: it keeps room for them.
      afterFit += 4L * x.nnz();
    }
    MemoryPlan plan = MemoryPlan.of(x, options, afterFit);
    NmfOptions planned = plan.apply(options);
    CsrMatrix xs = e == 0 ? x : scaled(x, Math.scalb(1.0, e));
    NmfResult r = planned.batchSize() > 0
        ? MiniBatchNmf.fit(RowSource.of(xs), planned, progress)
        : fitInMemory(xs, planned, progress, plan.compact() ? spillFolder(scratch) : null, spillFolder(scratch), true);
    return (e == 0 ? r : unscaled(r, e)).withMemory(plan);
  }

  /** A KL fit of a matrix whose largest value is below this is fitted to X·2^e, largest value in [0.5, 1). */
  static final double KL_SMALLEST_MAX = 0x1p-20;
  /** Likewise a KL fit of a matrix whose largest value is at least this. */
  static final double KL_LARGEST_MAX = 0x1p16;

  /**
   * The power of two a KL fit scales X by: 0 unless X's largest value is positive and below
   * {@link #KL_SMALLEST_MAX} (about 10⁻⁶) or at least {@link #KL_LARGEST_MAX} (65,536), then the e
   * that brings it into [0.5, 1). Below: KL descent and multiplicative updates raise predictions
   * below {@link Sweeps#KL_EPSILON} (about 1.2·10⁻⁷) to it, as scikit-learn does, and on data of
   * 10⁻³⁸ every prediction was floored and the fit stopped after 0 iterations with a relative
   * error of 1. Above: NNDSVDa fills the SVD factors' zeros with mean(X), as scikit-learn does,
   * which does not scale as the factors do (they scale with √c), so the start's predictions grow
   * with c² and its divergence far beyond the fit's; the convergence rule's threshold (tol × the
   * start's objective) then stopped the fit early: on a planted matrix the final divergence was
   * 0.6 % above the unit-scale fit's at 2¹², 1.9 % at 2¹⁶, 47 % at 2¹⁸ and four times it at 2³³
   * (relative error 1.14). The divergence is homogeneous (D(cX‖cWH) =
   * c·D(X‖WH)), so the fit of X·2^e with W scaled back by 2^−e is the fit of X, and a power of two
   * scales exactly (scaled down, a value more than 2¹⁴⁹ below the largest would flush to zero, a
   * term of the divergence below 10⁻⁴⁴ of the largest; the caller does not scale a penalised fit:
   * penalties on H, and an L2 one on W, do not scale with X); matrices between the bounds (every
   * TF-IDF matrix, counts below 65,536) keep every bit.
   */
  static int klScaleExponent(CsrMatrix x) {
    float[] v = x.values();
    float max = 0f;
    for (int p = 0, n = x.nnz(); p < n; p++) {
      max = Math.max(max, v[p]);
    }
    if (!(max > 0f) || max >= KL_SMALLEST_MAX && max < KL_LARGEST_MAX) {
      return 0;
    }
    // As a double: a subnormal float's exponent is then its own (Math.getExponent of the float
    // says −127 for all of them), and 2^e may be beyond float's range (up to 2^149).
    return -Math.getExponent((double) max) - 1;
  }

  /** X with every value multiplied by {@code factor} (a power of two, so exactly). */
  private static CsrMatrix scaled(CsrMatrix x, double factor) {
    float[] v = x.values();
    float[] out = new float[x.nnz()];
    for (int p = 0; p < out.length; p++) {
      out[p] = (float) (v[p] * factor);
    }
    return new CsrMatrix(x.rows(), x.cols(), x.rowPtr(), x.colIdx(), out);
  }

  /**
   * The result of a fit of X·2^e as the fit of X: W scaled by 2^−e, the divergence and every
   * traced objective by 2^−e, the Frobenius objective by 2^−2e, the relative error as it is.
   */
  private static NmfResult unscaled(NmfResult r, int e) {
    double[] w = r.w().data().clone();
    for (int q = 0; q < w.length; q++) {
      w[q] = Math.scalb(w[q], -e);
    }
    List<TracePoint> trace = new ArrayList<>(r.trace().size());
    for (TracePoint t : r.trace()) {
      trace.add(new TracePoint(t.iteration(), t.seconds(), Math.scalb(t.objective(), -e)));
    }
    return new NmfResult(new DenseMatrix(r.w().rows(), r.w().cols(), w), r.h(), r.iterations(), r.converged(),
        r.loss(), Math.scalb(r.objective(), -e), Math.scalb(r.frobeniusObjective(), -2 * e), r.relativeError(),
        trace, r.memory());
  }

  private static java.nio.file.Path spillFolder(java.nio.file.Path scratch) {
    return scratch != null ? scratch : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** The in-memory fit; in the compact layout of {@link KlUpdater} (spilling under {@code compact}) unless it is null. */
  static NmfResult fitInMemory(CsrMatrix x, NmfOptions options, NmfListener progress,
      java.nio.file.Path compact, java.nio.file.Path scratch, boolean reseed) {
    long t0 = System.nanoTime();
    checkValues(x, 0);

    int m = x.rows();
    int n = x.cols();
    int k = options.k();
    Regularization reg = Regularization.of(options, m, n);
    double[] w = new double[m * k];
    double[] ht = new double[n * k];
    List<TracePoint> trace = new ArrayList<>();

    try (Workers workers = Workers.of(options.threads())) {
      CsrMatrix xt = x.transpose();
      SplittableRandom rng = new SplittableRandom(options.seed());
      Initializer.initialize(x, xt, k, options.init(), rng, workers, w, ht);
      double[] start = new double[1];
      NmfResult r = run(x, xt, options, progress, w, ht, reg, workers, compact, trace, t0, start);
      // Degenerate topics of a KL fit are re-seeded and the fit continued, when that lowers the objective;
      // not in the compact layout, which the plan chose because memory is tight: the re-seed's
      // rank-2 fit, sub-matrix and second updater are beyond what the plan counts.
      return reseed && compact == null && TopicReseed.applies(options)
          ? TopicReseed.refine(x, xt, options, progress, r, w, ht, reg, workers, compact, scratch, t0,
              MemoryPlan::freeHeap, start[0])
          : r;
    }
  }

  /** An in-memory fit without re-seeding ({@link TopicReseed} splits a topic with it). */
  static NmfResult fitPlain(CsrMatrix x, NmfOptions options) {
    checkShape(x.rows(), x.cols(), options.k());
    return fitInMemory(x, options, NmfListener.NONE, null, null, false);
  }

  /** Iterates from the factors in {@code w} and {@code ht} with a fresh updater; its result. */
  static NmfResult run(CsrMatrix x, CsrMatrix xt, NmfOptions options, NmfListener progress, double[] w,
      double[] ht, Regularization reg, Workers workers, java.nio.file.Path compact, List<TracePoint> trace,
      long t0) {
    return run(x, xt, options, progress, w, ht, reg, workers, compact, trace, t0, null);
  }

  /** As above; {@code start[0]} (when not null) receives the penalised objective at the start, f₀ of the convergence rule. */
  static NmfResult run(CsrMatrix x, CsrMatrix xt, NmfOptions options, NmfListener progress, double[] w,
      double[] ht, Regularization reg, Workers workers, java.nio.file.Path compact, List<TracePoint> trace,
      long t0, double[] start) {
    return run(x, xt, options, progress, w, ht, reg, workers, compact, trace, t0, start, null);
  }

  /** A fit this run continues from changed factors ({@link TopicReseed}): the (penalised) objective it had reached. */
  record Continued(double objective) {}

  /**
   * As above; with {@code continued} (not null) the run also stops as soon as its objective is
   * below that fit's: the fit it continues had met the convergence rule, and the run is there to
   * move a degenerate topic, which it has done once it beats that fit. Going on to that fit's own
   * rule (the fall over the window below tol·f₀ of its start) cost three more sweeps at 300,000
   * generated documents for 1.7·10⁻⁴ of the objective, and moved no target of the quality benchmark
   * (bench/RESULTS.md, "Stop 38"). The run's own rule still stops it otherwise (a run cut before
   * it beats the fit it continues is wasted).
   */
  static NmfResult run(CsrMatrix x, CsrMatrix xt, NmfOptions options, NmfListener progress, double[] w,
      double[] ht, Regularization reg, Workers workers, java.nio.file.Path compact, List<TracePoint> trace,
      long t0, double[] start, Continued continued) {
    int k = options.k();
    Solver solver = options.effectiveSolver();
    try (Updater updater = options.loss() == Loss.FROBENIUS
        ? new FrobeniusUpdater(x, xt, k, w, ht, solver, reg, workers)
        : new KlUpdater(x, xt, k, w, ht, solver, reg, workers, compact)) {
      return iterate(x, options, progress, updater, trace, t0, start, continued);
    }
  }

  /** The iterations of an in-memory fit until convergence or the iteration cap, and its result. */
  private static NmfResult iterate(CsrMatrix x, NmfOptions options, NmfListener progress, Updater updater,
      List<TracePoint> trace, long t0, double[] start, Continued continued) {
    int m = x.rows();
    int n = x.cols();
    int k = options.k();
    double[] w = updater.w;
    double[] ht = updater.ht;
    Workers workers = updater.workers;
    Solver solver = options.effectiveSolver();
    double f0 = updater.start();
    if (start != null) {
      start[0] = f0;
    }
    if (options.trace()) {
      trace.add(new TracePoint(0, seconds(t0), updater.loss()));
    }
    int iterations = 0;
    boolean converged = f0 == 0.0;
    int window = window(options.loss(), solver);
    double tol = options.effectiveTol(); // auto: 5e-4 for KL coordinate descent, else 1e-4
    // recent[t % (window + 1)] = f_t for the last window + 1 iterations.
    double[] recent = new double[window + 1];
    recent[0] = f0;
    while (!converged && iterations < options.maxIter()) {
      double f = updater.iterate();
      iterations++;
      if (options.trace()) {
        trace.add(new TracePoint(iterations, seconds(t0), updater.loss()));
      }
      progress.onIteration(iterations, options.maxIter(), updater.loss());
      double windowStart = recent[Math.max(0, iterations - window) % (window + 1)];
      recent[iterations % (window + 1)] = f;
      double fall = windowStart - f;
      if (tol > 0 && (fall < tol * f0 || continued != null && f < continued.objective())) {
        converged = true;
      }
    }

    updater.finish();
    double frob = options.loss() == Loss.FROBENIUS
        ? updater.loss()
        : FrobeniusUpdater.frobenius(x, k, w, ht, workers);
    double xx = x.frobeniusNormSquared();
    double relErr = xx == 0 ? 0.0 : Math.sqrt(2 * frob / xx);
    double[] h = new double[k * n];
    DenseKernels.transpose(ht, n, k, h);
    return new NmfResult(new DenseMatrix(m, k, w), new DenseMatrix(k, n, h), iterations,
        converged, options.loss(), updater.loss(), frob, relErr, trace);
  }

  /**
   * Factorizes the matrix whose rows {@code source} serves, in the mode a {@link MemoryPlan}
   * chooses or checks: in memory ({@link NmfOptions#batchSize()} 0: the rows are read at once), or
   * by mini-batches of rows ({@link MiniBatchNmf}), which never holds more
   * than one batch of X, plus W and the solver's statistics (O((rows + cols)·k)). This is the
   * entry point for a caller that chooses the mode, e.g. from an estimate of the memory an
   * in-memory fit needs: {@code options.withBatchSize(n)}.
   *
   * @throws IllegalArgumentException if k exceeds min(rows, cols), or X holds a negative or
   *     non-finite value
   */
  public static NmfResult fit(RowSource source, NmfOptions options, NmfListener listener) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    NmfListener progress = listener == null ? NmfListener.NONE : listener;
    checkShape(source.rows(), source.cols(), options.k());
    MemoryPlan plan = MemoryPlan.of(source, options);
    NmfOptions planned = plan.apply(options);
    NmfResult r = planned.batchSize() == 0
        ? fitInMemory(source.read(0, source.rows()), planned, progress, plan.compact() ? spillFolder(null) : null,
            spillFolder(null), true)
        : MiniBatchNmf.fit(source, planned, progress);
    return r.withMemory(plan);
  }

  /** The number of iterations the convergence test looks back for this loss and solver. */
  public static int window(Loss loss, Solver solver) {
    return loss == Loss.KL && solver == Solver.CD ? KL_CD_WINDOW : WINDOW;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Refuses a k above min(rows, cols), naming {@code topics}. */
  static void checkShape(int m, int n, int k) {
    if (k > Math.min(m, n)) {
      if (m <= n) {
        throw new InvalidOptionException("topics", "{topics} " + k + " is larger than the " + m
            + " usable documents (rows of the matrix); choose k between 1 and " + m);
      }
      throw new InvalidOptionException("topics", "{topics} " + k + " is larger than the " + n
          + " usable terms (columns of the matrix); choose k between 1 and " + n);
    }
  }

  /** Refuses a negative or non-finite value; {@code x} holds rows from {@code firstRow} on. */
  static void checkValues(CsrMatrix x, int firstRow) {
    int m = x.rows();
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    float[] values = x.values();
    for (int i = 0; i < m; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        double v = values[p];
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("NMF needs a non-negative finite matrix, but the value at row "
              + (firstRow + i) + ", column " + colIdx[p] + " is " + v);
        }
      }
    }
  }
}

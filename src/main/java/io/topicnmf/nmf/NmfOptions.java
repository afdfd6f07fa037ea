package io.topicnmf.nmf;

import io.topicnmf.options.InvalidOptionException;
import java.util.Locale;

/**
 * Hyper-parameters of one NMF fit, validated when built. Every message names the command-line
 * flag, the bad value and the accepted range.
 *
 * <p>The objective minimised is, as in scikit-learn ≥ 1.2 ({@code sklearn.decomposition.NMF}),
 *
 * <pre>
 *   L(W, H) = loss(X, WH)
 *           + alphaW·l1Ratio·n_features·‖W‖₁ + ½·alphaW·(1 − l1Ratio)·n_features·‖W‖²_F
 *           + alphaH·l1Ratio·n_samples ·‖H‖₁ + ½·alphaH·(1 − l1Ratio)·n_samples ·‖H‖²_F
 * </pre>
 *
 * where {@code n_samples = X.rows()} (documents) and {@code n_features = X.cols()} (terms): the
 * penalty on W is scaled by the number of terms and the one on H by the number of documents, so
 * both stay balanced against the data term whatever the corpus size. Unlike scikit-learn, {@code
 * alphaH} is not tied to {@code alphaW}: both default to 0 (no regularisation).
 *
 * @param k number of topics ({@code -k/--topics}), ≥ 1; at most min(rows, cols) of the data
 * @param loss the loss ({@code --loss frobenius|kl})
 * @param solver the solver ({@code --solver auto|hals|cd|mu|anls}); {@code hals} and {@code anls}
 *     need the Frobenius loss
 * @param init the initialisation ({@code --init nndsvd|nndsvda|nndsvdar|random})
 * @param maxIter maximum outer iterations ({@code --max-iter}), ≥ 0 (0 returns the initialisation)
 * @param tol relative tolerance ({@code --tol}), finite and ≥ 0, or {@link #AUTO_TOL} for the default
 *     of the loss, solver and mode ({@link #effectiveTol()}); see {@link Nmf} for the test
 * @param seed seed of the {@link java.util.SplittableRandom} used for random SVD sketches and
 *     random inits ({@code --seed})
 * @param threads worker threads ({@code --threads}), ≥ 1; results do not depend on it
 * @param alphaW regularisation strength of W ({@code --alpha-w}), finite and ≥ 0
 * @param alphaH regularisation strength of H ({@code --alpha-h}), finite and ≥ 0
 * @param l1Ratio share of L1 in the penalty ({@code --l1-ratio}), in [0, 1]
 * @param trace whether to record (iteration, seconds, objective) rows ({@code --trace})
 * @param batchSize 0 for the in-memory fit (every iteration sees all rows); otherwise the rows per
 *     mini-batch of the online fit ({@code --batch-size}, see {@link MiniBatchNmf}), ≥ 1; a batch
 *     size above the number of rows is reduced to it; {@link #AUTO_BATCH} lets {@link MemoryPlan}
 *     choose from the heap (in memory when it fits)
 */
public record NmfOptions(
    int k,
    Loss loss,
    Solver solver,
    Init init,
    int maxIter,
    double tol,
    long seed,
    int threads,
    double alphaW,
    double alphaH,
    double l1Ratio,
    boolean trace,
    int batchSize) {

  /** Upper bound on {@code --threads}, far above any sensible machine, to catch typos. */
  public static final int MAX_THREADS = 1024;

  /** {@link #batchSize()} that lets {@link MemoryPlan} choose: in memory when it fits, else mini-batches. */
  public static final int AUTO_BATCH = -1;
  /** {@link #mode()} before a {@link MemoryPlan} chose ({@link #AUTO_BATCH}). */
  public static final String AUTO = "auto";

  /** {@link #tol()} that stands for the default of the loss, solver and mode ({@link #effectiveTol()}). */
  public static final double AUTO_TOL = -1.0;
  /** The tolerance {@link #AUTO_TOL} stands for, except for KL coordinate descent in memory. */
  public static final double DEFAULT_TOL = 1e-4;
  /**
   * The tolerance {@link #AUTO_TOL} stands for with the KL loss, coordinate descent and all rows in
   * memory (the default of {@code fit} and {@code select-k}): chosen on the quality benchmark's 36
   * corpus × k cells, where it keeps every figure of {@link #DEFAULT_TOL} (mean NMI 0.523 against
   * 0.522, mean NPMI 0.335 against 0.335, the same targets met) in 27 % fewer sweeps, and 1e-3 lost
   * a target (docs/design-notes.md, "Stop 36: the KL fit's tolerance").
   */
  public static final double KL_CD_TOL = 5e-4;

  /** {@link #mode()} of a fit over all rows at once. */
  public static final String IN_MEMORY = "in-memory";
  /** {@link #mode()} of an online fit over mini-batches of rows ({@link MiniBatchNmf}). */
  public static final String MINI_BATCH = "mini-batch";

  public NmfOptions {
    if (k < 1) {
      throw new InvalidOptionException("topics", "{topics} must be at least 1, got " + k);
    }
    if (loss == null) {
      throw new InvalidOptionException("loss", "{loss} must be one of frobenius, kl; got none");
    }
    if (solver == null) {
      throw new InvalidOptionException("solver", "{solver} must be one of auto, hals, cd, mu, anls; got none");
    }
    if (init == null) {
      throw new InvalidOptionException("init", "{init} must be one of nndsvd, nndsvda, nndsvdar, random; got none");
    }
    if (solver == Solver.HALS && loss != Loss.FROBENIUS) {
      throw new InvalidOptionException("solver", "{solver} hals only minimises {loss} frobenius, got {loss} "
          + name(loss) + "; use {solver} auto, cd or mu for {loss} kl", "loss");
    }
    if (solver == Solver.ANLS && loss != Loss.FROBENIUS) {
      throw new InvalidOptionException("solver", "{solver} anls only minimises {loss} frobenius, got {loss} "
          + name(loss) + "; use {solver} auto, cd or mu for {loss} kl", "loss");
    }
    if (maxIter < 0) {
      throw new InvalidOptionException("maxIter", "{maxIter} must be >= 0, got " + maxIter);
    }
    if (tol != AUTO_TOL && (!(tol >= 0) || Double.isInfinite(tol))) {
      throw new InvalidOptionException("tol", "{tol} must be a finite number >= 0 or auto, got " + tol);
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new InvalidOptionException(
          "threads", "{threads} must be between 1 and " + MAX_THREADS + ", got " + threads);
    }
    if (!(alphaW >= 0) || Double.isInfinite(alphaW)) {
      throw new InvalidOptionException("alphaW", "{alphaW} must be a finite number >= 0, got " + alphaW);
    }
    if (!(alphaH >= 0) || Double.isInfinite(alphaH)) {
      throw new InvalidOptionException("alphaH", "{alphaH} must be a finite number >= 0, got " + alphaH);
    }
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new InvalidOptionException("l1Ratio", "{l1Ratio} must be between 0 and 1, got " + l1Ratio);
    }
    if (batchSize < AUTO_BATCH) {
      throw new InvalidOptionException("batchSize", "{batchSize} must be >= 1 rows per mini-batch, 0 for the"
          + " in-memory fit, or auto; got " + batchSize);
    }
  }

  /**
   * The recorded mode of a fit with these options: {@value #IN_MEMORY}, {@value #MINI_BATCH}, or
   * {@value #AUTO} until a {@link MemoryPlan} has chosen.
   */
  public String mode() {
    return batchSize == AUTO_BATCH ? AUTO : batchSize == 0 ? IN_MEMORY : MINI_BATCH;
  }

  /**
   * Defaults for {@code k} topics: Frobenius loss, automatic solver (HALS), NNDSVDa, 200
   * iterations, automatic tolerance ({@link #AUTO_TOL}: 1e-4 for this loss), seed 0, all available
   * processors, no regularisation, no trace, in memory.
   */
  public static NmfOptions defaults(int k) {
    return new NmfOptions(k, Loss.FROBENIUS, Solver.AUTO, Init.NNDSVDA, 200, AUTO_TOL, 0L,
        Runtime.getRuntime().availableProcessors(), 0.0, 0.0, 0.0, false, 0);
  }

  /** The solver actually used: {@link Solver#AUTO} resolved to HALS (Frobenius) or CD (KL). */
  public Solver effectiveSolver() {
    if (solver != Solver.AUTO) {
      return solver;
    }
    return loss == Loss.FROBENIUS ? Solver.HALS : Solver.CD;
  }

  public NmfOptions withK(int k) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  public NmfOptions withLoss(Loss loss) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  public NmfOptions withSolver(Solver solver) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  public NmfOptions withInit(Init init) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  public NmfOptions withMaxIter(int maxIter) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  /**
   * The tolerance the fit uses: {@link #tol()} when given, else ({@link #AUTO_TOL}) {@link
   * #KL_CD_TOL} for the KL loss with coordinate descent in memory (or with the mode still to be
   * chosen, which a {@link MemoryPlan} resolves before the fit), {@link #DEFAULT_TOL} otherwise.
   */
  public double effectiveTol() {
    if (tol != AUTO_TOL) {
      return tol;
    }
    return loss == Loss.KL && effectiveSolver() == Solver.CD && batchSize <= 0 ? KL_CD_TOL : DEFAULT_TOL;
  }

  /** Same options with {@link #AUTO_TOL} replaced by the tolerance it stands for ({@link #effectiveTol()}). */
  public NmfOptions withTolResolved() {
    return withTol(effectiveTol());
  }

  public NmfOptions withTol(double tol) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  public NmfOptions withSeed(long seed) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  public NmfOptions withThreads(int threads) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  /** Same options with the regularisation {@code --alpha-w}, {@code --alpha-h}, {@code --l1-ratio}. */
  public NmfOptions withRegularization(double alphaW, double alphaH, double l1Ratio) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  public NmfOptions withTrace(boolean trace) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  /** Same options with {@code batchSize} rows per mini-batch (0 = in memory, {@link #AUTO_BATCH} = chosen from the heap). */
  public NmfOptions withBatchSize(int batchSize) {
    return new NmfOptions(k, loss, solver, init, maxIter, tol, seed, threads, alphaW, alphaH, l1Ratio, trace, batchSize);
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}

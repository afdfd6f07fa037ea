package io.topicnmf.nmf;

import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;

/**
 * Extrapolation with restarts for alternating NMF solvers (Ang &amp; Gillis, "Accelerating
 * nonnegative matrix factorization algorithms using extrapolation", Neural Computation 31(2),
 * 2019), shared by accelerated HALS ({@link FrobeniusUpdater}) and KL coordinate descent ({@link
 * KlUpdater}). An extrapolated outer iteration, W then H:
 *
 * <pre>
 *   W_k = update(Ŵ_{k−1}; Ĥ_{k−1})     Ŵ_k = max(0, W_k + β(W_k − W_{k−1}))     {@link #extrapolateW}
 *   H_k = update(Ĥ_{k−1}; Ŵ_k)         e_k = f(Ŵ_k, H_k)                          {@link #afterH}
 *   e_k ≤ e_{k−1}: Ĥ_k = max(0, H_k + β(H_k − H_{k−1})), β = min(β̄, γβ), β̄ = min(1, γ̄β̄)
 *   e_k > e_{k−1}: restart: Ĥ_k = H_k, β̄ = β, β = β/η
 * </pre>
 *
 * (Ŵ_k, H_k) is feasible with objective e_k, so the best such pair is kept: the objective the
 * solver reports never increases, and {@link #restoreBest} leaves the best factors. The solver
 * runs plain iterations until {@link #considerStart} says to begin. Holds four copies of the
 * factors (the previous plain iterates and the best pair); W's two may be spilled to a file
 * ({@link FactorCopy#spilled}, the compact in-memory fit), with the same results.
 */
final class Extrapolation implements AutoCloseable {
  /** Initial β, its division on a restart (η), its growth (γ) and its cap's growth (γ̄), as in the paper. */
  static final double BETA0 = 0.5;
  static final double ETA = 1.5;
  static final double GAMMA = 1.05;
  static final double GAMMA_MAX = 1.01;

  private final int wLength;
  private final int hLength;
  private final Workers workers;
  private final FactorCopy wPrev;
  private final double[] htPrev;
  private final FactorCopy wBest;
  private final double[] htBest;
  private boolean started;
  private double beta = BETA0;
  private double betaMax = 1.0;
  private double previous = Double.POSITIVE_INFINITY;
  private double best = Double.POSITIVE_INFINITY;
  private double bestLoss;
  private double initial;

  Extrapolation(int wLength, int hLength, Workers workers) {
    this(wLength, hLength, workers, null);
  }

  /** As {@link #Extrapolation(int, int, Workers)}, W's two copies in files under {@code spill} unless it is null. */
  Extrapolation(int wLength, int hLength, Workers workers, java.nio.file.Path spill) {
    this.wLength = wLength;
    this.hLength = hLength;
    this.workers = workers;
    this.wPrev = spill == null ? FactorCopy.inMemory(wLength) : FactorCopy.spilled(spill, wLength, workers.threads());
    this.htPrev = new double[hLength];
    this.wBest = spill == null ? FactorCopy.inMemory(wLength) : FactorCopy.spilled(spill, wLength, workers.threads());
    this.htBest = new double[hLength];
  }

  /** Releases the spilled copies (nothing for copies on the heap). */
  @Override
  public void close() {
    wPrev.close();
    wBest.close();
  }

  /** Whether extrapolated iterations have begun. */
  boolean started() {
    return started;
  }

  /** Records the initial (penalised) objective. */
  void initial(double f) {
    initial = f;
    previous = f;
  }

  /**
   * After a plain iteration with (penalised) objective {@code f} and loss {@code loss}: starts
   * extrapolating from the current factors once the iteration lowered the objective by less
   * than {@code startShare} times the initial objective (infinite: from the first iteration on);
   * returns whether it did.
   */
  boolean considerStart(double[] w, double[] ht, double f, double loss, double startShare) {
    boolean start = startShare == Double.POSITIVE_INFINITY || previous - f < startShare * initial;
    previous = f;
    if (start) {
      started = true;
      wPrev.store(w, workers);
      DenseKernels.copy(ht, htPrev, hLength, workers);
      keepBest(w, ht, f, loss);
    }
    return start;
  }

  /** W_k (in {@code w}) → Ŵ_k in place; W_k is kept for the next step. */
  void extrapolateW(double[] w) {
    wPrev.extrapolate(w, beta, workers);
  }

  /**
   * After the H step, with {@code ht} = H_k and {@code f}, {@code loss} the objective and loss of
   * (Ŵ_k, H_k): keeps the best pair, then extrapolates H in place or restarts.
   *
   * @return true on a restart ({@code ht} left at H_k), false when {@code ht} now holds Ĥ_k
   */
  boolean afterH(double[] w, double[] ht, double f, double loss) {
    if (f <= best) {
      keepBest(w, ht, f, loss);
    }
    boolean restart = f > previous;
    if (restart) {
      betaMax = beta;
      beta = beta / ETA;
      DenseKernels.copy(ht, htPrev, hLength, workers);
    } else {
      DenseKernels.extrapolate(ht, htPrev, hLength, beta, workers);
      beta = Math.min(betaMax, GAMMA * beta);
      betaMax = Math.min(1.0, GAMMA_MAX * betaMax);
    }
    previous = f;
    return restart;
  }

  /** The best (penalised) objective seen since extrapolation started. */
  double best() {
    return best;
  }

  /** The loss (without penalty) of the best pair. */
  double bestLoss() {
    return bestLoss;
  }

  /** Copies the best pair back into the factors (nothing before extrapolation started). */
  void restoreBest(double[] w, double[] ht) {
    if (started) {
      wBest.load(w, workers);
      DenseKernels.copy(htBest, ht, hLength, workers);
    }
  }

  private void keepBest(double[] w, double[] ht, double f, double loss) {
    best = f;
    bestLoss = loss;
    wBest.store(w, workers);
    DenseKernels.copy(ht, htBest, hLength, workers);
  }
}

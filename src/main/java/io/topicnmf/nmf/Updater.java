package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;

/**
 * One solver's state during a fit: it owns its workspace and updates W and Hᵀ in place. Both
 * {@link #start} and {@link #iterate} return the penalised objective (loss + regularisation), which
 * drives convergence; {@link #loss()} is the unpenalised loss at the same point.
 *
 * <p>What every loss's solvers share lives here: X and its transpose, the factors, the
 * regularisation, the worker pool, and the {@link Extrapolation} of the solvers that extrapolate
 * (accelerated HALS, KL coordinate descent), whose best point {@link #finish} leaves in W and Hᵀ.
 */
abstract class Updater implements AutoCloseable {
  final CsrMatrix x;
  final CsrMatrix xt;
  /** Rows (documents), columns (terms) and the rank. */
  final int m;
  final int n;
  final int k;
  /** W (m × k) and Hᵀ (n × k), row-major, updated in place. */
  final double[] w;
  final double[] ht;
  final Solver solver;
  final Regularization reg;
  final Workers workers;
  /** Extrapolation along the last change, with restarts; null for a solver that does not extrapolate. */
  final Extrapolation extrapolation;
  /** The loss at the last {@link #start} or {@link #iterate}. */
  double loss;

  Updater(CsrMatrix x, CsrMatrix xt, int k, double[] w, double[] ht, Solver solver, Regularization reg,
      Workers workers, boolean extrapolate) {
    this(x, xt, k, w, ht, solver, reg, workers, extrapolate, null);
  }

  /** As the constructor above, W's extrapolation copies spilled to files under {@code spill} unless it is null. */
  Updater(CsrMatrix x, CsrMatrix xt, int k, double[] w, double[] ht, Solver solver, Regularization reg,
      Workers workers, boolean extrapolate, java.nio.file.Path spill) {
    this.x = x;
    this.xt = xt;
    this.m = x.rows();
    this.n = x.cols();
    this.k = k;
    this.w = w;
    this.ht = ht;
    this.solver = solver;
    this.reg = reg;
    this.workers = workers;
    this.extrapolation = extrapolate ? new Extrapolation(m * k, n * k, workers, spill) : null;
  }

  /** Releases what the updater holds outside the heap (spilled copies); call after {@link #finish}. */
  @Override
  public void close() {
    if (extrapolation != null) {
      extrapolation.close();
    }
  }

  /** Prepares products for the initial factors and returns the initial penalised objective. */
  public abstract double start();

  /** Runs one outer iteration (W then H) and returns the penalised objective afterwards. */
  public abstract double iterate();

  /** Leaves the solution in W and Hᵀ: the best point extrapolation kept, if any. */
  public void finish() {
    if (extrapolation != null) {
      extrapolation.restoreBest(w, ht);
    }
  }

  /** The loss (without penalty) at the last {@link #start} or {@link #iterate}. */
  public double loss() {
    return loss;
  }

  /**
   * Records {@code loss}, the loss at the initial factors, and returns the penalised objective,
   * which extrapolation (if any) takes as the first to compare with.
   */
  final double started(double loss) {
    this.loss = loss;
    double f = penalised(loss);
    if (extrapolation != null) {
      extrapolation.initial(f);
    }
    return f;
  }

  /** {@code loss} plus the regularisation of the current W and Hᵀ. */
  final double penalised(double loss) {
    return loss + reg.penalty(w, m * k, ht, n * k);
  }
}

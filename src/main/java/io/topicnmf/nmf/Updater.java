package io.topicnmf.nmf;

/**
 * One solver's state during a fit: it owns its workspace and updates W and Hᵀ in place. Both
 * methods return the penalised objective (loss + regularisation), which drives convergence;
 * {@link #loss()} is the unpenalised loss at the same point.
 */
interface Updater {
  /** Prepares products for the initial factors and returns the initial penalised objective. */
  double start();

  /** Runs one outer iteration (W then H) and returns the penalised objective afterwards. */
  double iterate();

  /** Leaves the solution in W and Hᵀ (solvers that keep a best point copy it back). */
  default void finish() {}

  /** The loss (without penalty) at the last {@link #start} or {@link #iterate}. */
  double loss();
}

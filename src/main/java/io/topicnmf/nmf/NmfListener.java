package io.topicnmf.nmf;

/** Receives progress from {@link Nmf#fit}: called once per outer iteration, in the fitting thread. */
@FunctionalInterface
public interface NmfListener {
  /** Called after iteration {@code iteration} (1-based) of at most {@code maxIter}, with the objective then. */
  void onIteration(int iteration, int maxIter, double objective);

  /** A listener that ignores everything. */
  NmfListener NONE = (i, m, o) -> {};
}

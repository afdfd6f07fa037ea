package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels.Workers;

/** Kullback–Leibler solvers (coordinate descent and multiplicative updates). */
final class KlUpdater implements Updater {
  KlUpdater(CsrMatrix x, CsrMatrix xt, int k, double[] w, double[] ht, Solver solver,
      Regularization reg, Workers workers) {
    throw new UnsupportedOperationException("--loss kl is not implemented yet");
  }

  @Override
  public double start() {
    throw new UnsupportedOperationException();
  }

  @Override
  public double iterate() {
    throw new UnsupportedOperationException();
  }

  @Override
  public double loss() {
    throw new UnsupportedOperationException();
  }
}

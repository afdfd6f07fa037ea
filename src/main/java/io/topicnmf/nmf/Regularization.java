package io.topicnmf.nmf;

import io.topicnmf.matrix.DenseKernels;

/**
 * The L1 and L2 penalty weights in scikit-learn's scaling (≥ 1.2): {@code l1W = alphaW·l1Ratio·cols},
 * {@code l2W = alphaW·(1−l1Ratio)·cols}, {@code l1H = alphaH·l1Ratio·rows}, {@code l2H =
 * alphaH·(1−l1Ratio)·rows}; the penalty is {@code l1W·‖W‖₁ + ½·l2W·‖W‖² + l1H·‖H‖₁ + ½·l2H·‖H‖²}.
 */
record Regularization(double l1W, double l2W, double l1H, double l2H) {
  static Regularization of(NmfOptions o, int rows, int cols) {
    return new Regularization(
        o.alphaW() * o.l1Ratio() * cols,
        o.alphaW() * (1 - o.l1Ratio()) * cols,
        o.alphaH() * o.l1Ratio() * rows,
        o.alphaH() * (1 - o.l1Ratio()) * rows);
  }

  boolean isZero() {
    return l1W == 0 && l2W == 0 && l1H == 0 && l2H == 0;
  }

  /** The penalty at non-negative {@code w} ({@code wLen} entries) and {@code ht} ({@code htLen} entries). */
  double penalty(double[] w, int wLen, double[] ht, int htLen) {
    if (isZero()) {
      return 0.0;
    }
    return l1W * DenseKernels.sum(w, wLen) + 0.5 * l2W * DenseKernels.sumSquares(w, wLen)
        + l1H * DenseKernels.sum(ht, htLen) + 0.5 * l2H * DenseKernels.sumSquares(ht, htLen);
  }
}

package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;

/**
 * One loss's update of the mini-batch fit ({@link MiniBatchNmf}): for a batch of rows, W of the
 * batch with H fixed, then H from statistics accumulated over the batches seen, older batches
 * discounted by the forget factor. It owns its workspace and updates Hᵀ in place.
 *
 * <p>What both losses share lives here: Hᵀ and its shape, the solver, the forget factor, the
 * worker pool and the regularisation, W's per row and H's per row of the batch ({@code alpha}).
 */
abstract class OnlineStep {
  final int n;
  final int k;
  /** Hᵀ (n × k), row-major, updated in place. */
  final double[] ht;
  final Solver solver;
  /** The forget factor ρ of the accumulated statistics. */
  final double rho;
  final Workers workers;
  /** W's L1 and L2 penalty per row. */
  final double l1W;
  final double l2W;
  /** H's L1 and L2 penalty per row of the data, scaled by the rows a step stands for. */
  final double alphaL1H;
  final double alphaL2H;
  /** The loss of the last {@link #step}'s batch. */
  double loss;

  OnlineStep(int n, int k, double[] ht, NmfOptions o, double rho, Workers workers) {
    this.n = n;
    this.k = k;
    this.ht = ht;
    this.solver = o.effectiveSolver();
    this.rho = rho;
    this.workers = workers;
    Regularization reg = Regularization.of(o, 1, n);
    this.l1W = reg.l1W();
    this.l2W = reg.l2W();
    this.alphaL1H = reg.l1H();
    this.alphaL2H = reg.l2H();
  }

  /**
   * Solves the batch's weights {@code wb} ({@code xb.rows() × k}, row-major; a warm start unless
   * {@code cold}, then overwritten with a neutral start) for the current H, then updates H.
   *
   * @return the batch's penalised objective at its new W and the H before the update: its loss
   *     ({@link #loss()}) plus the W penalty of its rows ({@link #wPenalty})
   */
  abstract double step(CsrMatrix xb, double[] wb, boolean cold);

  /** The loss (without penalty) of the last {@link #step}'s batch. */
  double loss() {
    return loss;
  }

  /** The W penalty of a batch's weights {@code wb} ({@code rows × k}). */
  final double wPenalty(double[] wb, int rows) {
    return l1W * DenseKernels.sum(wb, rows * k) + 0.5 * l2W * DenseKernels.sumSquares(wb, rows * k);
  }

  /** The H penalty at the current H, scaled for {@code rows} rows as the in-memory objective does. */
  double hPenalty(int rows) {
    return rows * (alphaL1H * DenseKernels.sum(ht, n * k) + 0.5 * alphaL2H * DenseKernels.sumSquares(ht, n * k));
  }
}

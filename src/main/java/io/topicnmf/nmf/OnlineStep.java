package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;

/**
 * One loss's update of the mini-batch fit ({@link MiniBatchNmf}): for a batch of rows, W of the
 * batch with H fixed, then H from statistics accumulated over the batches seen, older batches
 * discounted by the forget factor. It owns its workspace and updates Hᵀ in place.
 */
interface OnlineStep {
  /**
   * Solves the batch's weights {@code wb} ({@code xb.rows() × k}, row-major; a warm start unless
   * {@code cold}, then overwritten with a neutral start) for the current H, then updates H.
   *
   * @return the batch's penalised objective at its new W and the H before the update: its loss
   *     ({@link #loss()}) plus the W penalty of its rows
   */
  double step(CsrMatrix xb, double[] wb, boolean cold);

  /** The loss (without penalty) of the last {@link #step}'s batch. */
  double loss();

  /** The H penalty at the current H, scaled for {@code rows} rows as the in-memory objective does. */
  double hPenalty(int rows);
}

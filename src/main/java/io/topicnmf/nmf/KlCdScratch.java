package io.topicnmf.nmf;

/** One worker's buffers of {@link KlCdSolver}, built once so a sweep allocates nothing. Package-private. */
final class KlCdScratch {
  final double[] gather;
  /** Where each gathered entry's prediction (and value) is: its position in the predictions' order. */
  final int[] gatherPos;
  /** Newton sums {@code Σ x·b/v}, {@code Σ x·b²/v²}, then the step a backtracking ended on. */
  final double[] g = new double[3];
  final double[] sums;
  final int[] active;
  final int[] count;
  /** Bit masks (one bit per component) of the row's non-zero and active components. */
  final long[] rowMask;
  final long[] activeMask;
  /** For an active component t, its index c in {@code active}. */
  final int[] slot;
  /**
   * The packed gather: where component t's next entry goes (the trash cell at index {@code len}
   * for an inactive t) and how far that moves per entry (1, or 0 when inactive).
   */
  final int[] next;
  final int[] stride;
  /** {@link KlCdSolver#sweepFresh}: the predictions and values of the row being updated. */
  final double[] rowV;
  final float[] rowX;

  KlCdScratch(int len, int rowLen, int k) {
    rowV = new double[rowLen];
    rowX = new float[rowLen];
    rowMask = new long[KlCdSolver.maskWords(k)];
    activeMask = new long[KlCdSolver.maskWords(k)];
    slot = new int[k];
    next = new int[k];
    stride = new int[k];
    // One cell more than the gather lists: the branch-free gather writes inactive entries there.
    gather = new double[len + 1];
    gatherPos = new int[len + 1];
    sums = new double[k];
    active = new int[k];
    count = new int[k];
  }
}

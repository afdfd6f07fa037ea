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
  /**
   * The packed screening of a row too long to gather all k lists at once: component t's number of
   * non-zero {@code b(j_p,t)} over the row's stored entries (its list's length, were it active).
   */
  final int[] countAll;
  /**
   * Whether the packed screening of the current row also gathered every component's list, t's at
   * {@code [t·nr, next[t])}, so the coordinate updates need no second pass over b.
   */
  boolean gathered;
  /**
   * {@link KlCdSolver#sweepRow}: the row whose k lists the gather buffer holds, gathered for the
   * fixed factor's non-zeros {@code listsOf}, so the row's next sweep can screen from them; -1 when
   * none (any other pass resets it).
   */
  int listsRow = -1;
  NonZeros listsOf;
  /**
   * {@link KlCdSolver#sweepRow}: the ratios {@code x_p/max(v_p,ε)} of the row's stored entries,
   * allocated at the first kept sweep that screens from its lists: the fit's half-sweeps never
   * need it, and there the longest row is a term's, up to nearly every document.
   */
  double[] ratio;
  /**
   * The packed screening of a long row also copies the packed entries of b it reads (component,
   * value, the entry's position), in order, while they fit: those of the stored entries {@code
   * [start, copiedTo)}, {@code copied} in all. The gathers by group then read this copy in order
   * instead of b's rows again, which for the H half-sweep are scattered reads of W. Empty when the
   * solver takes no rows too long to gather at once.
   */
  final int[] copyIdx;
  final double[] copyVal;
  final int[] copyPos;
  int copied;
  int copiedTo;
  /** {@link KlCdSolver#touchAhead}: where the next stored entries' packed rows start and end, in pairs. */
  final int[] qs = new int[2 * KlCdSolver.AHEAD];
  /** What the look-ahead reads add up to, kept so its reads are not optimised away. */
  long touched;
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

  KlCdScratch(int len, int rowLen, int k, int copyLen) {
    copyIdx = new int[copyLen];
    copyVal = new double[copyLen];
    copyPos = new int[copyLen];
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
    countAll = new int[k];
  }
}

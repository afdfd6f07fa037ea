package io.topicnmf.nmf;

/**
 * Cyclic coordinate descent for the generalized KL divergence (Hsieh &amp; Dhillon, KDD 2011) on
 * the rows of one factor, the other fixed, with the predictions {@code W·H} at the stored entries
 * of a sparse X either kept in the caller's array ({@link #sweep}) or formed row by row in a
 * worker's buffer ({@link #sweepFresh}: nothing of the size of X is kept). In the style of
 * EJML's {@code LinearSolverDense}: built once for a rank, a longest row and a thread count, it
 * owns every worker's gather and row buffers and scratch, so a sweep allocates nothing; rows are
 * independent, so the result does not depend on which worker runs which rows. Package-private.
 */
final class KlCdSolver {
  private final int k;
  private final int maxNewton;
  private final double newtonTol;
  private final int len;
  /** The most stored entries of a row {@link #sweepFresh} takes (its per-worker prediction buffers). */
  private final int rowLen;
  private final KlCdScratch[] scratch;

  /**
   * A solver for rank {@code k}, with gather buffers of {@code len} entries per worker (at least
   * the longest row's stored entries, see {@link KlUpdater#gatherLength}), for {@code threads}
   * workers; at most {@code maxNewton} Newton steps per coordinate, fewer once a step changes it
   * by less than {@code newtonTol} relatively.
   */
  KlCdSolver(int k, int len, int threads, int maxNewton, double newtonTol) {
    this(k, len, 0, threads, maxNewton, newtonTol);
  }

  /**
   * As {@link #KlCdSolver(int, int, int, int, double)}, with per-worker buffers for the predictions
   * and values of one row of at most {@code rowLen} stored entries, for {@link #sweepFresh}.
   */
  KlCdSolver(int k, int len, int rowLen, int threads, int maxNewton, double newtonTol) {
    this.k = k;
    this.len = len;
    this.rowLen = rowLen;
    this.maxNewton = maxNewton;
    this.newtonTol = newtonTol;
    this.scratch = new KlCdScratch[threads];
    int copyLen = copyLength(len, rowLen, k);
    for (int t = 0; t < threads; t++) {
      scratch[t] = new KlCdScratch(len, rowLen, k, copyLen);
    }
  }

  /**
   * Entries of each worker's copy of a long row's packed entries of b ({@link KlCdScratch#copyIdx}):
   * {@code len} when a row of {@code rowLen} stored entries may be too long for all k lists at
   * once ({@code rowLen·k > len}), otherwise 0 (no row needs it).
   */
  static int copyLength(int len, int rowLen, int k) {
    return (long) rowLen * k > len ? len : 0;
  }

  /**
   * One cyclic coordinate-descent sweep for the generalized KL divergence (Hsieh &amp; Dhillon,
   * "Fast coordinate descent methods with variable selection for non-negative matrix
   * factorization", KDD 2011, section 5) over rows {@code [from, to)} of {@code a} ({@code rows × k}),
   * the other factor {@code b} ({@code cols × k}) fixed. For each row i it needs
   * {@code v_p = (a·bᵀ)_p} at the row's stored entries: with {@code vCurrent} the caller guarantees
   * {@code v[p]} already holds it (a caller that maintains it across half-sweeps), otherwise it is
   * evaluated here. Then for each t in order it minimises the one-variable problem
   * {@code f(a_it) = a_it·(bSum[t] + l1) + ½·l2·a_it² − Σ_p x_p·ln v_p} by projected Newton steps
   * {@code s = max(−a_it, −f'/f'')}, {@code f' = bSum[t] + l1 + l2·a_it − Σ_p x_p·b(j_p,t)/v_p},
   * {@code f'' = l2 + Σ_p x_p·b(j_p,t)²/v_p²}, keeping v up to date; at most {@code maxNewton}
   * steps, fewer once a step changes a_it by less than {@code newtonTol} relatively. Since
   * {@code f'} is concave, a step to the left can overshoot to a worse point; such a step is
   * kept when {@code f'(before) + f'(after) ≥ 0} (the trapezoid bound then proves a decrease) or
   * when the measured change of f is not positive, and otherwise halved until it is (backtracking),
   * so no coordinate update increases the objective (up to the ε floor). On return
   * {@code v[p]} holds {@code (a·bᵀ)} at every stored entry of the rows, up to rounding.
   *
   * <p>A coordinate that is zero and whose gradient at the start of its row is not negative is
   * skipped for this sweep: topic factors are mostly zeros (over 80% on 20 newsgroups), and one
   * vectorised pass over the row for all k gradients replaces k passes with a division each.
   *
   * <p>Only the stored entries whose {@code b(j_p,t)} is non-zero take part in coordinate t's
   * passes, and b is mostly zeros too. So before the Newton passes the row's non-zero
   * {@code b(j_p,t)} and their positions p are copied, component by component, into
   * the worker's gather buffers. With b packed ({@link NonZeros}), a row with {@code nnz(row)·k ≤
   * len} has every component's list copied during the screening pass itself (one read of each
   * row of b in all), a longer row in groups of active components that fill the buffer (one more
   * read per group); with b dense, all active components at once when {@code nnz(row)·active ≤
   * len}, otherwise one component at a time. Each Newton pass then reads a short contiguous list
   * without branches. The arithmetic, and so the result, is the same either way.
   *
   * @param worker the index of the calling worker (its scratch is used)
   * @throws IllegalArgumentException if a row with an active coordinate has more stored entries
   *     than the gather buffers hold
   */
  void sweep(int worker, int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b,
      double[] bSum, double l1, double l2, double[] v, boolean vCurrent, int from, int to) {
    NonZeros bnz = new NonZeros(b.length / k, k, 1.0).of(b, null);
    sweep(worker, rowPtr, colIdx, values, a, b, bnz, bSum, l1, l2, v, vCurrent, from, to);
  }

  /**
   * As {@link #sweep(int, int[], int[], float[], double[], double[], double[], double, double,
   * double[], boolean, int, int)}, given {@code bnz}, where b is not zero ({@link NonZeros#of}
   * of b). Every pass over a row's stored entries then visits only the non-zero {@code b(j_p,t)},
   * read from the packed copy when there is one (b is mostly zeros, 94% for H at k = 50 on the
   * scale corpus): the terms it leaves out are exact zeros (a ≥ 0, b ≥ 0, finite), and the others
   * come in the same order, so the result is bit for bit the one of a pass over all k components.
   */
  void sweep(int worker, int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b,
      NonZeros bnz, double[] bSum, double l1, double l2, double[] v, boolean vCurrent, int from, int to) {
    KlCdScratch s = scratch[worker];
    for (int i = from; i < to; i++) {
      row(rowPtr, colIdx, values, a, b, bnz, bSum, l1, l2, v, 0, values, vCurrent, i, s);
    }
  }

  /**
   * The sweep of {@link #sweep(int, int[], int[], float[], double[], double[], NonZeros, double[],
   * double, double, double[], boolean, int, int)} without stored predictions: for each row it
   * forms {@code v_p = (a·bᵀ)_p} at the row's stored entries in the worker's row buffer (and copies
   * the row's values beside it), runs the same screening and Newton updates on that buffer and
   * lets it go, so nothing of the size of X is kept between rows or half-sweeps. The arithmetic
   * is the one of {@code sweep} with {@code vCurrent} false, so a, and the predictions it would
   * leave, are the same bits.
   *
   * <p>With {@code loss}, it returns the data terms of the generalized KL divergence at the rows'
   * stored entries for the updated row and the fixed b: {@code Σ x·ln(x/max(v,ε)) − x} over the
   * entries with x &gt; 0, added entry by entry in storage order, as {@link KlLoss#klTermsRows(int[],
   * float[], double[], int, int)} adds them over a prediction array (the divergence is this plus
   * {@code colsum(a)·colsum(b)}); without it, 0.
   *
   * @throws IllegalArgumentException if a row has more stored entries than the row buffers hold
   */
  double sweepFresh(int worker, int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b,
      NonZeros bnz, double[] bSum, double l1, double l2, boolean loss, int from, int to) {
    KlCdScratch s = scratch[worker];
    double[] v = s.rowV;
    float[] x = s.rowX;
    double sum = 0.0;
    for (int i = from; i < to; i++) {
      int start = rowPtr[i];
      int end = rowPtr[i + 1];
      if (end - start > rowLen) {
        throw new IllegalArgumentException("klCdRows: row " + i + " has " + (end - start)
            + " stored entries but the row buffer holds " + rowLen);
      }
      System.arraycopy(values, start, x, 0, end - start);
      row(rowPtr, colIdx, values, a, b, bnz, bSum, l1, l2, v, start, x, false, i, s);
      if (loss) {
        for (int p = 0, nr = end - start; p < nr; p++) {
          double xp = x[p];
          if (xp > 0.0) {
            sum += xp * Math.log(xp / Math.max(v[p], Sweeps.KL_EPSILON)) - xp;
          }
        }
      }
    }
    return sum;
  }

  /**
   * One sweep of row i of {@link #sweep(int, int[], int[], float[], double[], double[], NonZeros,
   * double[], double, double, double[], boolean, int, int)} with the row's predictions in the
   * worker's row buffer instead of an array over all of X: for a caller that solves one row at a
   * time through several sweeps ({@link NmfTransform}), which needs {@code O(k + row length)}
   * scratch per worker. With {@code vCurrent} the buffer (and its copy of the row's values) must
   * still hold what the previous {@code sweepRow} of the same row by the same worker left, {@code
   * (a·bᵀ)} at the row's entries kept up to date through that sweep's moves; otherwise the values
   * are copied and the predictions formed here. The arithmetic is {@code sweep}'s on {@code [i,
   * i+1)} with the same {@code vCurrent}, entry for entry, so a is the same bits.
   *
   * @throws IllegalArgumentException if the row has more stored entries than the row buffers hold
   */
  void sweepRow(int worker, int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b,
      NonZeros bnz, double[] bSum, double l1, double l2, boolean vCurrent, int i) {
    KlCdScratch s = scratch[worker];
    int start = rowPtr[i];
    int end = rowPtr[i + 1];
    if (end - start > rowLen) {
      throw new IllegalArgumentException("klCdRows: row " + i + " has " + (end - start)
          + " stored entries but the row buffer holds " + rowLen);
    }
    if (!vCurrent) {
      System.arraycopy(values, start, s.rowX, 0, end - start);
    }
    if (vCurrent && s.listsRow == i && s.listsOf == bnz) {
      // The previous sweep of this row gathered every component's list, and b has not changed.
      screenKept(values, start, end - start, s.rowV, s);
      updateActive(a, b, bnz, bSum, l1, l2, s.rowV, start, colIdx, s.rowX, i, start, end, s);
    } else {
      row(rowPtr, colIdx, values, a, b, bnz, bSum, l1, l2, s.rowV, start, s.rowX, vCurrent, i, s);
    }
    if (s.gathered) {
      s.listsRow = i;
      s.listsOf = bnz;
    }
  }

  /**
   * The screening of a row whose k lists are still in the gather buffer from its previous sweep
   * ({@link #sweepRow} with the predictions kept): b is fixed, so component t's list {@code [t·nr,
   * next[t])} holds the same {@code b(j_p,t)} and positions that {@link #screenPackedGather} would
   * copy again. The ratios {@code x_p/max(v_p,ε)} are formed once per entry and each {@code
   * s.sums[t]} adds {@code ratio·b} over its list, in increasing p as the screening adds them, so
   * the sums are the same bits, without reading b's rows (at 200 k documents the final re-solve of
   * W took about a tenth of the fit, ten sweeps per row on average, most of it in that screening).
   */
  private void screenKept(float[] values, int start, int nr, double[] v, KlCdScratch s) {
    if (s.ratio == null) {
      s.ratio = new double[s.rowV.length];
    }
    double[] ratio = s.ratio;
    double[] sums = s.sums;
    int[] next = s.next;
    double[] gather = s.gather;
    int[] gatherPos = s.gatherPos;
    for (int p = 0; p < nr; p++) {
      ratio[p] = values[start + p] / Math.max(v[p], Sweeps.KL_EPSILON);
    }
    for (int t = 0; t < k; t++) {
      double sum = 0.0;
      for (int o = t * nr, e = next[t]; o < e; o++) {
        sum += ratio[gatherPos[o]] * gather[o];
      }
      sums[t] = sum;
    }
    s.gathered = true;
  }

  /**
   * Screening and coordinate updates of row i, the prediction of stored entry p at {@code
   * v[p − off]} and its value at {@code vValues[p − off]} (off 0: arrays in a's order; the row's
   * start: a row buffer).
   */
  private void row(int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b, NonZeros bnz,
      double[] bSum, double l1, double l2, double[] v, int off, float[] vValues, boolean vCurrent, int i,
      KlCdScratch s) {
    s.gathered = false;
    s.listsRow = -1;
    if (bnz.packed && (long) (rowPtr[i + 1] - rowPtr[i]) * k <= len) {
      screenPackedGather(rowPtr, colIdx, values, a, bnz, v, off, vCurrent, i, s);
      s.gathered = true;
    } else if (bnz.packed) {
      screenPacked(rowPtr, colIdx, values, a, bnz, v, off, vCurrent, i, s);
    } else {
      screen(rowPtr, colIdx, values, a, b, bnz, v, off, vCurrent, i, s);
    }
    updateActive(a, b, bnz, bSum, l1, l2, v, off, colIdx, vValues, i, rowPtr[i], rowPtr[i + 1], s);
  }

  /** The gradient sums of the last row {@code worker} screened (for tests: each path must leave the same bits). */
  double[] lastSums(int worker) {
    return scratch[worker].sums.clone();
  }

  /** Words of a component bit mask for rank k. */
  static int maskWords(int k) {
    return (k + 63) >>> 6;
  }

  /**
   * The screening pass of row i (see {@link #sweep}): {@code s.sums[t] = Σ_p x_p·b(j_p,t)/v_p}
   * for all k, with v formed first when it is not {@code vCurrent}. A coordinate at zero whose
   * gradient at the start of the row is not negative is left alone this sweep (in topic models
   * most coordinates are such zeros); skipping an update never increases the objective, and a
   * coordinate that becomes worth moving is picked up at the next sweep. W·H and the sums visit
   * the components where the row of b (and, for W·H, of a) is not zero, in increasing t. A method
   * of its own so the JIT compiles it after the first few hundred rows of the first sweep.
   */
  private void screen(int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b,
      NonZeros bnz, double[] v, int off, boolean vCurrent, int i, KlCdScratch s) {
    long[] bMask = bnz.mask;
    int ai = i * k;
    int words = maskWords(k);
    double[] sums = s.sums;
    long[] rowMask = s.rowMask;
    for (int t = 0; t < k; t++) {
      sums[t] = 0.0;
    }
    for (int w = 0; w < words; w++) {
      long bits = 0L;
      for (int t = w << 6, e = Math.min(k, (w + 1) << 6); t < e; t++) {
        bits |= (a[ai + t] != 0.0 ? 1L : 0L) << (t & 63);
      }
      rowMask[w] = bits;
    }
    for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
      if (((p - rowPtr[i]) & (AHEAD - 1)) == 0) {
        touchAheadDense(colIdx, b, p, Math.min(end, p + AHEAD), s);
      }
      int j = colIdx[p];
      int bj = j * k;
      int mj = j * words;
      int pv = p - off;
      double wh;
      if (vCurrent) {
        wh = v[pv];
      } else {
        wh = 0.0;
        for (int w = 0; w < words; w++) {
          for (long bits = bMask[mj + w] & rowMask[w]; bits != 0L; bits &= bits - 1) {
            int t = (w << 6) + Long.numberOfTrailingZeros(bits);
            wh += a[ai + t] * bnz.fixed(b[bj + t]);
          }
        }
        v[pv] = wh;
      }
      double r = values[p] / Math.max(wh, Sweeps.KL_EPSILON);
      for (int w = 0; w < words; w++) {
        for (long bits = bMask[mj + w]; bits != 0L; bits &= bits - 1) {
          int t = (w << 6) + Long.numberOfTrailingZeros(bits);
          sums[t] += r * bnz.fixed(b[bj + t]);
        }
      }
    }
  }

  /**
   * {@link #screen} reading b's packed non-zeros, for a row too long to gather all k components'
   * lists at once; it also counts each component's non-zero {@code b(j_p,t)} ({@code
   * s.countAll}), which {@link #updateGrouped} lays its lists out by. W·H takes every packed entry
   * of b's row, a's zeros included: a product with a zero of a is +0 and adding it changes no bit.
   */
  private void screenPacked(int[] rowPtr, int[] colIdx, float[] values, double[] a, NonZeros bnz,
      double[] v, int off, boolean vCurrent, int i, KlCdScratch s) {
    int ai = i * k;
    double[] sums = s.sums;
    int[] countAll = s.countAll;
    char[] idx = bnz.idx;
    float[] val = bnz.val;
    double unit = bnz.unit;
    int[] cIdx = s.copyIdx;
    double[] cVal = s.copyVal;
    int[] cPos = s.copyPos;
    int cap = cIdx.length;
    int e = 0;
    int copiedTo = rowPtr[i];
    for (int t = 0; t < k; t++) {
      sums[t] = 0.0;
      countAll[t] = 0;
    }
    int[] qs = s.qs;
    for (int p0 = rowPtr[i], end = rowPtr[i + 1]; p0 < end; p0 += AHEAD) {
      int p1 = Math.min(end, p0 + AHEAD);
      touchAhead(colIdx, bnz, p0, p1, s);
      for (int p = p0; p < p1; p++) {
        int q0 = qs[2 * (p - p0)];
        int q1 = qs[2 * (p - p0) + 1];
        int pv = p - off;
        double r = values[p] / Math.max(prediction(a, ai, idx, val, unit, q0, q1, v, pv, vCurrent), Sweeps.KL_EPSILON);
        double ru = r * unit;
        if (copiedTo == p && e + (q1 - q0) <= cap) {
          for (int q = q0; q < q1; q++, e++) {
            int t = idx[q];
            double bt = val[q];
            sums[t] += ru * bt;
            countAll[t]++;
            cIdx[e] = t;
            cVal[e] = bt * unit;
            cPos[e] = pv;
          }
          copiedTo = p + 1;
        } else {
          for (int q = q0; q < q1; q++) {
            int t = idx[q];
            sums[t] += ru * val[q];
            countAll[t]++;
          }
        }
      }
    }
    s.copied = e;
    s.copiedTo = copiedTo;
  }

  /**
   * {@link #screenPacked} for a row whose k lists all fit the gather buffer ({@code nr·k ≤ len}):
   * while it reads each stored entry's packed row of b it also copies every non-zero {@code
   * b(j_p,t)} and its position p into component t's list at {@code [t·nr, next[t])}, so the
   * coordinate updates read their lists without a second pass over b's rows. When b is W (the H
   * half-sweep) those rows are scattered reads of an array far larger than the caches, and the
   * second pass cost as much as the first (bench/RESULTS.md, "Stop 33"). The lists of the
   * components that turn out active are those that second pass copied, entry for entry and in the
   * same order, so every later bit is the same.
   */
  private void screenPackedGather(int[] rowPtr, int[] colIdx, float[] values, double[] a, NonZeros bnz,
      double[] v, int off, boolean vCurrent, int i, KlCdScratch s) {
    int ai = i * k;
    int start = rowPtr[i];
    int nr = rowPtr[i + 1] - start;
    double[] sums = s.sums;
    int[] next = s.next;
    char[] idx = bnz.idx;
    float[] val = bnz.val;
    double unit = bnz.unit;
    double[] gather = s.gather;
    int[] gatherPos = s.gatherPos;
    for (int t = 0; t < k; t++) {
      sums[t] = 0.0;
      next[t] = t * nr;
    }
    int[] qs = s.qs;
    for (int p0 = start, end = start + nr; p0 < end; p0 += AHEAD) {
      int p1 = Math.min(end, p0 + AHEAD);
      touchAhead(colIdx, bnz, p0, p1, s);
      for (int p = p0; p < p1; p++) {
        int q0 = qs[2 * (p - p0)];
        int q1 = qs[2 * (p - p0) + 1];
        int pv = p - off;
        double r = values[p] / Math.max(prediction(a, ai, idx, val, unit, q0, q1, v, pv, vCurrent), Sweeps.KL_EPSILON);
        double ru = r * unit;
        for (int q = q0; q < q1; q++) {
          int t = idx[q];
          double bt = val[q];
          sums[t] += ru * bt;
          int o = next[t]++;
          gather[o] = bt * unit;
          gatherPos[o] = pv;
        }
      }
    }
  }

  /**
   * The prediction {@code (a·bᵀ)} at stored entry {@code pv} from b's packed row {@code [q0, q1)}:
   * {@code v[pv]} when it is {@code current}, otherwise formed over every packed entry (a's zeros
   * included: their products are +0 and change no bit) and stored there.
   */
  private static double prediction(double[] a, int ai, char[] idx, float[] val, double unit, int q0, int q1,
      double[] v, int pv, boolean current) {
    if (current) {
      return v[pv];
    }
    double wh = 0.0;
    for (int q = q0; q < q1; q++) {
      wh += a[ai + idx[q]] * val[q];
    }
    // The packed values are in units of `unit`, a power of two (1 for any factor in float's
    // range): scaling the sum is exact, so this is the sum of a·(val·unit), fixed()'s numbers.
    wh *= unit;
    v[pv] = wh;
    return wh;
  }

  /** Stored entries whose packed rows of b {@link #touchAhead} looks up at once. */
  static final int AHEAD = 32;

  /**
   * Looks up where the packed rows of b of the stored entries {@code [p0, p1)} are ({@code s.qs}:
   * start and end of each, in pairs) and reads the first and last entry of each, so the cache misses
   * of up to {@link #AHEAD} scattered rows are in flight together: the screening loop's body is
   * long enough that the processor would otherwise reach only about one row ahead, and for the H
   * half-sweep those rows are W's, far larger than the caches. Changes nothing but timing.
   */
  private static void touchAhead(int[] colIdx, NonZeros bnz, int p0, int p1, KlCdScratch s) {
    int[] ptr = bnz.ptr;
    char[] idx = bnz.idx;
    float[] val = bnz.val;
    double unit = bnz.unit;
    int[] qs = s.qs;
    long touched = 0;
    for (int p = p0; p < p1; p++) {
      int j = colIdx[p];
      int q0 = ptr[j];
      int q1 = ptr[j + 1];
      qs[2 * (p - p0)] = q0;
      qs[2 * (p - p0) + 1] = q1;
      if (q1 > q0) {
        touched += idx[q0] + idx[q1 - 1] + Float.floatToRawIntBits(val[q0])
            + Float.floatToRawIntBits(val[q1 - 1]);
      }
    }
    s.touched += touched;
  }

  /**
   * {@link #touchAhead} for {@link #screen}: reads one entry per cache line of the dense rows of b
   * of the stored entries {@code [p0, p1)}, so their misses are in flight together (after nndsvda
   * the fixed factor is dense, k doubles a row). Changes nothing but timing.
   */
  private void touchAheadDense(int[] colIdx, double[] b, int p0, int p1, KlCdScratch s) {
    long touched = 0;
    for (int p = p0; p < p1; p++) {
      int bj = colIdx[p] * k;
      for (int t = 0; t < k; t += 8) {
        touched += Double.doubleToRawLongBits(b[bj + t]);
      }
    }
    s.touched += touched;
  }

  /** The coordinate updates of row i once its gradient sums are in {@code s.sums} (see {@link #row}). */
  private void updateActive(double[] a, double[] b, NonZeros bnz, double[] bSum, double l1,
      double l2, double[] v, int off, int[] colIdx, float[] values, int i, int start, int end, KlCdScratch s) {
    int ai = i * k;
    int nr = end - start;
    int[] active = s.active;
    long[] activeMask = s.activeMask;
    java.util.Arrays.fill(activeMask, 0L);
    int na = 0;
    for (int t = 0; t < k; t++) {
      s.slot[t] = -1;
      if (a[ai + t] > 0.0 || bSum[t] + l1 - s.sums[t] < 0.0) {
        s.slot[t] = na;
        activeMask[t >>> 6] |= 1L << (t & 63);
        active[na++] = t;
      }
    }
    if (na == 0) {
      return;
    }
    if (s.gathered) {
      // The screening gathered every component's list (screenPackedGather).
      for (int c = 0; c < na; c++) {
        int t = active[c];
        a[ai + t] = newton(values, v, s, t * nr, s.next[t] - t * nr, bSum[t], l1, l2, a[ai + t]);
      }
      return;
    }
    if (nr > len) {
      throw new IllegalArgumentException("klCdRows: row " + i + " has " + nr
          + " stored entries but the gather buffer holds " + len);
    }
    if (bnz.packed) {
      updateGrouped(a, bnz, bSum, l1, l2, v, off, colIdx, values, ai, start, end, na, s);
      return;
    }
    boolean together = (long) nr * na <= len;
    if (together) {
      gatherAll(colIdx, off, b, bnz, start, end, na, s);
    }
    for (int c = 0; c < na; c++) {
      int t = active[c];
      int base = together ? c * nr : 0;
      int cnt = together ? s.count[c] : gatherOne(colIdx, off, b, bnz, start, end, t, s);
      a[ai + t] = newton(values, v, s, base, cnt, bSum[t], l1, l2, a[ai + t]);
    }
  }

  /**
   * The coordinate updates of a row too long for all k components' lists at once, b packed: the
   * screening counted each component's non-zero {@code b(j_p,t)} ({@link #screenPacked}), and the
   * active components, in order, are gathered in groups whose lists fill the buffer ({@link
   * #gatherGroupPacked}: one pass over the row's packed rows of b per group) and updated. The
   * lists, their order and so every bit are those of the one-component-at-a-time path, which reads
   * the dense row of b once per component: at a million documents the H half-sweep's few hundred
   * longest term rows took a third of its work that way, each entry a scattered read of a 400 MB
   * W, and the half-sweep grew 23-fold for 10 times the non-zeros (bench/RESULTS.md, "Stop 25").
   */
  private void updateGrouped(double[] a, NonZeros bnz, double[] bSum, double l1, double l2, double[] v,
      int off, int[] colIdx, float[] values, int ai, int start, int end, int na, KlCdScratch s) {
    int[] count = s.count;
    int[] active = s.active;
    for (int c = 0; c < na; c++) {
      count[c] = s.countAll[active[c]];
    }
    int c0 = 0;
    while (c0 < na) {
      // A component's list never exceeds the row (nr ≤ len), so each group takes at least one.
      int c1 = c0;
      long filled = 0;
      while (c1 < na && filled + count[c1] <= len) {
        filled += count[c1++];
      }
      gatherGroupPacked(colIdx, off, bnz, start, end, c0, c1, s);
      for (int c = c0, base = 0; c < c1; c++) {
        int t = active[c];
        int cnt = count[c];
        a[ai + t] = newton(values, v, s, base, cnt, bSum[t], l1, l2, a[ai + t]);
        base += cnt;
      }
      c0 = c1;
    }
  }

  /**
   * Gathers the lists of the active components {@code [c0, c1)}, one after the other from the
   * buffer's start at the lengths {@code count[c]}; the other components' entries go to the trash
   * cell at index {@code len} (stride 0), without a branch on activity, which is close to random
   * over a packed row and would mispredict often.
   */
  private void gatherGroupPacked(int[] colIdx, int off, NonZeros bnz, int start, int end, int c0, int c1,
      KlCdScratch s) {
    int[] next = s.next;
    int[] stride = s.stride;
    for (int t = 0; t < k; t++) {
      next[t] = len;
      stride[t] = 0;
    }
    for (int c = c0, base = 0; c < c1; c++) {
      int t = s.active[c];
      next[t] = base;
      stride[t] = 1;
      base += s.count[c];
    }
    scatterPacked(colIdx, off, bnz, start, end, s);
  }

  /**
   * The packed gather's pass over the row (the destinations set up in {@code s.next} and {@code
   * s.stride} by the caller): each packed entry of each stored entry's row of b goes to its
   * component's next cell, an unwanted component's to the trash cell (stride 0). The entries the
   * row's screening copied ({@link KlCdScratch#copyIdx}) are read from that copy, in order; the
   * rest from b's rows, so the lists are the same either way.
   */
  private static void scatterPacked(int[] colIdx, int off, NonZeros bnz, int start, int end, KlCdScratch s) {
    int[] next = s.next;
    int[] stride = s.stride;
    int[] ptr = bnz.ptr;
    char[] idx = bnz.idx;
    float[] val = bnz.val;
    double unit = bnz.unit;
    double[] gather = s.gather;
    int[] gatherPos = s.gatherPos;
    int[] cIdx = s.copyIdx;
    double[] cVal = s.copyVal;
    int[] cPos = s.copyPos;
    for (int e = 0, copied = s.copied; e < copied; e++) {
      int t = cIdx[e];
      int o = next[t];
      gather[o] = cVal[e];
      gatherPos[o] = cPos[e];
      next[t] = o + stride[t];
    }
    for (int p = s.copiedTo; p < end; p++) {
      int j = colIdx[p];
      int pv = p - off;
      for (int q = ptr[j], q1 = ptr[j + 1]; q < q1; q++) {
        int t = idx[q];
        int o = next[t];
        gather[o] = val[q] * unit;
        gatherPos[o] = pv;
        next[t] = o + stride[t];
      }
    }
  }

  /**
   * Copies the non-zero {@code b(j_p,t)} of the row's stored entries and their positions p for
   * all {@code na} active components at once, component c at {@code [c·nr, c·nr + count[c])}:
   * for each entry, the components both active and not zero in b's row (the masks' bits).
   */
  private void gatherAll(int[] colIdx, int off, double[] b, NonZeros bnz, int start, int end, int na,
      KlCdScratch s) {
    long[] bMask = bnz.mask;
    int nr = end - start;
    int words = maskWords(k);
    int[] count = s.count;
    int[] slot = s.slot;
    long[] activeMask = s.activeMask;
    for (int c = 0; c < na; c++) {
      count[c] = 0;
    }
    for (int p = start; p < end; p++) {
      int j = colIdx[p];
      int bj = j * k;
      int mj = j * words;
      int pv = p - off;
      for (int w = 0; w < words; w++) {
        for (long bits = bMask[mj + w] & activeMask[w]; bits != 0L; bits &= bits - 1) {
          int t = (w << 6) + Long.numberOfTrailingZeros(bits);
          int c = slot[t];
          int o = c * nr + count[c]++;
          s.gather[o] = bnz.fixed(b[bj + t]);
          s.gatherPos[o] = pv;
        }
      }
    }
  }

  /** Copies one component's non-zero {@code b(j_p,t)} and positions to the buffers' start; returns their count. */
  private int gatherOne(int[] colIdx, int off, double[] b, NonZeros bnz, int start, int end, int t, KlCdScratch s) {
    int cnt = 0;
    for (int p = start; p < end; p++) {
      double bt = bnz.fixed(b[colIdx[p] * k + t]);
      if (bt != 0.0) {
        s.gather[cnt] = bt;
        s.gatherPos[cnt++] = p - off;
      }
    }
    return cnt;
  }

  /**
   * The projected Newton steps on one coordinate {@code w} (see {@link #sweep}) over its gathered
   * list {@code [base, base+cnt)}, keeping v up to date; returns the new value.
   */
  private double newton(float[] values, double[] v, KlCdScratch s, int base, int cnt, double bSumT,
      double l1, double l2, double w) {
    double[] gather = s.gather;
    int[] gatherPos = s.gatherPos;
    double[] g = s.g;
    klMove(values, v, gather, gatherPos, base, cnt, 0.0, g);
    double grad = bSumT + l1 + l2 * w - g[0];
    double hess = l2 + g[1];
    for (int it = 0; it < maxNewton; it++) {
      double step;
      if (hess > 0.0) {
        step = -grad / hess;
      } else {
        step = grad > 0.0 ? -w : 0.0;
      }
      if (step < -w) {
        step = -w;
      }
      if (step == 0.0) {
        break;
      }
      double wPrev = w;
      double gPrev = grad;
      w += step;
      klMove(values, v, gather, gatherPos, base, cnt, step, g);
      grad = bSumT + l1 + l2 * w - g[0];
      hess = l2 + g[1];
      if (step < 0.0 && gPrev + grad < 0.0) {
        w = backtrack(values, v, gather, gatherPos, base, cnt, bSumT + l1, l2, w, wPrev, step, g);
        if (g[2] != step) {
          // The step was cut back: refresh the sums at the new point.
          klMove(values, v, gather, gatherPos, base, cnt, 0.0, g);
          grad = bSumT + l1 + l2 * w - g[0];
          hess = l2 + g[1];
        }
        step = w - wPrev;
        if (w == wPrev) {
          break;
        }
      }
      if (Math.abs(step) <= newtonTol * w) {
        break;
      }
    }
    return w;
  }

  /**
   * A step {@code s} to the left from {@code wPrev} to {@code w} overshot the minimum (f' is
   * concave). When f'(before) + f'(after) ≥ 0 the trapezoid bound proves f decreased; otherwise
   * measure the change of f and halve the step until it does not increase (a backtracking line
   * search). Returns the new value, and leaves the last step tried in {@code g[2]} ({@code s}
   * when none was cut).
   */
  private static double backtrack(float[] values, double[] v, double[] gather, int[] gatherPos,
      int base, int cnt, double lin, double l2, double w, double wPrev, double s, double[] g) {
    double df = lin * (w - wPrev) + 0.5 * l2 * (w * w - wPrev * wPrev)
        - klLogRatio(values, v, gather, gatherPos, base, cnt, s);
    double step = s;
    for (int half = 0; df > 0.0 && half < MAX_HALVINGS; half++) {
      step *= 0.5;
      double target = half + 1 == MAX_HALVINGS ? wPrev : wPrev + step;
      double move = target - w;
      double before = w;
      w = target;
      df += lin * move + 0.5 * l2 * (w * w - before * before)
          - klShift(values, v, gather, gatherPos, base, cnt, move);
    }
    g[2] = step;
    return w;
  }

  /** Step halvings tried when a Newton step to the left does not decrease the KL objective. */
  private static final int MAX_HALVINGS = 30;

  /**
   * After {@code v_p} moved by {@code s·b}: {@code Σ x_p·ln(max(v_p,ε)/max(v_p − s·b,ε))} over one
   * component's gathered list, the decrease of {@code −Σ x ln v} that the move brought.
   */
  private static double klLogRatio(float[] values, double[] v, double[] gb, int[] gp, int base,
      int cnt, double s) {
    double sum = 0.0;
    for (int e = base, end = base + cnt; e < end; e++) {
      int p = gp[e];
      double now = v[p];
      sum += values[p] * Math.log(Math.max(now, Sweeps.KL_EPSILON) / Math.max(now - s * gb[e], Sweeps.KL_EPSILON));
    }
    return sum;
  }

  /** Moves {@code v_p} by {@code s·b} over a gathered list and returns {@code Σ x_p·ln(max(v_new,ε)/max(v_old,ε))}. */
  private static double klShift(float[] values, double[] v, double[] gb, int[] gp, int base,
      int cnt, double s) {
    double sum = 0.0;
    for (int e = base, end = base + cnt; e < end; e++) {
      int p = gp[e];
      double old = v[p];
      double now = old + s * gb[e];
      v[p] = now;
      sum += values[p] * Math.log(Math.max(now, Sweeps.KL_EPSILON) / Math.max(old, Sweeps.KL_EPSILON));
    }
    return sum;
  }

  /**
   * One Newton pass of {@link #sweep} over a component's gathered list: {@code v_p += s·b}
   * (nothing moves when {@code s = 0}), then {@code g[0] = Σ x·b/v}, {@code g[1] = Σ x·b²/v²}.
   */
  private static void klMove(float[] values, double[] v, double[] gb, int[] gp, int base, int cnt,
      double s, double[] g) {
    double c1 = 0.0;
    double c2 = 0.0;
    if (s == 0.0) {
      for (int e = base, end = base + cnt; e < end; e++) {
        int p = gp[e];
        double bt = gb[e];
        double inv = 1.0 / Math.max(v[p], Sweeps.KL_EPSILON);
        double xr = values[p] * inv * bt;
        c1 += xr;
        c2 += xr * inv * bt;
      }
    } else {
      for (int e = base, end = base + cnt; e < end; e++) {
        int p = gp[e];
        double bt = gb[e];
        double nv = v[p] + s * bt;
        v[p] = nv;
        double inv = 1.0 / Math.max(nv, Sweeps.KL_EPSILON);
        double xr = values[p] * inv * bt;
        c1 += xr;
        c2 += xr * inv * bt;
      }
    }
    g[0] = c1;
    g[1] = c2;
  }
}

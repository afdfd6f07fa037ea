package io.topicnmf.nmf;

/**
 * The KL coordinate-descent kernel as it was before the non-zero masks of {@link KlCdSolver}
 * (every pass over all k components): the reference that shows the masks change no bit. It reads
 * the fixed factor rounded to float ({@link #asFloat}), as the solver does for a factor in float's
 * range (unit 1, {@link NonZeros#fixed}).
 */
final class DenseKlCdReference {
  private final int k;
  private final int maxNewton;
  private final double newtonTol;
  private final int len;
  private final Scratch[] scratch;

  /** One worker's buffers. */
  private static final class Scratch {
    final double[] gather;
    final int[] gatherPos;
    /** Newton sums {@code Σ x·b/v}, {@code Σ x·b²/v²}, then the step a backtracking ended on. */
    final double[] g = new double[3];
    final double[] sums;
    final int[] active;
    final int[] count;

    Scratch(int len, int k) {
      gather = new double[len];
      gatherPos = new int[len];
      sums = new double[k];
      active = new int[k];
      count = new int[k];
    }
  }

  /**
   * A solver for rank {@code k}, with gather buffers of {@code len} entries per worker (at least
   * the longest row's stored entries, see {@link KlUpdater#gatherLength}), for {@code threads}
   * workers; at most {@code maxNewton} Newton steps per coordinate, fewer once a step changes it
   * by less than {@code newtonTol} relatively.
   */
  DenseKlCdReference(int k, int len, int threads, int maxNewton, double newtonTol) {
    this.k = k;
    this.len = len;
    this.maxNewton = maxNewton;
    this.newtonTol = newtonTol;
    this.scratch = new Scratch[threads];
    for (int t = 0; t < threads; t++) {
      scratch[t] = new Scratch(len, k);
    }
  }

  /**
   * One cyclic coordinate-descent sweep for the generalized KL divergence (Hsieh &amp; Dhillon,
   * "Fast coordinate descent methods with variable selection for non-negative matrix
   * factorization", KDD 2011, section 5) over rows {@code [from, to)} of {@code a} ({@code rows × k}),
   * the other factor {@code b} ({@code cols × k}) fixed. For each row i it needs
   * {@code v_p = (a·bᵀ)_p} at the row's stored entries: with {@code vCurrent} the caller guarantees
   * {@code v[p]} already holds it (the solver maintains it across half-sweeps), otherwise it is
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
   * the worker's gather buffers: all active components at once when
   * {@code nnz(row)·active ≤ len} (one read of each row of b), otherwise one component at a time.
   * Each Newton pass then reads a short contiguous list without branches. The arithmetic, and so
   * the result, is the same either way.
   *
   * @param worker the index of the calling worker (its scratch is used)
   * @throws IllegalArgumentException if a row with an active coordinate has more stored entries
   *     than the gather buffers hold
   */
  void sweep(int worker, int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b,
      double[] bSum, double l1, double l2, double[] v, boolean vCurrent, int from, int to) {
    Scratch s = scratch[worker];
    for (int i = from; i < to; i++) {
      row(rowPtr, colIdx, values, a, b, bSum, l1, l2, v, vCurrent, i, s);
    }
  }

  /**
   * One row of {@link #sweep}. A method of its own so the JIT compiles it after the first few
   * hundred rows of the first sweep, instead of compiling the block loop on-stack at one loop
   * after another while the first sweeps run slowly.
   */
  private void row(int[] rowPtr, int[] colIdx, float[] values, double[] a, double[] b,
      double[] bSum, double l1, double l2, double[] v, boolean vCurrent, int i, Scratch s) {
    int ai = i * k;
    int start = rowPtr[i];
    int end = rowPtr[i + 1];
    int nr = end - start;
    double[] sums = s.sums;
    int[] active = s.active;
    // Screening: a coordinate at zero whose gradient at the start of the row is not negative is
    // left alone this sweep (in topic models most coordinates are such zeros). Skipping an
    // update never increases the objective; a coordinate that becomes worth moving is picked up
    // at the next sweep. One pass gives all k gradient sums, reading b row-wise.
    for (int t = 0; t < k; t++) {
      sums[t] = 0.0;
    }
    for (int p = start; p < end; p++) {
      int bj = colIdx[p] * k;
      double wh;
      if (vCurrent) {
        wh = v[p];
      } else {
        wh = 0.0;
        for (int t = 0; t < k; t++) {
          wh += a[ai + t] * asFloat(b[bj + t]);
        }
        v[p] = wh;
      }
      double r = values[p] / Math.max(wh, Sweeps.KL_EPSILON);
      for (int t = 0; t < k; t++) {
        sums[t] += r * asFloat(b[bj + t]);
      }
    }
    int na = 0;
    for (int t = 0; t < k; t++) {
      if (a[ai + t] > 0.0 || bSum[t] + l1 - sums[t] < 0.0) {
        active[na++] = t;
      }
    }
    if (na == 0) {
      return;
    }
    if (nr > len) {
      throw new IllegalArgumentException("klCdRows: row " + i + " has " + nr
          + " stored entries but the gather buffer holds " + len);
    }
    boolean together = (long) nr * na <= len;
    if (together) {
      gatherAll(colIdx, b, start, end, na, s);
    }
    for (int c = 0; c < na; c++) {
      int t = active[c];
      int base = together ? c * nr : 0;
      int cnt = together ? s.count[c] : gatherOne(colIdx, b, start, end, t, s);
      a[ai + t] = newton(values, v, s, base, cnt, bSum[t], l1, l2, a[ai + t]);
    }
  }

  /**
   * Copies the non-zero {@code b(j_p,t)} of the row's stored entries and their positions p for
   * all {@code na} active components at once, component c at {@code [c·nr, c·nr + count[c])}.
   */
  private void gatherAll(int[] colIdx, double[] b, int start, int end, int na, Scratch s) {
    int nr = end - start;
    int[] count = s.count;
    for (int c = 0; c < na; c++) {
      count[c] = 0;
    }
    for (int p = start; p < end; p++) {
      int bj = colIdx[p] * k;
      for (int c = 0; c < na; c++) {
        // Branch-free: write every entry, advance only past non-zeros (the branch would be
        // mispredicted about as often as taken).
        double bt = asFloat(b[bj + s.active[c]]);
        int o = c * nr + count[c];
        s.gather[o] = bt;
        s.gatherPos[o] = p;
        count[c] += bt != 0.0 ? 1 : 0;
      }
    }
  }

  /** Copies one component's non-zero {@code b(j_p,t)} and positions to the buffers' start; returns their count. */
  private int gatherOne(int[] colIdx, double[] b, int start, int end, int t, Scratch s) {
    int cnt = 0;
    for (int p = start; p < end; p++) {
      double bt = asFloat(b[colIdx[p] * k + t]);
      if (bt != 0.0) {
        s.gather[cnt] = bt;
        s.gatherPos[cnt++] = p;
      }
    }
    return cnt;
  }

  /**
   * The projected Newton steps on one coordinate {@code w} (see {@link #sweep}) over its gathered
   * list {@code [base, base+cnt)}, keeping v up to date; returns the new value.
   */
  private double newton(float[] values, double[] v, Scratch s, int base, int cnt, double bSumT,
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

  /** A fixed factor's entry as the solver reads it when the factor's unit is 1: rounded to float. */
  static double asFloat(double f) {
    return (float) f;
  }
}

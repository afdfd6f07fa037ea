package io.topicnmf.nmf;

/**
 * The passes of {@link KlCdSolver}'s projected Newton steps over one component's gathered list
 * (its non-zero {@code b(j_p,t)} and the positions p of their predictions): the gradient sums,
 * the move of the predictions, and the backtracking line search. Static kernels over primitive
 * arrays, in a class of their own so the solver stays short; package-private.
 */
final class KlPasses {
  private KlPasses() {}

  /**
   * A step {@code s} to the left from {@code wPrev} to {@code w} overshot the minimum (f' is
   * concave). When f'(before) + f'(after) ≥ 0 the trapezoid bound proves f decreased; otherwise
   * measure the change of f and halve the step until it does not increase (a backtracking line
   * search). Returns the new value, and leaves the last step tried in {@code g[2]} ({@code s}
   * when none was cut).
   */
  static double backtrack(float[] values, double[] v, double[] gather, int[] gatherPos,
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
  static final int MAX_HALVINGS = 30;

  /**
   * After {@code v_p} moved by {@code s·b}: {@code Σ x_p·ln(max(v_p,ε)/max(v_p − s·b,ε))} over one
   * component's gathered list, the decrease of {@code −Σ x ln v} that the move brought.
   */
  static double klLogRatio(float[] values, double[] v, double[] gb, int[] gp, int base,
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
  static double klShift(float[] values, double[] v, double[] gb, int[] gp, int base,
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
  static void klMove(float[] values, double[] v, double[] gb, int[] gp, int base, int cnt,
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

  /** Appends b's packed non-zeros of the row's entries to the lists {@code next}/{@code stride} point at (see {@link KlCdSolver}). */
  static void gatherPacked(int[] colIdx, int[] vAt, NonZeros bnz, int start, int end, KlCdScratch s) {
    int[] next = s.next;
    int[] stride = s.stride;
    int[] ptr = bnz.ptr;
    int[] idx = bnz.idx;
    double[] val = bnz.val;
    double[] gather = s.gather;
    int[] gatherPos = s.gatherPos;
    for (int p = start; p < end; p++) {
      int j = colIdx[p];
      int pv = vAt == null ? p : vAt[p];
      for (int q = ptr[j], q1 = ptr[j + 1]; q < q1; q++) {
        int t = idx[q];
        int o = next[t];
        gather[o] = val[q];
        gatherPos[o] = pv;
        next[t] = o + stride[t];
      }
    }
  }
}

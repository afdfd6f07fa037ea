package io.topicnmf.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Recommends a number of topics k from the measurements of several candidate values.
 *
 * <h2>The rule</h2>
 *
 * <ol>
 *   <li><b>k ≥ 2 only</b> (unless k = 1 is the only candidate): one topic is the corpus mean,
 *       trivially stable and says nothing.
 *   <li><b>Not at the edges.</b> With three candidates or more, the smallest and the largest k
 *       are set aside. Stability falls with k as a trend (k = 1 is perfectly stable, and the fewer
 *       the topics the easier it is for two runs to agree), so the smallest candidate tends to win
 *       on stability without matching any structure of the data, and nothing smaller shows whether
 *       its stability is a rise or just the trend; the largest cannot be confirmed either. On bbc
 *       (5 sections), k = 2 (business/politics/tech against sport/entertainment) is the most stable
 *       of 2..10 (0.90 against 0.85 for k = 5, the best of 3..9). The recommendation is therefore
 *       always strictly inside the range: give candidates on both sides of the k you expect, and
 *       widen the range when the recommendation is next to an edge. (A rule that keeps only local
 *       peaks of stability was tried: it also gives 5 on bbc and 10 on the sample corpus, but on
 *       20news-train, k = 5..50 step 5, it picked a noise peak at 40, while this rule gives 15.)
 *   <li><b>Most stable.</b> Keep the candidates whose stability is within {@code
 *       stabilityTolerance} (default {@value #DEFAULT_STABILITY_TOLERANCE}) of the highest. This is
 *       the criterion of Greene, O'Callaghan &amp; Cunningham (2014): a k that matches the structure
 *       of the data gives the same topics on any large subsample, while a k that is too small
 *       merges and one that is too large splits topics differently from run to run. The tolerance
 *       absorbs the sampling noise of a stability estimated from a handful of subsamples, so a
 *       difference of 0.01 does not decide alone.
 *   <li><b>Most coherent.</b> Among those, keep the ones whose mean NPMI is within {@code
 *       npmiTolerance} (default {@value #DEFAULT_NPMI_TOLERANCE}) of the highest: between equally
 *       stable k, prefer topics whose top terms actually occur together in the documents.
 *   <li><b>Smallest k.</b> Among what remains, the smallest k: the simplest model that is as
 *       stable and as coherent.
 * </ol>
 *
 * <p>Each step narrows the set from the best value in the current set, so the result does not
 * depend on the order of the rows. A measurement that is {@code NaN} makes its row lose the step
 * that uses it, unless every remaining row lacks it, in which case the step is skipped (so NPMI
 * alone, or k alone, still decide).
 * Diversity is not used: redundant topics already lower stability, and diversity falls almost
 * mechanically as k grows, so it would just favour small k. Neither is the objective, which
 * decreases monotonically with k.
 */
public final class KSelection {
  /** Default stability window of step 2. */
  public static final double DEFAULT_STABILITY_TOLERANCE = 0.02;

  /** Default mean-NPMI window of step 3. */
  public static final double DEFAULT_NPMI_TOLERANCE = 0.01;

  private KSelection() {}

  /**
   * The recommended k by the class's rule with the default tolerances.
   *
   * @param rows one row per candidate k (distinct k), in any order
   * @return the recommended k
   * @throws IllegalArgumentException if there are no rows or a k is repeated
   */
  public static int recommend(List<KScore> rows) {
    return recommend(rows, DEFAULT_STABILITY_TOLERANCE, DEFAULT_NPMI_TOLERANCE);
  }

  /**
   * The recommended k by the class's rule.
   *
   * @param rows one row per candidate k (distinct k), in any order
   * @param stabilityTolerance width of the stability window, finite and &gt;= 0
   * @param npmiTolerance width of the mean-NPMI window, finite and &gt;= 0
   * @return the recommended k
   * @throws IllegalArgumentException if there are no rows, a k is repeated or a tolerance is
   *     negative or not finite
   */
  public static int recommend(List<KScore> rows, double stabilityTolerance, double npmiTolerance) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no candidate k to choose from");
    }
    checkTolerance("stabilityTolerance", stabilityTolerance);
    checkTolerance("npmiTolerance", npmiTolerance);
    Set<Integer> seen = new HashSet<>();
    List<KScore> pool = new ArrayList<>();
    for (KScore r : rows) {
      if (!seen.add(Objects.requireNonNull(r, "row").k())) {
        throw new IllegalArgumentException("k = " + r.k() + " appears twice");
      }
      if (r.k() >= 2) {
        pool.add(r);
      }
    }
    if (pool.isEmpty()) {
      pool.addAll(rows);
    }
    pool = withoutEdges(pool);
    pool = withinOfBest(pool, true, stabilityTolerance);
    pool = withinOfBest(pool, false, npmiTolerance);
    int best = Integer.MAX_VALUE;
    for (KScore r : pool) {
      best = Math.min(best, r.k());
    }
    return best;
  }

  /** {@code pool} without its smallest and largest k, when it has at least three rows. */
  private static List<KScore> withoutEdges(List<KScore> pool) {
    if (pool.size() < 3) {
      return pool;
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (KScore r : pool) {
      min = Math.min(min, r.k());
      max = Math.max(max, r.k());
    }
    List<KScore> inner = new ArrayList<>();
    for (KScore r : pool) {
      if (r.k() != min && r.k() != max) {
        inner.add(r);
      }
    }
    return inner;
  }

  private static List<KScore> withinOfBest(List<KScore> pool, boolean stability, double tol) {
    double max = Double.NEGATIVE_INFINITY;
    for (KScore r : pool) {
      double v = stability ? r.stability() : r.meanNpmi();
      if (!Double.isNaN(v)) {
        max = Math.max(max, v);
      }
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return pool; // nobody measured it: this step cannot decide
    }
    List<KScore> kept = new ArrayList<>();
    for (KScore r : pool) {
      double v = stability ? r.stability() : r.meanNpmi();
      // The 1e-12 keeps a row that sits exactly on the window edge despite rounding.
      if (!Double.isNaN(v) && v >= max - tol - 1e-12) {
        kept.add(r);
      }
    }
    return kept;
  }

  private static void checkTolerance(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " = " + v + " must be finite and >= 0");
    }
  }
}

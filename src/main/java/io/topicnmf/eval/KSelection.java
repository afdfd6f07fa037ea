package io.topicnmf.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.function.ToDoubleFunction;
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
 *   <li><b>Most stable terms.</b> Keep the candidates whose term stability is within {@code
 *       stabilityTolerance} (default {@value #DEFAULT_STABILITY_TOLERANCE}) of the highest. This is
 *       the criterion of Greene, O'Callaghan &amp; Cunningham (2014): a k that matches the structure
 *       of the data gives the same topics on any large subsample, while a k that is too small
 *       merges and one that is too large splits topics differently from run to run. The tolerance
 *       absorbs the sampling noise of a stability estimated from a handful of subsamples, so a
 *       difference of 0.01 does not decide alone.
 *   <li><b>Most stable clusters.</b> Among those, keep the ones whose cluster stability (ARI of
 *       the subsample clusters against the all-documents ones) is within {@code clusterTolerance}
 *       (default {@value #DEFAULT_CLUSTER_TOLERANCE}) of the highest: the documents must also be
 *       grouped the same way, not only the terms listed.
 *   <li><b>Most coherent.</b> Among those, keep the ones whose mean NPMI is within {@code
 *       npmiTolerance} (default {@value #DEFAULT_NPMI_TOLERANCE}) of the highest: between equally
 *       stable k, prefer topics whose top terms actually occur together in the documents.
 *   <li><b>Smallest k.</b> Among what remains, the smallest k: the simplest model that is as
 *       stable and as coherent.
 * </ol>
 *
 * <p>The ends of the range compete like the others, so the recommendation may be the smallest or
 * the largest candidate; {@link #edgeNote} then says so, since a k beyond the range may be better
 * still. (An earlier rule set both ends aside because, with the Frobenius loss, stability fell with
 * k as a trend and k = 2 was the most stable on bbc. select-k now fits as {@code fit} does, with the
 * KL loss and its k-means step, and measured on bbc, k = 2..10, 3 subsamples of 80%, term
 * stability is 0.868 at k = 2, 0.890 at 3 and 0.877 at 5, cluster stability 0.971, 0.981 and
 * 0.980; NPMI then picks 5, the number of sections. On the sample corpus, k = 2..14, both
 * stabilities peak at its 10 labels: term 0.770 and cluster 1.000.)
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
  /** Default term-stability window of step 2. */
  public static final double DEFAULT_STABILITY_TOLERANCE = 0.02;

  /** Default cluster-stability window of step 3. */
  public static final double DEFAULT_CLUSTER_TOLERANCE = 0.02;

  /** Default mean-NPMI window of step 4. */
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
    return recommend(rows, DEFAULT_STABILITY_TOLERANCE, DEFAULT_CLUSTER_TOLERANCE, DEFAULT_NPMI_TOLERANCE);
  }

  /** The recommended k with the default cluster-stability window. */
  public static int recommend(List<KScore> rows, double stabilityTolerance, double npmiTolerance) {
    return recommend(rows, stabilityTolerance, DEFAULT_CLUSTER_TOLERANCE, npmiTolerance);
  }

  /** The rule in words, for reports. */
  public static final String RULE = "among k >= 2: keep the k whose term stability is within"
      + " stabilityTolerance of the best; then those whose cluster stability is within clusterTolerance"
      + " of the best among them; then those whose mean NPMI is within npmiTolerance of the best;"
      + " recommend the smallest. An end of the range may be recommended (a note then suggests widening it)";

  /**
   * The recommended k by the class's rule.
   *
   * @param rows one row per candidate k (distinct k), in any order
   * @param stabilityTolerance width of the term-stability window, finite and &gt;= 0
   * @param clusterTolerance width of the cluster-stability window, finite and &gt;= 0
   * @param npmiTolerance width of the mean-NPMI window, finite and &gt;= 0
   * @return the recommended k
   * @throws IllegalArgumentException if there are no rows, a k is repeated or a tolerance is
   *     negative or not finite
   */
  public static int recommend(List<KScore> rows, double stabilityTolerance, double clusterTolerance,
      double npmiTolerance) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no candidate k to choose from");
    }
    checkTolerance("stabilityTolerance", stabilityTolerance);
    checkTolerance("clusterTolerance", clusterTolerance);
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
    pool = withinOfBest(pool, KScore::stability, stabilityTolerance);
    pool = withinOfBest(pool, KScore::clusterStability, clusterTolerance);
    pool = withinOfBest(pool, KScore::meanNpmi, npmiTolerance);
    int best = Integer.MAX_VALUE;
    for (KScore r : pool) {
      best = Math.min(best, r.k());
    }
    return best;
  }

  /**
   * A note for a recommendation at an end of the candidates, or null: at the largest candidate (of
   * two or more), a larger k may do better; at the smallest, when it is above 2, so may a smaller.
   *
   * @param recommended the recommended k
   * @param candidates all candidate k
   */
  public static String edgeNote(int recommended, List<Integer> candidates) {
    if (candidates.size() < 2) {
      return null;
    }
    int min = Collections.min(candidates);
    int max = Collections.max(candidates);
    if (recommended == max) {
      return "k = " + recommended + " is the largest candidate, so a larger k may be better still: "
          + "widen the range upwards (e.g. -k " + recommended + ":" + 2 * recommended + ") to confirm it";
    }
    if (recommended == min && min > 2) {
      return "k = " + recommended + " is the smallest candidate, so a smaller k may be better still: "
          + "widen the range downwards (e.g. -k 2:" + recommended + ") to confirm it";
    }
    return null;
  }

  private static List<KScore> withinOfBest(List<KScore> pool, ToDoubleFunction<KScore> measure, double tol) {
    double max = Double.NEGATIVE_INFINITY;
    for (KScore r : pool) {
      double v = measure.applyAsDouble(r);
      if (!Double.isNaN(v)) {
        max = Math.max(max, v);
      }
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return pool; // nobody measured it: this step cannot decide
    }
    List<KScore> kept = new ArrayList<>();
    for (KScore r : pool) {
      double v = measure.applyAsDouble(r);
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

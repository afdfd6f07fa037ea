package io.topicnmf.eval;

/**
 * The measurements of one candidate number of topics, the input of {@link KSelection#recommend}.
 * A measurement that was not made may be {@code NaN}.
 *
 * @param k the number of topics, at least 1
 * @param meanNpmi mean topic NPMI of the fit on all documents, in [-1, 1] (see {@link Coherence})
 * @param diversity topic diversity of that fit, in [0, 1]
 * @param stability Greene et al. stability of the terms over subsample fits, in [0, 1] (see {@link
 *     Stability#stability})
 * @param clusterStability mean adjusted Rand index of the subsample fits' clusters against the
 *     all-documents clusters, in [-0.5, 1] (see {@link Stability#clusterAgreement})
 * @param objective the fit's final objective (loss), reported but not used by the rule
 */
public record KScore(int k, double meanNpmi, double diversity, double stability,
    double clusterStability, double objective) {
  public KScore {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    checkRange("meanNpmi", meanNpmi, -1, 1);
    checkRange("diversity", diversity, 0, 1);
    checkRange("stability", stability, 0, 1);
    checkRange("clusterStability", clusterStability, -0.5, 1);
  }

  /** A score without cluster stability ({@code NaN}). */
  public KScore(int k, double meanNpmi, double diversity, double stability, double objective) {
    this(k, meanNpmi, diversity, stability, Double.NaN, objective);
  }

  private static void checkRange(String name, double v, double lo, double hi) {
    // A little slack for rounding in the sums that produced the value.
    if (!Double.isNaN(v) && (v < lo - 1e-9 || v > hi + 1e-9)) {
      throw new IllegalArgumentException(
          name + " = " + v + " outside [" + lo + ", " + hi + "] (or NaN when not measured)");
    }
  }
}

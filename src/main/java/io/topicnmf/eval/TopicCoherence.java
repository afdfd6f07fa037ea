package io.topicnmf.eval;

import java.util.Arrays;

/**
 * Coherence scores of a set of topics, as computed by {@link Coherence#compute}.
 *
 * <p>Arrays are copied on the way in and on the way out, so an instance is immutable. A topic with
 * fewer than two top terms has no term pairs: its scores are {@code NaN} and it is left out of the
 * means (which are {@code NaN} when no topic has a pair).
 *
 * @param npmi per topic, the mean normalised pointwise mutual information over its top-term pairs,
 *     in [-1, 1]
 * @param umass per topic, the mean UMass log conditional probability over its ordered top-term
 *     pairs, at most log 2 and usually negative
 * @param cv per topic, the C_V coherence over sliding windows ({@link ContextVectorCoherence}), or
 *     {@code NaN} when it was not computed
 * @param meanNpmi mean of {@code npmi} over the topics that have a pair
 * @param meanUmass mean of {@code umass} over the topics that have a pair
 * @param meanCv mean of {@code cv} over the topics where it is defined ({@code NaN} if none)
 */
public record TopicCoherence(double[] npmi, double[] umass, double[] cv, double meanNpmi,
    double meanUmass, double meanCv) {
  public TopicCoherence {
    if (npmi.length != umass.length || npmi.length != cv.length) {
      throw new IllegalArgumentException("npmi has " + npmi.length + " topics but umass has "
          + umass.length + " and cv " + cv.length);
    }
    npmi = npmi.clone();
    umass = umass.clone();
    cv = cv.clone();
  }

  /** Mean of the values that are not {@code NaN}; {@code NaN} when there is none. */
  static double meanOf(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Per-topic C_V (a copy). */
  @Override
  public double[] cv() {
    return cv.clone();
  }

  /** Per-topic NPMI (a copy). */
  @Override
  public double[] npmi() {
    return npmi.clone();
  }

  /** Per-topic UMass (a copy). */
  @Override
  public double[] umass() {
    return umass.clone();
  }

  /** Number of topics scored. */
  public int topics() {
    return npmi.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicCoherence c
        && Arrays.equals(npmi, c.npmi)
        && Arrays.equals(umass, c.umass)
        && Arrays.equals(cv, c.cv)
        && Double.compare(meanCv, c.meanCv) == 0
        && Double.compare(meanNpmi, c.meanNpmi) == 0
        && Double.compare(meanUmass, c.meanUmass) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(npmi) + Arrays.hashCode(umass)) + Arrays.hashCode(cv))
        + Double.hashCode(meanNpmi) * 7
        + Double.hashCode(meanUmass);
  }

  @Override
  public String toString() {
    return "TopicCoherence[npmi=" + Arrays.toString(npmi) + ", umass=" + Arrays.toString(umass)
        + ", cv=" + Arrays.toString(cv) + ", meanNpmi=" + meanNpmi + ", meanUmass=" + meanUmass
        + ", meanCv=" + meanCv + "]";
  }
}

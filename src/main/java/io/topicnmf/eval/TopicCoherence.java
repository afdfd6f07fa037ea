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
 * @param meanNpmi mean of {@code npmi} over the topics that have a pair
 * @param meanUmass mean of {@code umass} over the topics that have a pair
 */
public record TopicCoherence(double[] npmi, double[] umass, double meanNpmi, double meanUmass) {
  public TopicCoherence {
    if (npmi.length != umass.length) {
      throw new IllegalArgumentException(
          "npmi has " + npmi.length + " topics but umass has " + umass.length);
    }
    npmi = npmi.clone();
    umass = umass.clone();
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
        && Double.compare(meanNpmi, c.meanNpmi) == 0
        && Double.compare(meanUmass, c.meanUmass) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(npmi) + Arrays.hashCode(umass))
        + Double.hashCode(meanNpmi) * 7
        + Double.hashCode(meanUmass);
  }

  @Override
  public String toString() {
    return "TopicCoherence[npmi=" + Arrays.toString(npmi) + ", umass=" + Arrays.toString(umass)
        + ", meanNpmi=" + meanNpmi + ", meanUmass=" + meanUmass + "]";
  }
}

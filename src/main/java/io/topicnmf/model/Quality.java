package io.topicnmf.model;

/**
 * How good the topics are without labels.
 *
 * @param meanNpmi mean of the topics' NPMI coherence, in [-1, 1], higher is better
 * @param meanUmass mean of the topics' UMass coherence, ≤ 0, closer to 0 is better
 * @param meanCv mean of the topics' C_V coherence, in [-1, 1] (in practice [0, 1]), higher is better
 * @param diversity distinct top terms / (top terms × topics), in (0, 1]; 1 = no topic shares a top term
 * @param topTerms the number of top terms per topic the three were computed on
 * @param ranking how the lists were ranked ({@link TermListChoice}); null (left out) where unknown,
 *     as in {@code apply} with a model written before rankings were recorded
 */
public record Quality(double meanNpmi, double meanUmass, double meanCv, double diversity, int topTerms,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    TermListChoice.Ranking ranking) {

  /** Quality without a recorded ranking. */
  public Quality(double meanNpmi, double meanUmass, double meanCv, double diversity, int topTerms) {
    this(meanNpmi, meanUmass, meanCv, diversity, topTerms, null);
  }
}

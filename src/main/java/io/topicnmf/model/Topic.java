package io.topicnmf.model;

import java.util.List;

/**
 * A topic: a row of H.
 *
 * @param id 0-based topic index (row of H, column of W)
 * @param terms the top terms by descending weight
 * @param documents how many documents are in the topic's cluster ({@link DocumentTopics#cluster()})
 * @param npmi coherence: mean normalised PMI of the top-term pairs over document co-occurrence, in
 *     [-1, 1] (gensim's {@code c_npmi} with whole-document windows; see {@link io.topicnmf.eval.Coherence})
 * @param umass coherence: UMass score of the top terms (≤ 0; closer to 0 is more coherent; gensim's {@code u_mass})
 * @param cv coherence: C_V of the top terms over sliding windows of 110 tokens, higher is more
 *     coherent (gensim's {@code c_v}; see {@link io.topicnmf.eval.ContextVectorCoherence})
 * @param majorityLabel the most frequent label among the documents of the topic's cluster, or null without labels
 * @param majorityShare that label's share of the cluster's labelled documents (0 without labels)
 */
public record Topic(
    int id,
    List<TermWeight> terms,
    int documents,
    double npmi,
    double umass,
    double cv,
    String majorityLabel,
    double majorityShare) {
  public Topic {
    terms = List.copyOf(terms);
  }
}

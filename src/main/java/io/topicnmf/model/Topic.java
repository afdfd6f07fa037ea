package io.topicnmf.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
 * @param label a short name: given ({@code --topic-labels}, carried by the model), or by default
 *     {@link #automaticLabel} of the terms
 */
public record Topic(
    int id,
    List<TermWeight> terms,
    int documents,
    double npmi,
    double umass,
    double cv,
    String majorityLabel,
    double majorityShare,
    String label) {
  /** How many surface forms an automatic label joins. */
  public static final int LABEL_TERMS = 3;

  /** What joins them. */
  public static final String LABEL_SEPARATOR = " / ";

  public Topic {
    terms = List.copyOf(terms);
    if (label == null || label.isBlank()) label = automaticLabel(terms);
  }

  /** A topic with its automatic label. */
  public Topic(int id, List<TermWeight> terms, int documents, double npmi, double umass, double cv,
      String majorityLabel, double majorityShare) {
    this(id, terms, documents, npmi, umass, cv, majorityLabel, majorityShare, null);
  }

  /** A topic with its automatic label and no C_V (NaN). */
  public Topic(int id, List<TermWeight> terms, int documents, double npmi, double umass,
      String majorityLabel, double majorityShare) {
    this(id, terms, documents, npmi, umass, Double.NaN, majorityLabel, majorityShare, null);
  }

  /** This topic named {@code newLabel} (null or blank: its automatic label). */
  public Topic withLabel(String newLabel) {
    return new Topic(id, terms, documents, npmi, umass, cv, majorityLabel, majorityShare, newLabel);
  }

  /**
   * The default label of a topic with these top terms: its first {@value #LABEL_TERMS} readable
   * forms ({@link TermWeight#surface()}) that differ in more than case, joined by "{@value
   * #LABEL_SEPARATOR}"; "topic" for a topic without terms.
   */
  public static String automaticLabel(List<TermWeight> terms) {
    List<String> parts = new ArrayList<>(LABEL_TERMS);
    Set<String> seen = new HashSet<>();
    for (TermWeight tw : terms) {
      String s = tw.surface() != null ? tw.surface() : tw.term();
      if (s != null && !s.isBlank() && seen.add(s.toLowerCase(Locale.ROOT))) parts.add(s);
      if (parts.size() == LABEL_TERMS) break;
    }
    return parts.isEmpty() ? "topic" : String.join(LABEL_SEPARATOR, parts);
  }
}

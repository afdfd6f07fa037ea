package io.topicnmf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The topics of one document: its row of W.
 *
 * @param id the document id: its path relative to the corpus root; for texts in memory the id
 *     given ({@link TextDocument#id()}) or its position
 * @param label the document's label (first sub-folder, or the {@link TextDocument#label()} given),
 *     or null
 * @param dominantTopic the topic with the largest weight, or null when the document has no term of
 *     the vocabulary (or a zero row of W)
 * @param strength the dominant topic's share of the document's weights, in (0, 1]; 0 when none
 * @param weights the document's topic weights divided by their sum (sum 1), empty when none
 * @param cluster the topic whose cluster the document is in ({@link Clustering}): its dominant
 *     topic with {@code --clusters dominant}; null when it has no dominant topic
 * @param note why the document has no topic (e.g. "no terms after analysis", or for texts in
 *     memory the reason one was skipped, e.g. "empty text"), or null
 * @param metadata the document's fields besides text, id and label ({@link
 *     io.topicnmf.corpus.Document#metadata()}), in their order; empty (and left out of the JSON)
 *     when none
 */
public record DocumentTopics(
    String id, String label, Integer dominantTopic, double strength, List<Double> weights,
    Integer cluster, String note,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata) {
  public DocumentTopics {
    weights = weights instanceof WeightShares ? weights : List.copyOf(weights);
    metadata = io.topicnmf.corpus.Document.frozen(metadata);
  }

  /** The topics of a document without metadata. */
  public DocumentTopics(String id, String label, Integer dominantTopic, double strength,
      List<Double> weights, Integer cluster, String note) {
    this(id, label, dominantTopic, strength, weights, cluster, note, Map.of());
  }

  /** This document's topics with {@code kept} as its metadata. */
  public DocumentTopics withMetadata(Map<String, String> kept) {
    return new DocumentTopics(id, label, dominantTopic, strength, weights, cluster, note, kept);
  }
}

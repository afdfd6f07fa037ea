package io.topicnmf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The documents in topic {@code topic}'s cluster ({@link Clustering}), by descending strength
 * (ties by id).
 *
 * @param topic the topic id
 * @param documents the members
 * @param mergedTopics the other topics whose clusters k-means merged into this one because their
 *     centroids were nearly the same ({@link DocumentClusters#MERGE_COSINE}), in increasing order;
 *     empty (left out of the report) when none was. A merged-away topic's cluster is empty.
 */
public record Cluster(int topic, List<Member> documents,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> mergedTopics) {
  public Cluster {
    documents = List.copyOf(documents);
    mergedTopics = mergedTopics == null ? List.of() : List.copyOf(mergedTopics);
  }

  /** A cluster no other was merged into. */
  public Cluster(int topic, List<Member> documents) {
    this(topic, documents, List.of());
  }

  /**
   * A member of a cluster and its strength: the share of the document's weights on the cluster's
   * topics (its own and those merged into it; its dominant topic's share when the cluster is its
   * dominant topic's and none was merged into it).
   */
  public record Member(String id, double strength) {}
}

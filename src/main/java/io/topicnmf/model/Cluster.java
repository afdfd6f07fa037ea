package io.topicnmf.model;

import java.util.List;

/**
 * The documents in topic {@code topic}'s cluster ({@link Clustering}), by descending strength
 * (ties by id).
 *
 * @param topic the topic id
 * @param documents the members
 */
public record Cluster(int topic, List<Member> documents) {
  public Cluster {
    documents = List.copyOf(documents);
  }

  /**
   * A member of a cluster and its strength: the share of the document's weights on the cluster's
   * topic (its dominant topic's share when the cluster is its dominant topic).
   */
  public record Member(String id, double strength) {}
}

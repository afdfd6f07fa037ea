package io.topicnmf.model;

import java.util.List;

/**
 * The documents whose dominant topic is {@code topic}, by descending strength (ties by id).
 *
 * @param topic the topic id
 * @param documents the members
 */
public record Cluster(int topic, List<Member> documents) {
  public Cluster {
    documents = List.copyOf(documents);
  }

  /** A member of a cluster and the strength of its dominant topic. */
  public record Member(String id, double strength) {}
}

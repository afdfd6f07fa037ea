package io.topicnmf.model;

import java.util.List;

/**
 * A topic: a row of H.
 *
 * @param id 0-based topic index (row of H, column of W)
 * @param terms the top terms by descending weight
 * @param documents how many documents have this topic as their dominant topic
 */
public record Topic(int id, List<TermWeight> terms, int documents) {
  public Topic {
    terms = List.copyOf(terms);
  }
}

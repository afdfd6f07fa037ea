package io.topicnmf.model;

import java.util.List;

/**
 * Agreement of the documents' clusters ({@link DocumentTopics#cluster()}) with their labels (first
 * sub-folders). Only documents with both a label and a cluster are scored.
 *
 * @param documents documents scored
 * @param nmi normalised mutual information (arithmetic mean normalisation, as scikit-learn), in [0, 1]
 * @param ari adjusted Rand index, 0 for chance, 1 for identical partitions
 * @param purity share of documents whose label is the majority label of their cluster
 * @param labels the distinct labels, sorted; the columns of {@code table}
 * @param table {@code table[t][j]}: documents of topic t's cluster with label {@code labels[j]}
 */
public record Evaluation(int documents, double nmi, double ari, double purity, List<String> labels, List<List<Integer>> table) {
  public Evaluation {
    labels = List.copyOf(labels);
    table = table.stream().map(List::copyOf).toList();
  }
}

package io.topicnmf.vectorize;

import java.util.List;

/**
 * How the vocabulary was pruned.
 *
 * @param termsSeen distinct terms before pruning
 * @param minDocuments the --min-df limit in documents
 * @param maxDocuments the --max-df limit in documents
 * @param removedByMinDf terms found in fewer than {@code minDocuments} documents
 * @param removedByMaxDf terms found in more than {@code maxDocuments} documents
 * @param removedByMaxFeatures terms dropped by --max-features after the df rules
 * @param termsKept the vocabulary size
 * @param topRemovedByMaxDf up to 20 of the most widespread terms removed by --max-df, most documents first
 */
public record PruningStats(
    int termsSeen,
    double minDocuments,
    double maxDocuments,
    int removedByMinDf,
    int removedByMaxDf,
    int removedByMaxFeatures,
    int termsKept,
    List<String> topRemovedByMaxDf) {
  public PruningStats {
    topRemovedByMaxDf = List.copyOf(topRemovedByMaxDf);
  }
}

package io.topicnmf.model;

/**
 * How documents are put in the topics' clusters ({@code --clusters}).
 *
 * <ul>
 *   <li>{@link #KMEANS} (default): spherical k-means on the documents' rows of the factorized
 *       matrix, seeded with their dominant topics ({@link DocumentClusters}): a document joins,
 *       among the topics it contains, the one whose documents it is most similar to as a whole.
 *   <li>{@link #DOMINANT}: each document's dominant topic, the largest entry of its row of W
 *       after H's rows are scaled to unit length.
 * </ul>
 */
public enum Clustering {
  KMEANS,
  DOMINANT
}

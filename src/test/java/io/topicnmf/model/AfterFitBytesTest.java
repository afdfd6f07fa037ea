package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.parallel.Workers;
import org.junit.jupiter.api.Test;

/** The memory plan's room for what fit allocates after the factorization ({@link TopicModeler#afterFitBytes}). */
class AfterFitBytesTest {
  /** Two rows of the same words: their two clusters' centroids are the same, so k-means merges them. */
  @Test
  void countsTheCopyOfTheAllowedClustersThatAMergeMakes() {
    int n = 4;
    int k = 2;
    CsrMatrix x = new CsrMatrix(n, 3, new int[] {0, 2, 4, 6, 8}, new int[] {0, 1, 0, 1, 0, 1, 0, 1},
        new float[] {0.6f, 0.8f, 0.6f, 0.8f, 0.6f, 0.8f, 0.6f, 0.8f});
    DenseMatrix w = new DenseMatrix(n, k, new double[] {1, 0, 1, 0, 0, 1, 0, 1});
    boolean[] allowed = DocumentClusters.topicsContained(w);
    DocumentClusters.Result r = DocumentClusters.kmeans(x, Described.dominantTopics(w), allowed, k, Workers.sequential());
    assertTrue(r.merged(), "the fit's k-means copies the allowed clusters here");
    assertEquals(n * k, allowed.length);

    // Per row: the copy of W with unit topics (8 bytes a topic), the document's description, the
    // allowed clusters and the merge's copy of them (one boolean a topic each), k-means' similarities
    // (12 bytes a topic it keeps) and its four int arrays.
    long perRow = TopicModeler.afterFitBytes(1000, 3, 0, k) - TopicModeler.afterFitBytes(0, 3, 0, k);
    long needed = 1000L * (8L * k + TopicModeler.DOCUMENT_BYTES + 2L * allowed.length / n + 12L * k + 16);
    assertTrue(perRow >= needed, perRow + " < " + needed);
    // Past the topics k-means keeps similarities for, each topic more adds its weight, its allowed
    // flag and the merge's copy of it to every row.
    for (int kk = TopicModeler.TYPICAL_TOPICS_CONTAINED; kk < 60; kk++) {
      long grows = TopicModeler.afterFitBytes(1000, 3, 0, kk + 1) - TopicModeler.afterFitBytes(1000, 3, 0, kk)
          - (TopicModeler.afterFitBytes(0, 3, 0, kk + 1) - TopicModeler.afterFitBytes(0, 3, 0, kk));
      assertTrue(grows >= 1000L * (8 + 2), "k " + kk + ": " + grows);
    }
  }
}

package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** k-means merges clusters whose centroids are nearly the same ({@link DocumentClusters#MERGE_COSINE}). */
class DocumentClustersMergeTest {
  /**
   * Planted documents: theme g uses its own 10 terms (g·10 …) with probability 0.7 each, any of
   * the {@code themes}·10 terms with probability 0.03, values uniform.
   */
  private static double[][] planted(int n, int themes, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int m = 10 * themes;
    double[][] a = new double[n][m];
    for (int i = 0; i < n; i++) {
      int g = i % themes;
      for (int j = 0; j < m; j++) {
        if (rnd.nextDouble() < (j / 10 == g ? 0.7 : 0.03)) a[i][j] = 0.1 + rnd.nextDouble();
      }
    }
    return a;
  }

  private static DocumentClusters.Result kmeans(CsrMatrix x, int[] seed, boolean[] allowed, int k, double cosine) {
    try (Workers w = Workers.sequential()) {
      return DocumentClusters.kmeans(x, seed, allowed, k, cosine, w);
    }
  }

  /** Theme 0's documents seeded in topics 0 and 1 (about 60/40), theme 1's in topic 2. */
  private static int[] splitSeed(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] s = new int[n];
    for (int i = 0; i < n; i++) s[i] = i % 2 == 1 ? 2 : rnd.nextDouble() < 0.6 ? 0 : 1;
    return s;
  }

  /**
   * As two NMF topics splitting one theme leave it: each document of the theme contains one of
   * the two topics only (it may not join the other's cluster), so k-means cannot sort them and
   * both clusters keep the theme's direction.
   */
  private static boolean[] oneOfTwo(int[] seed, int k, int a, int b) {
    boolean[] allowed = new boolean[seed.length * k];
    java.util.Arrays.fill(allowed, true);
    for (int i = 0; i < seed.length; i++) {
      if (seed[i] == a) allowed[i * k + b] = false;
      if (seed[i] == b) allowed[i * k + a] = false;
    }
    return allowed;
  }

  @Test
  void twoClustersOfOneThemeAreMergedIntoTheLargerAndTheOtherStaysEmpty() {
    int n = 2000;
    CsrMatrix x = CsrMatrix.fromDense(planted(n, 2, 1), 20);
    int[] seed = splitSeed(n, 2);
    boolean[] allowed = oneOfTwo(seed, 3, 0, 1);
    DocumentClusters.Result apart = kmeans(x, seed, allowed, 3, 2.0);
    // Without merging, the theme stays split between two clusters with nearly the same centroid.
    int[] sizes = new int[3];
    for (int c : apart.assignment()) sizes[c]++;
    assertTrue(sizes[0] > 0 && sizes[1] > 0, "split " + sizes[0] + " / " + sizes[1]);
    double cos = 0;
    for (int j = 0; j < 20; j++) cos += apart.centroids().get(0, j) * apart.centroids().get(1, j);
    assertTrue(cos >= DocumentClusters.MERGE_COSINE, "cosine " + cos);
    assertFalse(apart.merged());

    DocumentClusters.Result r = kmeans(x, seed, allowed, 3, DocumentClusters.MERGE_COSINE);
    assertTrue(r.converged());
    assertTrue(r.merged());
    int keep = sizes[0] >= sizes[1] ? 0 : 1;
    int gone = 1 - keep;
    assertArrayEquals(keep == 0 ? new int[] {0, 0, 2} : new int[] {1, 1, 2}, r.clusterOfTopic());
    int agree = 0;
    for (int i = 0; i < n; i++) {
      assertTrue(r.assignment()[i] != gone, "row " + i);
      if (r.assignment()[i] == (i % 2 == 0 ? keep : 2)) agree++;
    }
    assertTrue(agree > 0.98 * n, agree + " of " + n + " with their theme");
    for (int j = 0; j < 20; j++) assertEquals(0.0, r.centroids().get(gone, j));
    // The default is the constant.
    try (Workers w = Workers.sequential()) {
      assertArrayEquals(r.assignment(), DocumentClusters.kmeans(x, seed, allowed, 3, w).assignment());
    }
  }

  @Test
  void distinctClustersAreNotMerged() {
    int n = 600;
    CsrMatrix x = CsrMatrix.fromDense(planted(n, 3, 3), 30);
    int[] seed = new int[n];
    for (int i = 0; i < n; i++) seed[i] = i % 3;
    DocumentClusters.Result apart = kmeans(x, seed, null, 3, 2.0);
    DocumentClusters.Result r = kmeans(x, seed, null, 3, DocumentClusters.MERGE_COSINE);
    assertFalse(r.merged());
    assertArrayEquals(new int[] {0, 1, 2}, r.clusterOfTopic());
    assertArrayEquals(apart.assignment(), r.assignment());
    assertArrayEquals(apart.centroids().data(), r.centroids().data());
    assertEquals(apart.rounds(), r.rounds());
    // The same pair merges at a threshold below its cosine: the threshold is what decides.
    DocumentClusters.Result low = kmeans(x, seed, null, 3, 0.01);
    assertTrue(low.merged());
  }

  @Test
  void equalClustersKeepTheLowerNumberAndMergedTopicsWidenWhereADocumentMayGo() {
    // Rows 0-1 and 2-3 have the same words; row 4 is different. Rows 0-1 may join topic 0 only,
    // rows 2-3 topic 1 only: after the merge all four are in cluster 0 (equal sizes: the lower number).
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {
      {1, 1, 0}, {1, 1, 0}, {1, 1, 0}, {1, 1, 0}, {0, 0, 1},
    }, 3);
    boolean[] allowed = {
      true, false, false, true, false, false,
      false, true, false, false, true, false, false, false, true,
    };
    DocumentClusters.Result r = kmeans(x, new int[] {0, 0, 1, 1, 2}, allowed, 3, DocumentClusters.MERGE_COSINE);
    assertArrayEquals(new int[] {0, 0, 0, 0, 2}, r.assignment());
    assertArrayEquals(new int[] {0, 0, 2}, r.clusterOfTopic());
    assertFalse(allowed[2 * 3], "the caller's array is not written");
    // New documents (apply): a row containing only topic 1 joins cluster 0, where topic 1 went.
    boolean[] onlyTopic1 = {false, true, false};
    boolean[] mapped = DocumentClusters.clustersAllowed(onlyTopic1, 3, r.clusterOfTopic());
    assertArrayEquals(new boolean[] {true, false, false}, mapped);
    CsrMatrix y = CsrMatrix.fromDense(new double[][] {{2, 1, 0}}, 3);
    try (Workers w = Workers.sequential()) {
      assertArrayEquals(new int[] {-1}, DocumentClusters.nearest(y, r.centroids(), onlyTopic1, w));
      assertArrayEquals(new int[] {0}, DocumentClusters.nearest(y, r.centroids(), mapped, w));
    }
    assertSame(onlyTopic1, DocumentClusters.clustersAllowed(onlyTopic1, 3, new int[] {0, 1, 2}));
    assertSame(onlyTopic1, DocumentClusters.clustersAllowed(onlyTopic1, 3, null));
    assertThrows(IllegalArgumentException.class, () -> DocumentClusters.clustersAllowed(onlyTopic1, 3, new int[] {0, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> kmeans(x, new int[] {0, 0, 1, 1, 2}, null, 3, 0.0));
  }

  @Test
  void mergesAreTheSameOnAnyNumberOfThreads() {
    // Six themes, seeded in ten topics: four themes split over two topics each.
    int n = 9000;
    int themes = 6;
    CsrMatrix x = CsrMatrix.fromDense(planted(n, themes, 5), 10 * themes);
    SplittableRandom rnd = new SplittableRandom(6);
    int[] seed = new int[n];
    for (int i = 0; i < n; i++) {
      int g = i % themes;
      seed[i] = g < 4 && rnd.nextDouble() < 0.45 ? 6 + g : g;
    }
    boolean[] allowed = oneOfTwo(seed, 10, 0, 6);
    for (int g = 1; g < 4; g++) {
      boolean[] more = oneOfTwo(seed, 10, g, 6 + g);
      for (int p = 0; p < allowed.length; p++) allowed[p] &= more[p];
    }
    // A tenth of the documents seeded elsewhere, free to move.
    for (int i = 0; i < n; i++) {
      if (rnd.nextDouble() < 0.1) {
        seed[i] = rnd.nextInt(10);
        for (int t = 0; t < 10; t++) allowed[i * 10 + t] = true;
      }
    }
    DocumentClusters.Result one = kmeans(x, seed, allowed, 10, DocumentClusters.MERGE_COSINE);
    assertTrue(one.merged());
    int merged = 0;
    for (int t = 0; t < 10; t++) if (one.clusterOfTopic()[t] != t) merged++;
    assertEquals(4, merged, java.util.Arrays.toString(one.clusterOfTopic()));
    int agree = 0;
    for (int i = 0; i < n; i++) if (one.clusterOfTopic()[i % themes] == one.assignment()[i]) agree++;
    assertTrue(agree > 0.97 * n, agree + " of " + n);
    for (int threads = 2; threads <= 3; threads++) {
      try (Workers w = Workers.of(threads)) {
        DocumentClusters.Result r = DocumentClusters.kmeans(x, seed, allowed, 10, DocumentClusters.MERGE_COSINE, w);
        assertArrayEquals(one.assignment(), r.assignment());
        assertArrayEquals(one.centroids().data(), r.centroids().data());
        assertArrayEquals(one.clusterOfTopic(), r.clusterOfTopic());
        assertEquals(one.rounds(), r.rounds());
      }
    }
  }

  @Test
  void mergeSimilarMergesTheDominantTopicsClustersAsKmeansMergesWhenNoDocumentMoves() {
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {
      {1, 1, 0}, {1, 1, 0}, {1, 1, 0}, {1, 1, 0}, {0, 0, 1},
    }, 3);
    boolean[] allowed = {
      true, false, false, true, false, false,
      false, true, false, false, true, false, false, false, true,
    };
    int[] seed = {0, 0, 1, 1, 2};
    DocumentClusters.Result kmeans = kmeans(x, seed, allowed, 3, DocumentClusters.MERGE_COSINE);
    DenseMatrix sums = DocumentClusters.sums(x, seed, 3);
    assertArrayEquals(new double[] {2, 2, 0, 2, 2, 0, 0, 0, 1}, sums.data());
    DocumentClusters.Merged m = DocumentClusters.mergeSimilar(seed, sums, DocumentClusters.MERGE_COSINE);
    assertTrue(m.merged());
    assertArrayEquals(kmeans.assignment(), m.assignment());
    assertArrayEquals(kmeans.clusterOfTopic(), m.clusterOfTopic());
    assertArrayEquals(new int[] {0, 0, 1, 1, 2}, seed, "the caller's assignment is not written");
    assertArrayEquals(new double[] {2, 2, 0, 2, 2, 0, 0, 0, 1}, sums.data(), "nor its sums");
    // Above 1 nothing merges; a document without a cluster stays without one.
    DocumentClusters.Merged none = DocumentClusters.mergeSimilar(new int[] {0, 0, 1, 1, -1},
        DocumentClusters.sums(x, new int[] {0, 0, 1, 1, -1}, 3), 2.0);
    assertFalse(none.merged());
    assertArrayEquals(new int[] {0, 0, 1, 1, -1}, none.assignment());
    assertThrows(IllegalArgumentException.class, () -> DocumentClusters.mergeSimilar(seed, sums, 0.0));
    assertThrows(IllegalArgumentException.class, () -> DocumentClusters.mergeSimilar(new int[] {3}, sums, 0.9));
    assertThrows(IllegalArgumentException.class, () -> DocumentClusters.mergeSimilar(new long[2], sums, 0.9));
    assertThrows(IllegalArgumentException.class, () -> DocumentClusters.sums(x, new int[] {0}, 3));
  }

  @Test
  void mergeSimilarJoinsTheSmallerClusterToTheLargerAndGoesOnWhileAPairIsClose() {
    int n = 1500;
    CsrMatrix x = CsrMatrix.fromDense(planted(n, 3, 5), 30);
    // Theme 0 split over clusters 0, 1 and 3 (sizes about 3:2:1), themes 1 and 2 in clusters 2 and 4.
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i % 3 == 1 ? 2 : i % 3 == 2 ? 4 : (i / 3) % 6 < 3 ? 0 : (i / 3) % 6 < 5 ? 1 : 3;
    DocumentClusters.Merged m = DocumentClusters.mergeSimilar(a, DocumentClusters.sums(x, a, 5), DocumentClusters.MERGE_COSINE);
    assertArrayEquals(new int[] {0, 0, 2, 0, 4}, m.clusterOfTopic());
    for (int i = 0; i < n; i++) assertEquals(i % 3 == 1 ? 2 : i % 3 == 2 ? 4 : 0, m.assignment()[i], "row " + i);
    // The sizes decide which number the merged cluster keeps.
    long[] sizes = {1, 500, 500, 1, 500};
    assertArrayEquals(new int[] {1, 1, 2, 1, 4},
        DocumentClusters.mergeSimilar(sizes, DocumentClusters.sums(x, a, 5), DocumentClusters.MERGE_COSINE));
  }
}

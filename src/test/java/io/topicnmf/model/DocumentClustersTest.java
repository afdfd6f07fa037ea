package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.DenseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Spherical k-means seeded with dominant topics: moves, fixed points, empty clusters, threads. */
class DocumentClustersTest {
  private static DocumentClusters.Result kmeans(CsrMatrix x, int[] seed, int k) {
    try (Workers w = Workers.sequential()) {
      return DocumentClusters.kmeans(x, seed, null, k, w);
    }
  }

  private static int[] nearest(CsrMatrix x, DenseMatrix c) {
    try (Workers w = Workers.sequential()) {
      return DocumentClusters.nearest(x, c, null, w);
    }
  }

  @Test
  void aDocumentSeededInTheWrongClusterMovesToTheDocumentsItResembles() {
    // Rows 0-2 use terms 0-1, rows 3-5 terms 2-3; row 2 is seeded with the second group.
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {
      {1, 0.5, 0, 0}, {0.8, 0.6, 0, 0}, {0.9, 0.4, 0.1, 0},
      {0, 0, 1, 0.7}, {0, 0.1, 0.9, 0.8}, {0, 0, 0.7, 1},
    }, 4);
    DocumentClusters.Result r = kmeans(x, new int[] {0, 0, 1, 1, 1, 1}, 2);
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, r.assignment());
    assertTrue(r.converged());
    assertEquals(2, r.rounds(), "one round moves row 2, the next moves nothing");
    // Centroid 0 is the unit direction of rows 0-2's sum.
    double[] sum = {1 + 0.8 + 0.9, 0.5 + 0.6 + 0.4, 0.1, 0};
    double norm = Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]);
    // Within the float rounding of the values the matrix stores.
    for (int j = 0; j < 4; j++) assertEquals(sum[j] / norm, r.centroids().get(0, j), 1e-7);
    // A fixed point: every document's nearest centroid is its own cluster's.
    assertArrayEquals(r.assignment(), nearest(x, r.centroids()));
  }

  @Test
  void documentsWithoutSeedOrTermsStayOutAndTiesKeepTheCurrentCluster() {
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {
      {1, 0}, {0, 0}, {1, 0}, {0, 1}, {1, 1},
    }, 2);
    // Row 1 is empty, row 2 has no seed; row 4 is as similar to both centroids and keeps cluster 1.
    DocumentClusters.Result r = kmeans(x, new int[] {0, 1, -1, 1, 1}, 2);
    assertEquals(-1, r.assignment()[1]);
    assertEquals(-1, r.assignment()[2]);
    assertEquals(0, r.assignment()[0]);
    assertEquals(1, r.assignment()[3]);
    assertEquals(1, r.assignment()[4]);
    // Outside the clustering, a tie goes to the lowest cluster and an empty row gets none.
    int[] placed = nearest(x, new DenseMatrix(2, 2, new double[] {1, 0, 0, 1}));
    assertArrayEquals(new int[] {0, -1, 0, 1, 0}, placed);
  }

  @Test
  void aClusterAllOfWhoseDocumentsLeaveStaysEmpty() {
    // Cluster 0 holds two orthogonal rows; each is closer to a singleton cluster of its own kind.
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {
      {1, 0, 0}, {0, 1, 0}, {1, 0, 0.1}, {0, 1, 0.1},
    }, 3);
    DocumentClusters.Result r = kmeans(x, new int[] {0, 0, 1, 2}, 3);
    assertArrayEquals(new int[] {1, 2, 1, 2}, r.assignment());
    for (int j = 0; j < 3; j++) assertEquals(0.0, r.centroids().get(0, j));
    assertArrayEquals(r.assignment(), nearest(x, r.centroids()), "an empty cluster wins no document");
  }

  @Test
  void theSumOfSimilaritiesNeverFallsAndTheResultIsTheSameOnAnyNumberOfThreads() {
    SplittableRandom rnd = new SplittableRandom(7);
    int n = 1500;
    int m = 60;
    int k = 6;
    double[][] a = new double[n][m];
    int[] seed = new int[n];
    for (int i = 0; i < n; i++) {
      int group = i % k;
      for (int j = 0; j < m; j++) {
        boolean own = j % k == group;
        if (rnd.nextDouble() < (own ? 0.6 : 0.04)) a[i][j] = rnd.nextDouble();
      }
      seed[i] = rnd.nextDouble() < 0.3 ? rnd.nextInt(k) : group;
    }
    CsrMatrix x = CsrMatrix.fromDense(a, m);
    DocumentClusters.Result one = kmeans(x, seed, k);
    assertTrue(one.converged());
    assertTrue(objective(x, one.assignment(), k) >= objective(x, seed, k));
    for (int threads = 2; threads <= 3; threads++) {
      try (Workers w = Workers.of(threads)) {
        DocumentClusters.Result r = DocumentClusters.kmeans(x, seed, null, k, w);
        assertArrayEquals(one.assignment(), r.assignment());
        assertArrayEquals(one.centroids().data(), r.centroids().data());
        assertEquals(one.rounds(), r.rounds());
      }
    }
    // The 30% of rows seeded at random go back to their kind.
    int seeded = 0;
    int agree = 0;
    for (int i = 0; i < n; i++) {
      if (seed[i] == i % k) seeded++;
      if (one.assignment()[i] == i % k) agree++;
    }
    assertTrue(seeded < 0.8 * n && agree > 0.97 * n, seeded + " then " + agree + " of " + n);
  }

  @Test
  void aDocumentJoinsOnlyTheClustersOfTopicsItContains() {
    // Weights: row 0 is all topic 0; row 1 is 99.5% topic 1 and 0.5% topic 0; row 2 is 40/60.
    DenseMatrix w = new DenseMatrix(3, 2, new double[] {2, 0, 0.005, 0.995, 0.4, 0.6});
    boolean[] allowed = DocumentClusters.topicsContained(w);
    assertArrayEquals(new boolean[] {true, false, false, true, true, true}, allowed);
    // All three rows have the same words, so without the rule they would all join one cluster.
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {{1, 1}, {1, 1}, {1, 1}}, 2);
    try (Workers workers = Workers.sequential()) {
      // No merging: the two clusters have the same centroid (DocumentClustersMergeTest).
      DocumentClusters.Result r = DocumentClusters.kmeans(x, new int[] {0, 1, 1}, allowed, 2, 2.0, workers);
      assertEquals(0, r.assignment()[0]);
      assertEquals(1, r.assignment()[1], "0.5% of topic 0 is not enough to join its cluster");
      assertEquals(1, r.assignment()[2], "equal similarity: it stays");
      DenseMatrix c = new DenseMatrix(2, 2, new double[] {1, 1, 0, 1});
      assertArrayEquals(new int[] {0, 1, 0}, DocumentClusters.nearest(x, c, allowed, workers));
      assertArrayEquals(new int[] {0, 0, 0}, DocumentClusters.nearest(x, c, null, workers));
      assertThrows(IllegalArgumentException.class,
          () -> DocumentClusters.kmeans(x, new int[] {1, 1, 1}, allowed, 2, workers), "a seed it may not join");
    }
    // A dominant topic below the share (many topics) still qualifies.
    double[] flat = new double[200];
    java.util.Arrays.fill(flat, 1.0);
    flat[7] = 1.5;
    boolean[] many = DocumentClusters.topicsContained(new DenseMatrix(1, 200, flat));
    assertTrue(many[7]);
    assertTrue(!many[0], "each other topic has 0.5% of the weights");
  }

  @Test
  void aSeedOutsideTheClustersIsRefused() {
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {{1}}, 1);
    assertThrows(IllegalArgumentException.class, () -> kmeans(x, new int[] {2}, 2));
    assertThrows(IllegalArgumentException.class, () -> kmeans(x, new int[] {0, 0}, 2));
  }

  /** Σ cos(row, centroid of its cluster), the quantity k-means increases. */
  private static double objective(CsrMatrix x, int[] a, int k) {
    int m = x.cols();
    double[][] c = new double[k][m];
    double[][] d = x.toDense();
    for (int i = 0; i < d.length; i++) {
      if (a[i] < 0) continue;
      for (int j = 0; j < m; j++) c[a[i]][j] += d[i][j];
    }
    double total = 0;
    for (int i = 0; i < d.length; i++) {
      if (a[i] < 0) continue;
      double dot = 0;
      double nc = 0;
      double nx = 0;
      for (int j = 0; j < m; j++) {
        dot += d[i][j] * c[a[i]][j];
        nc += c[a[i]][j] * c[a[i]][j];
        nx += d[i][j] * d[i][j];
      }
      if (nx > 0 && nc > 0) total += dot / Math.sqrt(nc * nx);
    }
    return total;
  }
}

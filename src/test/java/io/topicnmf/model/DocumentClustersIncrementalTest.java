package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DocumentClusters#kmeans} keeps similarities between rounds and sums again only those to
 * clusters that changed; the result must be the bits of recomputing every centroid and every
 * similarity each round (the plain spherical k-means written out below), on any thread count.
 */
class DocumentClustersIncrementalTest {

  @Test
  void keptSimilaritiesGiveTheBitsOfRecomputingThemAll() {
    for (int seedNo = 1; seedNo <= 3; seedNo++) {
      SplittableRandom rnd = new SplittableRandom(seedNo);
      int n = 900;
      int m = 80;
      int k = 12;
      double[][] a = new double[n][m];
      int[] seed = new int[n];
      boolean[] allowed = new boolean[n * k];
      for (int i = 0; i < n; i++) {
        int group = i % k;
        for (int j = 0; j < m; j++) {
          if (rnd.nextDouble() < (j % k == group ? 0.5 : 0.06)) a[i][j] = rnd.nextDouble();
        }
        seed[i] = rnd.nextDouble() < 0.35 ? rnd.nextInt(k) : group;
        for (int t = 0; t < k; t++) allowed[i * k + t] = t == seed[i] || t == group || rnd.nextDouble() < 0.3;
        if (i % 97 == 0) seed[i] = -1;
      }
      CsrMatrix x = CsrMatrix.fromDense(a, m);
      Reference ref = reference(x, seed, allowed, k);
      assertTrue(ref.rounds > 2, "rounds " + ref.rounds);
      for (int threads = 1; threads <= 3; threads++) {
        try (Workers w = Workers.of(threads)) {
          DocumentClusters.Result r = DocumentClusters.kmeans(x, seed, allowed, k, w);
          assertArrayEquals(ref.assignment, r.assignment(), "threads " + threads);
          assertEquals(ref.rounds, r.rounds());
          double[] c = r.centroids().data();
          for (int t = 0; t < k; t++) {
            for (int j = 0; j < m; j++) assertEquals(ref.ct[j * k + t], c[t * m + j], 0.0);
          }
        }
      }
    }
  }

  private record Reference(int[] assignment, double[] ct, int rounds) {}

  /**
   * Spherical k-means with every centroid and similarity recomputed each round, the unit centroids
   * rounded to float as {@link DocumentClusters} keeps them.
   */
  private static Reference reference(CsrMatrix x, int[] seed, boolean[] allowed, int k) {
    int n = x.rows();
    int m = x.cols();
    int[] a = seed.clone();
    double[] ct = new double[m * k];
    int rounds = 0;
    while (true) {
      Arrays.fill(ct, 0.0);
      for (int i = 0; i < n; i++) {
        if (a[i] < 0) continue;
        for (int p = x.rowPtr()[i]; p < x.rowPtr()[i + 1]; p++) ct[x.colIdx()[p] * k + a[i]] += x.values()[p];
      }
      double[] norm = new double[k];
      for (int j = 0; j < m; j++) for (int t = 0; t < k; t++) norm[t] += ct[j * k + t] * ct[j * k + t];
      for (int t = 0; t < k; t++) norm[t] = norm[t] > 0 ? 1 / Math.sqrt(norm[t]) : 0;
      boolean[] live = new boolean[k];
      for (int j = 0; j < m; j++) {
        for (int t = 0; t < k; t++) {
          ct[j * k + t] = (float) (ct[j * k + t] * norm[t]); // the centroids are kept in single precision
          live[t] |= ct[j * k + t] != 0;
        }
      }
      rounds++;
      int moved = 0;
      for (int i = 0; i < n; i++) {
        if (a[i] < 0 || x.rowNnz(i) == 0) continue;
        double[] s = new double[k];
        for (int p = x.rowPtr()[i]; p < x.rowPtr()[i + 1]; p++) {
          for (int t = 0; t < k; t++) s[t] += x.values()[p] * ct[x.colIdx()[p] * k + t];
        }
        int cur = a[i];
        int best = live[cur] ? cur : -1;
        double bestS = best >= 0 ? s[best] : 0.0;
        for (int t = 0; t < k; t++) {
          if (live[t] && s[t] > bestS && allowed[i * k + t]) {
            bestS = s[t];
            best = t;
          }
        }
        if (best != cur) {
          a[i] = best;
          moved++;
        }
      }
      if (moved == 0) return new Reference(a, ct, rounds);
    }
  }
}

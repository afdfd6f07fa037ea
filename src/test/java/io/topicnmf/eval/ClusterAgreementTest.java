package io.topicnmf.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusterAgreementTest {
  private static final double EPS = 1e-12;

  /** Scores integer predictions against integer "true" labels, as the scikit-learn examples do. */
  private static Agreement score(int[] truth, int[] pred) {
    String[] labels = new String[truth.length];
    int k = 0;
    for (int i = 0; i < truth.length; i++) {
      labels[i] = "c" + truth[i];
      k = Math.max(k, pred[i] + 1);
    }
    return ClusterAgreement.compute(pred, labels, k);
  }

  @Test
  void scikitLearnDocumentationExamples() {
    // Relabelled perfect match.
    Agreement a = score(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0});
    assertEquals(1.0, a.nmi(), EPS);
    assertEquals(1.0, a.ari(), EPS);
    assertEquals(1.0, a.purity(), EPS);

    // adjusted_rand_score([0,0,1,2],[0,0,1,1]) = 0.5714...: sum C(n_ij,2) = 1, sum C(a,2) = 1,
    // sum C(b,2) = 2, C(4,2) = 6: (1 - 1*2/6) / ((1+2)/2 - 1/3) = (2/3)/(7/6) = 4/7.
    // NMI: MI = log 2, H(true) = 1.5 log 2, H(pred) = log 2: log 2 / (1.25 log 2) = 0.8.
    a = score(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1});
    assertEquals(4.0 / 7, a.ari(), EPS);
    assertEquals(0.5714285714, a.ari(), 1e-10);
    assertEquals(0.8, a.nmi(), EPS);
  }

  @Test
  void purityCountsTheMajorityOfEachCluster() {
    // Clusters (pred) 0 = {c0, c0}, 1 = {c1, c2}: majority counts 2 + 1 = 3 of 4.
    Agreement a = score(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1});
    assertEquals(0.75, a.purity(), EPS);
    // Purity is not symmetric: every true class sits inside one cluster.
    assertEquals(1.0, ClusterAgreement.purity(new int[][] {{2, 0}, {0, 1}, {0, 1}}), EPS);
    assertEquals(0.75, ClusterAgreement.purity(new int[][] {{2, 0, 0}, {0, 1, 1}}), EPS);
  }

  @Test
  void moreScikitLearnExamples() {
    // adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5: all n_ij = 1, sum C(a,2) = sum C(b,2) = 2,
    // expected = 2*2/6 = 2/3, max = 2: (0 - 2/3) / (2 - 2/3) = -0.5. MI = 0 so NMI = 0.
    Agreement a = score(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1});
    assertEquals(-0.5, a.ari(), EPS);
    assertEquals(0.0, a.nmi(), EPS);
    assertEquals(0.5, a.purity(), EPS);

    // One class, every document its own cluster: ARI 0, NMI 0, purity 1.
    a = score(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3});
    assertEquals(0.0, a.ari(), EPS);
    assertEquals(0.0, a.nmi(), EPS);
    assertEquals(1.0, a.purity(), EPS);

    // User guide: truth [0,0,0,1,1,1], pred [0,0,1,1,2,2].
    // Table (pred x truth): c0 = (2,0), c1 = (1,1), c2 = (0,2); n = 6.
    // ARI: sum C(n_ij,2) = 2, sum C(a,2) = 3, sum C(b,2) = 6, C(6,2) = 15, expected = 18/15 = 1.2,
    //      max = 4.5: (2 - 1.2) / (4.5 - 1.2) = 0.8/3.3 = 0.242424...
    // NMI: MI = 2 * (2/6) log(6*2/(2*3)) = (2/3) log 2; H(pred) = log 3, H(truth) = log 2:
    //      (2/3) log 2 / ((log 3 + log 2) / 2) = (4/3) log 2 / log 6 = 0.515803...
    a = score(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2});
    assertEquals(0.8 / 3.3, a.ari(), EPS);
    assertEquals(4.0 / 3 * Math.log(2) / Math.log(6), a.nmi(), EPS);
    assertEquals(0.5158037429, a.nmi(), 1e-10);
    assertEquals(5.0 / 6, a.purity(), EPS);

    // Both sides a single cluster: scikit-learn's limit case, NMI = ARI = 1.
    a = score(new int[] {3, 3, 3}, new int[] {0, 0, 0});
    assertEquals(1.0, a.nmi(), EPS);
    assertEquals(1.0, a.ari(), EPS);
  }

  @Test
  void tableMajorityAndExclusions() {
    int[] assigned = {0, 0, 0, 1, 1, -1, 2, 0, 1};
    String[] labels = {"sport", "sport", "tech", "tech", "biz", "arts", null, null, "sport"};
    Agreement a = ClusterAgreement.compute(assigned, labels, 4);
    // "arts" only labels an unassigned document: it keeps a (zero) column; labels are sorted.
    assertEquals(List.of("arts", "biz", "sport", "tech"), a.labels());
    // Scored: docs 0..4 and 8 (doc5 unassigned, docs 6 and 7 unlabelled).
    assertEquals(6, a.documents());
    assertArrayEquals(new int[] {0, 0, 2, 1}, a.table()[0]);
    assertArrayEquals(new int[] {0, 1, 1, 1}, a.table()[1]); // a three-way tie
    assertArrayEquals(new int[] {0, 0, 0, 0}, a.table()[2]); // only an unlabelled document
    assertArrayEquals(new int[] {0, 0, 0, 0}, a.table()[3]);
    // Ties go to the first label in sorted order; empty topics get -1 and share 0.
    assertArrayEquals(new int[] {2, 1, -1, -1}, a.majorityLabel());
    assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 0, 0}, a.majorityShare(), EPS);
    assertEquals("sport", a.majorityLabelOf(0));
    assertNull(a.majorityLabelOf(2));
    assertEquals((2 + 1) / 6.0, a.purity(), EPS);
    // The measures equal those of the 6 scored documents alone.
    Agreement alone = ClusterAgreement.compute(
        new int[] {0, 0, 0, 1, 1, 1}, new String[] {"sport", "sport", "tech", "tech", "biz", "sport"}, 2);
    assertEquals(alone.nmi(), a.nmi(), EPS);
    assertEquals(alone.ari(), a.ari(), EPS);
  }

  @Test
  void nothingScoredGivesNan() {
    Agreement a = ClusterAgreement.compute(new int[] {-1, 0}, new String[] {"x", null}, 2);
    assertEquals(0, a.documents());
    assertTrue(Double.isNaN(a.nmi()));
    assertTrue(Double.isNaN(a.ari()));
    assertTrue(Double.isNaN(a.purity()));
    assertEquals(List.of("x"), a.labels());
  }

  @Test
  void agreesWithPairCountingFormulaAndIsSymmetricOnRandomTables() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int trial = 0; trial < 200; trial++) {
      int r = 1 + rnd.nextInt(6);
      int c = 1 + rnd.nextInt(6);
      int scale = trial % 2 == 0 ? 5 : 100_000; // the large one overflows long products
      int[][] t = new int[r][c];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          t[i][j] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(scale);
        }
      }
      if (sum(t) < 2) {
        continue;
      }
      int[][] tt = transpose(t);
      double ari = ClusterAgreement.ari(t);
      assertEquals(hubertArabie(t), ari, 1e-9, "trial " + trial);
      assertEquals(ari, ClusterAgreement.ari(tt), 1e-12);
      double nmi = ClusterAgreement.nmi(t);
      assertEquals(nmi, ClusterAgreement.nmi(tt), 1e-12);
      assertTrue(nmi >= 0 && nmi <= 1, "nmi " + nmi);
      assertTrue(ari >= -0.5 - 1e-12 && ari <= 1, "ari " + ari);
      double p = ClusterAgreement.purity(t);
      assertTrue(p > 0 && p <= 1);
    }
  }

  @Test
  void largeCorpusDoesNotOverflow() {
    // 200 000 documents in a perfect but relabelled split, plus a noisy version.
    assertEquals(1.0, ClusterAgreement.ari(new int[][] {{0, 100_000}, {100_000, 0}}), EPS);
    int[][] noisy = {{90_000, 10_000}, {10_000, 90_000}};
    assertEquals(hubertArabie(noisy), ClusterAgreement.ari(noisy), 1e-12);
    assertTrue(ClusterAgreement.ari(noisy) > 0.6);
  }

  /** The textbook ARI (Hubert & Arabie 1985) in doubles. */
  private static double hubertArabie(int[][] t) {
    double n = sum(t);
    double index = 0;
    double[] a = new double[t.length];
    double[] b = new double[t[0].length];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[i].length; j++) {
        index += comb2(t[i][j]);
        a[i] += t[i][j];
        b[j] += t[i][j];
      }
    }
    double sa = 0;
    for (double x : a) {
      sa += comb2(x);
    }
    double sb = 0;
    for (double x : b) {
      sb += comb2(x);
    }
    double expected = sa * sb / comb2(n);
    double max = (sa + sb) / 2;
    if (max == expected) {
      return 1.0;
    }
    return (index - expected) / (max - expected);
  }

  private static double comb2(double x) {
    return x * (x - 1) / 2;
  }

  private static long sum(int[][] t) {
    long s = 0;
    for (int[] row : t) {
      for (int v : row) {
        s += v;
      }
    }
    return s;
  }

  private static int[][] transpose(int[][] t) {
    int[][] r = new int[t[0].length][t.length];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[0].length; j++) {
        r[j][i] = t[i][j];
      }
    }
    return r;
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class,
        () -> ClusterAgreement.compute(new int[] {0}, new String[] {"a", "b"}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> ClusterAgreement.compute(new int[] {2}, new String[] {"a"}, 2));
    assertThrows(IllegalArgumentException.class,
        () -> ClusterAgreement.compute(new int[] {-2}, new String[] {"a"}, 2));
    assertThrows(IllegalArgumentException.class,
        () -> ClusterAgreement.compute(new int[] {0}, new String[] {"a"}, 0));
    assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.nmi(new int[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.ari(new int[][] {{1, -2}}));
  }

  @Test
  void resultIsImmutable() {
    Agreement a = score(new int[] {0, 1}, new int[] {0, 1});
    a.table()[0][0] = 50;
    a.majorityLabel()[0] = 9;
    a.majorityShare()[0] = 9;
    assertEquals(1, a.table()[0][0]);
    assertEquals(0, a.majorityLabel()[0]);
    assertEquals(1.0, a.majorityShare()[0]);
    assertThrows(UnsupportedOperationException.class, () -> a.labels().add("z"));
    assertEquals(a, score(new int[] {0, 1}, new int[] {0, 1}));
  }
}

package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import org.junit.jupiter.api.Test;

/** The rows k-means compares: idf · tf^power at unit length, computed from X and the idf alone. */
class DocumentClustersSpaceTest {
  private static final double[][] TF = {
    {3, 1, 0, 2}, {0, 0, 0, 0}, {1, 0, 5, 0}, {0, 7, 1, 1},
  };
  private static final double[] IDF = {1.2, 2.5, 1.0, 3.1};

  /** tf · idf with each row divided by {@code norm(row)}: X as fit weighs it, at any row scale. */
  private static CsrMatrix weighted(java.util.function.ToDoubleFunction<double[]> norm) {
    double[][] x = new double[TF.length][IDF.length];
    for (int i = 0; i < TF.length; i++) {
      for (int j = 0; j < IDF.length; j++) x[i][j] = TF[i][j] * IDF[j];
      double n = norm.applyAsDouble(x[i]);
      for (int j = 0; j < IDF.length; j++) x[i][j] = n > 0 ? x[i][j] / n : 0;
    }
    return CsrMatrix.fromDense(x, IDF.length);
  }

  private static double l2(double[] r) {
    double s = 0;
    for (double v : r) s += v * v;
    return Math.sqrt(s);
  }

  private static double l1(double[] r) {
    double s = 0;
    for (double v : r) s += v;
    return s;
  }

  @Test
  void rowsAreIdfTimesDampedTermFrequencyAtUnitLengthWhateverTheRowScaleOfX() {
    for (double power : new double[] {DocumentClusters.TF_POWER, 0.5, 0.3}) {
      for (CsrMatrix x : new CsrMatrix[] {weighted(DocumentClustersSpaceTest::l2), weighted(DocumentClustersSpaceTest::l1),
          weighted(r -> 1)}) {
        CsrMatrix z = DocumentClusters.space(x, IDF, power);
        assertSame(x.rowPtr(), z.rowPtr(), "the structure is shared");
        assertEquals(0, z.rowNnz(1), "an empty row stays empty");
        for (int i = 0; i < TF.length; i++) {
          double[] e = new double[IDF.length];
          for (int j = 0; j < IDF.length; j++) e[j] = IDF[j] * Math.pow(TF[i][j], power);
          double n = l2(e);
          for (int j = 0; j < IDF.length; j++) {
            assertEquals(n > 0 ? e[j] / n : 0, z.get(i, j), 1e-6, "power " + power + " row " + i + " term " + j);
          }
        }
      }
    }
  }

  @Test
  void theSameBitsOnOneTwoOrThreeThreads() {
    // 1,000 random rows of varied lengths (many blocks of 256 rows), some empty.
    java.util.Random rnd = new java.util.Random(11);
    int n = 1000;
    int m = 50;
    double[][] a = new double[n][m];
    double[] idf = new double[m];
    for (int j = 0; j < m; j++) idf[j] = 1 + rnd.nextDouble() * 3;
    for (int i = 0; i < n; i++) {
      double density = i % 17 == 0 ? 0 : rnd.nextDouble() * 0.5;
      for (int j = 0; j < m; j++) if (rnd.nextDouble() < density) a[i][j] = rnd.nextDouble() * idf[j];
    }
    CsrMatrix x = CsrMatrix.fromDense(a, m);
    CsrMatrix one = DocumentClusters.space(x, idf, DocumentClusters.TF_POWER);
    for (int threads = 1; threads <= 3; threads++) {
      try (Workers w = Workers.of(threads)) {
        CsrMatrix z = DocumentClusters.space(x, idf, DocumentClusters.TF_POWER, w);
        assertArrayEquals(one.values(), z.values(), threads + " threads");
        assertArrayEquals(one.colIdx(), z.colIdx());
      }
    }
  }

  @Test
  void powerOneIsXItselfAndBadArgumentsAreRefused() {
    CsrMatrix x = weighted(DocumentClustersSpaceTest::l2);
    assertSame(x, DocumentClusters.space(x, IDF, 1.0));
    assertThrows(IllegalArgumentException.class, () -> DocumentClusters.space(x, IDF, 0));
    assertThrows(IllegalArgumentException.class, () -> DocumentClusters.space(x, new double[] {1, 1}, 0.75));
  }

  @Test
  void aDocumentRepeatingOneWordOfAGroupJoinsTheGroupItSharesMoreWordsWith() {
    // Rows 0-2 use words a, b, c; rows 3-5 words e, g; row 6 has a, b, c once and e twice, and is
    // seeded with the second group (its largest entry is e's).
    double[][] tf = {
      {1, 1, 1, 0, 0, 0}, {1, 1, 1, 0, 0, 0}, {1, 1, 1, 0, 0, 0},
      {0, 0, 0, 1, 0, 1}, {0, 0, 0, 1, 0, 1}, {0, 0, 0, 1, 0, 1},
      {1, 1, 1, 2, 0, 0},
    };
    double[] idf = {1, 1, 1, 1, 1, 1};
    CsrMatrix x = CsrMatrix.fromDense(tf, 6);
    int[] seed = {0, 0, 0, 1, 1, 1, 1};
    try (Workers w = Workers.sequential()) {
      assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 1},
          DocumentClusters.kmeans(x, seed, null, 2, w).assignment(), "on X the repeated word holds it");
      assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 0},
          DocumentClusters.kmeans(DocumentClusters.space(x, idf, DocumentClusters.TF_POWER), seed, null, 2, w).assignment(),
          "on damped frequencies its three shared words count for more");
    }
  }
}

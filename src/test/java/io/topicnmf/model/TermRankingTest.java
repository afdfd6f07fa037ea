package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.analysis.Stemming;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.nmf.Loss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TermRankingTest {
  /** Column sums 1, 1, 6, 2 of 10: p(w) = 0.1, 0.1, 0.6, 0.2. */
  private static final CsrMatrix X =
      CsrMatrix.fromDense(new double[][] {{1, 0, 3, 2}, {0, 1, 3, 0}}, 4);

  /** Topic 0: φ = 0.25, 0.125, 0.5, 0.125; topic 1 has two positive weights only. */
  private static final DenseMatrix H = DenseMatrix.of(new double[][] {{2, 1, 4, 1}, {0, 3, 1, 0}});

  @Test
  void lambdaOneRanksByWeightWithTiesToTheLowerColumn() {
    int[][] top = TermRanking.top(H, X, 4, 1.0);
    assertArrayEquals(new int[] {2, 0, 1, 3}, top[0]);
    assertArrayEquals(new int[] {1, 2}, top[1], "zero weights are never listed");
  }

  @Test
  void lambdaZeroRanksByLift() {
    // φ/p = 2.5, 1.25, 0.833, 0.625
    assertArrayEquals(new int[] {0, 1, 2, 3}, TermRanking.top(H, X, 4, 0.0)[0]);
  }

  @Test
  void lambdaHalfRanksByPhiSquaredOverP() {
    // φ²/p = 0.625, 0.156, 0.417, 0.078
    assertArrayEquals(new int[] {0, 2, 1, 3}, TermRanking.top(H, X, 4, 0.5)[0]);
    assertArrayEquals(new int[] {0, 2}, TermRanking.top(H, X, 2, 0.5)[0], "the best two of four");
  }

  @Test
  void scalingARowOfHDoesNotChangeTheRanking() {
    DenseMatrix scaled = DenseMatrix.of(new double[][] {{20, 10, 40, 10}, {0, 0.3, 0.1, 0}});
    for (double lambda : new double[] {0, 0.3, 0.5, 1}) {
      int[][] a = TermRanking.top(H, X, 3, lambda);
      int[][] b = TermRanking.top(scaled, X, 3, lambda);
      for (int t = 0; t < 2; t++) assertArrayEquals(a[t], b[t], "lambda " + lambda);
    }
  }

  @Test
  void lambdaOneAgreesWithTheByWeightSelectionOnRandomFactors() {
    SplittableRandom rng = new SplittableRandom(7);
    double[][] h = new double[6][300];
    double[][] x = new double[20][300];
    for (double[] row : h) for (int j = 0; j < row.length; j++) row[j] = rng.nextInt(4) == 0 ? 0 : rng.nextDouble();
    for (double[] row : x) for (int j = 0; j < row.length; j++) row[j] = rng.nextDouble();
    DenseMatrix hm = DenseMatrix.of(h);
    int[][] top = TermRanking.top(hm, CsrMatrix.fromDense(x, 300), 15, 1.0);
    for (int t = 0; t < 6; t++) assertArrayEquals(TopicModeler.topColumns(hm, t, 15), top[t]);
  }

  @Test
  void badArgumentsAreRejectedWithTheirValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TermRanking.top(H, X, 3, 1.5));
    assertTrue(e.getMessage().contains("relevance 1.5") && e.getMessage().contains("[0, 1]"), e.getMessage());
    CsrMatrix wrong = CsrMatrix.fromDense(new double[][] {{1, 2, 3}}, 3);
    e = assertThrows(IllegalArgumentException.class, () -> TermRanking.top(H, wrong, 3, 0.5));
    assertTrue(e.getMessage().contains("2 x 4") && e.getMessage().contains("1 x 3"), e.getMessage());
  }

  @Test
  void aPhraseTakesThePlaceOfItsWordsAndTheListIsFilledFromBelow() {
    java.util.List<String> terms = java.util.List.of(
        "interest", "rate", "interest rate", "bank", "central bank", "central", "growth", "oil", "interest rate rise");
    // Weights, best first: interest rate 9, interest 8, rate 7, bank 6, central bank 5, central 4, growth 3, oil 2, the trigram 1.
    DenseMatrix h = DenseMatrix.of(new double[][] {{8, 7, 9, 6, 5, 4, 3, 2, 1}});
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {{1, 1, 1, 1, 1, 1, 1, 1, 1}}, 9);
    // Without the terms: the plain ranking, words and their phrases side by side.
    assertArrayEquals(new int[] {2, 0, 1, 3}, TermRanking.top(h, x, 4, 1.0)[0]);
    // With them: "interest" and "rate" lie inside "interest rate"; "central bank" replaces "bank"
    // in its place; "central" lies inside it; growth and oil fill the list.
    assertArrayEquals(new int[] {2, 4, 6, 7}, TermRanking.top(h, x, 4, 1.0, terms)[0]);
    // The trigram, reached when the list is long enough, replaces the bigram inside it.
    assertArrayEquals(new int[] {8, 4, 6, 7}, TermRanking.top(h, x, 5, 1.0, terms)[0]);
    // A vocabulary without phrases ranks exactly as before.
    java.util.List<String> words = java.util.List.of("a", "b", "c", "d");
    assertArrayEquals(TermRanking.top(H, X, 4, 0.5)[0], TermRanking.top(H, X, 4, 0.5, words)[0]);
    assertTrue(TermRanking.contains("interest rate rise", "rate rise"));
    assertFalse(TermRanking.contains("interest rates", "rate"), "whole words only");
    assertFalse(TermRanking.contains("bank", "bank"), "a term does not lie inside itself");
  }

  @Test
  void fitDefaultsAreTheMeasuredOnes() {
    FitOptions o = FitOptions.defaults(7);
    assertEquals(Loss.KL, o.nmf().loss());
    assertEquals(Stemming.LIGHT, o.analysis().stem());
    assertEquals(io.topicnmf.vectorize.TfidfOptions.Weighting.TFIDF, o.weighting().weighting());
    assertFalse(o.weighting().sublinearTf());
    assertTrue(o.autoRelevance());
    assertEquals(7, o.nmf().k());
    assertEquals(0.25, o.withRelevance(0.25).relevance());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.withRelevance(-0.1));
    assertTrue(e.getMessage().contains("relevance -0.1"), e.getMessage());
    assertTrue(o.withRelevance(0.25).withRelevance(FitOptions.AUTO_RELEVANCE).autoRelevance());
  }

  /** A random n × k matrix with entries in [0.1, 1.1), or with a quarter of them zero when {@code sparse}. */
  private static double[][] random(SplittableRandom rng, int rows, int cols, boolean sparse) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) row[j] = sparse && rng.nextInt(4) == 0 ? 0 : 0.1 + rng.nextDouble();
    }
    return a;
  }

  private static double[][] product(double[][] w, double[][] h) {
    double[][] x = new double[w.length][h[0].length];
    for (int i = 0; i < w.length; i++) {
      for (int t = 0; t < h.length; t++) {
        for (int j = 0; j < h[0].length; j++) x[i][j] += w[i][t] * h[t][j];
      }
    }
    return x;
  }

  @Test
  void theLeastSquaresRefitRecoversTheTopicsOfAnExactFactorization() {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] w = random(rng, 40, 4, true);
    double[][] h = random(rng, 4, 25, true);
    CsrMatrix x = CsrMatrix.fromDense(product(w, h), 25);
    // The rows of W scaled anyhow: the least-squares rescaling of each row undoes it.
    double[][] scaled = new double[40][];
    for (int i = 0; i < 40; i++) {
      double c = 0.01 + 100 * rng.nextDouble();
      scaled[i] = java.util.Arrays.stream(w[i]).map(v -> v * c).toArray();
    }
    DenseMatrix refit = TermRanking.leastSquaresTopics(x, DenseMatrix.of(scaled), DenseMatrix.of(h));
    for (int t = 0; t < 4; t++) {
      // X holds the product rounded to float: recovered to within that rounding.
      for (int j = 0; j < 25; j++) assertEquals(h[t][j], refit.get(t, j), 1e-6, "H(" + t + "," + j + ")");
    }
  }

  @Test
  void theLeastSquaresRefitIsTheNonNegativeLeastSquaresSolutionForTheRescaledW() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 30;
    int m = 12;
    int k = 3;
    double[][] w = random(rng, n, k, false);
    double[][] h = random(rng, k, m, true);
    double[][] xd = random(rng, n, m, true);
    CsrMatrix x = CsrMatrix.fromDense(xd, m);
    xd = x.toDense(); // the stored (single-precision) values are the reference
    DenseMatrix refit = TermRanking.leastSquaresTopics(x, DenseMatrix.of(w), DenseMatrix.of(h));
    // Reference: W rescaled row by row as documented, then each column by projected coordinate
    // descent run to convergence, written out naively.
    double[][] wh = product(w, h);
    double[][] ws = new double[n][k];
    for (int i = 0; i < n; i++) {
      double num = 0;
      double den = 0;
      for (int j = 0; j < m; j++) {
        num += xd[i][j] * wh[i][j];
        den += wh[i][j] * wh[i][j];
      }
      for (int t = 0; t < k; t++) ws[i][t] = w[i][t] * num / den;
    }
    for (int j = 0; j < m; j++) {
      double[] col = new double[k];
      for (int it = 0; it < 20000; it++) {
        for (int t = 0; t < k; t++) {
          double grad = 0;
          double hess = 0;
          for (int i = 0; i < n; i++) {
            double r = -xd[i][j];
            for (int u = 0; u < k; u++) r += ws[i][u] * col[u];
            grad += ws[i][t] * r;
            hess += ws[i][t] * ws[i][t];
          }
          col[t] = Math.max(0, col[t] - grad / hess);
        }
      }
      for (int t = 0; t < k; t++) assertEquals(col[t], refit.get(t, j), 1e-8, "H(" + t + "," + j + ")");
    }
  }

  @Test
  void rankingWithWRanksTheRefittedWeightsOfTheTermsInTheTopicAndWithoutWTheOwn() {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] w = random(rng, 50, 3, true);
    double[][] h = random(rng, 3, 40, true);
    CsrMatrix x = CsrMatrix.fromDense(random(rng, 50, 40, true), 40);
    DenseMatrix hm = DenseMatrix.of(h);
    DenseMatrix refit = TermRanking.leastSquaresTopics(x, DenseMatrix.of(w), hm);
    for (double lambda : new double[] {0.5, 1}) {
      int[][] viaW = TermRanking.top(DenseMatrix.of(w), hm, x, 8, lambda, null);
      DenseMatrix onSupport = refit.copy();
      for (int t = 0; t < 3; t++) {
        for (int j = 0; j < 40; j++) if (h[t][j] == 0) onSupport.data()[t * 40 + j] = 0;
      }
      int[][] direct = TermRanking.top(onSupport, x, 8, lambda);
      int[][] own = TermRanking.top(null, hm, x, 8, lambda, null);
      int[][] plain = TermRanking.top(hm, x, 8, lambda);
      for (int t = 0; t < 3; t++) {
        assertArrayEquals(direct[t], viaW[t], "lambda " + lambda);
        assertArrayEquals(plain[t], own[t], "lambda " + lambda);
      }
    }
  }

  @Test
  void theRefitOnAFitsWorkersIsTheSameBitsAsOnOneThread() {
    // 900 documents (several row blocks of X and of Xᵀ's 300 terms), sparse W and H.
    SplittableRandom rng = new SplittableRandom(8);
    double[][] w = random(rng, 900, 5, true);
    double[][] h = random(rng, 5, 300, true);
    CsrMatrix x = CsrMatrix.fromDense(random(rng, 900, 300, true), 300);
    DenseMatrix one = TermRanking.leastSquaresTopics(x, DenseMatrix.of(w), DenseMatrix.of(h));
    for (int threads = 1; threads <= 3; threads++) {
      try (io.topicnmf.parallel.Workers workers = io.topicnmf.parallel.Workers.of(threads)) {
        DenseMatrix r = TermRanking.withWorkers(workers,
            () -> TermRanking.leastSquaresTopics(x, DenseMatrix.of(w), DenseMatrix.of(h)));
        assertArrayEquals(one.data(), r.data(), threads + " threads");
      }
    }
  }

  @Test
  void aTopicWithoutDocumentsKeepsItsOwnWeights() {
    double[][] w = {{1, 0}, {2, 0}, {0.5, 0}};
    double[][] h = {{1, 2, 0}, {3, 0, 1}};
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {{1, 2, 0}, {2, 4, 0}, {0.5, 1, 0}}, 3);
    DenseMatrix refit = TermRanking.leastSquaresTopics(x, DenseMatrix.of(w), DenseMatrix.of(h));
    assertEquals(3, refit.get(1, 0));
    assertEquals(1, refit.get(1, 2));
    assertEquals(1, refit.get(0, 0), 1e-12);
    assertEquals(2, refit.get(0, 1), 1e-12);
  }

  @Test
  void theRefitRejectsMismatchedShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TermRanking.leastSquaresTopics(X, DenseMatrix.of(new double[][] {{1, 1}}), H));
    assertTrue(e.getMessage().contains("W is 1 x 2"), e.getMessage());
  }
}

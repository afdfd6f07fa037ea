package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NmfTransformTest {
  private static NmfTransform.Options opts(Loss loss, int threads) {
    return new NmfTransform.Options(loss, 0, 0, NmfTransform.DEFAULT_MAX_ITER, NmfTransform.DEFAULT_TOL, threads);
  }

  /** Random non-negative matrix with about {@code density} of its entries non-zero. */
  private static double[][] random(Random r, int rows, int cols, double density) {
    double[][] a = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (r.nextDouble() < density) a[i][j] = r.nextDouble();
      }
    }
    return a;
  }

  private static double[][] product(double[][] w, double[][] h) {
    double[][] x = new double[w.length][h[0].length];
    for (int i = 0; i < w.length; i++)
      for (int t = 0; t < h.length; t++)
        for (int j = 0; j < h[0].length; j++) x[i][j] += w[i][t] * h[t][j];
    return x;
  }

  @Test
  void recoversPlantedWeightsForBothLosses() {
    Random r = new Random(1);
    double[][] w0 = random(r, 700, 4, 0.6); // 700 rows: more than two row blocks
    double[][] h0 = random(r, 4, 40, 0.5);
    for (int t = 0; t < 4; t++) h0[t][t] = 1.0; // full rank
    CsrMatrix x = CsrMatrix.fromDense(product(w0, h0), 40);
    for (Loss loss : Loss.values()) {
      NmfTransform.Result res = NmfTransform.transform(x, DenseMatrix.of(h0), null, opts(loss, 2));
      for (int i = 0; i < 700; i++) {
        for (int t = 0; t < 4; t++) {
          assertEquals(w0[i][t], res.w().get(i, t), 1e-5, loss + " row " + i + " topic " + t);
        }
      }
      assertEquals(0.0, res.relativeError(), 1e-5, loss.toString());
      assertEquals(0, res.unconverged(), loss.toString());
    }
  }

  @Test
  void klWithoutTheFrobeniusFigureGivesTheSameWeightsAndDivergence() {
    Random r = new Random(5);
    CsrMatrix x = CsrMatrix.fromDense(random(r, 300, 50, 0.2), 50);
    DenseMatrix h = DenseMatrix.of(random(r, 6, 50, 0.6));
    DenseMatrix w0 = DenseMatrix.of(random(r, 300, 6, 0.8));
    NmfTransform.Options o = new NmfTransform.Options(Loss.KL, 0, 0, 3, NmfTransform.DEFAULT_TOL, 2);
    NmfTransform.Result full = NmfTransform.transform(x, h, w0, o);
    NmfTransform.Result lean = NmfTransform.transform(x, h, w0, o, false);
    assertArrayEquals(full.w().data(), lean.w().data(), 0.0);
    assertEquals(full.objective(), lean.objective(), 0.0);
    assertEquals(full.maxSweeps(), lean.maxSweeps());
    assertTrue(Double.isNaN(lean.frobeniusObjective()), "no Frobenius figure asked for");
    assertTrue(Double.isNaN(lean.relativeError()));
    assertTrue(full.frobeniusObjective() > 0 && Double.isFinite(full.relativeError()));
    // With the figure asked for, the new entry point is the old one.
    NmfTransform.Result asked = NmfTransform.transform(x, h, w0, o, true);
    assertEquals(full.frobeniusObjective(), asked.frobeniusObjective(), 0.0);
    // Frobenius forms its figure in the solve: always there.
    NmfTransform.Options f = new NmfTransform.Options(Loss.FROBENIUS, 0, 0, 3, NmfTransform.DEFAULT_TOL, 2);
    NmfTransform.Result fr = NmfTransform.transform(x, h, w0, f, false);
    assertEquals(NmfTransform.transform(x, h, w0, f).frobeniusObjective(), fr.frobeniusObjective(), 0.0);
    assertThrows(IllegalArgumentException.class,
        () -> NmfTransform.transform(x, DenseMatrix.of(random(r, 6, 49, 0.6)), null, o, false));
  }

  @Test
  void frobeniusSolutionMeetsTheKktConditions() {
    Random r = new Random(2);
    double[][] xd = random(r, 60, 30, 0.3);
    double[][] h = random(r, 5, 30, 0.7);
    CsrMatrix x = CsrMatrix.fromDense(xd, 30);
    DenseMatrix w = NmfTransform.transform(x, DenseMatrix.of(h), null, opts(Loss.FROBENIUS, 1)).w();
    // gradient of ½‖x − wH‖² in w is w·HHᵀ − x·Hᵀ: ≥ 0 everywhere, 0 where w > 0.
    for (int i = 0; i < 60; i++) {
      for (int t = 0; t < 5; t++) {
        double g = 0;
        for (int j = 0; j < 30; j++) {
          double wh = 0;
          for (int s = 0; s < 5; s++) wh += w.get(i, s) * h[s][j];
          g += (wh - xd[i][j]) * h[t][j];
        }
        assertTrue(w.get(i, t) >= 0);
        assertTrue(g > -1e-7, "gradient " + g + " at " + i + "," + t);
        if (w.get(i, t) > 1e-9) assertEquals(0.0, g, 1e-7);
      }
    }
  }

  @Test
  void sameBitsWhateverTheThreadsAndZeroRowsGetZeroWeights() {
    Random r = new Random(3);
    double[][] xd = random(r, 600, 50, 0.1);
    xd[17] = new double[50];
    double[][] h = random(r, 6, 50, 0.6);
    CsrMatrix x = CsrMatrix.fromDense(xd, 50);
    for (Loss loss : Loss.values()) {
      DenseMatrix one = NmfTransform.transform(x, DenseMatrix.of(h), null, opts(loss, 1)).w();
      DenseMatrix three = NmfTransform.transform(x, DenseMatrix.of(h), null, opts(loss, 3)).w();
      assertArrayEquals(one.data(), three.data(), loss.toString());
      for (int t = 0; t < 6; t++) assertEquals(0.0, one.get(17, t), loss.toString());
    }
  }

  @Test
  void klWithKeptPredictionsMatchesReformingThemEverySweep() {
    // Kept predictions differ from re-formed ones by rounding only: the same optimum to far
    // below the tolerance, the objective no higher than at the start, and the same bits
    // whatever the threads.
    CsrMatrix x = CsrMatrix.fromDense(NmfTestData.plantedLowRank(7, 900, 120, 6), 120);
    CsrMatrix noisy = NmfTestData.randomSparse(8, 900, 120, 0.08);
    Random r = new Random(9);
    for (CsrMatrix m : new CsrMatrix[] {x, noisy}) {
      DenseMatrix h = DenseMatrix.of(random(r, 6, 120, 0.5));
      DenseMatrix start = DenseMatrix.of(random(r, 900, 6, 0.7));
      NmfTransform.Options o = opts(Loss.KL, 1);
      NmfTransform.Result reformed;
      NmfTransform.Result kept;
      double startObjective;
      try (io.topicnmf.parallel.Workers one = io.topicnmf.parallel.Workers.of(1)) {
        reformed = NmfTransform.transform(m, h, start, o, one, 1);
        kept = NmfTransform.transform(m, h, start, o, one, NmfTransform.KL_REFORM_EVERY);
        double[] ht = new double[120 * 6];
        io.topicnmf.matrix.DenseKernels.transpose(h.data(), 6, 120, ht);
        startObjective = NmfTransform.kl(m, start.data(), ht, 6, h, one);
      }
      assertTrue(kept.maxSweeps() > NmfTransform.KL_REFORM_EVERY, "rows run past a re-forming: " + kept.maxSweeps());
      assertEquals(reformed.objective(), kept.objective(), 1e-12 * reformed.objective());
      assertEquals(NmfTestData.denseKl(m, kept.w(), h), kept.objective(), 1e-9 * kept.objective());
      assertTrue(kept.objective() < startObjective, kept.objective() + " vs start " + startObjective);
      for (int p = 0; p < kept.w().data().length; p++) {
        assertEquals(reformed.w().data()[p], kept.w().data()[p], 1e-6, "entry " + p);
      }
      DenseMatrix threeThreads = NmfTransform.transform(m, h, start, o.withThreads(3)).w();
      assertArrayEquals(kept.w().data(), threeThreads.data(), "kept predictions, 1 vs 3 threads");
      DenseMatrix cold = NmfTransform.transform(m, h, null, opts(Loss.KL, 2)).w();
      DenseMatrix coldOne = NmfTransform.transform(m, h, null, opts(Loss.KL, 1)).w();
      assertArrayEquals(coldOne.data(), cold.data(), "neutral start, 1 vs 2 threads");
    }
  }

  @Test
  void warmStartReachesTheSameOptimum() {
    Random r = new Random(4);
    double[][] xd = random(r, 40, 25, 0.4);
    double[][] h = random(r, 3, 25, 0.8);
    CsrMatrix x = CsrMatrix.fromDense(xd, 25);
    DenseMatrix cold = NmfTransform.transform(x, DenseMatrix.of(h), null, opts(Loss.FROBENIUS, 1)).w();
    DenseMatrix start = DenseMatrix.of(random(r, 40, 3, 1.0));
    double[] before = start.data().clone();
    DenseMatrix warm = NmfTransform.transform(x, DenseMatrix.of(h), start, opts(Loss.FROBENIUS, 1)).w();
    for (int p = 0; p < cold.data().length; p++) assertEquals(cold.data()[p], warm.data()[p], 1e-7);
    assertArrayEquals(before, start.data(), "the start matrix is not modified");
  }

  @Test
  void badShapesAndOptionsAreRejectedWithTheirValues() {
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {{1, 2, 3}}, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NmfTransform.transform(x, new DenseMatrix(2, 4), null, opts(Loss.FROBENIUS, 1)));
    assertTrue(e.getMessage().contains("1x3") && e.getMessage().contains("2x4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new NmfTransform.Options(Loss.FROBENIUS, -1, 0, 10, 1e-6, 1));
    assertTrue(e.getMessage().contains("alphaW"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new NmfTransform.Options(Loss.KL, 0, 0, 10, 1e-6, 0));
    assertTrue(e.getMessage().contains("threads"), e.getMessage());
  }
}

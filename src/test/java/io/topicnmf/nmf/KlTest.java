package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KlTest {

  private static NmfOptions kl(int k, Solver solver) {
    return NmfOptions.defaults(k).withThreads(1).withLoss(Loss.KL).withSolver(solver);
  }

  @Test
  void objectiveNeverIncreasesForEverySolverAndInit() {
    CsrMatrix x = NmfTestData.randomSparse(31, 110, 90, 0.1);
    for (Solver solver : new Solver[] {Solver.AUTO, Solver.CD, Solver.MU}) {
      for (Init init : Init.values()) {
        NmfResult r = Nmf.fit(x, kl(6, solver).withInit(init).withTol(0).withMaxIter(40).withTrace(true),
            NmfListener.NONE);
        assertEquals(41, r.trace().size());
        for (int t = 1; t < r.trace().size(); t++) {
          double prev = r.trace().get(t - 1).objective();
          double cur = r.trace().get(t).objective();
          assertTrue(cur <= prev * (1 + 1e-12), solver + "/" + init + " iteration " + t + ": " + prev + " -> " + cur);
        }
        for (double v : r.w().data()) assertTrue(v >= 0 && Double.isFinite(v), solver + "/" + init);
        for (double v : r.h().data()) assertTrue(v >= 0 && Double.isFinite(v), solver + "/" + init);
      }
    }
  }

  @Test
  void divergenceAndFrobeniusMatchDenseReferences() {
    CsrMatrix x = NmfTestData.randomSparse(32, 70, 50, 0.2);
    for (Solver solver : new Solver[] {Solver.CD, Solver.MU}) {
      for (int iters : new int[] {0, 1, 2, 20, 80}) {
        NmfResult r = Nmf.fit(x, kl(5, solver).withMaxIter(iters).withTol(0), NmfListener.NONE);
        double dense = NmfTestData.denseKl(x, r.w(), r.h());
        // CD's divergence is formed from its own predictions, which read the fixed factor rounded
        // to float (NonZeros.fixed): a relative difference of about 1e-9 from the double one.
        double rel = solver == Solver.CD ? 1e-7 : 1e-9;
        assertEquals(dense, r.objective(), rel * dense, solver + " after " + iters);
        double frob = NmfTestData.denseFrobenius(x, r.w(), r.h());
        assertEquals(frob, r.frobeniusObjective(), 1e-9 * frob);
        assertEquals(Loss.KL, r.loss());
      }
    }
  }

  @Test
  void coordinateDescentBeatsMultiplicativeUpdatesPerIteration() {
    CsrMatrix x = NmfTestData.randomSparse(33, 300, 200, 0.05);
    NmfResult cd = Nmf.fit(x, kl(8, Solver.CD).withTol(0).withMaxIter(15), NmfListener.NONE);
    NmfResult mu = Nmf.fit(x, kl(8, Solver.MU).withTol(0).withMaxIter(15), NmfListener.NONE);
    assertTrue(cd.objective() < mu.objective(), cd.objective() + " vs " + mu.objective());
  }

  @Test
  void sameBitsWhateverTheThreadCount() {
    CsrMatrix x = NmfTestData.randomSparse(34, 1300, 700, 0.03);
    for (Solver solver : new Solver[] {Solver.CD, Solver.MU}) {
      NmfOptions o = kl(6, solver).withMaxIter(8).withTol(0);
      NmfTestData.assertSameBitsWhateverTheThreads(x, o, String.valueOf(solver));
    }
  }

  @Test
  void plantedLowRankMatrixIsRecovered() {
    double[][] planted = NmfTestData.plantedLowRank(35, 60, 50, 3);
    CsrMatrix x = CsrMatrix.fromDense(planted, 50);
    NmfResult r = Nmf.fit(x, kl(3, Solver.CD).withTol(1e-12).withMaxIter(1500), NmfListener.NONE);
    assertTrue(r.relativeError() < 1e-3, "relative error " + r.relativeError());
  }

  @Test
  void regularizationFollowsScikitLearnScaling() {
    CsrMatrix x = NmfTestData.randomSparse(36, 60, 40, 0.2);
    NmfOptions o = kl(4, Solver.CD).withTol(0).withMaxIter(30).withTrace(true);
    NmfResult plain = Nmf.fit(x, o, NmfListener.NONE);
    NmfResult reg = Nmf.fit(x, o.withRegularization(0.01, 0.0, 1.0), NmfListener.NONE);
    double sumPlain = Arrays.stream(plain.w().data()).sum();
    double sumReg = Arrays.stream(reg.w().data()).sum();
    assertTrue(sumReg < sumPlain, sumReg + " vs " + sumPlain);
    // H is unpenalised, so W shrinking comes with a worse fit of the divergence itself.
    assertTrue(reg.objective() > plain.objective());
  }

  @Test
  void regularizedCoordinateDescentSatisfiesKktConditions() {
    // min D(X‖WH) + l1W‖W‖₁ + ½l2W‖W‖² + l1H‖H‖₁ + ½l2H‖H‖², scikit-learn scaling: l·W by cols, l·H by rows.
    int rows = 25, cols = 18, k = 3;
    CsrMatrix x = NmfTestData.randomSparse(37, rows, cols, 0.6);
    double alphaW = 0.001, alphaH = 0.002, ratio = 0.3;
    NmfResult r = Nmf.fit(x, kl(k, Solver.CD).withTol(0).withMaxIter(3000)
        .withRegularization(alphaW, alphaH, ratio), NmfListener.NONE);
    double l1W = alphaW * ratio * cols, l2W = alphaW * (1 - ratio) * cols;
    double l1H = alphaH * ratio * rows, l2H = alphaH * (1 - ratio) * rows;
    double[][] xd = x.toDense();
    double[][] ratioXWh = new double[rows][cols];
    for (int i = 0; i < rows; i++)
      for (int j = 0; j < cols; j++) {
        double wh = 0;
        for (int t = 0; t < k; t++) wh += r.w().get(i, t) * r.h().get(t, j);
        ratioXWh[i][j] = xd[i][j] == 0 ? 0 : xd[i][j] / wh;
      }
    // The solver reads the fixed factor rounded to float, so its fixed point satisfies the
    // conditions of the double factors to about float precision of the gradient's terms: each
    // gradient is checked relative to the size of its terms.
    for (int i = 0; i < rows; i++)
      for (int t = 0; t < k; t++) {
        double g = l1W + l2W * r.w().get(i, t);
        double size = Math.abs(g);
        for (int j = 0; j < cols; j++) {
          g += r.h().get(t, j) * (1 - ratioXWh[i][j]);
          size += r.h().get(t, j) * (1 + ratioXWh[i][j]);
        }
        check(r.w().get(i, t), g, size, "W(" + i + "," + t + ")");
      }
    for (int t = 0; t < k; t++)
      for (int j = 0; j < cols; j++) {
        double g = l1H + l2H * r.h().get(t, j);
        double size = Math.abs(g);
        for (int i = 0; i < rows; i++) {
          g += r.w().get(i, t) * (1 - ratioXWh[i][j]);
          size += r.w().get(i, t) * (1 + ratioXWh[i][j]);
        }
        check(r.h().get(t, j), g, size, "H(" + t + "," + j + ")");
      }
  }

  private static void check(double value, double grad, double size, String what) {
    double tol = 1e-6 * Math.max(1.0, size);
    if (value > 0) {
      assertEquals(0.0, grad, tol, what + " (terms of size " + size + ")");
    } else {
      assertTrue(grad >= -tol, what + " gradient " + grad);
    }
  }

  @Test
  void kEqualToTheSmallerDimensionWorksForEverySolver() {
    CsrMatrix x = NmfTestData.randomSparse(38, 9, 5, 0.7);
    for (Loss loss : Loss.values()) {
      for (Solver solver : new Solver[] {Solver.AUTO, Solver.CD, Solver.MU}) {
        NmfResult r = Nmf.fit(x, NmfOptions.defaults(5).withThreads(2).withLoss(loss).withSolver(solver),
            NmfListener.NONE);
        assertEquals(5, r.w().cols());
        assertTrue(Double.isFinite(r.objective()), loss + "/" + solver);
      }
    }
  }
}

package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmfTest {

  private static NmfOptions opts(int k) {
    return NmfOptions.defaults(k).withThreads(1);
  }

  private static void assertNonNegative(NmfResult r, String what) {
    for (double v : r.w().data()) assertTrue(v >= 0 && Double.isFinite(v), what + ": W has " + v);
    for (double v : r.h().data()) assertTrue(v >= 0 && Double.isFinite(v), what + ": H has " + v);
  }

  @Test
  void resultHasDocumentsByTopicsAndTopicsByTerms() {
    CsrMatrix x = NmfTestData.randomSparse(1, 40, 25, 0.3);
    NmfResult r = Nmf.fit(x, opts(4), NmfListener.NONE);
    assertEquals(40, r.w().rows());
    assertEquals(4, r.w().cols());
    assertEquals(4, r.h().rows());
    assertEquals(25, r.h().cols());
    assertEquals(Loss.FROBENIUS, r.loss());
    assertEquals(r.objective(), r.frobeniusObjective());
    assertTrue(r.trace().isEmpty());
    assertTrue(r.iterations() >= 1 && r.iterations() <= 200);
  }

  @Test
  void everyInitGivesNonNegativeFactors() {
    CsrMatrix x = NmfTestData.randomSparse(2, 60, 45, 0.15);
    for (Init init : Init.values()) {
      NmfResult initial = Nmf.fit(x, opts(6).withInit(init).withMaxIter(0), NmfListener.NONE);
      assertNonNegative(initial, init + " initial");
      assertEquals(0, initial.iterations());
      NmfResult fitted = Nmf.fit(x, opts(6).withInit(init).withMaxIter(30), NmfListener.NONE);
      assertNonNegative(fitted, init + " fitted");
    }
  }

  @Test
  void nndsvdKeepsZerosAndNndsvdaFillsThemWithTheMean() {
    CsrMatrix x = NmfTestData.randomSparse(3, 50, 40, 0.2);
    double mean = io.topicnmf.matrix.DenseKernels.sum(x.values(), x.nnz()) / (50.0 * 40);
    NmfResult plain = Nmf.fit(x, opts(5).withInit(Init.NNDSVD).withMaxIter(0), NmfListener.NONE);
    NmfResult filled = Nmf.fit(x, opts(5).withInit(Init.NNDSVDA).withMaxIter(0), NmfListener.NONE);
    int zeros = 0;
    for (int q = 0; q < plain.w().data().length; q++) {
      if (plain.w().data()[q] == 0) {
        zeros++;
        assertEquals(mean, filled.w().data()[q], 1e-15);
      } else {
        assertEquals(plain.w().data()[q], filled.w().data()[q]);
      }
    }
    assertTrue(zeros > 0, "NNDSVD of a generic matrix has zeros in its non-leading components");
  }

  @Test
  void randomInitIsScaledLikeScikitLearn() {
    CsrMatrix x = NmfTestData.randomSparse(4, 300, 200, 0.1);
    NmfResult r = Nmf.fit(x, opts(5).withInit(Init.RANDOM).withMaxIter(0), NmfListener.NONE);
    double mean = io.topicnmf.matrix.DenseKernels.sum(x.values(), x.nnz()) / (300.0 * 200);
    // E|N(0,1)| = sqrt(2/pi), so the mean entry is sqrt(mean/k)·sqrt(2/pi).
    double expected = Math.sqrt(mean / 5) * Math.sqrt(2 / Math.PI);
    double avgW = Arrays.stream(r.w().data()).average().orElseThrow();
    assertEquals(expected, avgW, 0.05 * expected);
  }

  @Test
  void sameSeedGivesSameBitsWhateverTheThreadCount() {
    CsrMatrix x = NmfTestData.randomSparse(5, 1300, 700, 0.03);
    for (Init init : new Init[] {Init.NNDSVDA, Init.NNDSVDAR, Init.RANDOM}) {
      NmfOptions o = NmfOptions.defaults(7).withInit(init).withMaxIter(15).withTol(0);
      NmfTestData.assertSameBitsWhateverTheThreads(x, o, String.valueOf(init));
    }
  }

  @Test
  void objectiveNeverIncreasesWithZeroTolerance() {
    CsrMatrix x = NmfTestData.randomSparse(6, 120, 90, 0.1);
    for (Solver solver : new Solver[] {Solver.HALS, Solver.CD, Solver.MU}) {
      for (Init init : Init.values()) {
        NmfOptions o = opts(6).withSolver(solver).withInit(init).withTol(0).withMaxIter(60).withTrace(true);
        NmfResult r = Nmf.fit(x, o, NmfListener.NONE);
        assertEquals(60, r.iterations());
        assertFalse(r.converged());
        assertEquals(61, r.trace().size());
        for (int t = 1; t < r.trace().size(); t++) {
          double prev = r.trace().get(t - 1).objective();
          double cur = r.trace().get(t).objective();
          assertTrue(cur <= prev * (1 + 1e-12), solver + "/" + init + " iteration " + t + ": " + prev + " -> " + cur);
        }
      }
    }
  }

  @Test
  void plantedLowRankMatrixIsRecovered() {
    double[][] planted = NmfTestData.plantedLowRank(7, 80, 60, 4);
    CsrMatrix x = CsrMatrix.fromDense(planted, 60);
    assertTrue(x.nnz() < 80 * 60, "planted matrix is sparse");
    NmfResult r = Nmf.fit(x, opts(4).withTol(1e-12).withMaxIter(2000), NmfListener.NONE);
    assertTrue(r.relativeError() < 1e-3, "relative error " + r.relativeError());
    assertEquals(Math.sqrt(2 * NmfTestData.denseFrobenius(x, r.w(), r.h()) / x.frobeniusNormSquared()),
        r.relativeError(), 1e-6);
  }

  @Test
  void fastObjectiveEqualsDenseEvaluation() {
    CsrMatrix x = NmfTestData.randomSparse(8, 70, 50, 0.2);
    for (Solver solver : new Solver[] {Solver.HALS, Solver.MU}) {
      for (int iters : new int[] {0, 1, 25}) {
        NmfResult r = Nmf.fit(x, opts(5).withSolver(solver).withMaxIter(iters).withTol(0), NmfListener.NONE);
        double dense = NmfTestData.denseFrobenius(x, r.w(), r.h());
        assertEquals(dense, r.objective(), 1e-9 * dense, solver + " after " + iters);
        assertEquals(Math.sqrt(2 * dense / x.frobeniusNormSquared()), r.relativeError(), 1e-9);
      }
    }
  }

  @Test
  void convergesWhenTheDecreaseOverTheWindowFallsBelowTolTimesTheInitialObjective() {
    CsrMatrix x = NmfTestData.randomSparse(9, 100, 80, 0.1);
    assertEquals(10, Nmf.window(Loss.FROBENIUS, Solver.HALS));
    assertEquals(10, Nmf.window(Loss.KL, Solver.MU));
    assertEquals(5, Nmf.window(Loss.KL, Solver.CD));
    for (Loss loss : Loss.values()) {
      for (double tol : new double[] {1e-3, 1e-4}) {
        NmfOptions o = opts(5).withLoss(loss).withSolver(Solver.AUTO).withTol(tol).withTrace(true);
        int window = Nmf.window(loss, o.effectiveSolver());
        NmfResult r = Nmf.fit(x, o, NmfListener.NONE);
        assertTrue(r.converged());
        List<TracePoint> tr = r.trace();
        double f0 = tr.get(0).objective();
        int last = tr.size() - 1;
        assertEquals(r.iterations(), last);
        assertTrue(last > 1, "stopped at " + last);
        // Stopped at the first t whose decrease over the last min(t, window) iterations is below tol·f0.
        assertTrue(tr.get(Math.max(0, last - window)).objective() - tr.get(last).objective() < tol * f0);
        for (int t = 1; t < last; t++) {
          double before = tr.get(Math.max(0, t - window)).objective();
          assertTrue(before - tr.get(t).objective() >= tol * f0, loss + " tol " + tol + ": stopped late at " + t);
        }
      }
    }
  }

  @Test
  void listenerSeesEveryIterationAndTraceTimesIncrease() {
    CsrMatrix x = NmfTestData.randomSparse(10, 50, 30, 0.2);
    List<double[]> calls = new ArrayList<>();
    NmfResult r = Nmf.fit(x, opts(3).withTol(0).withMaxIter(12).withTrace(true),
        (i, m, o) -> calls.add(new double[] {i, m, o}));
    assertEquals(12, calls.size());
    for (int i = 0; i < 12; i++) {
      assertEquals(i + 1, (int) calls.get(i)[0]);
      assertEquals(12, (int) calls.get(i)[1]);
      assertEquals(r.trace().get(i + 1).objective(), calls.get(i)[2]);
      assertTrue(r.trace().get(i + 1).seconds() >= r.trace().get(i).seconds());
    }
    assertThrows(UnsupportedOperationException.class, () -> r.trace().add(new TracePoint(0, 0, 0)));
  }

  @Test
  void acceleratedHalsReachesAtLeastTheObjectiveOfPlainCoordinateDescent() {
    CsrMatrix x = NmfTestData.randomSparse(11, 400, 300, 0.05);
    NmfResult hals = Nmf.fit(x, opts(8).withSolver(Solver.HALS).withTol(0).withMaxIter(20), NmfListener.NONE);
    NmfResult cd = Nmf.fit(x, opts(8).withSolver(Solver.CD).withTol(0).withMaxIter(20), NmfListener.NONE);
    assertTrue(hals.objective() < cd.objective(), hals.objective() + " vs " + cd.objective());
  }

  @Test
  void kLargerThanTheMatrixIsRejectedWithTheFlagName() {
    CsrMatrix x = NmfTestData.randomSparse(12, 8, 30, 0.5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Nmf.fit(x, opts(12), NmfListener.NONE));
    assertTrue(e.getMessage().startsWith("topics 12 is larger than the 8 usable documents"), e.getMessage());
    CsrMatrix wide = NmfTestData.randomSparse(12, 30, 6, 0.5);
    e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(wide, opts(7), NmfListener.NONE));
    assertTrue(e.getMessage().contains("6 usable terms"), e.getMessage());
  }

  @Test
  void negativeOrNonFiniteValuesAreRejectedWithTheirPosition() {
    CsrMatrix neg = CsrMatrix.fromDense(new double[][] {{1, 0, 2}, {0, -0.5, 1}, {1, 1, 1}}, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Nmf.fit(neg, opts(2), NmfListener.NONE));
    assertTrue(e.getMessage().contains("row 1, column 1 is -0.5"), e.getMessage());
    CsrMatrix nan = CsrMatrix.fromDense(new double[][] {{1, 0, 2}, {0, 1, 1}, {1, Double.NaN, 1}}, 3);
    e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(nan, opts(2), NmfListener.NONE));
    assertTrue(e.getMessage().contains("row 2, column 1 is NaN"), e.getMessage());
  }

  @Test
  void zeroMatrixConvergesImmediatelyToZeroFactors() {
    CsrMatrix zero = CsrMatrix.fromDense(new double[5][4], 4);
    NmfResult r = Nmf.fit(zero, opts(2), NmfListener.NONE);
    assertTrue(r.converged());
    assertEquals(0, r.iterations());
    assertEquals(0.0, r.objective());
    assertEquals(0.0, r.relativeError());
  }

  @Test
  void regularizedFitSatisfiesKktConditionsWithScikitLearnScaling() {
    // At a solution of min ½‖X−WH‖² + l1W‖W‖₁ + ½l2W‖W‖² (+ H terms), with l1W = alphaW·l1Ratio·cols
    // and l2W = alphaW·(1−l1Ratio)·cols, the gradient for W is 0 where W > 0 and ≥ 0 where W = 0.
    int rows = 30, cols = 20, k = 3;
    CsrMatrix x = NmfTestData.randomSparse(14, rows, cols, 0.5);
    double alphaW = 0.002, alphaH = 0.003, ratio = 0.4;
    NmfResult r = Nmf.fit(x, opts(k).withSolver(Solver.CD).withTol(0).withMaxIter(5000)
        .withRegularization(alphaW, alphaH, ratio), NmfListener.NONE);
    double l1W = alphaW * ratio * cols, l2W = alphaW * (1 - ratio) * cols;
    double l1H = alphaH * ratio * rows, l2H = alphaH * (1 - ratio) * rows;
    double[][] xd = x.toDense();
    double[][] wh = new double[rows][cols];
    for (int i = 0; i < rows; i++)
      for (int j = 0; j < cols; j++)
        for (int t = 0; t < k; t++) wh[i][j] += r.w().get(i, t) * r.h().get(t, j);
    for (int i = 0; i < rows; i++)
      for (int t = 0; t < k; t++) {
        double g = l1W + l2W * r.w().get(i, t);
        for (int j = 0; j < cols; j++) g += (wh[i][j] - xd[i][j]) * r.h().get(t, j);
        checkKkt(r.w().get(i, t), g, "W(" + i + "," + t + ")");
      }
    for (int t = 0; t < k; t++)
      for (int j = 0; j < cols; j++) {
        double g = l1H + l2H * r.h().get(t, j);
        for (int i = 0; i < rows; i++) g += (wh[i][j] - xd[i][j]) * r.w().get(i, t);
        checkKkt(r.h().get(t, j), g, "H(" + t + "," + j + ")");
      }
  }

  private static void checkKkt(double value, double grad, String what) {
    if (value > 0) {
      assertEquals(0.0, grad, 1e-6, what);
    } else {
      assertTrue(grad >= -1e-6, what + " gradient " + grad);
    }
  }

  @Test
  void regularizationShrinksTheFactors() {
    CsrMatrix x = NmfTestData.randomSparse(13, 80, 60, 0.2);
    NmfResult plain = Nmf.fit(x, opts(5).withTol(0).withMaxIter(50), NmfListener.NONE);
    NmfResult l1 = Nmf.fit(x, opts(5).withTol(0).withMaxIter(50).withRegularization(0.01, 0.01, 1.0), NmfListener.NONE);
    long zerosPlain = Arrays.stream(plain.h().data()).filter(v -> v == 0).count();
    long zerosL1 = Arrays.stream(l1.h().data()).filter(v -> v == 0).count();
    assertTrue(zerosL1 > zerosPlain, zerosL1 + " vs " + zerosPlain);
    assertTrue(l1.objective() > plain.objective());
  }


  @Test
  void extrapolatedHalsReturnsTheFactorsOfTheReportedObjective() {
    // Long enough for HALS to settle and extrapolate (with restarts), which keeps the best pair:
    // the factors returned must be that pair, not the last extrapolated point.
    double[][] sum = NmfTestData.plantedLowRank(21, 120, 90, 6);
    CsrMatrix noisy = NmfTestData.randomSparse(22, 120, 90, 0.3);
    double[][] extra = noisy.toDense();
    for (int i = 0; i < sum.length; i++) {
      for (int j = 0; j < sum[i].length; j++) {
        sum[i][j] += extra[i][j];
      }
    }
    CsrMatrix data = CsrMatrix.fromDense(sum, 90);
    for (int threads : new int[] {1, 2}) {
      NmfResult r = Nmf.fit(data, opts(8).withSolver(Solver.HALS).withTol(0).withMaxIter(150)
          .withTrace(true).withThreads(threads), NmfListener.NONE);
      double direct = NmfTestData.denseFrobenius(data, r.w(), r.h());
      assertEquals(direct, r.objective(), 1e-9 * direct, "objective of the returned factors");
      List<TracePoint> trace = r.trace();
      for (int t = 1; t < trace.size(); t++) {
        assertTrue(trace.get(t).objective() <= trace.get(t - 1).objective(), "trace increases at " + t);
      }
      assertEquals(r.objective(), trace.get(trace.size() - 1).objective());
    }
  }
}

package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The NMF invariants for {@link Solver#ANLS} (block principal pivoting). */
class AnlsTest {

  private static NmfOptions anls(int k) {
    return NmfOptions.defaults(k).withSolver(Solver.ANLS).withThreads(1);
  }

  private static void assertNonNegative(NmfResult r, String what) {
    for (double v : r.w().data()) assertTrue(v >= 0 && Double.isFinite(v), what + ": W has " + v);
    for (double v : r.h().data()) assertTrue(v >= 0 && Double.isFinite(v), what + ": H has " + v);
  }

  @Test
  void objectiveNeverIncreasesWithZeroToleranceAndFactorsStayNonNegative() {
    CsrMatrix x = NmfTestData.randomSparse(6, 120, 90, 0.1);
    for (Init init : Init.values()) {
      for (double[] reg : new double[][] {{0, 0, 0}, {0.01, 0.02, 0.5}}) {
        NmfOptions o = anls(6).withInit(init).withTol(0).withMaxIter(40).withTrace(true)
            .withRegularization(reg[0], reg[1], reg[2]);
        NmfResult r = Nmf.fit(x, o, NmfListener.NONE);
        assertEquals(40, r.iterations());
        assertFalse(r.converged());
        assertNonNegative(r, init + " " + Arrays.toString(reg));
        for (int t = 1; t < r.trace().size(); t++) {
          double prev = r.trace().get(t - 1).objective();
          double cur = r.trace().get(t).objective();
          if (reg[0] == 0) {
            assertTrue(cur <= prev * (1 + 1e-12), init + " iteration " + t + ": " + prev + " -> " + cur);
          }
        }
      }
    }
  }

  @Test
  void penalisedObjectiveNeverIncreases() {
    // With regularisation the trace holds the loss alone; the penalised objective drives the fit,
    // so check it through fits of growing length (each a prefix of the next: the solver is exact).
    CsrMatrix x = NmfTestData.randomSparse(16, 70, 50, 0.2);
    double prev = Double.POSITIVE_INFINITY;
    Regularization reg = Regularization.of(anls(4).withRegularization(0.01, 0.02, 0.5), 70, 50);
    for (int iters = 0; iters <= 12; iters++) {
      NmfResult r = Nmf.fit(x, anls(4).withTol(0).withMaxIter(iters).withRegularization(0.01, 0.02, 0.5),
          NmfListener.NONE);
      double[] ht = r.h().transpose().data();
      double f = r.objective() + reg.penalty(r.w().data(), 70 * 4, ht, 50 * 4);
      assertTrue(f <= prev * (1 + 1e-12), "after " + iters + ": " + prev + " -> " + f);
      prev = f;
    }
  }

  @Test
  void sameBitsWhateverTheThreadCount() {
    CsrMatrix x = NmfTestData.randomSparse(5, 1300, 700, 0.03);
    for (Init init : new Init[] {Init.NNDSVDA, Init.RANDOM}) {
      NmfOptions o = anls(7).withInit(init).withMaxIter(12).withTol(0).withRegularization(0.001, 0.001, 0.3);
      NmfTestData.assertSameBitsWhateverTheThreads(x, o, String.valueOf(init));
    }
  }

  @Test
  void plantedLowRankMatrixIsRecovered() {
    double[][] planted = NmfTestData.plantedLowRank(7, 80, 60, 4);
    CsrMatrix x = CsrMatrix.fromDense(planted, 60);
    NmfResult r = Nmf.fit(x, anls(4).withTol(1e-12).withMaxIter(2000), NmfListener.NONE);
    assertTrue(r.relativeError() < 1e-3, "relative error " + r.relativeError());
    assertEquals(Math.sqrt(2 * NmfTestData.denseFrobenius(x, r.w(), r.h()) / x.frobeniusNormSquared()),
        r.relativeError(), 1e-6);
    assertNonNegative(r, "planted");
  }

  @Test
  void reachesTheObjectiveOfHalsOnTheSameIterations() {
    // Each ANLS half-step is the exact minimiser HALS only approaches, so after the first
    // iteration from the same start ANLS is at least as low.
    CsrMatrix x = NmfTestData.randomSparse(9, 150, 100, 0.1);
    NmfResult a = Nmf.fit(x, anls(5).withTol(0).withMaxIter(1), NmfListener.NONE);
    NmfResult h = Nmf.fit(x, anls(5).withSolver(Solver.CD).withTol(0).withMaxIter(1), NmfListener.NONE);
    assertTrue(a.objective() <= h.objective(), a.objective() + " vs " + h.objective());
    assertEquals(NmfTestData.denseFrobenius(x, a.w(), a.h()), a.objective(), 1e-9 * a.objective());
  }

  @Test
  void klLossIsRejectedNamingBothFlags() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NmfOptions.defaults(3).withLoss(Loss.KL).withSolver(Solver.ANLS));
    assertTrue(e.getMessage().contains("solver anls") && e.getMessage().contains("loss kl"), e.getMessage());
  }
}

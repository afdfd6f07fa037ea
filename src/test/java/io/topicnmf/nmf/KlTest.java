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
      for (int iters : new int[] {0, 1, 20}) {
        NmfResult r = Nmf.fit(x, kl(5, solver).withMaxIter(iters).withTol(0), NmfListener.NONE);
        double dense = NmfTestData.denseKl(x, r.w(), r.h());
        assertEquals(dense, r.objective(), 1e-9 * dense, solver + " after " + iters);
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
      NmfResult one = Nmf.fit(x, o.withThreads(1), NmfListener.NONE);
      for (int threads : new int[] {2, 3}) {
        NmfResult many = Nmf.fit(x, o.withThreads(threads), NmfListener.NONE);
        assertTrue(Arrays.equals(one.w().data(), many.w().data()), solver + " W threads=" + threads);
        assertTrue(Arrays.equals(one.h().data(), many.h().data()), solver + " H threads=" + threads);
        assertEquals(one.objective(), many.objective());
      }
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
}

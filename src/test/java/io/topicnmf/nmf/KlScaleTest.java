package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import org.junit.jupiter.api.Test;

/**
 * A KL fit of a matrix of tiny or large values: fitted to X·2^e (largest value in [0.5, 1)) and
 * scaled back, so that predictions are not all floored at the KL ε (the fit of 10⁻³⁸ data used to
 * stop after 0 iterations with a relative error of 1) and NNDSVDa's fill does not swamp the start
 * (the fit of 10¹⁰ data stopped after 6 sweeps with a relative error above 1).
 */
class KlScaleTest {
  private static CsrMatrix times(CsrMatrix x, float factor) {
    float[] v = x.values().clone();
    for (int p = 0; p < v.length; p++) v[p] *= factor;
    return new CsrMatrix(x.rows(), x.cols(), x.rowPtr(), x.colIdx(), v);
  }

  private static NmfOptions kl(int k, Solver solver) {
    return NmfOptions.defaults(k).withLoss(Loss.KL).withSolver(solver).withThreads(2).withTrace(true);
  }

  @Test
  void aTinyMatrixIsFittedAsTheSameMatrixScaledUpBitForBit() {
    CsrMatrix x = NmfMemoryTest.generated(400, 300, 20, 7);
    float max = 0f;
    for (float v : x.values()) max = Math.max(max, v);
    // The reference: the same values with their largest in [0.5, 1), which the fit takes as they are.
    CsrMatrix unit = times(x, Math.scalb(1f, -Math.getExponent(max) - 1));
    assertEquals(0, Nmf.klScaleExponent(unit));
    for (int e : new int[] {120, -60, -17}) {
      aScaledMatrixIsFittedAsTheUnitOne(unit, e);
    }
    assertEquals(0, Nmf.klScaleExponent(times(unit, 0x1p15f)), "counts below 65,536 keep their bits");
  }

  private static void aScaledMatrixIsFittedAsTheUnitOne(CsrMatrix unit, int scale) {
    // X·2^-e: largest value about 10⁻³⁶ (e = 120), 10¹⁸ (e = -60) or just above 65,536 (e = -17).
    CsrMatrix tiny = times(unit, Math.scalb(1f, -scale));
    assertEquals(scale, Nmf.klScaleExponent(tiny));
    int e = -scale;
    for (Solver solver : new Solver[] {Solver.CD, Solver.MU}) {
      NmfResult a = Nmf.fit(unit, kl(6, solver), null);
      NmfResult b = Nmf.fit(tiny, kl(6, solver), null);
      assertTrue(a.iterations() > 3 && a.relativeError() < 0.95, solver + ": the reference fit is a fit");
      assertEquals(a.iterations(), b.iterations(), solver.toString());
      assertArrayEquals(a.h().data(), b.h().data(), 0.0, solver + ": H");
      double[] wa = a.w().data();
      double[] wb = b.w().data();
      for (int q = 0; q < wa.length; q++) {
        assertEquals(Math.scalb(wa[q], e), wb[q], 0.0, solver + ": W entry " + q);
      }
      assertEquals(Math.scalb(a.objective(), e), b.objective(), 0.0, solver + ": divergence");
      assertEquals(a.relativeError(), b.relativeError(), 0.0, solver + ": relative error");
      assertEquals(a.trace().size(), b.trace().size());
      for (int i = 0; i < a.trace().size(); i++) {
        assertEquals(Math.scalb(a.trace().get(i).objective(), e), b.trace().get(i).objective(), 0.0);
      }
    }
  }

  @Test
  void ordinaryMatricesAndOtherLossesAreNotScaled() {
    CsrMatrix x = NmfMemoryTest.generated(200, 100, 10, 3);
    assertEquals(0, Nmf.klScaleExponent(x));
    float max = 0f;
    for (float v : x.values()) max = Math.max(max, v);
    // Just inside either bound: not scaled; just outside: scaled into [0.5, 1).
    float factor = (float) (Nmf.KL_SMALLEST_MAX / max);
    assertEquals(0, Nmf.klScaleExponent(times(x, factor)));
    assertEquals(20, Nmf.klScaleExponent(times(x, Math.nextDown(factor))));
    // A largest value that is a subnormal float (2^-140): scaled by 2^139, into [0.5, 1).
    CsrMatrix one = new CsrMatrix(1, 2, new int[] {0, 2}, new int[] {0, 1}, new float[] {0x1p-141f, 0x1p-140f});
    assertEquals(139, Nmf.klScaleExponent(one));
    // Frobenius on tiny data is left alone (HALS has no floor): same as before, a working fit.
    CsrMatrix tiny = times(x, 0x1p-120f);
    NmfResult f = Nmf.fit(tiny, NmfOptions.defaults(4).withThreads(1), null);
    assertTrue(f.relativeError() < 0.95 && f.iterations() > 1, "relative error " + f.relativeError());
  }
}

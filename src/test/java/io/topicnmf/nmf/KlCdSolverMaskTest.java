package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link KlCdSolver} visits only the non-zero components of the factors (bit masks); the terms it
 * leaves out are exact zeros, so every sweep must give the bits of the dense kernel it replaced
 * ({@link DenseKlCdReference}), whatever the thread count and for ranks over one mask word.
 */
class KlCdSolverMaskTest {

  private static double[] sparseFactor(SplittableRandom rnd, int rows, int k, double zeros) {
    double[] f = new double[rows * k];
    for (int q = 0; q < f.length; q++) f[q] = rnd.nextDouble() < zeros ? 0.0 : rnd.nextDouble();
    return f;
  }

  @Test
  void maskedSweepsGiveTheDenseKernelsBits() {
    for (int k : new int[] {3, 50, 70, 130}) {
      SplittableRandom rnd = new SplittableRandom(k);
      int rows = 60, cols = 45;
      CsrMatrix x = CsrMatrix.fromDense(KlCdSolverTest.randomSparse(rnd, rows, cols, 0.3), cols);
      CsrMatrix xt = x.transpose();
      double[] w = sparseFactor(rnd, rows, k, 0.7);
      double[] ht = sparseFactor(rnd, cols, k, 0.85);
      double[] refW = w.clone();
      double[] refH = ht.clone();
      double[] refV = new double[x.nnz()];
      double[] refVt = new double[x.nnz()];
      // Small gather buffers make some rows go one component at a time (packed: in groups of
      // components, sized by their lists; cols * 3 makes groups of several), large ones all at once
      // (packed: gathered while screening). Solvers told the longest row keep a copy of a long
      // row's packed entries of the same length as the gather buffer: part of the row with len
      // cols and cols * 3, all of it with cols * 10.
      for (int len : new int[] {cols, cols * 3, cols * 10, cols * k}) {
        DenseKlCdReference ref = new DenseKlCdReference(k, len, 1, 3, 1e-3);
        for (int sweep = 0; sweep < 4; sweep++) {
          ref.sweep(0, x.rowPtr(), x.colIdx(), x.values(), refW, refH, sums(refH, cols, k), 0.01, 0.02,
              refV, sweep % 2 == 1, 0, rows);
          ref.sweep(0, xt.rowPtr(), xt.colIdx(), xt.values(), refH, refW, sums(refW, rows, k), 0.0, 0.01,
              refVt, false, 0, cols);
        }
        int longest = Math.max(KlUpdater.maxRowNnz(x), KlUpdater.maxRowNnz(xt));
        for (int run = 0; run < 9; run++) {
          int threads = 1 + run % 3;
          // Runs 0-2 read the fixed factor's bit masks, 3-8 its packed non-zeros, 6-8 with copies of
          // long rows' packed entries.
          double share = run < 3 ? 0.0 : 1.0;
          boolean copies = run >= 6;
          double[] a = w.clone();
          double[] b = ht.clone();
          double[] v = new double[x.nnz()];
          double[] vt = new double[x.nnz()];
          KlCdSolver cd = copies
              ? new KlCdSolver(k, len, longest, threads, 3, 1e-3)
              : new KlCdSolver(k, len, threads, 3, 1e-3);
          if (copies && k >= 50) {
            // At k ≥ 50 every len but the largest leaves rows too long to gather at once.
            assertEquals(len == cols * k ? 0 : len, KlCdSolver.copyLength(len, longest, k));
          }
          try (Workers workers = Workers.of(threads)) {
            for (int sweep = 0; sweep < 4; sweep++) {
              NonZeros hMask = new NonZeros(cols, k, share).of(b, workers);
              double[] hSum = sums(b, cols, k);
              boolean current = sweep % 2 == 1;
              workers.forEachBlock(rows, 7, (worker, blk, from, to) -> cd.sweep(worker, x.rowPtr(),
                  x.colIdx(), x.values(), a, b, hMask, hSum, 0.01, 0.02, v, current, from, to));
              NonZeros wMask = new NonZeros(rows, k, share).of(a, workers);
              double[] wSum = sums(a, rows, k);
              workers.forEachBlock(cols, 5, (worker, blk, from, to) -> cd.sweep(worker, xt.rowPtr(),
                  xt.colIdx(), xt.values(), b, a, wMask, wSum, 0.0, 0.01, vt, false, from, to));
            }
          }
          String at = "k=" + k + " len=" + len + " threads=" + threads + " packed=" + hMaskPacked(share)
              + " copies=" + copies;
          assertArrayEquals(refW, a, 0.0, at);
          assertArrayEquals(refH, b, 0.0, at);
          assertArrayEquals(refV, v, 0.0, at);
          assertArrayEquals(refVt, vt, 0.0, at);
        }
        refW = w.clone();
        refH = ht.clone();
        refV = new double[x.nnz()];
        refVt = new double[x.nnz()];
      }
    }
  }

  @Test
  void aFixedFactorBeyondFloatsRangeGivesTheScaledBitsOnEveryPath() {
    // KL descent is scale-equivariant: with b times 2^e and a times 2^-e (exact in double) the
    // predictions are the same and every step scales by 2^-e. The packed copy keeps such a b in
    // units of a power of two (NonZeros.unit), so the result is the plain run's scaled, bit for
    // bit, where rounding b to float without a unit would overflow (e = 300) or flush to zero
    // (e = -300).
    int k = 6;
    SplittableRandom rnd = new SplittableRandom(5);
    int rows = 50, cols = 40;
    CsrMatrix x = CsrMatrix.fromDense(KlCdSolverTest.randomSparse(rnd, rows, cols, 0.3), cols);
    double[] w = sparseFactor(rnd, rows, k, 0.3);
    double[] ht = sparseFactor(rnd, cols, k, 0.6);
    for (double share : new double[] {0.0, 1.0}) {
      double[] plain = w.clone();
      double[] vPlain = new double[x.nnz()];
      sweepOnce(x, plain, ht, share, vPlain);
      for (int e : new int[] {300, -300, 70, -70}) {
        double up = Math.scalb(1.0, e);
        double down = Math.scalb(1.0, -e);
        double[] a = w.clone();
        double[] b = ht.clone();
        for (int q = 0; q < a.length; q++) a[q] *= down;
        for (int q = 0; q < b.length; q++) b[q] *= up;
        double[] v = new double[x.nnz()];
        NonZeros nz = sweepOnce(x, a, b, share, v);
        assertEquals(Math.scalb(1.0, Math.getExponent(maxOf(b))), nz.unit, "e=" + e);
        for (int q = 0; q < a.length; q++) a[q] *= up;
        String at = "e=" + e + " packed=" + hMaskPacked(share);
        assertArrayEquals(plain, a, 0.0, at);
        assertArrayEquals(vPlain, v, 0.0, at);
      }
    }
  }

  private static NonZeros sweepOnce(CsrMatrix x, double[] a, double[] b, double share, double[] v) {
    int k = a.length / x.rows();
    int cols = x.cols();
    NonZeros nz = new NonZeros(cols, k, share).of(b, null);
    new KlCdSolver(k, cols * k, 1, 3, 1e-3).sweep(0, x.rowPtr(), x.colIdx(), x.values(), a, b, nz,
        sums(b, cols, k), 0.0, 0.0, v, false, 0, x.rows());
    return nz;
  }

  private static double maxOf(double[] f) {
    double m = 0.0;
    for (double d : f) m = Math.max(m, d);
    return m;
  }

  private static boolean hMaskPacked(double share) {
    return share > 0;
  }

  private static double[] sums(double[] f, int rows, int k) {
    double[] s = new double[k];
    for (int j = 0; j < rows; j++) for (int t = 0; t < k; t++) s[t] += f[j * k + t];
    return s;
  }
}

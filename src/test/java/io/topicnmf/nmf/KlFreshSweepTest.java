package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * KL coordinate descent without stored predictions ({@link KlCdSolver#sweepFresh}, the sweep
 * {@link KlUpdater} runs): against the stored-prediction sweep it replaced, against a brute-force
 * divergence, and across thread counts.
 */
class KlFreshSweepTest {

  /** Factors with about a third of their entries zero, so screening and the masks have work to do. */
  private static double[] sparseFactor(SplittableRandom rnd, int length) {
    double[] f = new double[length];
    for (int q = 0; q < length; q++) f[q] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
    return f;
  }

  @Test
  void freshSweepGivesTheStoredSweepsBitsAndItsDivergenceTerms() {
    SplittableRandom rnd = new SplittableRandom(21);
    int rows = 2 * Sweeps.BLOCK + 77, cols = 90;
    CsrMatrix x = CsrMatrix.fromDense(KlCdSolverTest.randomSparse(rnd, rows, cols, 0.15), cols);
    int longest = KlUpdater.maxRowNnz(x);
    for (int k : new int[] {3, 12, 70}) {
      double[] w = sparseFactor(rnd, rows * k);
      double[] ht = sparseFactor(rnd, cols * k);
      double[] hSum = new double[k];
      DenseKernels.columnSums(ht, cols, k, hSum);
      // Packed non-zeros of H (share 1) and the masks only (share 0): both paths of the screening.
      for (double share : new double[] {1.0, 0.0}) {
        NonZeros nz = new NonZeros(cols, k, share).of(ht, null);
        for (int len : new int[] {longest, KlUpdater.gatherLength(longest, k)}) {
          double[] stored = w.clone();
          double[] v = new double[x.nnz()];
          KlCdSolver ref = new KlCdSolver(k, len, 1, KlUpdater.MAX_NEWTON, KlUpdater.NEWTON_TOL);
          int blocks = Workers.blockCount(rows, Sweeps.BLOCK);
          double[] refTerms = new double[blocks];
          for (int b = 0; b < blocks; b++) {
            int from = b * Sweeps.BLOCK;
            int to = Math.min(rows, from + Sweeps.BLOCK);
            ref.sweep(0, x.rowPtr(), x.colIdx(), x.values(), stored, ht, nz, hSum, 0.01, 0.02, v, false, from, to);
            refTerms[b] = KlLoss.klTermsRows(x.rowPtr(), x.values(), v, from, to);
          }
          for (int threads : new int[] {1, 2}) {
            double[] fresh = w.clone();
            double[] terms = new double[blocks];
            KlCdSolver cd = new KlCdSolver(k, len, longest, threads, KlUpdater.MAX_NEWTON, KlUpdater.NEWTON_TOL);
            try (Workers workers = Workers.of(threads)) {
              workers.forEachBlock(rows, Sweeps.BLOCK, (worker, b, from, to) -> terms[b] = cd.sweepFresh(worker,
                  x.rowPtr(), x.colIdx(), x.values(), fresh, ht, nz, hSum, 0.01, 0.02, true, from, to));
            }
            String what = "k=" + k + " share=" + share + " len=" + len + " threads=" + threads;
            assertArrayEquals(stored, fresh, 0.0, what);
            assertArrayEquals(refTerms, terms, 0.0, what);
          }
        }
      }
    }
  }

  @Test
  void freshSweepWithoutLossReturnsZeroAndRefusesARowLongerThanItsBuffer() {
    SplittableRandom rnd = new SplittableRandom(22);
    int rows = 40, cols = 30, k = 4;
    CsrMatrix x = CsrMatrix.fromDense(KlCdSolverTest.randomSparse(rnd, rows, cols, 0.3), cols);
    double[] ht = sparseFactor(rnd, cols * k);
    double[] hSum = new double[k];
    DenseKernels.columnSums(ht, cols, k, hSum);
    NonZeros nz = new NonZeros(cols, k, 1.0).of(ht, null);
    int longest = KlUpdater.maxRowNnz(x);
    KlCdSolver cd = new KlCdSolver(k, longest * k, longest, 1, 2, 1e-3);
    assertEquals(0.0, cd.sweepFresh(0, x.rowPtr(), x.colIdx(), x.values(), sparseFactor(rnd, rows * k), ht, nz,
        hSum, 0.0, 0.0, false, 0, rows));
    KlCdSolver shortRows = new KlCdSolver(k, longest * k, longest - 1, 1, 2, 1e-3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shortRows.sweepFresh(0,
        x.rowPtr(), x.colIdx(), x.values(), sparseFactor(rnd, rows * k), ht, nz, hSum, 0.0, 0.0, true, 0, rows));
    assertTrue(e.getMessage().contains("row buffer holds " + (longest - 1)), e.getMessage());
  }

  /**
   * {@link KlUpdater} against the same iterations written with stored predictions (one array per
   * half-sweep, formed by the sweep, and the divergence summed over it afterwards, as the
   * updater did before it formed them row by row), extrapolation included: the same objectives
   * and factors, bit for bit, sweep after sweep; and the objective never increases.
   */
  @Test
  void updaterGivesTheBitsOfStoredPredictionsEverySweep() {
    CsrMatrix x = NmfMemoryTest.generated(2_500, 1_200, 25, 9);
    int k = 10;
    int sweeps = 25;
    NmfOptions o = NmfOptions.defaults(k).withLoss(Loss.KL).withSolver(Solver.CD).withRegularization(1e-4, 1e-4, 0.5);
    for (int threads : new int[] {1, 2}) {
      try (Workers workers = Workers.of(threads)) {
        CsrMatrix xt = x.transpose();
        Regularization reg = Regularization.of(o, x.rows(), x.cols());
        double[] w0 = new double[x.rows() * k];
        double[] ht0 = new double[x.cols() * k];
        Initializer.initialize(x, xt, k, Init.NNDSVDA, new SplittableRandom(4), workers, w0, ht0);
        double[] w = w0.clone();
        double[] ht = ht0.clone();
        double[] expected = new StoredPredictions(x, xt, k, w0, ht0, reg, workers).run(sweeps);
        try (KlUpdater u = new KlUpdater(x, xt, k, w, ht, Solver.CD, reg, workers)) {
          double previous = u.start();
          assertEquals(expected[0], previous, 0.0);
          for (int s = 1; s <= sweeps; s++) {
            double f = u.iterate();
            assertEquals(expected[s], f, 0.0, "sweep " + s + ", threads " + threads);
            assertTrue(f <= previous, "sweep " + s + ": " + previous + " -> " + f);
            previous = f;
          }
          u.finish();
          assertArrayEquals(w0, w, 0.0, "W, threads " + threads);
          assertArrayEquals(ht0, ht, 0.0, "Hᵀ, threads " + threads);
          // The divergence the updater summed from its row buffers is the brute-force one (to
          // 1e-8 relative: its predictions read the fixed factor rounded to float).
          double[] h = new double[k * x.cols()];
          DenseKernels.transpose(ht, x.cols(), k, h);
          double dense = NmfTestData.denseKl(x, new DenseMatrix(x.rows(), k, w), new DenseMatrix(k, x.cols(), h));
          assertEquals(dense, u.loss(), 1e-8 * dense);
        }
      }
    }
  }

  @Test
  void updaterGivesTheSameBitsWhateverTheThreadCount() {
    CsrMatrix x = NmfMemoryTest.generated(3 * Sweeps.BLOCK + 300, 900, 20, 10);
    int k = 7;
    double[][] ref = null;
    for (int threads : new int[] {1, 2, 3}) {
      double[] w = new double[x.rows() * k];
      double[] ht = new double[x.cols() * k];
      double[] objectives = new double[16];
      try (Workers workers = Workers.of(threads)) {
        CsrMatrix xt = x.transpose();
        Initializer.initialize(x, xt, k, Init.NNDSVDA, new SplittableRandom(5), workers, w, ht);
        NmfOptions o = NmfOptions.defaults(k).withLoss(Loss.KL).withSolver(Solver.CD);
        try (KlUpdater u = new KlUpdater(x, xt, k, w, ht, Solver.CD, Regularization.of(o, x.rows(), x.cols()),
            workers)) {
          objectives[0] = u.start();
          for (int s = 1; s < objectives.length; s++) objectives[s] = u.iterate();
          u.finish();
        }
      }
      if (ref == null) {
        ref = new double[][] {w, ht, objectives};
      } else {
        assertArrayEquals(ref[2], objectives, 0.0, "objectives, threads " + threads);
        assertArrayEquals(ref[0], w, 0.0, "W, threads " + threads);
        assertArrayEquals(ref[1], ht, 0.0, "Hᵀ, threads " + threads);
      }
    }
  }

  /**
   * The reference: {@link KlUpdater#iterate}'s steps with a prediction array per half-sweep
   * ({@link KlCdSolver#sweep} forming W·H at every stored entry) and the divergence summed over
   * the array by {@link KlLoss#klTermsRows(int[], float[], double[], int, int)} afterwards.
   */
  private static final class StoredPredictions {
    private final CsrMatrix x;
    private final CsrMatrix xt;
    private final int k;
    private final double[] w;
    private final double[] ht;
    private final Regularization reg;
    private final Workers workers;
    private final double[] v;
    private final double[] vt;
    private final double[] colSum;
    private final KlCdSolver cd;
    private final Extrapolation extrapolation;

    StoredPredictions(CsrMatrix x, CsrMatrix xt, int k, double[] w, double[] ht, Regularization reg,
        Workers workers) {
      this.x = x;
      this.xt = xt;
      this.k = k;
      this.w = w;
      this.ht = ht;
      this.reg = reg;
      this.workers = workers;
      this.v = new double[x.nnz()];
      this.vt = new double[x.nnz()];
      this.colSum = new double[k];
      int longest = Math.max(KlUpdater.maxRowNnz(x), KlUpdater.maxRowNnz(xt));
      this.cd = new KlCdSolver(k, KlUpdater.gatherLength(longest, k), workers.threads(), KlUpdater.MAX_NEWTON,
          KlUpdater.NEWTON_TOL);
      this.extrapolation = new Extrapolation(x.rows() * k, x.cols() * k, workers);
    }

    /** The objective at the start and after each of {@code sweeps} sweeps; W and Hᵀ left at the best pair. */
    double[] run(int sweeps) {
      double[] f = new double[sweeps + 1];
      int m = x.rows();
      int n = x.cols();
      double[] partials = new double[Workers.blockCount(m, Sweeps.BLOCK)];
      workers.forEachBlock(m, Sweeps.BLOCK, (b, from, to) ->
          partials[b] = KlLoss.klTermsRows(x.rowPtr(), x.colIdx(), x.values(), w, ht, k, from, to));
      f[0] = penalised(divergence(partials, partials.length));
      extrapolation.initial(f[0]);
      NonZeros hnz = new NonZeros(n, k, NonZeros.PACK_SHARE);
      NonZeros wnz = new NonZeros(m, k, NonZeros.PACK_SHARE);
      double[] tPartials = new double[Workers.blockCount(n, Sweeps.BLOCK)];
      for (int s = 1; s <= sweeps; s++) {
        boolean extraNow = extrapolation.started();
        DenseKernels.columnSums(ht, n, k, colSum);
        NonZeros hz = hnz.of(ht, workers);
        workers.forEachBlock(m, Sweeps.BLOCK, (worker, b, from, to) -> cd.sweep(worker, x.rowPtr(), x.colIdx(),
            x.values(), w, ht, hz, colSum, reg.l1W(), reg.l2W(), v, false, from, to));
        if (extraNow) {
          extrapolation.extrapolateW(w);
        }
        DenseKernels.columnSums(w, m, k, colSum);
        NonZeros wz = wnz.of(w, workers);
        workers.forEachBlock(n, Sweeps.BLOCK, (worker, b, from, to) -> cd.sweep(worker, xt.rowPtr(), xt.colIdx(),
            xt.values(), ht, w, wz, colSum, reg.l1H(), reg.l2H(), vt, false, from, to));
        workers.forEachBlock(n, Sweeps.BLOCK, (b, from, to) ->
            tPartials[b] = KlLoss.klTermsRows(xt.rowPtr(), xt.values(), vt, from, to));
        double loss = divergence(tPartials, tPartials.length);
        double fs = penalised(loss);
        if (!extraNow) {
          extrapolation.considerStart(w, ht, fs, loss, KlUpdater.START);
          f[s] = fs;
        } else {
          extrapolation.afterH(w, ht, fs, loss);
          f[s] = extrapolation.best();
        }
      }
      extrapolation.restoreBest(w, ht);
      return f;
    }

    private double divergence(double[] partials, int blocks) {
      double s = 0.0;
      for (int b = 0; b < blocks; b++) s += partials[b];
      double[] ws = new double[k];
      double[] hs = new double[k];
      DenseKernels.columnSums(w, x.rows(), k, ws);
      DenseKernels.columnSums(ht, x.cols(), k, hs);
      double sumWh = 0.0;
      for (int t = 0; t < k; t++) sumWh += ws[t] * hs[t];
      return Math.max(s + sumWh, 0.0);
    }

    private double penalised(double loss) {
      return loss + reg.penalty(w, x.rows() * k, ht, x.cols() * k);
    }
  }
}

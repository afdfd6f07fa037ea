package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The estimate of {@link NmfMemory} against the heap measured (used heap after full collections)
 * around the allocations a fit makes while it iterates, on generated document-term matrices.
 */
class NmfMemoryTest {

  /** A documents × terms matrix with Zipf-like term frequencies, as text gives. */
  static CsrMatrix generated(int rows, int cols, int perRow, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] ptr = new int[rows + 1];
    int[] idx = new int[rows * 2 * perRow];
    double[] val = new double[idx.length];
    boolean[] seen = new boolean[cols];
    int p = 0;
    for (int i = 0; i < rows; i++) {
      int len = 1 + rng.nextInt(2 * perRow - 1);
      int start = p;
      for (int t = 0; t < len; t++) {
        int j = (int) Math.floor(Math.pow(cols, rng.nextDouble())) - 1;
        if (!seen[j]) {
          seen[j] = true;
          idx[p++] = j;
        }
      }
      java.util.Arrays.sort(idx, start, p);
      for (int q = start; q < p; q++) {
        seen[idx[q]] = false;
        val[q] = 0.1 + rng.nextDouble();
      }
      ptr[i + 1] = p;
    }
    return new CsrMatrix(rows, cols, ptr, idx, val);
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  @ParameterizedTest
  @CsvSource({"KL,CD,20", "KL,MU,20", "FROBENIUS,HALS,20", "FROBENIUS,HALS,50", "KL,CD,50"})
  void iterationEstimateIsWithinTwentyPercentOfTheMeasuredHeap(Loss loss, Solver solver, int k) {
    CsrMatrix x = generated(40_000, 12_000, 60, 7);
    NmfOptions o = NmfOptions.defaults(k).withLoss(loss).withSolver(solver).withThreads(2);
    long estimate = NmfMemory.iterationBytes(x.rows(), x.cols(), x.nnz(), NmfMemory.longestLine(x), o);
    long before = usedAfterGc();
    Object[] held = allocate(x, o);
    long measured = usedAfterGc() - before;
    assertTrue(held[1] != null);
    double ratio = (double) estimate / measured;
    assertTrue(Math.abs(ratio - 1) <= 0.2, "estimate " + estimate + " bytes, measured " + measured
        + " (ratio " + ratio + ") for " + loss + "/" + solver + " k=" + k);
  }

  /**
   * The compact layout of KL descent (W's extrapolation copies in files)
   * against the heap it holds after its first sweeps (the packed copies of the factors are filled).
   */
  @ParameterizedTest
  @CsvSource({"20", "50"})
  void compactEstimateIsWithinTwentyPercentOfTheMeasuredHeap(int k, @org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    CsrMatrix x = generated(40_000, 12_000, 60, 7);
    NmfOptions o = NmfOptions.defaults(k).withLoss(Loss.KL).withSolver(Solver.CD).withThreads(2);
    long estimate = NmfMemory.iterationBytes(x.rows(), x.cols(), x.nnz(), NmfMemory.longestLine(x), o, true);
    long plain = NmfMemory.iterationBytes(x.rows(), x.cols(), x.nnz(), NmfMemory.longestLine(x), o);
    assertEquals(16L * x.rows() * k + 32 - 2 * FactorCopy.spilledHeapBytes(), plain - estimate);
    long before = usedAfterGc();
    double[] w = new double[x.rows() * k];
    double[] ht = new double[x.cols() * k];
    try (Workers workers = Workers.of(o.threads())) {
      CsrMatrix xt = x.transpose();
      Initializer.initialize(x, xt, k, Init.NNDSVDA, new SplittableRandom(0), workers, w, ht);
      try (KlUpdater u = new KlUpdater(x, xt, k, w, ht, Solver.CD, Regularization.of(o, x.rows(), x.cols()),
          workers, dir)) {
        u.start();
        u.iterate();
        u.iterate();
        long measured = usedAfterGc() - before;
        assertTrue(xt.nnz() > 0);
        double ratio = (double) estimate / measured;
        assertTrue(Math.abs(ratio - 1) <= 0.2, "estimate " + estimate + " bytes, measured " + measured
            + " (ratio " + ratio + ") for the compact layout, k=" + k);
      }
    }
  }

  /** What {@link Nmf#fit} holds while it iterates: Xᵀ, W, Hᵀ and the updater with its workspace. */
  private static Object[] allocate(CsrMatrix x, NmfOptions o) {
    int k = o.k();
    double[] w = new double[x.rows() * k];
    double[] ht = new double[x.cols() * k];
    try (Workers workers = Workers.of(o.threads())) {
      CsrMatrix xt = x.transpose();
      Regularization reg = Regularization.of(o, x.rows(), x.cols());
      Updater u = o.loss() == Loss.FROBENIUS
          ? new FrobeniusUpdater(x, xt, k, w, ht, o.effectiveSolver(), reg, workers)
          : new KlUpdater(x, xt, k, w, ht, o.effectiveSolver(), reg, workers);
      return new Object[] {xt, u, w, ht};
    }
  }

  /**
   * The epoch phase of a mini-batch fit against the heap held after one step: W, the batch's W,
   * the step (Hᵀ, statistics, solver workspace), the largest batch and its transpose (KL keeps a
   * transposed matrix of ratios of the same size, Frobenius a transposed batch), and for KL the
   * float ratios.
   */
  @ParameterizedTest
  @CsvSource({"KL,CD,20,2000", "KL,MU,20,4000", "FROBENIUS,HALS,20,2000", "FROBENIUS,HALS,50,8000"})
  void miniBatchEstimateIsWithinTwentyPercentOfTheMeasuredHeap(Loss loss, Solver solver, int k, int batch) {
    CsrMatrix x = generated(40_000, 12_000, 60, 11);
    NmfOptions o = NmfOptions.defaults(k).withLoss(loss).withSolver(solver).withThreads(2).withBatchSize(batch);
    long batchNnz = NmfMemory.largestBatch(x, batch);
    long estimate = NmfMemory.miniBatchEpochBytes(x.cols(), batchNnz, batch, KlUpdater.maxRowNnz(x), o)
        + 16 + 8L * x.rows() * k; // and W
    CsrMatrix xb = RowSource.slice(x, 0, batch);
    long before = usedAfterGc();
    Object[] held = holdEpoch(x.rows(), xb, o);
    long measured = usedAfterGc() - before;
    assertTrue(held[0] != null);
    double ratio = (double) estimate / measured;
    assertTrue(Math.abs(ratio - 1) <= 0.2, "estimate " + estimate + " bytes, measured " + measured
        + " (ratio " + ratio + ") for mini-batch " + loss + "/" + solver + " k=" + k + " batch=" + batch);
  }

  private static Object[] holdEpoch(int rows, CsrMatrix xb, NmfOptions o) {
    int k = o.k();
    int n = xb.cols();
    double[] w = new double[rows * k];
    double[] ht = new double[n * k];
    java.util.Arrays.fill(ht, 0.1);
    double[] wb = new double[xb.rows() * k];
    try (Workers workers = Workers.of(o.threads())) {
      OnlineStep step = o.loss() == Loss.FROBENIUS
          ? new OnlineFrobenius(n, k, xb.rows(), ht, o, 0.9, workers)
          : new OnlineKl(n, k, xb.rows(), ht, o, 0.9, workers);
      step.step(xb, wb, true);
      CsrMatrix xt = xb.transpose();
      float[] ratios = o.loss() == Loss.KL ? new float[xb.nnz()] : null;
      return new Object[] {step, w, wb, xt, ratios};
    }
  }

  @Test
  void klDescentCostsSixteenBytesPerNonZeroWithX() {
    // X (8: int column, float value) + Xᵀ (8), as Frobenius: the predictions are formed row by
    // row, nothing per non-zero; the estimate counts what the fit adds to X.
    NmfOptions o = NmfOptions.defaults(5).withLoss(Loss.KL).withSolver(Solver.CD).withThreads(1);
    long a = NmfMemory.iterationBytes(1000, 1000, 1_000_000, 100, o);
    long b = NmfMemory.iterationBytes(1000, 1000, 2_000_000, 100, o);
    assertEquals(8 * 1_000_000L, b - a);
    NmfOptions f = o.withLoss(Loss.FROBENIUS);
    assertEquals(8 * 1_000_000L, NmfMemory.iterationBytes(1000, 1000, 2_000_000, 100, f)
        - NmfMemory.iterationBytes(1000, 1000, 1_000_000, 100, f));
  }

  /**
   * The final re-solve of W for KL ({@link NmfTransform}) against what it holds while it solves:
   * the fit's W and H, Hᵀ, the new W, H packed and the solver with each worker's buffers of one row.
   */
  @ParameterizedTest
  @CsvSource({"20,2", "50,2", "50,4"})
  void klFinalEstimateIsWithinTwentyPercentOfTheMeasuredHeap(int k, int threads) {
    CsrMatrix x = generated(40_000, 12_000, 60, 5);
    NmfOptions o = NmfOptions.defaults(k).withLoss(Loss.KL).withSolver(Solver.CD).withThreads(threads);
    int longestRow = KlUpdater.maxRowNnz(x);
    long estimate = NmfMemory.finalBytes(x.rows(), x.cols(), x.nnz(), longestRow, o);
    long before = usedAfterGc();
    Object[] held = holdFinal(x, o);
    long measured = usedAfterGc() - before;
    assertTrue(held[0] != null);
    double ratio = (double) estimate / measured;
    assertTrue(Math.abs(ratio - 1) <= 0.2, "estimate " + estimate + " bytes, measured " + measured
        + " (ratio " + ratio + ") for the KL re-solve, k=" + k + ", threads=" + threads);
    // A longest-line bound (rows and columns, as fitBytes passes) never counts less.
    assertTrue(NmfMemory.finalBytes(x.rows(), x.cols(), x.nnz(), NmfMemory.longestLine(x), o) >= estimate);
  }

  /** What {@link NmfTransform}'s KL solve holds, as it allocates it (after the fit's W and H). */
  private static Object[] holdFinal(CsrMatrix x, NmfOptions o) {
    int k = o.k();
    int n = x.cols();
    double[] fitW = new double[x.rows() * k];
    double[] h = new double[k * n];
    java.util.Arrays.fill(h, 0.1);
    double[] ht = new double[n * k];
    io.topicnmf.matrix.DenseKernels.transpose(h, k, n, ht);
    double[] w = fitW.clone();
    double[] hSum = new double[k];
    int longest = KlUpdater.maxRowNnz(x);
    KlCdSolver cd = new KlCdSolver(k, KlUpdater.gatherLength(longest, k), longest, o.threads(),
        KlUpdater.MAX_NEWTON, KlUpdater.NEWTON_TOL);
    try (Workers workers = Workers.of(o.threads())) {
      NonZeros hnz = new NonZeros(n, k, 1.0).of(ht, workers);
      return new Object[] {cd, hnz, fitW, h, ht, w, hSum};
    }
  }

  @Test
  void theFinalStageCountsNoBytesPerNonZeroForEitherLoss() {
    // The KL re-solve keeps each row's predictions in a worker's row buffer: more non-zeros with
    // the same longest row cost nothing in the final phase (it counted 8 bytes each before).
    for (Loss loss : Loss.values()) {
      NmfOptions o = NmfOptions.defaults(20).withLoss(loss).withThreads(2);
      assertEquals(NmfMemory.finalBytes(100_000, 50_000, 5_000_000, 400, o),
          NmfMemory.finalBytes(100_000, 50_000, 10_000_000, 400, o), loss.toString());
    }
    // Per worker, the row buffers grow with the longest row: 20 bytes an entry (prediction, value,
    // ratio), and the gather lists 12 bytes per entry and component up to their cap.
    NmfOptions kl = NmfOptions.defaults(20).withLoss(Loss.KL).withThreads(1);
    assertEquals(20L * 100 + 12L * 100 * 20, NmfMemory.klFinalScratchBytes(200, 20, 1)
        - NmfMemory.klFinalScratchBytes(100, 20, 1));
    assertEquals(2 * NmfMemory.klFinalScratchBytes(300, 20, 1), NmfMemory.klFinalScratchBytes(300, 20, 2));
    assertTrue(NmfMemory.finalBytes(100_000, 50_000, 5_000_000, 400, kl)
        < NmfMemory.finalBytes(100_000, 50_000, 5_000_000, 400, kl.withLoss(Loss.FROBENIUS)));
  }

  @Test
  void fitPeakIsAtLeastEachPhase() {
    NmfOptions o = NmfOptions.defaults(20);
    long fit = NmfMemory.fitBytes(50_000, 20_000, 3_000_000, 5_000, o);
    assertTrue(fit >= NmfMemory.iterationBytes(50_000, 20_000, 3_000_000, 5_000, o));
    assertTrue(fit >= NmfMemory.initBytes(50_000, 20_000, 3_000_000, 20));
    assertTrue(fit >= NmfMemory.finalBytes(50_000, 20_000, 3_000_000, o));
  }
}

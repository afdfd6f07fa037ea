package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.options.InvalidOptionException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The mini-batch (online) fit: {@link MiniBatchNmf} with {@link OnlineFrobenius} and {@link OnlineKl}. */
class MiniBatchNmfTest {
  /** A planted rank-r problem with multiplicative noise and scattered extra entries (no exact fit). */
  static CsrMatrix planted(long seed, int rows, int cols, int r) {
    double[][] x = NmfTestData.plantedLowRank(seed, rows, cols, r);
    SplittableRandom rnd = new SplittableRandom(seed + 1);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (x[i][j] > 0) {
          x[i][j] *= 0.7 + 0.6 * rnd.nextDouble();
        } else if (rnd.nextInt(20) == 0) {
          x[i][j] = 0.5 * rnd.nextDouble();
        }
      }
    }
    return CsrMatrix.fromDense(x, cols);
  }

  static NmfOptions options(Loss loss, int k) {
    return NmfOptions.defaults(k).withLoss(loss).withThreads(1).withSeed(3);
  }

  /** The objective computed densely from the returned factors (not the solver's own figure). */
  static double dense(Loss loss, CsrMatrix x, NmfResult r) {
    return loss == Loss.FROBENIUS
        ? NmfTestData.denseFrobenius(x, r.w(), r.h())
        : NmfTestData.denseKl(x, r.w(), r.h());
  }

  @ParameterizedTest
  @EnumSource(Loss.class)
  void reachesTheInMemoryObjectiveWithinTwoPercentOnAPlantedProblem(Loss loss) {
    CsrMatrix x = planted(11, 600, 100, 6);
    NmfResult full = Nmf.fit(x, options(loss, 6).withTol(1e-7).withMaxIter(300), null);
    NmfResult mb = Nmf.fit(x, options(loss, 6).withBatchSize(100).withMaxIter(40).withTol(0), null);
    assertEquals(40, mb.iterations());
    double fm = dense(loss, x, mb);
    assertEquals(fm, mb.objective(), 1e-8 * fm, "the reported objective is that of the returned factors");
    assertTrue(fm <= 1.02 * dense(loss, x, full), loss + ": mini-batch " + fm + " vs in-memory " + full.objective());
  }

  @ParameterizedTest
  @EnumSource(Loss.class)
  void theObjectiveDecreasesOnAveragePerEpoch(Loss loss) {
    CsrMatrix x = planted(5, 600, 90, 5);
    NmfOptions o = options(loss, 5).withBatchSize(64).withTol(0).withTrace(true);
    int epochs = 8;
    double[] f = new double[epochs + 1];
    for (int e = 1; e <= epochs; e++) {
      f[e] = dense(loss, x, Nmf.fit(x, o.withMaxIter(e), null));
    }
    // The figure after e epochs (W re-solved for that H): down on average, and never far up.
    double perEpoch = (f[1] - f[epochs]) / (epochs - 1);
    assertTrue(perEpoch > 0, loss + ": objective per epoch " + java.util.Arrays.toString(f));
    for (int e = 2; e <= epochs; e++) {
      assertTrue(f[e] <= f[e - 1] * 1.01, loss + ": epoch " + e + " " + java.util.Arrays.toString(f));
    }
    // The running objective of the trace (one point per epoch) decreases on average too.
    List<TracePoint> trace = Nmf.fit(x, o.withMaxIter(epochs), null).trace();
    assertEquals(epochs, trace.size());
    assertTrue(trace.get(0).objective() > trace.get(epochs - 1).objective(), trace.toString());
  }

  @ParameterizedTest
  @CsvSource({"FROBENIUS, HALS", "FROBENIUS, CD", "FROBENIUS, MU", "FROBENIUS, ANLS", "KL, CD", "KL, MU"})
  void everySolverGivesNonNegativeFactorsAndLowersTheObjective(Loss loss, Solver solver) {
    CsrMatrix x = NmfTestData.randomSparse(7, 300, 70, 0.15);
    NmfOptions o = options(loss, 4).withSolver(solver).withBatchSize(50).withTol(0);
    for (Init init : Init.values()) {
      NmfResult one = Nmf.fit(x, o.withInit(init).withMaxIter(1), null);
      NmfResult r = Nmf.fit(x, o.withInit(init).withMaxIter(15), null);
      for (double v : r.w().data()) assertTrue(v >= 0 && Double.isFinite(v), solver + " " + init + " W " + v);
      for (double v : r.h().data()) assertTrue(v >= 0 && Double.isFinite(v), solver + " " + init + " H " + v);
      assertTrue(r.objective() < one.objective(), solver + " " + init + ": " + r.objective() + " after 15 epochs, "
          + one.objective() + " after 1");
    }
  }

  @ParameterizedTest
  @EnumSource(Loss.class)
  void theSameBitsWithOneOrTwoThreads(Loss loss) {
    // Batches of more than one kernel block (Sweeps.BLOCK, SparseKernels.ROW_BLOCK) so both threads work.
    CsrMatrix x = NmfTestData.randomSparse(21, 2300, 600, 0.03);
    NmfOptions o = options(loss, 6).withBatchSize(1100).withMaxIter(4).withTol(0);
    NmfResult a = Nmf.fit(x, o.withThreads(1), null);
    NmfResult b = Nmf.fit(x, o.withThreads(2), null);
    assertArrayEquals(a.w().data(), b.w().data());
    assertArrayEquals(a.h().data(), b.h().data());
    assertEquals(a.objective(), b.objective());
  }

  @Test
  void aSeedChoosesTheBatchOrder() {
    CsrMatrix x = planted(2, 400, 60, 4);
    NmfOptions o = options(Loss.FROBENIUS, 4).withBatchSize(40).withMaxIter(3).withTol(0);
    NmfResult a = Nmf.fit(x, o, null);
    assertArrayEquals(a.h().data(), Nmf.fit(x, o, null).h().data());
    assertTrue(!java.util.Arrays.equals(a.h().data(), Nmf.fit(x, o.withSeed(4), null).h().data()));
  }

  /** A source that records the largest block it served, as a file-backed source would be read. */
  static final class CountingSource implements RowSource {
    final RowSource inner;
    int largest;
    int reads;

    CountingSource(CsrMatrix x) {
      inner = RowSource.of(x);
    }

    @Override
    public int rows() {
      return inner.rows();
    }

    @Override
    public int cols() {
      return inner.cols();
    }

    @Override
    public long nnz() {
      return inner.nnz();
    }

    @Override
    public CsrMatrix read(int from, int to) {
      largest = Math.max(largest, to - from);
      reads++;
      return inner.read(from, to);
    }
  }

  @ParameterizedTest
  @EnumSource(Loss.class)
  void aRowSourceIsReadOneBatchAtATimeAndGivesTheMatrixResult(Loss loss) {
    CsrMatrix x = planted(8, 500, 80, 5);
    NmfOptions o = options(loss, 5).withBatchSize(60).withMaxIter(5).withTol(0);
    CountingSource source = new CountingSource(x);
    NmfResult viaSource = Nmf.fit(source, o, null);
    NmfResult viaMatrix = Nmf.fit(x, o, null);
    assertArrayEquals(viaMatrix.w().data(), viaSource.w().data());
    assertArrayEquals(viaMatrix.h().data(), viaSource.h().data());
    assertEquals(60, source.largest, "never more than one batch of rows at once");
    // 16 sample runs for the initialisation, 9 batches per epoch for 5 epochs, 9 for the final W.
    assertEquals(16 + 9 * 5 + 9, source.reads);
    // With batch size 0 the source is read whole and the in-memory fit runs.
    NmfResult inMemory = Nmf.fit(new CountingSource(x), o.withBatchSize(0), null);
    assertArrayEquals(Nmf.fit(x, o.withBatchSize(0), null).h().data(), inMemory.h().data());
  }

  @Test
  void rowSourceBlocksCoverTheRowsInOrder() {
    CsrMatrix x = NmfTestData.randomSparse(3, 23, 9, 0.3);
    List<CsrMatrix> blocks = new ArrayList<>();
    Iterator<CsrMatrix> it = RowSource.of(x).blocks(10);
    it.forEachRemaining(blocks::add);
    assertEquals(List.of(10, 10, 3), blocks.stream().map(CsrMatrix::rows).toList());
    CsrMatrix again = MiniBatchNmf.stack(blocks, x.cols());
    assertArrayEquals(x.rowPtr(), again.rowPtr());
    assertArrayEquals(x.colIdx(), again.colIdx());
    assertArrayEquals(x.values(), again.values());
    assertThrows(IllegalArgumentException.class, () -> RowSource.of(x).blocks(0));
  }

  @Test
  void theInitialisationSampleSpreadsOverTheRows() {
    CsrMatrix x = NmfTestData.randomSparse(4, 1000, 20, 0.3);
    CsrMatrix s = MiniBatchNmf.sample(RowSource.of(x), 64);
    assertEquals(64, s.rows());
    // Run c starts at row c·1000/16 = 62.5·c; its first row is that row of X.
    for (int c = 0; c < 16; c++) {
      int i = (int) ((long) c * 1000 / 16);
      assertArrayEquals(RowSource.slice(x, i, i + 1).values(), RowSource.slice(s, 4 * c, 4 * c + 1).values());
    }
    assertEquals(1000, MiniBatchNmf.sample(RowSource.of(x), 5000).rows());
  }

  @Test
  void aBatchLargerThanTheMatrixIsOneBatch() {
    CsrMatrix x = planted(9, 120, 40, 3);
    NmfResult r = Nmf.fit(x, options(Loss.FROBENIUS, 3).withBatchSize(1_000_000).withMaxIter(30), null);
    assertTrue(r.relativeError() < 0.3, "relative error " + r.relativeError());
  }

  @Test
  void aNegativeValueIsNamedWithItsRowAndColumn() {
    double[][] a = {{1, 2}, {3, 4}, {5, -6}, {7, 8}};
    CsrMatrix x = CsrMatrix.fromDense(a, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Nmf.fit(x, options(Loss.FROBENIUS, 1).withBatchSize(2), null));
    assertTrue(e.getMessage().contains("row 2, column 1 is -6.0"), e.getMessage());
  }

  @Test
  void badBatchSizesAreNamed() {
    InvalidOptionException e = assertThrows(InvalidOptionException.class,
        () -> NmfOptions.defaults(2).withBatchSize(-2));
    assertEquals("batchSize", e.parameter());
    assertTrue(e.getMessage().contains("-2") && e.getMessage().contains("batchSize"), e.getMessage());
    assertEquals(NmfOptions.AUTO, NmfOptions.defaults(2).withBatchSize(NmfOptions.AUTO_BATCH).mode());
    assertEquals(NmfOptions.IN_MEMORY, NmfOptions.defaults(2).mode());
    assertEquals(NmfOptions.MINI_BATCH, NmfOptions.defaults(2).withBatchSize(8).mode());
    CsrMatrix x = planted(1, 30, 10, 2);
    InvalidOptionException k = assertThrows(InvalidOptionException.class,
        () -> Nmf.fit(x, options(Loss.KL, 11).withBatchSize(5), null));
    assertEquals("topics", k.parameter());
  }
}

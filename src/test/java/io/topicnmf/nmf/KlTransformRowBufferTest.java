package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The KL re-solve of W with each row's predictions in a worker's row buffer ({@link
 * KlCdSolver#sweepRow}, what {@link NmfTransform} runs) gives the bits of the transform it
 * replaced, which kept them in an array over every stored entry of X ({@link #storedTransform},
 * that code, kept here as the reference).
 */
class KlTransformRowBufferTest {

  private static double[] sparseFactor(SplittableRandom rnd, int length) {
    double[] f = new double[length];
    for (int q = 0; q < length; q++) f[q] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
    return f;
  }

  @Test
  void aRowsSweepsOnItsBufferGiveTheStoredSweepsBits() {
    SplittableRandom rnd = new SplittableRandom(31);
    int rows = 150, cols = 80;
    CsrMatrix x = CsrMatrix.fromDense(KlCdSolverTest.randomSparse(rnd, rows, cols, 0.2), cols);
    int longest = KlUpdater.maxRowNnz(x);
    for (int k : new int[] {3, 12, 70}) {
      double[] w = sparseFactor(rnd, rows * k);
      double[] ht = sparseFactor(rnd, cols * k);
      double[] hSum = new double[k];
      DenseKernels.columnSums(ht, cols, k, hSum);
      // Packed non-zeros of H and the masks only; gather lists of one component and of all.
      for (double share : new double[] {1.0, 0.0}) {
        NonZeros nz = new NonZeros(cols, k, share).of(ht, null);
        for (int len : new int[] {longest, KlUpdater.gatherLength(longest, k)}) {
          double[] stored = w.clone();
          double[] buffered = w.clone();
          double[] v = new double[x.nnz()];
          KlCdSolver ref = new KlCdSolver(k, len, 1, KlUpdater.MAX_NEWTON, KlUpdater.NEWTON_TOL);
          KlCdSolver cd = new KlCdSolver(k, len, longest, 1, KlUpdater.MAX_NEWTON, KlUpdater.NEWTON_TOL);
          for (int i = 0; i < rows; i++) {
            // Five sweeps of the row: formed, kept, kept, formed again, kept.
            for (int s = 0; s < 5; s++) {
              boolean kept = s % 3 != 0;
              ref.sweep(0, x.rowPtr(), x.colIdx(), x.values(), stored, ht, nz, hSum, 0.01, 0.02, v, kept, i, i + 1);
              cd.sweepRow(0, x.rowPtr(), x.colIdx(), x.values(), buffered, ht, nz, hSum, 0.01, 0.02, kept, i);
              // The screening's sums too (a kept sweep of a gathered row screens from the lists it
              // kept): they only choose the coordinates to move, so a difference in their last
              // bits would rarely show in W.
              assertArrayEquals(ref.lastSums(0), cd.lastSums(0), "row " + i + ", sweep " + s);
            }
          }
          assertArrayEquals(stored, buffered, "k " + k + ", share " + share + ", len " + len);
        }
      }
    }
  }

  @Test
  void aRowLongerThanTheRowBufferIsRejectedWithBothLengths() {
    SplittableRandom rnd = new SplittableRandom(2);
    CsrMatrix x = CsrMatrix.fromDense(KlCdSolverTest.randomSparse(rnd, 20, 30, 0.5), 30);
    int longest = KlUpdater.maxRowNnz(x);
    int k = 4;
    double[] ht = sparseFactor(rnd, 30 * k);
    NonZeros nz = new NonZeros(30, k, 1.0).of(ht, null);
    KlCdSolver shortRows = new KlCdSolver(k, 30 * k, longest - 1, 1, KlUpdater.MAX_NEWTON, KlUpdater.NEWTON_TOL);
    int row = 0;
    while (x.rowNnz(row) != longest) row++;
    int i = row;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shortRows.sweepRow(0,
        x.rowPtr(), x.colIdx(), x.values(), new double[20 * k], ht, nz, new double[k], 0, 0, false, i));
    assertTrue(e.getMessage().contains("row " + i + " has " + longest) && e.getMessage().contains("holds " + (longest - 1)),
        e.getMessage());
  }

  @Test
  void theTransformGivesTheBitsOfTheStoredPredictionTransform() {
    CsrMatrix planted = CsrMatrix.fromDense(NmfTestData.plantedLowRank(11, 700, 150, 8), 150);
    CsrMatrix noisy = NmfTestData.randomSparse(12, 700, 150, 0.1);
    SplittableRandom rnd = new SplittableRandom(13);
    for (CsrMatrix x : new CsrMatrix[] {planted, noisy}) {
      int k = 8;
      double[] hData = sparseFactor(rnd, k * 150);
      DenseMatrix h = new DenseMatrix(k, 150, hData);
      DenseMatrix start = new DenseMatrix(700, k, sparseFactor(rnd, 700 * k));
      for (double alphaW : new double[] {0.0, 1e-4}) {
        NmfTransform.Options o = new NmfTransform.Options(Loss.KL, alphaW, 0.5, 300, 1e-9, 1);
        for (DenseMatrix w0 : new DenseMatrix[] {start, null}) {
          for (int reformEvery : new int[] {1, NmfTransform.KL_REFORM_EVERY}) {
            double[] expected = storedTransform(x, h, w0, o, reformEvery);
            for (int threads : new int[] {1, 2}) {
              NmfTransform.Result r;
              try (Workers workers = Workers.of(threads)) {
                r = NmfTransform.transform(x, h, w0, o.withThreads(threads), workers, reformEvery);
              }
              assertArrayEquals(expected, r.w().data(), "alphaW " + alphaW + ", warm " + (w0 != null)
                  + ", reform every " + reformEvery + ", threads " + threads);
              assertTrue(r.maxSweeps() > 1);
            }
          }
        }
      }
    }
  }

  /**
   * The KL re-solve as {@link NmfTransform} ran it before the row buffer: the predictions of every
   * stored entry of X in one array, a row's kept between its sweeps. One thread, rows in order.
   */
  static double[] storedTransform(CsrMatrix x, DenseMatrix h, DenseMatrix w0, NmfTransform.Options options,
      int reformEvery) {
    int m = x.rows();
    int n = x.cols();
    int k = h.rows();
    double[] ht = new double[n * k];
    DenseKernels.transpose(h.data(), k, n, ht);
    double l1 = options.alphaW() * options.l1Ratio() * n;
    double l2 = options.alphaW() * (1 - options.l1Ratio()) * n;
    double[] w = w0 != null ? w0.data().clone() : new double[m * k];
    double[] hSum = new double[k];
    for (int t = 0; t < k; t++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += h.data()[t * n + j];
      hSum[t] = s;
    }
    double total = DenseKernels.sum(hSum, k);
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    float[] values = x.values();
    double[] v = new double[x.nnz()];
    KlCdSolver cd = new KlCdSolver(k, KlUpdater.gatherLength(KlUpdater.maxRowNnz(x), k), 1, KlUpdater.MAX_NEWTON,
        KlUpdater.NEWTON_TOL);
    NonZeros hnz = new NonZeros(n, k, 1.0).of(ht, null);
    double[] old = new double[k];
    for (int i = 0; i < m; i++) {
      if (w0 == null) {
        double mass = 0;
        for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) mass += values[p];
        double start = total > 0 ? mass / total : 0;
        for (int t = 0; t < k; t++) w[i * k + t] = start;
      }
      int s = 0;
      boolean done = false;
      while (!done && s < options.maxIter()) {
        System.arraycopy(w, i * k, old, 0, k);
        boolean kept = s % reformEvery != 0;
        cd.sweep(0, rowPtr, colIdx, values, w, ht, hnz, hSum, l1, l2, v, kept, i, i + 1);
        s++;
        double change = 0;
        double norm = 0;
        for (int t = 0; t < k; t++) {
          double d = w[i * k + t] - old[t];
          change += d * d;
          norm += w[i * k + t] * w[i * k + t];
        }
        done = change <= options.tol() * options.tol() * norm;
      }
    }
    return w;
  }
}

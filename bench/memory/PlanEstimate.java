package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The memory plan's estimates ({@link NmfMemory}) of the default in-memory fit (KL coordinate
 * descent) for a shape, without allocating it: each phase, the plain and the compact layout.
 *
 * <pre>
 *   PlanEstimate ROWS COLS NNZ LONGEST K [THREADS]     a shape given by its numbers
 *   PlanEstimate MATRIX.mtx K [THREADS]                the shape of a saved matrix (prints it)
 * </pre>
 *
 * LONGEST is the most stored entries of one row or column ({@link NmfMemory#longestLine}).
 */
public final class PlanEstimate {
  public static void main(String[] a) throws Exception {
    int rows;
    int cols;
    long nnz;
    int longest;
    int k;
    int threads;
    if (a[0].endsWith(".mtx")) {
      CsrMatrix x = MatrixMarket.readNonNegative(Path.of(a[0]));
      rows = x.rows();
      cols = x.cols();
      nnz = x.nnz();
      longest = NmfMemory.longestLine(x);
      k = Integer.parseInt(a[1]);
      threads = a.length > 2 ? Integer.parseInt(a[2]) : 2;
      System.out.printf(Locale.ROOT, "matrix: rows %d cols %d nnz %d longest line %d (longest row %d)%n",
          rows, cols, nnz, longest, KlUpdater.maxRowNnz(x));
    } else {
      rows = Integer.parseInt(a[0]);
      cols = Integer.parseInt(a[1]);
      nnz = Long.parseLong(a[2]);
      longest = Integer.parseInt(a[3]);
      k = Integer.parseInt(a[4]);
      threads = a.length > 5 ? Integer.parseInt(a[5]) : 2;
    }
    NmfOptions o = NmfOptions.defaults(k).withLoss(Loss.KL).withThreads(threads);
    long iter = NmfMemory.iterationBytes(rows, cols, nnz, longest, o);
    long iterCompact = NmfMemory.iterationBytes(rows, cols, nnz, longest, o, true);
    System.out.printf(Locale.ROOT, "shape: rows %d cols %d nnz %d longest %d k %d threads %d (%s/%s)%n", rows, cols,
        nnz, longest, k, threads, o.loss(), o.effectiveSolver());
    System.out.printf(Locale.ROOT, "X itself (held by the caller): %s%n", gb(NmfMemory.csrBytes(rows, nnz)));
    System.out.printf(Locale.ROOT, "init %s | iterations %s (compact %s) | final %s%n",
        gb(NmfMemory.initBytes(rows, cols, nnz, k)), gb(iter), gb(iterCompact),
        gb(NmfMemory.finalBytes(rows, cols, nnz, longest, o)));
    System.out.printf(Locale.ROOT, "fit estimate (largest phase): plain %s, compact %s%n",
        gb(NmfMemory.fitBytes(rows, cols, nnz, longest, o)), gb(NmfMemory.fitBytes(rows, cols, nnz, longest, o, true)));
  }

  private static String gb(long bytes) {
    return String.format(Locale.ROOT, "%.3f GB (%d bytes)", bytes / (1024.0 * 1024 * 1024), bytes);
  }
}

package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;

/**
 * The heap a factorization allocates on top of its input X, computed from the shape alone so a
 * caller can refuse a fit that cannot fit before allocating anything.
 *
 * <p>A fit goes through three phases, and the peak is the largest of them:
 *
 * <ol>
 *   <li><b>initialisation</b>: Xᵀ, W, Hᵀ and the randomized SVD's range bases (nndsvd);
 *   <li><b>iterations</b>: Xᵀ, W, Hᵀ and the solver's workspace — for KL coordinate descent the
 *       packed non-zeros of the factors and each worker's buffers (gather lists, and the
 *       predictions and values of one row: nothing per non-zero), for HALS the products X·Hᵀ and
 *       Xᵀ·W and the residuals; both keep the previous and best factors for extrapolation;
 *   <li><b>final weights</b>: W, H of the fit, and W re-solved for H ({@link NmfTransform}).
 * </ol>
 *
 * <p>Costs per stored entry of X: 8 bytes for X itself (int column + float value, {@link
 * CsrMatrix}) and 8 for Xᵀ, so a fit holds 16 bytes per non-zero while it iterates, KL or
 * Frobenius (24 when X held double values; KL coordinate descent kept 20 more, two double
 * predictions and an int position, until it formed the predictions row by row), plus 8·k bytes
 * per row and per column for each dense k-wide array; the final re-solve of W for KL keeps
 * nothing per non-zero either, only each worker's buffers for one row ({@link NmfTransform},
 * {@link #finalBytes}). The compact layout of KL descent, which {@link
 * MemoryPlan} chooses before mini-batches, keeps W's extrapolation copies in files (two fewer m·k
 * arrays). {@code NmfMemoryTest} compares {@link #iterationBytes} with the heap measured around
 * the allocation.
 */
public final class NmfMemory {
  /** Bytes of an array header (compressed class pointers), counted once per array. */
  private static final long HEADER = 16;

  private NmfMemory() {}

  /** Bytes of a CSR matrix of these rows and non-zeros (int column ids, float values). */
  public static long csrBytes(long rows, long nnz) {
    return CsrMatrix.bytes(rows, nnz);
  }

  /**
   * The peak heap a fit of a {@code rows × cols} matrix with {@code nnz} stored entries allocates
   * beyond X: the largest of its three phases (class comment). {@code longest} is the most stored
   * entries of one row or column ({@link #longestLine}), which sizes KL descent's buffers.
   */
  public static long fitBytes(int rows, int cols, long nnz, int longest, NmfOptions options) {
    return fitBytes(rows, cols, nnz, longest, options, false);
  }

  /**
   * As {@link #fitBytes(int, int, long, int, NmfOptions)}, for the compact layout of KL coordinate
   * descent when {@code compact} ({@link #iterationBytes(int, int, long, int, NmfOptions, boolean)}).
   */
  public static long fitBytes(int rows, int cols, long nnz, int longest, NmfOptions options, boolean compact) {
    return Math.max(Math.max(initBytes(rows, cols, nnz, options.k()),
        iterationBytes(rows, cols, nnz, longest, options, compact)), finalBytes(rows, cols, nnz, longest, options));
  }

  /** Whether a fit with {@code options} has a compact in-memory layout: KL coordinate descent. */
  public static boolean hasCompactLayout(NmfOptions options) {
    return options.loss() == Loss.KL && options.effectiveSolver() == Solver.CD;
  }

  /** {@link #fitBytes(int, int, long, int, NmfOptions)} for {@code x}. */
  public static long fitBytes(CsrMatrix x, NmfOptions options) {
    return fitBytes(x.rows(), x.cols(), x.nnz(), longestLine(x), options);
  }

  /** The most stored entries in one row or one column of {@code x}. */
  public static int longestLine(CsrMatrix x) {
    int[] perColumn = new int[x.cols()];
    int longest = 0;
    int[] colIdx = x.colIdx();
    for (int i = 0; i < x.rows(); i++) {
      longest = Math.max(longest, x.rowNnz(i));
    }
    for (int p = 0, nnz = x.nnz(); p < nnz; p++) {
      longest = Math.max(longest, ++perColumn[colIdx[p]]);
    }
    return longest;
  }

  /** Heap held while the solver iterates: Xᵀ, W, Hᵀ and the workspace of the loss and solver. */
  public static long iterationBytes(int rows, int cols, long nnz, int longest, NmfOptions options) {
    return iterationBytes(rows, cols, nnz, longest, options, false);
  }

  /**
   * As {@link #iterationBytes(int, int, long, int, NmfOptions)}; with {@code compact} (KL
   * coordinate descent only) the compact layout of {@link KlUpdater}: W's two extrapolation
   * copies in files ({@link FactorCopy#spilled}: 16·m·k bytes less).
   */
  public static long iterationBytes(int rows, int cols, long nnz, int longest, NmfOptions options,
      boolean compact) {
    boolean small = compact && hasCompactLayout(options);
    long m = rows;
    long n = cols;
    long k = options.k();
    long big = Math.max(m, n);
    long factors = dense(m * k) + dense(n * k);
    long ws;
    Solver solver = options.effectiveSolver();
    if (options.loss() == Loss.KL) {
      if (solver == Solver.CD) {
        long gather = KlUpdater.gatherLength(longest, (int) k);
        long copy = KlCdSolver.copyLength((int) gather, longest, (int) k);
        ws = (small ? 2 * dense(n * k) + 2 * FactorCopy.spilledHeapBytes() : extrapolation(m, n, k))
            + NonZeros.bytes(m, k, NonZeros.PACK_SHARE) + NonZeros.bytes(n, k, NonZeros.PACK_SHARE)
            + (long) options.threads() * (dense(gather) + ints(gather) + dense(3) + dense(k) + 4 * ints(k)
                + dense(longest) + floats(longest) + copyBytes(copy));
      } else {
        ws = dense(blocks(big, Sweeps.BLOCK) * k);
      }
      ws += dense(blocks(big, Sweeps.BLOCK)) + 2 * dense(k);
    } else {
      ws = dense(m * k) + dense(n * k) + 2 * dense(k * k)
          + dense(blocks(big, DenseKernels.REDUCE_BLOCK) * k * k);
      switch (solver) {
        case MU -> ws += dense(blocks(big, Sweeps.BLOCK) * k);
        case ANLS -> ws += dense(blocks(big, Sweeps.BLOCK) + options.threads() * (k * k + 3 * k))
            + ints(options.threads() * 2L * k);
        default -> ws += dense(big * k) + dense(blocks(big, Sweeps.BLOCK)) + extrapolation(m, n, k);
      }
    }
    return csrBytes(n, nnz) + factors + ws;
  }

  /** Heap held while nndsvd initialises: Xᵀ, W, Hᵀ and the range bases of the randomized SVD. */
  static long initBytes(int rows, int cols, long nnz, int k) {
    long a = Math.min(rows, cols);
    long b = Math.max(rows, cols);
    long l = Math.min(k + RandomizedSvd.OVERSAMPLES, a);
    // y, its orthonormal basis and the next basis while it is formed (a × l each), the final z
    // (b × l; v is formed in its array), and either the power iterations' single-precision sketch
    // and basis (b × l and a × l floats) or, once they are let go, the factor u of the SVD (a × k).
    long svd = dense(b * l) + 3 * dense(a * l) + Math.max(floats(b * l) + floats(a * l), dense(a * k));
    return csrBytes(cols, nnz) + dense((long) rows * k) + dense((long) cols * k) + svd;
  }

  /**
   * {@link #finalBytes(int, int, long, int, NmfOptions)} with the longest row bounded by the
   * columns and the non-zeros.
   */
  static long finalBytes(int rows, int cols, long nnz, NmfOptions options) {
    return finalBytes(rows, cols, nnz, (int) Math.min(cols, Math.min(nnz, Integer.MAX_VALUE)), options);
  }

  /**
   * Heap held while W is re-solved for the final H ({@link NmfTransform}): the fit's W and H, Hᵀ
   * and the new W, and then for Frobenius X·Hᵀ and the Gram matrices; for KL the larger of the
   * solve's scratch (H packed, and per worker the coordinate-descent buffers of one row: {@link
   * #klFinalScratchBytes}, nothing per non-zero of X) and what the report's Frobenius objective
   * forms after it (a slab of X·Hᵀ, {@link FrobeniusUpdater#frobenius}). {@code longest} bounds the
   * stored entries of one row (a row or column bound such as {@link #longestLine} will do).
   */
  static long finalBytes(int rows, int cols, long nnz, int longest, NmfOptions options) {
    long m = rows;
    long n = cols;
    long k = options.k();
    long result = dense(m * k) + dense(n * k);
    long gram = dense(blocks(Math.max(m, n), DenseKernels.REDUCE_BLOCK) * k * k);
    long work = dense(n * k) + dense(m * k);
    if (options.loss() == Loss.KL) {
      long row = Math.min(longest, Math.min(n, nnz));
      long solve = NonZeros.bytes(n, k, 1.0) + dense(k) + klFinalScratchBytes(row, k, options.threads());
      long objective = dense(Math.min(m, FrobeniusUpdater.SLAB_ROWS) * k) + 2 * dense(k * k) + gram;
      work += Math.max(solve, objective);
    } else {
      work += dense(m * k) + gram;
    }
    return result + work;
  }

  /**
   * The scratch of {@link NmfTransform}'s KL solve for {@code threads} workers, rows of at most
   * {@code longestRow} stored entries: each worker's {@link KlCdScratch} (the gather lists, the
   * row's predictions, values and ratios, and k-sized arrays) and its start-of-sweep copy of a row of W.
   */
  static long klFinalScratchBytes(long longestRow, long k, int threads) {
    int longest = (int) Math.min(longestRow, Integer.MAX_VALUE);
    long gather = KlUpdater.gatherLength(longest, (int) k) + 1;
    long copy = KlCdSolver.copyLength((int) gather - 1, longest, (int) k);
    long words = (k + 63) >>> 6;
    long perWorker = dense(gather) + ints(gather) + 2 * dense(longestRow) + floats(longestRow)
        + dense(3) + 2 * dense(k) + 6 * ints(k) + 2 * dense(words) + copyBytes(copy) + 80;
    return threads * perWorker;
  }

  /** One worker's copy of a long row's packed entries ({@link KlCdScratch#copyIdx}) of {@code copy} entries. */
  private static long copyBytes(long copy) {
    return 2 * ints(copy) + dense(copy);
  }

  /**
   * The peak heap a mini-batch fit ({@link MiniBatchNmf}) of a {@code rows × cols} matrix allocates
   * besides its row source, with batches of {@code batch} rows holding at most {@code batchNnz}
   * stored entries: W ({@code rows × k}, kept for the warm starts and the result), then the largest
   * of three phases — the initialisation on a sample of {@code max(batch, k)} rows (its CSR copy,
   * transpose, and the randomized SVD's bases), an epoch (Hᵀ, the loss's statistics over the
   * columns, one batch with its transpose and the solver's workspace for {@code max(batch, cols)}
   * rows) and the final pass (H and the transform of one batch). {@code longestRow} is the most
   * stored entries of one row (or a bound), which sizes KL descent's buffers.
   */
  public static long miniBatchBytes(int rows, int cols, long batchNnz, int batch, int longestRow, NmfOptions options) {
    long m = rows;
    long n = cols;
    long k = options.k();
    long b = Math.max(1, Math.min(batch, rows));
    long sampleRows = Math.min(m, Math.max(b, k));
    long init = 2 * csrBytes(sampleRows, batchNnz) + initBytes((int) sampleRows, cols, batchNnz, (int) k)
        - csrBytes(n, batchNnz) + dense(n * k);
    long wide = Math.max(b, n);
    // The final pass: H, one batch and its W, and NmfTransform's work on it (finalBytes less the
    // fit's W and H, which this estimate counts once).
    int lastRow = (int) Math.min(Math.min(batchNnz, n), longestRow);
    long last = dense(n * k) + csrBytes(b, batchNnz) + dense(b * k)
        + finalBytes((int) b, cols, batchNnz, lastRow, options) - dense(b * k) - dense(n * k);
    return dense(m * k) + Math.max(init, Math.max(miniBatchEpochBytes(cols, batchNnz, (int) b, longestRow, options), last));
  }

  /**
   * Heap held during an epoch of a mini-batch fit besides W: Hᵀ, the batch's W, one batch and its
   * transpose (for KL the transposed ratios X/WH, of the same size), and the loss's statistics
   * over the columns and the solver's workspace.
   */
  static long miniBatchEpochBytes(int cols, long batchNnz, int batch, int longestRow, NmfOptions options) {
    long n = cols;
    long k = options.k();
    long b = batch;
    long wide = Math.max(b, n);
    long step;
    if (options.loss() == Loss.KL) {
      int gather = KlUpdater.gatherLength((int) Math.min(Math.min(batchNnz, n), longestRow), (int) k);
      step = 3 * dense(n * k) + dense(b * k) + dense(batchNnz) + 4 * batchNnz + HEADER
          + dense(blocks(b, Sweeps.BLOCK))
          + (options.effectiveSolver() == Solver.MU
              ? dense(blocks(wide, Sweeps.BLOCK) * k)
              : (long) options.threads() * (dense(gather) + ints(gather) + dense(k) + 3 * ints(k))
                  + NonZeros.bytes(n, k, 1.0));
    } else {
      step = 2 * dense(n * k) + dense(b * k) + 3 * dense(k * k)
          + dense(DenseKernels.gramWorkspaceSize((int) Math.min(wide, Integer.MAX_VALUE), (int) k))
          + dense(wide * k) + dense(blocks(wide, Sweeps.BLOCK));
    }
    return dense(n * k) + dense(b * k) + csrBytes(b, batchNnz) + csrBytes(n, batchNnz) + step;
  }

  /**
   * A fit's need {@code fitBytes} raised to what its caller holds after it when that is more: W
   * ({@code rows × k} doubles, the result) and {@code afterFit} bytes the caller allocates while
   * it holds W (0: nothing).
   */
  public static long withAfterFit(long fitBytes, int rows, int k, long afterFit) {
    return afterFit <= 0 ? fitBytes : Math.max(fitBytes, dense((long) rows * k) + afterFit);
  }

  /** The most stored entries in one batch of {@code batch} consecutive rows of {@code x} (batches from row 0). */
  public static long largestBatch(CsrMatrix x, int batch) {
    int[] ptr = x.rowPtr();
    long most = 0;
    int b = Math.max(1, batch);
    for (int from = 0; from < x.rows(); from += b) {
      int to = (int) Math.min(x.rows(), (long) from + b);
      most = Math.max(most, ptr[to] - ptr[from]);
    }
    return most;
  }

  private static long extrapolation(long m, long n, long k) {
    return 2 * dense(m * k) + 2 * dense(n * k);
  }

  private static long blocks(long rows, int block) {
    return Math.max(1, Workers.blockCount((int) Math.min(rows, Integer.MAX_VALUE), block));
  }

  private static long dense(long length) {
    return 8 * length + HEADER;
  }

  private static long ints(long length) {
    return 4 * length + HEADER;
  }

  private static long floats(long length) {
    return 4 * length + HEADER;
  }
}

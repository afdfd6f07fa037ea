package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import java.util.Locale;

/**
 * How a factorization will run, chosen from an estimate of its heap before anything is allocated:
 * in memory (every iteration over all rows, X with its transposed copy) or by mini-batches of rows
 * ({@link MiniBatchNmf}), which holds one batch of X at a time besides W and H.
 *
 * <p>The estimates are {@link NmfMemory#fitBytes} and {@link NmfMemory#miniBatchBytes}, the heap
 * the fit allocates beyond its input. They are compared with the heap free for the fit: {@link
 * Runtime#maxMemory()} less the heap in use (after a collection when it looks short), less a
 * margin of {@value #MARGIN_PERCENT}% of the maximum heap for what the estimate leaves out (the
 * collector's regions, small objects, the caller's own work after the fit).
 *
 * <p>With {@link NmfOptions#AUTO_BATCH} (the command line's default {@code --batch-size auto}) the
 * fit runs in memory when that fits, else by mini-batches of {@value #AUTO_BATCH_ROWS} rows (fewer
 * if needed, down to {@value #MIN_BATCH_ROWS}); an explicit batch size (or 0, in memory) is kept.
 * When the chosen mode does not fit, {@link #choose} throws {@link InsufficientMemoryException}
 * with the heap that would be needed and, if one exists, a batch size that fits.
 *
 * @param mode {@link NmfOptions#IN_MEMORY} or {@link NmfOptions#MINI_BATCH}
 * @param batchSize the rows per batch the fit runs with (0 in memory)
 * @param inMemoryBytes the estimated heap of the in-memory fit
 * @param miniBatchBytes the estimated heap of the mini-batch fit with {@code batchSize} (or {@value
 *     #AUTO_BATCH_ROWS} rows when in memory)
 * @param availableBytes the heap free for the fit when it was planned
 * @param reason why this mode, in one sentence for the report ({@code fit.modeReason})
 * @param compact whether the in-memory fit runs in its compact layout (KL coordinate descent: W's
 *     extrapolation copies in files; the same results, {@link
 *     NmfMemory#iterationBytes(int, int, long, int, NmfOptions, boolean)}), which auto mode and
 *     {@code --batch-size 0} choose when the plain layout does not fit but this one does; {@code
 *     inMemoryBytes} is then its estimate
 */
public record MemoryPlan(String mode, int batchSize, long inMemoryBytes, long miniBatchBytes,
    long availableBytes, String reason, boolean compact) {

  /** A plan with the plain in-memory layout (not compact). */
  public MemoryPlan(String mode, int batchSize, long inMemoryBytes, long miniBatchBytes, long availableBytes,
      String reason) {
    this(mode, batchSize, inMemoryBytes, miniBatchBytes, availableBytes, reason, false);
  }

  /** Rows per batch when auto mode falls back to mini-batches. */
  public static final int AUTO_BATCH_ROWS = 4096;
  /** The smallest batch auto mode tries before giving up. */
  public static final int MIN_BATCH_ROWS = 256;
  /**
   * With the system property {@code topicnmf.nmf.compact=true} an in-memory fit that has a compact
   * layout runs in it whenever it fits (for benchmarks: the layout's speed on a corpus whose plain
   * fit would fit too; the results are the same).
   */
  static final boolean FORCE_COMPACT = Boolean.getBoolean("topicnmf.nmf.compact");
  /** Share of the maximum heap kept free beyond the estimate. */
  public static final int MARGIN_PERCENT = 10;

  /** {@code options} with the batch size of this plan. */
  public NmfOptions apply(NmfOptions options) {
    return options.withBatchSize(batchSize).withTolResolved();
  }

  /** Plans the fit of {@code x} against the heap free now ({@link #freeHeap}). */
  public static MemoryPlan of(CsrMatrix x, NmfOptions options) {
    return of(x, options, 0);
  }

  /**
   * Plans the fit of {@code x} against the heap free now, keeping room for what the caller
   * allocates after the fit while it still holds W ({@code afterFit} bytes besides W: a topic
   * model's clusters and document lists, {@link NmfMemory#withAfterFit}).
   */
  public static MemoryPlan of(CsrMatrix x, NmfOptions options, long afterFit) {
    int longest = NmfMemory.longestLine(x);
    long inMemory = NmfMemory.fitBytes(x.rows(), x.cols(), x.nnz(), longest, options);
    long compact = NmfMemory.hasCompactLayout(options)
        ? NmfMemory.fitBytes(x.rows(), x.cols(), x.nnz(), longest, options, true) : 0;
    return choose(x.rows(), x.cols(), options, inMemory, compact, b -> NmfMemory.largestBatch(x, b), longest,
        Runtime.getRuntime().maxMemory(), MemoryPlan::freeHeap, afterFit);
  }

  /**
   * Plans the fit of the rows of {@code source}. Its longest row or column is unknown without a
   * pass over it: the in-memory estimate takes the KL solver's scratch at its cap; a batch is taken
   * to hold at most twice its share of the non-zeros.
   */
  public static MemoryPlan of(RowSource source, NmfOptions options) {
    int m = source.rows();
    long nnz = source.nnz();
    int longest = (int) Math.min(nnz, Integer.MAX_VALUE / 64);
    long inMemory = NmfMemory.csrBytes(m, nnz) + NmfMemory.fitBytes(m, source.cols(), nnz, longest, options);
    long compact = NmfMemory.hasCompactLayout(options)
        ? NmfMemory.csrBytes(m, nnz) + NmfMemory.fitBytes(m, source.cols(), nnz, longest, options, true) : 0;
    return choose(m, source.cols(), options, inMemory, compact,
        b -> Math.min(nnz, 2 * (long) Math.ceil((double) nnz * Math.min(b, m) / Math.max(1, m))),
        source.cols(), Runtime.getRuntime().maxMemory(), MemoryPlan::freeHeap, 0);
  }

  /** The most stored entries of a batch of a given number of rows. */
  @FunctionalInterface
  public interface BatchNnz {
    long of(int batchRows);
  }

  /** The heap free for a fit that needs {@code needed} bytes. */
  @FunctionalInterface
  public interface FreeHeap {
    long bytes(long needed);
  }

  /**
   * The plan for a {@code rows × cols} fit whose in-memory estimate is {@code inMemory}, given the
   * free heap ({@code free}, asked with the need so it can collect garbage only when short) and the
   * maximum heap; {@code longest} bounds the stored entries of one row.
   *
   * @throws InsufficientMemoryException if the requested (or, in auto mode, any) mode does not fit
   */
  public static MemoryPlan choose(int rows, int cols, NmfOptions options, long inMemory, BatchNnz batchNnz,
      int longest, long maxHeap, FreeHeap free) {
    return choose(rows, cols, options, inMemory, batchNnz, longest, maxHeap, free, 0);
  }

  /**
   * As {@link #choose(int, int, NmfOptions, long, BatchNnz, int, long, FreeHeap)}, each mode's
   * need raised to what the caller holds after the fit ({@link NmfMemory#withAfterFit}: W and
   * {@code afterFit} bytes) when that is more than the fit's own peak.
   */
  public static MemoryPlan choose(int rows, int cols, NmfOptions options, long inMemory, BatchNnz batchNnz,
      int longest, long maxHeap, FreeHeap free, long afterFit) {
    return choose(rows, cols, options, inMemory, 0, batchNnz, longest, maxHeap, free, afterFit);
  }

  /**
   * As {@link #choose(int, int, NmfOptions, long, BatchNnz, int, long, FreeHeap, long)}, with
   * {@code compact} the estimate of the in-memory fit's compact layout (0: none): in memory (auto
   * or {@code --batch-size 0}) the plain layout when it fits, else the compact one when that fits,
   * and only then mini-batches (auto) or the refusal.
   */
  public static MemoryPlan choose(int rows, int cols, NmfOptions options, long inMemory, long compact,
      BatchNnz batchNnz, int longest, long maxHeap, FreeHeap free, long afterFit) {
    Shape shape = new Shape(rows, cols, options, batchNnz, longest, afterFit);
    inMemory = NmfMemory.withAfterFit(inMemory, rows, options.k(), afterFit);
    long small = compact > 0 ? NmfMemory.withAfterFit(compact, rows, options.k(), afterFit) : 0;
    long margin = maxHeap / 100 * MARGIN_PERCENT;
    int requested = options.batchSize();
    int batch = requested > 0 ? requested : AUTO_BATCH_ROWS;
    long mini = shape.bytes(batch);
    if (FORCE_COMPACT && small > 0 && requested <= 0 && fits(small, margin, free)) {
      return compactPlan(inMemory, small, mini, free.bytes(small + margin) - margin, "-Dtopicnmf.nmf.compact=true");
    }
    if (requested == 0 || (requested == NmfOptions.AUTO_BATCH && fits(inMemory, margin, free))) {
      long available = free.bytes(inMemory + margin) - margin;
      if (inMemory <= available) {
        String why = requested == 0 ? "in memory as asked (--batch-size 0): needs about " + mb(inMemory) + " of "
            + mb(available) + " free heap" : "auto: the in-memory fit needs about " + mb(inMemory) + " of "
            + mb(available) + " free heap";
        return new MemoryPlan(NmfOptions.IN_MEMORY, 0, inMemory, mini, available, why);
      }
      if (requested == 0 && small > 0 && small < inMemory && small <= available) {
        return compactPlan(inMemory, small, mini, available, "in memory as asked (--batch-size 0)");
      }
      if (requested == 0) {
        int fitting = fittingBatch(shape, AUTO_BATCH_ROWS, available);
        throw new InsufficientMemoryException("the in-memory fit", inMemory, available, maxHeap, fitting,
            fitting > 0 ? shape.bytes(fitting) : mini);
      }
    }
    if (requested == NmfOptions.AUTO_BATCH && small > 0 && small < inMemory && fits(small, margin, free)) {
      return compactPlan(inMemory, small, mini, free.bytes(small + margin) - margin, "auto");
    }
    long available = free.bytes(mini + margin) - margin;
    if (requested > 0) {
      if (mini <= available) {
        return new MemoryPlan(NmfOptions.MINI_BATCH, batch, inMemory, mini, available, "mini-batches of "
            + batch + " rows as asked (--batch-size " + batch + "): need about " + mb(mini) + " of "
            + mb(available) + " free heap");
      }
      int fitting = fittingBatch(shape, batch / 2, available);
      throw new InsufficientMemoryException("mini-batches of " + batch + " rows", mini, available, maxHeap, fitting,
          fitting > 0 ? shape.bytes(fitting) : mini);
    }
    int fitting = fittingBatch(shape, AUTO_BATCH_ROWS, available);
    if (fitting == 0) {
      throw new InsufficientMemoryException("the fit (in memory or by mini-batches)", Math.min(inMemory,
          shape.bytes(MIN_BATCH_ROWS)), available, maxHeap, 0, mini);
    }
    long need = shape.bytes(fitting);
    return new MemoryPlan(NmfOptions.MINI_BATCH, fitting, inMemory, need, available, "auto: the in-memory fit"
        + " would need about " + mb(inMemory) + " but " + mb(available) + " of heap are free; mini-batches of "
        + fitting + " rows need about " + mb(need));
  }

  /** The in-memory plan in the compact layout, {@code why} starting its reason. */
  private static MemoryPlan compactPlan(long plain, long compact, long mini, long available, String why) {
    return new MemoryPlan(NmfOptions.IN_MEMORY, 0, compact, mini, available, why + ", compact layout: the"
        + " in-memory fit would need about " + mb(plain) + " but " + mb(available) + " of heap are free; with"
        + " W's extrapolation copies in files it needs about " + mb(compact), true);
  }

  private static boolean fits(long bytes, long margin, FreeHeap free) {
    return bytes <= free.bytes(bytes + margin) - margin;
  }

  /** What the mini-batch estimate depends on besides the batch size. */
  private record Shape(int rows, int cols, NmfOptions options, BatchNnz batchNnz, int longest, long afterFit) {
    long bytes(int batch) {
      int b = Math.max(1, Math.min(batch, rows));
      return NmfMemory.withAfterFit(NmfMemory.miniBatchBytes(rows, cols, batchNnz.of(b), b, longest, options),
          rows, options.k(), afterFit);
    }
  }

  /** The largest batch size from {@code start} down, halving to {@value #MIN_BATCH_ROWS}, that fits; 0 if none. */
  private static int fittingBatch(Shape shape, int start, long available) {
    for (int b = Math.max(start, 1); b >= Math.min(MIN_BATCH_ROWS, Math.max(start, 1)); b /= 2) {
      if (shape.bytes(b) <= available) {
        return b;
      }
      if (b == 1) break;
    }
    return 0;
  }

  /**
   * The heap free now: {@link Runtime#maxMemory()} less the heap in use, measured again after a
   * full collection when it looks smaller than {@code needed} (garbage counts as used until then).
   */
  public static long freeHeap(long needed) {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (free >= needed) {
      return free;
    }
    System.gc();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /** Bytes as megabytes (one decimal below 100 MB), or gigabytes with one decimal from 1 GB up. */
  static String mb(long bytes) {
    double m = bytes / (1024.0 * 1024.0);
    if (m >= 1024) return String.format(Locale.ROOT, "%.1f GB", m / 1024);
    return m >= 100 ? String.format(Locale.ROOT, "%.0f MB", Math.ceil(m)) : String.format(Locale.ROOT, "%.1f MB", m);
  }
}

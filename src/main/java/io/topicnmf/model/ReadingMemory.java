package io.topicnmf.model;

import java.util.Locale;

/**
 * The heap reading and analysing a corpus needs, so that a heap too small for it is refused before
 * the reading with the {@code -Xmx} to give, instead of an {@link OutOfMemoryError} part-way.
 *
 * <p>Two figures, both from the bytes of text the input holds ({@link
 * io.topicnmf.corpus.CorpusStream.Entries#inputBytes}: file sizes, a {@code .gz} at its inflated
 * size) and the reading's threads:
 *
 * <ul>
 *   <li>the <b>floor</b>, {@value #FIXED_MB} MB + {@value #THREAD_MB} MB per thread +
 *       {@value #BYTES_PER_INPUT_BYTE} bytes per input byte: below it the reading cannot
 *       succeed, so {@link #check} refuses. It is a lower bound, never above the smallest heap
 *       measured to work (bench/RESULTS.md, "The reading's heap floor"): the classes, Lucene's
 *       tokenizer tables and the run's fixed buffers take about 16 MB, each analysing thread's
 *       tokenizer holds a 2 MB buffer (a {@code maxTokenLength} of 1 M chars), and the rows,
 *       dictionary, surface forms and the matrix built from them grow with the text;
 *   <li>the <b>need</b>, {@value #NEED_FIXED_MB} MB + {@value #NEED_THREAD_MB} MB per thread +
 *       {@value #NEED_PER_INPUT_BYTE} bytes per input byte: at or above the smallest heap measured
 *       to work on every corpus tried, and so the heap a refusal suggests (with a quarter more).
 * </ul>
 *
 * <p>The rows are kept in memory up to their budget ({@link io.topicnmf.vectorize.RowStore},
 * 256 MB) and spilled past it, so for corpora beyond about 1 GB of text the per-byte terms
 * overstate the reading's need; the floor then still holds, and the NMF's own plan ({@link
 * io.topicnmf.nmf.MemoryPlan}) asks for more than either.
 */
public final class ReadingMemory {
  static final int FIXED_MB = 16;
  static final int THREAD_MB = 2;
  static final int BYTES_PER_INPUT_BYTE = 2;
  static final int NEED_FIXED_MB = 24;
  static final int NEED_THREAD_MB = 3;
  static final int NEED_PER_INPUT_BYTE = 6;

  private ReadingMemory() {}

  /** The least heap reading and analysing {@code inputBytes} of text with {@code threads} threads can succeed in. */
  public static long floorBytes(long inputBytes, int threads) {
    return ((long) FIXED_MB << 20) + ((long) THREAD_MB << 20) * Math.max(1, threads)
        + BYTES_PER_INPUT_BYTE * Math.max(0, inputBytes);
  }

  /** The heap reading and analysing {@code inputBytes} of text with {@code threads} threads needs (an upper estimate). */
  public static long needBytes(long inputBytes, int threads) {
    return ((long) NEED_FIXED_MB << 20) + ((long) NEED_THREAD_MB << 20) * Math.max(1, threads)
        + NEED_PER_INPUT_BYTE * Math.max(0, inputBytes);
  }

  /**
   * Refuses a reading whose floor is above the heap's maximum {@code maxHeap}.
   *
   * @param input the folder or file read, as the message names it
   * @throws HeapTooSmallException naming {@code input}, its size and the heap figures
   */
  public static void check(String input, long inputBytes, int threads, long maxHeap) {
    long floor = floorBytes(inputBytes, threads);
    if (floor > maxHeap) {
      throw new HeapTooSmallException("reading and analysing " + input + " (" + size(inputBytes) + " of text, "
          + threads + (threads == 1 ? " thread" : " threads") + ") needs at least " + size(floor)
          + " of heap but the heap holds at most " + size(maxHeap), needBytes(inputBytes, threads), maxHeap);
    }
  }

  /**
   * The refusal for a reading that ran out of heap after {@code filesSeen} of {@code files} files:
   * the heap it needs projected from how far it got. Once a tenth of the files or more were read,
   * the heap above the floor's fixed part ({@link #floorBytes} of no text) is scaled by the share
   * of the files read (the text-sized part grows with the files); before that the fixed costs
   * dominate and say nothing of the rest. Either way at least half as much again as the heap
   * held, and never below {@link #needBytes}.
   */
  public static HeapTooSmallException ranOut(String input, long inputBytes, int files, int filesSeen, int threads,
      long maxHeap) {
    long projected = maxHeap + maxHeap / 2;
    String where = "";
    if (files > 1 && filesSeen > 0 && filesSeen < files) {
      if (10L * filesSeen >= files) {
        long fixed = floorBytes(0, threads);
        long grown = Math.max(0, maxHeap - fixed);
        projected = Math.max(projected, fixed + (long) Math.ceil((double) grown * files / filesSeen));
      }
      where = " after " + filesSeen + " of " + files + " files";
    } else if (files > 1 && filesSeen >= files) {
      where = " after reading its " + files + " files";
    }
    long needed = Math.max(projected, needBytes(inputBytes, threads));
    return new HeapTooSmallException("reading and analysing " + input + " (" + size(inputBytes) + " of text)"
        + " ran out of heap" + where + " (the heap holds at most " + size(maxHeap) + "); it needs about "
        + size(needed), needed, maxHeap);
  }

  /** A size in KB below a megabyte, else as {@link io.topicnmf.nmf.MemoryPlan} writes it. */
  static String size(long bytes) {
    if (bytes < (1 << 20)) return String.format(Locale.ROOT, "%d KB", (bytes + 1023) >> 10);
    double m = bytes / (1024.0 * 1024.0);
    if (m >= 1024) return String.format(Locale.ROOT, "%.1f GB", m / 1024);
    return m >= 100 ? String.format(Locale.ROOT, "%.0f MB", Math.ceil(m)) : String.format(Locale.ROOT, "%.1f MB", m);
  }
}

package io.topicnmf.nmf;

/**
 * A factorization that cannot fit in the Java heap, refused by {@link MemoryPlan} before anything
 * is allocated. It carries the figures a caller needs to say what to do: the heap the chosen mode
 * needs beyond what is already in use, the heap free for it, the most the heap may grow to, and
 * the mini-batch alternative (its batch size and need; {@code batchSize} 0 when mini-batches do
 * not fit either).
 */
public final class InsufficientMemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long neededBytes;
  private final long availableBytes;
  private final long maxHeapBytes;
  private final int batchSize;
  private final long batchBytes;

  /**
   * @param what the mode refused, for the message ("the in-memory fit", "mini-batches of 4096 rows")
   * @param neededBytes heap the refused mode needs beyond what is in use
   * @param availableBytes heap free for it (after a collection)
   * @param maxHeapBytes {@link Runtime#maxMemory()}
   * @param batchSize a batch size that would fit, or 0 if none was found
   * @param batchBytes the need of {@code batchSize}, or the smallest mini-batch need when none fits
   */
  public InsufficientMemoryException(String what, long neededBytes, long availableBytes, long maxHeapBytes,
      int batchSize, long batchBytes) {
    super(what + " needs about " + MemoryPlan.mb(neededBytes) + " of heap but " + MemoryPlan.mb(availableBytes)
        + " are free (the heap holds at most " + MemoryPlan.mb(maxHeapBytes) + ")"
        + (batchSize > 0 ? "; {batchSize} " + batchSize + " would need about " + MemoryPlan.mb(batchBytes) : ""));
    this.neededBytes = neededBytes;
    this.availableBytes = availableBytes;
    this.maxHeapBytes = maxHeapBytes;
    this.batchSize = batchSize;
    this.batchBytes = batchBytes;
  }

  public long neededBytes() { return neededBytes; }

  public long availableBytes() { return availableBytes; }

  public long maxHeapBytes() { return maxHeapBytes; }

  /** A batch size whose mini-batch fit would fit in the free heap, or 0. */
  public int batchSize() { return batchSize; }

  /** The heap {@link #batchSize()} needs. */
  public long batchBytes() { return batchBytes; }

  /**
   * The heap ({@code -Xmx}) that would let the refused fit run: the present maximum plus what is
   * missing, with a quarter more for the rest of the run, in whole gigabytes (or megabytes below one).
   */
  public long suggestedHeapBytes() {
    long missing = Math.max(0, neededBytes - availableBytes);
    return maxHeapBytes + missing + (maxHeapBytes + missing) / 4;
  }
}

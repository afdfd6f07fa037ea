package io.topicnmf.model;

/**
 * The Java heap is too small to read and analyse a corpus: refused before the reading by {@link
 * ReadingMemory#check}, or the reading ran out of heap on the way ({@link ReadingMemory#ranOut}).
 * The message names the input and the heap figures; {@link #suggestedHeapBytes} is the heap
 * ({@code -Xmx}) to give.
 */
public final class HeapTooSmallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long neededBytes;
  private final long maxHeapBytes;

  /**
   * @param message what was refused and why, naming the input
   * @param neededBytes the heap the reading needs (an estimate)
   * @param maxHeapBytes {@link Runtime#maxMemory()}
   */
  public HeapTooSmallException(String message, long neededBytes, long maxHeapBytes) {
    super(message);
    this.neededBytes = neededBytes;
    this.maxHeapBytes = maxHeapBytes;
  }

  /** The heap the reading needs (an estimate). */
  public long neededBytes() { return neededBytes; }

  public long maxHeapBytes() { return maxHeapBytes; }

  /** The heap ({@code -Xmx}) to give: the need and a quarter more, for the stages after the reading. */
  public long suggestedHeapBytes() {
    return neededBytes + neededBytes / 4;
  }
}

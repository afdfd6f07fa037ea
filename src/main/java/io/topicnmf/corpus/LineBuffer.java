package io.topicnmf.corpus;

import java.io.IOException;

/**
 * The read-ahead of the line readers of record files ({@link RecordFiles.BoundedLines}, over
 * characters) and mbox files ({@link MboxFile.ByteLines}, over bytes): positions {@code pos} to
 * {@code end} of the subclass's buffer are read but not consumed yet.
 */
abstract class LineBuffer {
  /** The longest line held, in the buffer's units; what a longer line holds beyond it is dropped. */
  final long max;
  int pos;
  int end;

  LineBuffer(long max) {
    this.max = max;
  }

  /** Reads into the buffer from its start: the count read, or -1 at the end of the stream. */
  abstract int fill() throws IOException;

  /** Whether input waits in the buffer, refilling it once it is used up; false at the end of the stream. */
  final boolean more() throws IOException {
    if (pos == end) {
      end = fill();
      pos = 0;
      if (end <= 0) {
        end = 0;
        return false;
      }
    }
    return true;
  }
}

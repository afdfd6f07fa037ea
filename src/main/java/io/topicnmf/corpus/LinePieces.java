package io.topicnmf.corpus;

import java.io.IOException;
import java.io.InputStream;

/**
 * The pieces of a byte stream as the line readers cut them ({@link LineDecodingReader}, which
 * decodes them, and {@link JsonlCutter}, which hands them to workers undecoded): a line ending in
 * '\n', or, for a line longer than {@value LineDecodingReader#CHUNK} bytes, a piece of it cut before a
 * UTF-8 lead byte, never inside a character ('\n' is never part of a multi-byte UTF-8 sequence, so
 * cutting at it is always safe). One class, so both readers read the same stream in the same reads
 * of the same sizes and a stream that fails part way fails after the same line in both.
 */
final class LinePieces {
  private final InputStream in;
  private final byte[] bytes = new byte[LineDecodingReader.CHUNK];
  private int filled; // bytes[0, filled) not yet handed out
  private boolean eof;
  private boolean first = true;

  LinePieces(InputStream in) {
    this.in = in;
  }

  /** The buffer: the next piece is {@code bytes()[bomLength(cut), cut)} after {@link #next}. */
  byte[] bytes() {
    return bytes;
  }

  /** Reads until a piece is complete; its length (with its '\n'), 0 at the end of the stream. */
  int next() throws IOException {
    int nl = indexOfNewline(0);
    while (nl < 0 && !eof && filled < bytes.length) {
      int r = in.read(bytes, filled, bytes.length - filled);
      if (r < 0) {
        eof = true;
        break;
      }
      int from = filled;
      filled += r;
      nl = indexOfNewline(from);
    }
    if (filled == 0) {
      return 0;
    }
    if (nl >= 0) {
      return nl + 1;
    }
    if (eof) {
      return filled;
    }
    int cut = filled;
    // Back up to a UTF-8 lead byte (at most 3 continuation bytes) so no character is split.
    for (int i = 0; i < 3 && cut > 1 && (bytes[cut - 1] & 0xC0) == 0x80; i++) {
      cut--;
    }
    if ((bytes[cut - 1] & 0xC0) == 0xC0) {
      cut--; // a lead byte whose continuation is in the next piece
    }
    return cut == 0 ? filled : cut;
  }

  /** 3 when this is the stream's first piece and it starts with a UTF-8 byte-order mark, else 0. */
  int bomLength(int cut) {
    if (!first) {
      return 0;
    }
    first = false;
    return cut >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
  }

  /** Drops the piece of {@code cut} bytes handed out by {@link #next}. */
  void consume(int cut) {
    System.arraycopy(bytes, cut, bytes, 0, filled - cut);
    filled -= cut;
  }

  void close() throws IOException {
    in.close();
  }

  private int indexOfNewline(int from) {
    for (int i = from; i < filled; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}

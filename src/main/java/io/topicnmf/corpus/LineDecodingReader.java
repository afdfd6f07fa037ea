package io.topicnmf.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Arrays;

/**
 * Text from a byte stream, decoded a line at a time as {@link TextDecoder#decode} decodes a file
 * (UTF-8 when the line is valid UTF-8, windows-1252 otherwise; a UTF-8 byte-order mark at the
 * start dropped), so a record file is never held whole. A line longer than {@value #CHUNK} bytes is
 * decoded in pieces cut before a UTF-8 lead byte, never inside a character. '\n' is never part of
 * a multi-byte UTF-8 sequence, so cutting at it is always safe.
 */
final class LineDecodingReader extends Reader {
  static final int CHUNK = 64 * 1024;

  private final LinePieces pieces;
  private String pending = "";
  private int pendingPos;

  LineDecodingReader(InputStream in) {
    this.pieces = new LinePieces(in);
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pendingPos >= pending.length()) {
      if (!decodeNext()) {
        return -1;
      }
    }
    int n = Math.min(len, pending.length() - pendingPos);
    pending.getChars(pendingPos, pendingPos + n, cbuf, off);
    pendingPos += n;
    return n;
  }

  /** Decodes the next line (or piece of a long line); false at the end. */
  private boolean decodeNext() throws IOException {
    int cut = pieces.next();
    if (cut == 0) {
      return false;
    }
    byte[] line = Arrays.copyOfRange(pieces.bytes(), pieces.bomLength(cut), cut);
    pending = FileReaders.isAsciiText(line)
        ? new String(line, java.nio.charset.StandardCharsets.ISO_8859_1)
        : TextDecoder.decodeUtf8OrWindows1252(line);
    pendingPos = 0;
    pieces.consume(cut);
    return true;
  }

  @Override
  public void close() throws IOException {
    pieces.close();
  }
}

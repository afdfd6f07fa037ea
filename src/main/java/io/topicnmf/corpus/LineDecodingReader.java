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

  private final InputStream in;
  private final byte[] bytes = new byte[CHUNK];
  private int filled; // bytes[0, filled) not yet decoded
  private boolean eof;
  private boolean first = true;
  private String pending = "";
  private int pendingPos;

  LineDecodingReader(InputStream in) {
    this.in = in;
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
    int nl = indexOfNewline(0);
    while (nl < 0 && !eof && filled < CHUNK) {
      int r = in.read(bytes, filled, CHUNK - filled);
      if (r < 0) {
        eof = true;
        break;
      }
      int from = filled;
      filled += r;
      nl = indexOfNewline(from);
    }
    if (filled == 0) {
      return false;
    }
    int cut;
    if (nl >= 0) {
      cut = nl + 1;
    } else if (eof) {
      cut = filled;
    } else {
      cut = filled;
      // Back up to a UTF-8 lead byte (at most 3 continuation bytes) so no character is split.
      for (int i = 0; i < 3 && cut > 1 && (bytes[cut - 1] & 0xC0) == 0x80; i++) {
        cut--;
      }
      if ((bytes[cut - 1] & 0xC0) == 0xC0) {
        cut--; // a lead byte whose continuation is in the next piece
      }
      if (cut == 0) {
        cut = filled;
      }
    }
    byte[] line = Arrays.copyOf(bytes, cut);
    if (first) {
      first = false;
      if (line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
          && (line[2] & 0xFF) == 0xBF) {
        line = Arrays.copyOfRange(line, 3, line.length);
      }
    }
    pending = FileReaders.isAsciiText(line)
        ? new String(line, java.nio.charset.StandardCharsets.ISO_8859_1)
        : TextDecoder.decodeUtf8OrWindows1252(line);
    pendingPos = 0;
    System.arraycopy(bytes, cut, bytes, 0, filled - cut);
    filled -= cut;
    return true;
  }

  private int indexOfNewline(int from) {
    for (int i = from; i < filled; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

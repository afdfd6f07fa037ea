package io.topicnmf.matrix.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The data lines of a file with a cursor over the current one: the tokenizer. Skips comments
 * and blank lines, counts lines for messages.
 */
final class MatrixMarketLines {
  final Path file;
  final BufferedReader in;
  long lineNo;
  String s = "";
  int pos;

  MatrixMarketLines(Path file, BufferedReader in) {
    this.file = file;
    this.in = in;
  }

  MatrixFormatException error(String detail) {
    return new MatrixFormatException(file, lineNo == 0 ? MatrixFormatException.NO_LINE : lineNo, detail);
  }

  /** The next line as it is, or null at the end. */
  String nextRaw() throws IOException {
    String line = in.readLine();
    if (line != null) {
      lineNo++;
      s = line;
      pos = 0;
    }
    return line;
  }

  /** Moves to the next line that is neither blank nor a comment; false at the end of the file. */
  boolean nextData() throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      s = line;
      pos = 0;
      skipSpace();
      if (pos < s.length() && s.charAt(pos) != '%') {
        return true;
      }
    }
    s = "";
    pos = 0;
    return false;
  }

  void skipSpace() {
    while (pos < s.length() && isSpace(s.charAt(pos))) {
      pos++;
    }
  }

  boolean hasToken() {
    skipSpace();
    return pos < s.length();
  }

  void expectEnd(String what) throws MatrixFormatException {
    if (hasToken()) {
      throw error("unexpected \"" + abbreviate(s.substring(pos).trim()) + "\" after the " + what);
    }
  }

  private int tokenEnd() {
    int e = pos;
    while (e < s.length() && !isSpace(s.charAt(e))) {
      e++;
    }
    return e;
  }

  long nextLong(String what) throws MatrixFormatException {
    if (!hasToken()) {
      throw error("missing " + what);
    }
    int end = tokenEnd();
    int i = pos;
    boolean neg = false;
    char c = s.charAt(i);
    if (c == '+' || c == '-') {
      neg = c == '-';
      i++;
    }
    if (i == end || end - i > 18) {
      throw error("cannot read \"" + abbreviate(s.substring(pos, end)) + "\" as the " + what
          + (end - i > 18 ? " (too large)" : ""));
    }
    long v = 0;
    for (; i < end; i++) {
      c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw error("cannot read \"" + abbreviate(s.substring(pos, end)) + "\" as the " + what
            + " (expected a whole number)");
      }
      v = v * 10 + (c - '0');
    }
    pos = end;
    return neg ? -v : v;
  }

  double nextDouble(String what) throws MatrixFormatException {
    if (!hasToken()) {
      throw error("missing " + what);
    }
    int end = tokenEnd();
    double v = Decimals.parseDouble(s, pos, end);
    if (Double.isNaN(v) && !Decimals.isNanToken(s, pos, end)) {
      throw error("cannot read \"" + abbreviate(s.substring(pos, end)) + "\" as the " + what);
    }
    if (!Double.isFinite(v)) {
      throw error("value \"" + abbreviate(s.substring(pos, end)) + "\" is not a finite number");
    }
    if (Math.abs(v) > Float.MAX_VALUE) {
      throw error("value \"" + abbreviate(s.substring(pos, end)) + "\" is beyond the single-precision range"
          + " (3.4e38) matrices are stored in; divide the matrix by a constant first");
    }
    if (v != 0 && (float) v == 0) {
      throw error("value \"" + abbreviate(s.substring(pos, end)) + "\" is below the single-precision range"
          + " (1.4e-45) matrices are stored in, where it would become 0; multiply the matrix by a constant"
          + " first, or write 0");
    }
    pos = end;
    return v;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}

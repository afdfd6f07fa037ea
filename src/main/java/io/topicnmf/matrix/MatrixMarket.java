package io.topicnmf.matrix;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import io.topicnmf.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes matrices in the NIST Matrix Market exchange format, so that topicnmf can
 * factorize a matrix made by another tool and other tools (scipy's {@code mmread}, R's
 * {@code Matrix::readMM}, Julia's MatrixMarket.jl) can factorize the very matrix topicnmf built.
 *
 * <p>Reference: R. F. Boisvert, R. Pozo, K. A. Remington, <i>The Matrix Market Exchange Formats:
 * Initial Design</i>, NISTIR 5935, 1996 (https://math.nist.gov/MatrixMarket/formats.html).
 *
 * <p>Supported on reading: {@code coordinate} with {@code real}, {@code integer} or {@code
 * pattern} values (a pattern entry reads as 1), and {@code array} with {@code real} or {@code
 * integer} values; each {@code general} or {@code symmetric} (a symmetric file stores the lower
 * triangle, which is mirrored). Comment lines ({@code %}) and blank lines may appear anywhere after
 * the header. Duplicate coordinate entries are summed and zeros are not stored (scipy's convention),
 * so an array file keeps only its non-zeros. Numbers may use a Fortran {@code D} exponent.
 * Non-finite values are refused: they are never a meaningful matrix entry and would poison any
 * factorization. Every error is a {@link MatrixFormatException} that names the file and line.
 *
 * <p>Reading is one pass over the lines with a hand-written tokenizer (no regular expressions, no
 * {@code String.split}); integers and short decimals are parsed exactly without {@link
 * Double#parseDouble}, then the coordinates are put in CSR order by two stable counting sorts,
 * O(nnz + rows + cols). About 1.2 M entries read in well under a second.
 *
 * <p>Writing produces {@code coordinate real general} (or {@code array real general}) with every
 * value printed by {@link Double#toString(double)}, which round-trips exactly. Files are written to
 * a temporary file in the target folder, flushed to disk and moved into place, so a crash never
 * leaves a half-written matrix.
 */
public final class MatrixMarket {
  private static final String BANNER = "%%MatrixMarket";
  private static final String EXPECTED_HEADER =
      "%%MatrixMarket matrix coordinate|array real|integer|pattern general|symmetric";

  private MatrixMarket() {}

  /**
   * Reads a Matrix Market file into a CSR matrix.
   *
   * @param file a {@code .mtx} file (coordinate or array, see the class comment)
   * @return the matrix, zeros not stored
   * @throws MatrixFormatException naming the file and line if the file is not a supported Matrix
   *     Market matrix: bad header or size line, an index out of range, a number that cannot be
   *     read or is not finite, fewer or more entries than declared
   * @throws IOException if the file cannot be read
   */
  public static CsrMatrix read(Path file) throws IOException {
    return read(file, false);
  }

  /**
   * Reads a Matrix Market file like {@link #read(Path)}, and also refuses a negative value, naming
   * the line and the entry, as the input of a non-negative factorization must be.
   */
  public static CsrMatrix readNonNegative(Path file) throws IOException {
    return read(file, true);
  }

  /**
   * Writes a sparse matrix as {@code %%MatrixMarket matrix coordinate real general}: the header,
   * the comment (each of its lines prefixed by {@code %}; none when null or blank), the line
   * {@code rows cols nnz}, then one line {@code i j value} per stored entry in row-major order with
   * 1-based indices. Stored zeros are written too (and dropped again by {@link #read}).
   *
   * @throws IllegalArgumentException if a stored value is NaN or infinite
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  public static void write(CsrMatrix m, Path file, String comment) throws IOException {
    write(m, file, comment, 1);
  }

  /**
   * Writes a sparse matrix as {@link #write(CsrMatrix, Path, String)} does (the same bytes), the
   * lines of blocks of {@value #ROWS_PER_CHUNK} rows formatted on up to {@code threads} threads
   * and written in row order.
   *
   * @param threads threads that format lines, at least 1
   * @throws IllegalArgumentException if a stored value is NaN or infinite
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  public static void write(CsrMatrix m, Path file, String comment, int threads) throws IOException {
    int[] ptr = m.rowPtr();
    int[] idx = m.colIdx();
    double[] val = m.values();
    for (int i = 0; i < m.rows(); i++) {
      for (int p = ptr[i]; p < ptr[i + 1]; p++) {
        requireFinite(val[p], i, idx[p]);
      }
    }
    StringBuilder head = new StringBuilder(BANNER).append(" matrix coordinate real general\n");
    if (comment != null && !comment.isBlank()) {
      for (String line : comment.split("\\R", -1)) {
        head.append(line.isEmpty() ? "%\n" : "% " + line + "\n");
      }
    }
    head.append(m.rows()).append(' ').append(m.cols()).append(' ').append(m.nnz()).append('\n');
    byte[] header = head.toString().getBytes(StandardCharsets.UTF_8);
    int chunks = (m.rows() + ROWS_PER_CHUNK - 1) / ROWS_PER_CHUNK;
    AtomicFiles.write(file, out -> {
      out.write(header);
      if (threads <= 1 || chunks <= 1) {
        for (int c = 0; c < chunks; c++) {
          out.write(formatRows(m, c));
        }
        return;
      }
      // Blocks are formatted in parallel, then written in row order.
      byte[][] parts = new byte[chunks][];
      try (io.topicnmf.parallel.Workers workers = io.topicnmf.parallel.Workers.of(Math.min(threads, chunks))) {
        workers.forEachBlock(m.rows(), ROWS_PER_CHUNK, (c, from, to) -> parts[c] = formatRows(m, c));
      }
      for (byte[] part : parts) {
        out.write(part);
      }
    });
  }

  /** Rows per block of lines formatted at once by {@link #write(CsrMatrix, Path, String, int)}. */
  static final int ROWS_PER_CHUNK = 512;

  /**
   * The lines {@code i j value} of the rows of block {@code chunk}, as ASCII bytes: the numbers
   * written digit by digit, values as {@link Double#toString(double)} prints them (integer values
   * below 10^7, as counts are, without going through it: "3.0").
   */
  private static byte[] formatRows(CsrMatrix m, int chunk) {
    int[] ptr = m.rowPtr();
    int[] idx = m.colIdx();
    double[] val = m.values();
    int from = chunk * ROWS_PER_CHUNK;
    int to = Math.min(m.rows(), from + ROWS_PER_CHUNK);
    byte[] b = new byte[Math.max(64, (ptr[to] - ptr[from]) * 20)];
    int n = 0;
    for (int i = from; i < to; i++) {
      for (int p = ptr[i]; p < ptr[i + 1]; p++) {
        if (b.length - n < 64) {
          b = Arrays.copyOf(b, b.length * 2);
        }
        n = digits(b, n, i + 1L);
        b[n++] = ' ';
        n = digits(b, n, idx[p] + 1L);
        b[n++] = ' ';
        double v = val[p];
        if (v >= 1 && v < 1e7 && v == (long) v) {
          n = digits(b, n, (long) v);
          b[n++] = '.';
          b[n++] = '0';
        } else {
          String s = Double.toString(v);
          for (int k = 0; k < s.length(); k++) {
            b[n++] = (byte) s.charAt(k); // Double.toString prints ASCII only
          }
        }
        b[n++] = '\n';
      }
    }
    return Arrays.copyOf(b, n);
  }

  /** Writes the decimal digits of {@code x >= 0} at {@code b[n]}; returns the end. */
  private static int digits(byte[] b, int n, long x) {
    int len = 1;
    for (long y = x; y >= 10; y /= 10) {
      len++;
    }
    for (int k = n + len - 1; k >= n; k--) {
      b[k] = (byte) ('0' + (x % 10));
      x /= 10;
    }
    return n + len;
  }

  /**
   * Writes a dense matrix as {@code %%MatrixMarket matrix array real general}: the header, the
   * comment, the line {@code rows cols}, then all values one per line in column-major order, as the
   * format prescribes.
   *
   * @throws IllegalArgumentException if a value is NaN or infinite
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  public static void writeArray(DenseMatrix m, Path file, String comment) throws IOException {
    int rows = m.rows();
    int cols = m.cols();
    double[] a = m.data();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        requireFinite(a[i * cols + j], i, j);
      }
    }
    writeAtomically(file, w -> {
      w.write(BANNER + " matrix array real general\n");
      writeComment(w, comment);
      w.write(rows + " " + cols + "\n");
      StringBuilder line = new StringBuilder(32);
      for (int j = 0; j < cols; j++) {
        for (int i = 0; i < rows; i++) {
          line.setLength(0);
          line.append(a[i * cols + j]).append('\n');
          w.append(line);
        }
      }
    });
  }

  // ---------------------------------------------------------------- reading

  private static CsrMatrix read(Path file, boolean nonNegative) throws IOException {
    // Latin-1 maps every byte to a char, so a comment in any encoding never fails the read.
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1), 1 << 16)) {
      Lines lines = new Lines(file, in);
      Header h = readHeader(lines);
      long[] size = readSize(lines, h);
      Coordinates coo = h.coordinate
          ? readCoordinateEntries(lines, h, size, nonNegative)
          : readArrayEntries(lines, h, size, nonNegative);
      return coo.toCsr((int) size[0], (int) size[1]);
    }
  }

  private record Header(boolean coordinate, boolean pattern, boolean integer, boolean symmetric) {}

  private static Header readHeader(Lines lines) throws IOException {
    String first = lines.nextRaw();
    if (first == null) {
      throw lines.error("empty file; expected the header \"" + EXPECTED_HEADER + "\"");
    }
    String[] t = first.trim().split("\\s+");
    if (t.length != 5 || !t[0].equalsIgnoreCase(BANNER)) {
      throw lines.error("bad Matrix Market header \"" + abbreviate(first) + "\"; expected \""
          + EXPECTED_HEADER + "\"");
    }
    String object = t[1].toLowerCase(Locale.ROOT);
    String format = t[2].toLowerCase(Locale.ROOT);
    String field = t[3].toLowerCase(Locale.ROOT);
    String symmetry = t[4].toLowerCase(Locale.ROOT);
    if (!object.equals("matrix")) {
      throw lines.error("unsupported object \"" + t[1] + "\" in the header; only \"matrix\" is supported");
    }
    if (!format.equals("coordinate") && !format.equals("array")) {
      throw lines.error("unsupported format \"" + t[2] + "\" in the header; expected coordinate or array");
    }
    boolean coordinate = format.equals("coordinate");
    switch (field) {
      case "real", "double", "integer" -> { }
      case "pattern" -> {
        if (!coordinate) {
          throw lines.error("\"array pattern\" is not a valid combination; pattern needs the coordinate format");
        }
      }
      case "complex" -> throw lines.error("complex matrices are not supported; expected real, integer or pattern");
      default -> throw lines.error("unsupported field \"" + t[3] + "\" in the header; expected real, integer or pattern");
    }
    if (!symmetry.equals("general") && !symmetry.equals("symmetric")) {
      throw lines.error("unsupported symmetry \"" + t[4] + "\" in the header; expected general or symmetric");
    }
    return new Header(coordinate, field.equals("pattern"), field.equals("integer"), symmetry.equals("symmetric"));
  }

  /** Returns {rows, cols, count} where count is the number of entries the file must hold. */
  private static long[] readSize(Lines lines, Header h) throws IOException {
    if (!lines.nextData()) {
      throw lines.error("file ends before the size line \""
          + (h.coordinate ? "rows cols entries" : "rows cols") + "\"");
    }
    String expected = h.coordinate ? "\"rows cols entries\"" : "\"rows cols\"";
    long rows = lines.nextLong("number of rows in the size line " + expected);
    long cols = lines.nextLong("number of columns in the size line " + expected);
    long declared = h.coordinate ? lines.nextLong("number of entries in the size line " + expected) : -1;
    lines.expectEnd("size line " + expected);
    if (rows < 0 || cols < 0 || (h.coordinate && declared < 0)) {
      throw lines.error("negative number in the size line");
    }
    if (rows >= Integer.MAX_VALUE || cols >= Integer.MAX_VALUE) {
      throw lines.error("matrix of " + rows + " x " + cols + " is too large; at most "
          + (Integer.MAX_VALUE - 1) + " rows and columns");
    }
    if (h.symmetric && rows != cols) {
      throw lines.error("a symmetric matrix must be square, not " + rows + " x " + cols);
    }
    long cells = h.symmetric ? rows * (rows + 1) / 2 : rows * cols;
    long count;
    if (h.coordinate) {
      if (declared > cells) {
        throw lines.error(declared + " entries declared, more than the " + cells + " cells of a "
            + (h.symmetric ? "symmetric " : "") + rows + " x " + cols + " matrix");
      }
      count = declared;
    } else {
      count = cells;
    }
    long maxStored = Integer.MAX_VALUE - 16;
    if (count > (h.symmetric ? maxStored / 2 : maxStored)) {
      throw lines.error("too many entries (" + count + ") for one matrix");
    }
    return new long[] {rows, cols, count, lines.lineNo};
  }

  private static Coordinates readCoordinateEntries(Lines lines, Header h, long[] size, boolean nonNegative)
      throws IOException {
    int rows = (int) size[0];
    int cols = (int) size[1];
    long declared = size[2];
    long sizeLine = size[3];
    Coordinates coo = new Coordinates(declared * (h.symmetric ? 2 : 1));
    long read = 0;
    while (lines.nextData()) {
      if (read == declared) {
        throw lines.error("more entries than the " + declared + " declared on line " + sizeLine);
      }
      int i = index(lines, "row", rows);
      int j = index(lines, "column", cols);
      double v = h.pattern ? 1.0 : lines.nextDouble(h.integer ? "integer value" : "value");
      lines.expectEnd(h.pattern ? "pattern entry \"row column\"" : "entry \"row column value\"");
      if (h.symmetric && j > i) {
        throw lines.error("entry (" + (i + 1) + ", " + (j + 1) + ") lies above the diagonal; a symmetric "
            + "Matrix Market file stores only the lower triangle (row >= column)");
      }
      checkValue(lines, v, i, j, nonNegative);
      coo.add(i, j, v);
      if (h.symmetric && i != j) {
        coo.add(j, i, v);
      }
      read++;
    }
    if (read < declared) {
      throw lines.error("file ends after " + read + " of the " + declared + " entries declared on line "
          + sizeLine);
    }
    return coo;
  }

  private static Coordinates readArrayEntries(Lines lines, Header h, long[] size, boolean nonNegative)
      throws IOException {
    int rows = (int) size[0];
    int cols = (int) size[1];
    long count = size[2];
    long sizeLine = size[3];
    Coordinates coo = new Coordinates(Math.min(count * (h.symmetric ? 2 : 1), 1L << 20));
    long read = 0;
    // Column-major; a symmetric array holds the lower triangle of each column.
    for (int j = 0; j < cols; j++) {
      for (int i = h.symmetric ? j : 0; i < rows; i++) {
        if (!lines.hasToken() && !lines.nextData()) {
          throw lines.error("file ends after " + read + " of the " + count + " values of a "
              + (h.symmetric ? "symmetric " : "") + rows + " x " + cols + " array (line " + sizeLine + ")");
        }
        double v = lines.nextDouble(h.integer ? "integer value" : "value");
        checkValue(lines, v, i, j, nonNegative);
        if (v != 0) {
          coo.add(i, j, v);
          if (h.symmetric && i != j) {
            coo.add(j, i, v);
          }
        }
        read++;
      }
    }
    if (lines.hasToken() || lines.nextData()) {
      throw lines.error("more values than the " + count + " of a " + (h.symmetric ? "symmetric " : "")
          + rows + " x " + cols + " array (line " + sizeLine + ")");
    }
    return coo;
  }

  private static int index(Lines lines, String what, int bound) throws MatrixFormatException {
    long k = lines.nextLong(what + " index");
    if (k < 1 || k > bound) {
      throw lines.error(what + " index " + k + " out of range "
          + (bound == 0 ? "(the matrix has no " + what + "s)" : "1.." + bound));
    }
    return (int) (k - 1);
  }

  private static void checkValue(Lines lines, double v, int i, int j, boolean nonNegative)
      throws MatrixFormatException {
    if (nonNegative && v < 0) {
      throw lines.error("negative value " + v + " at (" + (i + 1) + ", " + (j + 1)
          + "); a non-negative factorization needs a matrix without negative values");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /**
   * The data lines of a file with a cursor over the current one: the tokenizer. Skips comments
   * and blank lines, counts lines for messages.
   */
  private static final class Lines {
    final Path file;
    final BufferedReader in;
    long lineNo;
    String s = "";
    int pos;

    Lines(Path file, BufferedReader in) {
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
      double v = parseDouble(s, pos, end);
      if (Double.isNaN(v) && !isNanToken(s, pos, end)) {
        throw error("cannot read \"" + abbreviate(s.substring(pos, end)) + "\" as the " + what);
      }
      if (!Double.isFinite(v)) {
        throw error("value \"" + abbreviate(s.substring(pos, end)) + "\" is not a finite number");
      }
      pos = end;
      return v;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * Parses a decimal number in {@code s[start, end)}: optional sign, digits with an optional
   * point, optional exponent ({@code e}, {@code E}, or Fortran's {@code d}, {@code D}). Returns
   * NaN when the text is not such a number (the caller tells a real "NaN" apart), and infinity on
   * overflow or for "inf".
   *
   * <p>The fast path is exact (Clinger 1990): when the digits form an integer m below 2^53 and the
   * decimal exponent e satisfies |e| ≤ 22, both m and 10^|e| are exact doubles, so one IEEE
   * multiplication or division rounds correctly. Anything else goes to {@link
   * Double#parseDouble}, which is correctly rounded too.
   */
  static double parseDouble(String s, int start, int end) {
    int i = start;
    boolean neg = false;
    if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    long m = 0;
    int sig = 0; // significant digits accumulated in m
    int exp = 0;
    int digits = 0;
    boolean exact = true;
    char c;
    while (i < end && (c = s.charAt(i)) >= '0' && c <= '9') {
      digits++;
      if (sig < 18) {
        m = m * 10 + (c - '0');
        if (m != 0) sig++;
      } else {
        exact = false;
      }
      i++;
    }
    if (i < end && s.charAt(i) == '.') {
      i++;
      while (i < end && (c = s.charAt(i)) >= '0' && c <= '9') {
        digits++;
        if (sig < 18) {
          m = m * 10 + (c - '0');
          if (m != 0) sig++;
          exp--;
        } else {
          exact = false;
        }
        i++;
      }
    }
    if (digits == 0) {
      return specialValue(s, start, end);
    }
    boolean fortranExponent = false;
    if (i < end && ((c = s.charAt(i)) == 'e' || c == 'E' || c == 'd' || c == 'D')) {
      fortranExponent = c == 'd' || c == 'D';
      i++;
      boolean eneg = false;
      if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        eneg = s.charAt(i) == '-';
        i++;
      }
      int edigits = 0;
      int e = 0;
      while (i < end && (c = s.charAt(i)) >= '0' && c <= '9') {
        if (e < 100_000) e = e * 10 + (c - '0');
        edigits++;
        i++;
      }
      if (edigits == 0) {
        return Double.NaN;
      }
      exp += eneg ? -e : e;
    }
    if (i != end) {
      return Double.NaN;
    }
    if (m == 0 && exact) {
      return neg ? -0.0 : 0.0;
    }
    if (exact && m < (1L << 53) && exp >= -22 && exp <= 22) {
      double v = exp >= 0 ? m * POW10[exp] : m / POW10[-exp];
      return neg ? -v : v;
    }
    String text = s.substring(start, end);
    if (fortranExponent) {
      text = text.replace('d', 'e').replace('D', 'e');
    }
    return Double.parseDouble(text);
  }

  private static double specialValue(String s, int start, int end) {
    int i = start;
    boolean neg = false;
    if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    String word = s.substring(i, end).toLowerCase(Locale.ROOT);
    if (word.equals("inf") || word.equals("infinity")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.NaN;
  }

  private static boolean isNanToken(String s, int start, int end) {
    int i = start;
    if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
    return s.substring(i, end).equalsIgnoreCase("nan");
  }

  /**
   * Coordinate triples in growable primitive arrays, turned into CSR by two stable counting sorts
   * (by column, then by row) so that columns come out sorted within each row; duplicates are
   * summed and zeros dropped.
   */
  private static final class Coordinates {
    int[] ri;
    int[] ci;
    double[] v;
    int n;

    Coordinates(long expected) {
      // Do not trust a huge declared count blindly: grow past 16 M entries only as entries arrive.
      int cap = (int) Math.max(16, Math.min(expected, 1L << 24));
      ri = new int[cap];
      ci = new int[cap];
      v = new double[cap];
    }

    void add(int i, int j, double x) {
      if (n == ri.length) {
        int cap = (int) Math.min(Integer.MAX_VALUE - 16L, ri.length + (ri.length >> 1) + 16L);
        ri = Arrays.copyOf(ri, cap);
        ci = Arrays.copyOf(ci, cap);
        v = Arrays.copyOf(v, cap);
      }
      ri[n] = i;
      ci[n] = j;
      v[n] = x;
      n++;
    }

    CsrMatrix toCsr(int rows, int cols) {
      int[] ptr = new int[rows + 1];
      for (int p = 0; p < n; p++) {
        ptr[ri[p] + 1]++;
      }
      for (int i = 0; i < rows; i++) {
        ptr[i + 1] += ptr[i];
      }
      int[] idx = new int[n];
      double[] val = new double[n];
      if (isRowMajorSorted()) {
        System.arraycopy(ci, 0, idx, 0, n);
        System.arraycopy(v, 0, val, 0, n);
      } else {
        // Stable sort by column, then a stable scatter by row keeps columns ascending in each row.
        int[] cptr = new int[cols + 1];
        for (int p = 0; p < n; p++) {
          cptr[ci[p] + 1]++;
        }
        for (int j = 0; j < cols; j++) {
          cptr[j + 1] += cptr[j];
        }
        int[] byColRow = new int[n];
        double[] byColVal = new double[n];
        int[] next = Arrays.copyOf(cptr, cols);
        for (int p = 0; p < n; p++) {
          int q = next[ci[p]]++;
          byColRow[q] = ri[p];
          byColVal[q] = v[p];
        }
        next = Arrays.copyOf(ptr, rows);
        for (int j = 0; j < cols; j++) {
          for (int q = cptr[j]; q < cptr[j + 1]; q++) {
            int p = next[byColRow[q]]++;
            idx[p] = j;
            val[p] = byColVal[q];
          }
        }
      }
      ri = null;
      ci = null;
      v = null;
      return compact(rows, cols, ptr, idx, val);
    }

    private boolean isRowMajorSorted() {
      for (int p = 1; p < n; p++) {
        if (ri[p] < ri[p - 1] || (ri[p] == ri[p - 1] && ci[p] <= ci[p - 1])) {
          return false;
        }
      }
      return true;
    }

    /** Sums adjacent duplicates and drops zeros, in place. */
    private static CsrMatrix compact(int rows, int cols, int[] ptr, int[] idx, double[] val) {
      int out = 0;
      int start = 0;
      for (int i = 0; i < rows; i++) {
        int end = ptr[i + 1];
        int p = start;
        while (p < end) {
          int col = idx[p];
          double sum = val[p++];
          while (p < end && idx[p] == col) {
            sum += val[p++];
          }
          if (sum != 0) {
            idx[out] = col;
            val[out++] = sum;
          }
        }
        start = end;
        ptr[i + 1] = out;
      }
      if (out < idx.length) {
        idx = Arrays.copyOf(idx, out);
        val = Arrays.copyOf(val, out);
      }
      return new CsrMatrix(rows, cols, ptr, idx, val);
    }
  }

  // ---------------------------------------------------------------- writing

  private static void requireFinite(double x, int i, int j) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException(
          "cannot write the non-finite value " + x + " at (" + (i + 1) + ", " + (j + 1) + ")");
    }
  }

  private static void writeComment(Writer w, String comment) throws IOException {
    if (comment == null || comment.isBlank()) {
      return;
    }
    for (String line : comment.split("\\R", -1)) {
      w.write(line.isEmpty() ? "%\n" : "% " + line + "\n");
    }
  }

  /** What {@link #writeAtomically} writes into the temporary file. */
  @FunctionalInterface
  interface Body {
    void writeTo(Writer w) throws IOException;
  }

  /**
   * Writes a UTF-8 text file atomically: into a temporary file in the same folder, forced to disk,
   * then moved over the target (an atomic rename where the file system allows it). On failure the
   * temporary file is deleted and the target left untouched. Creates the folder if needed.
   */
  static void writeAtomically(Path file, Body body) throws IOException {
    AtomicFiles.writeText(file, body::writeTo);
  }

}

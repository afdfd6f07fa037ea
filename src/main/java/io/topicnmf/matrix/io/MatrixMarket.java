package io.topicnmf.matrix.io;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * value printed in the format of {@link Double#toString(double)}, as the shortest decimal that
 * round-trips exactly. Files are written to
 * a temporary file in the target folder, flushed to disk and moved into place, so a crash never
 * leaves a half-written matrix ({@link MatrixMarketWriter}).
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
    MatrixMarketWriter.write(m, file, comment, 1);
  }

  /**
   * Writes a sparse matrix as {@link #write(CsrMatrix, Path, String)} does (the same bytes), the
   * lines of blocks of {@value MatrixMarketWriter#ROWS_PER_CHUNK} rows formatted on up to {@code
   * threads} threads and written in row order.
   *
   * @param threads threads that format lines, at least 1
   * @throws IllegalArgumentException if a stored value is NaN or infinite
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  public static void write(CsrMatrix m, Path file, String comment, int threads) throws IOException {
    MatrixMarketWriter.write(m, file, comment, threads);
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
    MatrixMarketWriter.writeArray(m, file, comment);
  }

  // ---------------------------------------------------------------- reading

  private static CsrMatrix read(Path file, boolean nonNegative) throws IOException {
    // Latin-1 maps every byte to a char, so a comment in any encoding never fails the read.
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1), 1 << 16)) {
      MatrixMarketLines lines = new MatrixMarketLines(file, in);
      Header h = readHeader(lines);
      Size size = readSize(lines, h);
      Coordinates coo = h.coordinate
          ? readCoordinateEntries(lines, h, size, nonNegative)
          : readArrayEntries(lines, h, size, nonNegative);
      return coo.toCsr(size.rows, size.cols);
    }
  }

  private record Header(boolean coordinate, boolean pattern, boolean integer, boolean symmetric) {}

  private static Header readHeader(MatrixMarketLines lines) throws IOException {
    String first = lines.nextRaw();
    if (first == null) {
      throw lines.error("empty file; expected the header \"" + EXPECTED_HEADER + "\"");
    }
    String[] t = first.trim().split("\\s+");
    if (t.length != 5 || !t[0].equalsIgnoreCase(BANNER)) {
      throw lines.error("bad Matrix Market header \"" + MatrixMarketLines.abbreviate(first) + "\"; expected \""
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

  /**
   * The size line: {@code count} is the number of entries the file must hold, {@code line} the
   * size line's number (for messages).
   */
  private record Size(int rows, int cols, long count, long line) {}

  private static Size readSize(MatrixMarketLines lines, Header h) throws IOException {
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
    checkHeap(lines, rows, cols);
    return new Size((int) rows, (int) cols, count, lines.lineNo);
  }

  /**
   * Refuses, before anything is allocated, a size line whose rows and columns alone need more than
   * half the heap: turning the entries into CSR takes a pointer per row and per column (4 bytes
   * each), however few the entries are, so a header claiming 2,000,000,000 x 2,000,000,000 would
   * otherwise end in an OutOfMemoryError.
   */
  private static void checkHeap(MatrixMarketLines lines, long rows, long cols) throws MatrixFormatException {
    long needed = 4 * (rows + 1) + 4 * (cols + 1);
    long heap = Runtime.getRuntime().maxMemory();
    if (needed > heap / 2) {
      throw lines.error("a " + rows + " x " + cols + " matrix needs " + (needed >> 20) + " MB for its"
          + " row and column pointers alone, more than half of the " + (heap >> 20) + " MB heap;"
          + " check the size line, or give Java more memory (TOPICNMF_JAVA_OPTS=-Xmx...)");
    }
  }

  private static Coordinates readCoordinateEntries(MatrixMarketLines lines, Header h, Size size, boolean nonNegative)
      throws IOException {
    long declared = size.count;
    Coordinates coo = new Coordinates(declared * (h.symmetric ? 2 : 1));
    long read = 0;
    while (lines.nextData()) {
      if (read == declared) {
        throw lines.error("more entries than the " + declared + " declared on line " + size.line);
      }
      int i = index(lines, "row", size.rows);
      int j = index(lines, "column", size.cols);
      double v = h.pattern ? 1.0 : lines.nextDouble(h.integer ? "integer value" : "value");
      lines.expectEnd(h.pattern ? "pattern entry \"row column\"" : "entry \"row column value\"");
      if (h.symmetric && j > i) {
        throw lines.error("entry (" + (i + 1) + ", " + (j + 1) + ") lies above the diagonal; a symmetric "
            + "Matrix Market file stores only the lower triangle (row >= column)");
      }
      checkValue(lines, v, i, j, nonNegative);
      add(coo, h, i, j, v);
      read++;
    }
    if (read < declared) {
      throw lines.error("file ends after " + read + " of the " + declared + " entries declared on line "
          + size.line);
    }
    return coo;
  }

  private static Coordinates readArrayEntries(MatrixMarketLines lines, Header h, Size size, boolean nonNegative)
      throws IOException {
    int rows = size.rows;
    int cols = size.cols;
    long count = size.count;
    Coordinates coo = new Coordinates(Math.min(count * (h.symmetric ? 2 : 1), 1L << 20));
    long read = 0;
    // Column-major; a symmetric array holds the lower triangle of each column.
    for (int j = 0; j < cols; j++) {
      for (int i = h.symmetric ? j : 0; i < rows; i++) {
        if (!lines.hasToken() && !lines.nextData()) {
          throw lines.error("file ends after " + read + " of the " + count + " values of a "
              + (h.symmetric ? "symmetric " : "") + rows + " x " + cols + " array (line " + size.line + ")");
        }
        double v = lines.nextDouble(h.integer ? "integer value" : "value");
        checkValue(lines, v, i, j, nonNegative);
        if (v != 0) {
          add(coo, h, i, j, v);
        }
        read++;
      }
    }
    if (lines.hasToken() || lines.nextData()) {
      throw lines.error("more values than the " + count + " of a " + (h.symmetric ? "symmetric " : "")
          + rows + " x " + cols + " array (line " + size.line + ")");
    }
    return coo;
  }

  /** Adds entry (i, j) and, in a symmetric file, its mirror (j, i) above the diagonal. */
  private static void add(Coordinates coo, Header h, int i, int j, double v) {
    coo.add(i, j, v);
    if (h.symmetric && i != j) {
      coo.add(j, i, v);
    }
  }

  private static int index(MatrixMarketLines lines, String what, int bound) throws MatrixFormatException {
    long k = lines.nextLong(what + " index");
    if (k < 1 || k > bound) {
      throw lines.error(what + " index " + k + " out of range "
          + (bound == 0 ? "(the matrix has no " + what + "s)" : "1.." + bound));
    }
    return (int) (k - 1);
  }

  private static void checkValue(MatrixMarketLines lines, double v, int i, int j, boolean nonNegative)
      throws MatrixFormatException {
    if (nonNegative && v < 0) {
      throw lines.error("negative value " + v + " at (" + (i + 1) + ", " + (j + 1)
          + "); a non-negative factorization needs a matrix without negative values");
    }
  }
}

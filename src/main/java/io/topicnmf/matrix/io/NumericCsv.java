package io.topicnmf.matrix.io;

import io.topicnmf.files.CsvReader;
import io.topicnmf.matrix.CsrMatrix;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the numeric columns of a CSV file as a non-negative sparse matrix, so that any table of
 * measurements (the Iris data, a term-count export) can be factorized like a corpus.
 *
 * <p>The format is RFC 4180 with the usual leniencies ({@link CsvReader}, shared with {@code .csv}
 * corpora): fields are separated by commas (or by
 * semicolons or tabs when the first line uses more of those than commas), a field may be quoted
 * with {@code "} and then hold delimiters, line breaks and doubled quotes; lines end with LF, CRLF
 * or CR; blank lines and a UTF-8 byte-order mark are skipped; fields are trimmed. Bytes
 * that are not UTF-8 are replaced, which only matters for labels.
 *
 * <p>Interpretation, decided from the whole file before any value is kept:
 *
 * <ul>
 *   <li>A cell is a <i>number</i> (decimal with optional sign, point and exponent; also NaN and
 *       Inf, so that they can be reported), <i>missing</i> (empty, {@code NA}, {@code N/A},
 *       {@code NULL}, {@code None}) or <i>text</i>.
 *   <li>A column is <i>numeric</i> when its data rows hold at least one number and no text. Other
 *       columns are ignored and listed in {@link NumericTable#ignoredColumns()}; the first of them
 *       that holds text gives the row labels.
 *   <li>The first line is a <i>header</i> when it holds text and a column whose other rows are
 *       numeric does not start with a number (it starts with text, or is empty like the unnamed
 *       index column pandas writes). A header of numbers only cannot be told from data and is
 *       read as data. Without a header
 *       columns are named {@code c1, c2, ...} by their position in the file.
 * </ul>
 *
 * <p>A {@link MatrixFormatException} names the file and line, and for a bad value the column
 * (number and name) and the data row: a ragged row, an unclosed quote, a missing, negative or
 * non-finite value in a numeric column, an empty file, a file without a numeric column.
 *
 * <p>The file is read twice (classify, then parse) so memory stays proportional to the matrix, not
 * to the text.
 */
public final class NumericCsv {
  private static final int EMPTY = 0;
  private static final int NUMBER = 1;
  private static final int TEXT = 2;
  private static final Set<String> MISSING = Set.of("na", "n/a", "null", "none");

  private NumericCsv() {}

  /**
   * Reads the numeric columns of a CSV file.
   *
   * @param file a CSV file as described in the class comment
   * @return the matrix (one row per data row, one column per numeric column) with its names
   * @throws MatrixFormatException for a file that is not a usable numeric table; the message names
   *     the file, the line and, for a bad value, the column
   * @throws IOException if the file cannot be read
   */
  public static NumericTable read(Path file) throws IOException {
    char delimiter = detectDelimiter(file);
    Layout layout = classify(file, delimiter);
    return parse(file, delimiter, layout);
  }

  /** What the first pass learned: the header, which columns are numeric, where the labels are. */
  private record Layout(
      int fields, boolean header, boolean[] numeric, int labelColumn, List<String> names) {}

  private static Layout classify(Path file, char delimiter) throws IOException {
    List<String> row = new ArrayList<>();
    try (Records records = new Records(file, delimiter)) {
      if (!records.next(row)) {
        throw new MatrixFormatException(file, "empty file; expected CSV with at least one numeric column");
      }
      long firstLine = records.recordLine;
      List<String> first = List.copyOf(row);
      int n = first.size();
      int[] firstKind = new int[n];
      for (int c = 0; c < n; c++) {
        firstKind[c] = kind(first.get(c));
      }
      boolean[] textBelow = new boolean[n];
      boolean[] numberBelow = new boolean[n];
      long count = 1;
      while (records.next(row)) {
        if (row.size() != n) {
          throw new MatrixFormatException(file, records.recordLine, row.size() + " field"
              + (row.size() == 1 ? "" : "s") + ", but line " + firstLine + " has " + n
              + "; every row needs the same number of fields (quote a field that contains a delimiter)");
        }
        for (int c = 0; c < n; c++) {
          int k = kind(row.get(c));
          textBelow[c] |= k == TEXT;
          numberBelow[c] |= k == NUMBER;
        }
        count++;
      }
      // A header: the first line holds text, and a column that is numeric below does not start
      // with a number (it starts with text, or is empty like the unnamed index column pandas writes).
      boolean firstHasText = false;
      for (int c = 0; c < n; c++) {
        firstHasText |= firstKind[c] == TEXT;
      }
      boolean header = false;
      for (int c = 0; c < n && count > 1 && firstHasText; c++) {
        header |= firstKind[c] != NUMBER && numberBelow[c] && !textBelow[c];
      }
      boolean[] numeric = new boolean[n];
      boolean[] hasText = new boolean[n];
      for (int c = 0; c < n; c++) {
        if (header) {
          numeric[c] = numberBelow[c] && !textBelow[c];
          hasText[c] = textBelow[c];
        } else {
          numeric[c] = (numberBelow[c] || firstKind[c] == NUMBER) && !textBelow[c] && firstKind[c] != TEXT;
          hasText[c] = textBelow[c] || firstKind[c] == TEXT;
        }
      }
      List<String> names = new ArrayList<>(n);
      int labelColumn = -1;
      boolean anyNumeric = false;
      for (int c = 0; c < n; c++) {
        names.add(header && !first.get(c).isEmpty() ? first.get(c) : "c" + (c + 1));
        anyNumeric |= numeric[c];
        if (!numeric[c] && hasText[c] && labelColumn < 0) {
          labelColumn = c;
        }
      }
      if (!anyNumeric) {
        String detail = count == 1
            ? "only one line and no number in it; expected a header line followed by numeric rows"
            : "no numeric column (a column is numeric when every data row holds a number or nothing); "
                + "columns found: " + quoted(names);
        throw new MatrixFormatException(file, detail);
      }
      return new Layout(n, header, numeric, labelColumn, List.copyOf(names));
    }
  }

  private static NumericTable parse(Path file, char delimiter, Layout layout) throws IOException {
    int n = layout.fields();
    int[] outColumn = new int[n];
    List<String> columnNames = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      if (layout.numeric()[c]) {
        outColumn[c] = columnNames.size();
        columnNames.add(layout.names().get(c));
      } else {
        outColumn[c] = -1;
        ignored.add(layout.names().get(c));
      }
    }
    List<String> labels = layout.labelColumn() >= 0 ? new ArrayList<>() : null;
    int[] rowPtr = new int[1025];
    int[] colIdx = new int[1024];
    double[] values = new double[1024];
    int rows = 0;
    int nnz = 0;
    List<String> row = new ArrayList<>();
    try (Records records = new Records(file, delimiter)) {
      if (layout.header()) {
        records.next(row);
      }
      while (records.next(row)) {
        if (row.size() != n) { // the file changed between the two passes
          throw new MatrixFormatException(file, records.recordLine, row.size() + " fields, expected " + n);
        }
        for (int c = 0; c < n; c++) {
          if (outColumn[c] < 0) {
            continue;
          }
          String cell = row.get(c);
          if (kind(cell) == EMPTY) {
            throw valueError(file, records.recordLine, layout, c, rows,
                "missing value" + (cell.isEmpty() ? "" : " \"" + cell + "\""), "; fill it in or remove the column");
          }
          double v = Decimals.parseDouble(cell, 0, cell.length());
          if (!Double.isFinite(v)) {
            throw valueError(file, records.recordLine, layout, c, rows,
                "value \"" + cell + "\"", " is not a finite number");
          }
          if (v > Float.MAX_VALUE) {
            throw valueError(file, records.recordLine, layout, c, rows, "value \"" + cell + "\"",
                " is beyond the single-precision range (3.4e38) matrices are stored in; divide the table by a constant first");
          }
          if (v < 0) {
            throw valueError(file, records.recordLine, layout, c, rows, "negative value " + cell,
                "; a non-negative factorization needs a matrix without negative values");
          }
          if (v != 0 && (float) v == 0) {
            throw valueError(file, records.recordLine, layout, c, rows, "value \"" + cell + "\"",
                " is below the single-precision range (1.4e-45) matrices are stored in, where it would become 0;"
                    + " multiply the table by a constant first, or write 0");
          }
          if (v != 0) {
            if (nnz == colIdx.length) {
              colIdx = Arrays.copyOf(colIdx, nnz * 2);
              values = Arrays.copyOf(values, nnz * 2);
            }
            colIdx[nnz] = outColumn[c];
            values[nnz++] = v;
          }
        }
        if (labels != null) {
          labels.add(row.get(layout.labelColumn()));
        }
        rows++;
        if (rows + 1 == rowPtr.length) {
          rowPtr = Arrays.copyOf(rowPtr, rowPtr.length * 2);
        }
        rowPtr[rows] = nnz;
      }
    }
    CsrMatrix m = new CsrMatrix(rows, columnNames.size(), Arrays.copyOf(rowPtr, rows + 1),
        Arrays.copyOf(colIdx, nnz), Arrays.copyOf(values, nnz));
    return new NumericTable(m, columnNames, ignored, labels);
  }

  private static MatrixFormatException valueError(
      Path file, long line, Layout layout, int c, int dataRow, String what, String why) {
    return new MatrixFormatException(file, line, what + " in column " + (c + 1) + " \""
        + layout.names().get(c) + "\" (data row " + (dataRow + 1) + ")" + why);
  }

  /** EMPTY (also the usual missing-value markers), NUMBER (NaN and Inf included) or TEXT. */
  private static int kind(String cell) {
    if (cell.isEmpty()) {
      return EMPTY;
    }
    if (!Double.isNaN(Decimals.parseDouble(cell, 0, cell.length()))) {
      return NUMBER;
    }
    String s = cell.startsWith("+") || cell.startsWith("-") ? cell.substring(1) : cell;
    if (s.equalsIgnoreCase("nan")) {
      return NUMBER;
    }
    return MISSING.contains(cell.toLowerCase(Locale.ROOT)) ? EMPTY : TEXT;
  }

  private static String quoted(List<String> names) {
    return names.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
  }

  /**
   * Comma, unless the first line (outside quotes) holds more semicolons or more tabs than commas;
   * then the more frequent of those two.
   */
  private static char detectDelimiter(Path file) throws IOException {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    try (Reader in = reader(file)) {
      boolean quoted = false;
      int c;
      int seen = 0;
      while ((c = in.read()) != -1 && seen++ < (1 << 20)) {
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted) {
          if (c == '\n' || c == '\r') {
            if (commas + semicolons + tabs > 0) break; // the first non-blank line decides
          } else if (c == ',') {
            commas++;
          } else if (c == ';') {
            semicolons++;
          } else if (c == '\t') {
            tabs++;
          }
        }
      }
    }
    if (tabs > commas && tabs >= semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }

  private static Reader reader(Path file) throws IOException {
    return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  /**
   * The non-blank records of the file through the shared {@link CsvReader} (fields trimmed, a
   * byte-order mark skipped), with an unclosed quote reported as a {@link MatrixFormatException}.
   */
  private static final class Records implements Closeable {
    private final Path file;
    private final CsvReader csv;
    long recordLine;

    Records(Path file, char delimiter) throws IOException {
      this.file = file;
      this.csv = new CsvReader(reader(file), delimiter, true);
      csv.skipByteOrderMark();
    }

    /** Reads the next non-blank record into {@code fields}; false at the end of the file. */
    boolean next(List<String> fields) throws IOException {
      while (true) {
        boolean more;
        try {
          more = csv.next(fields);
        } catch (CsvReader.UnclosedQuoteException e) {
          throw new MatrixFormatException(file, e.line(), "the quoted field that starts on this line is never closed");
        }
        if (!more) {
          return false;
        }
        recordLine = csv.recordLine();
        if (csv.malformed() != null) {
          throw new MatrixFormatException(file, recordLine, csv.malformed());
        }
        if (fields.size() == 1 && !csv.anyQuoted() && fields.get(0).isEmpty()) {
          continue; // a blank line
        }
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      csv.close();
    }
  }
}

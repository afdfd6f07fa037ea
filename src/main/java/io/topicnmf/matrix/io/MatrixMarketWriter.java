package io.topicnmf.matrix.io;

import io.topicnmf.files.AtomicFiles;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.parallel.Workers;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The writing half of {@link MatrixMarket}: {@code coordinate real general} for sparse matrices,
 * {@code array real general} for dense ones, every value printed in the format of {@link
 * Double#toString(double)} (a sparse matrix's stored floats as the shortest decimal that reads
 * back to the same float, by Schubfach), each file written atomically.
 * Non-instantiable; call through {@link MatrixMarket}.
 */
final class MatrixMarketWriter {
  private static final String BANNER = "%%MatrixMarket";

  private MatrixMarketWriter() {}

  /**
   * Writes a sparse matrix as {@code %%MatrixMarket matrix coordinate real general}: the header,
   * the comment (each of its lines prefixed by {@code %}; none when null or blank), the line
   * {@code rows cols nnz}, then one line {@code i j value} per stored entry in row-major order with
   * 1-based indices. Stored zeros are written too (and dropped again by {@link MatrixMarket#read}).
   *
   * @throws IllegalArgumentException if a stored value is NaN or infinite
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  static void write(CsrMatrix m, Path file, String comment) throws IOException {
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
  static void write(CsrMatrix m, Path file, String comment, int threads) throws IOException {
    int[] ptr = m.rowPtr();
    int[] idx = m.colIdx();
    float[] val = m.values();
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
      try (Workers workers = Workers.of(Math.min(threads, chunks))) {
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
   * written digit by digit, values as the shortest decimal of their float (integer values
   * below 10^7, as counts are, without going through it: "3.0").
   */
  private static byte[] formatRows(CsrMatrix m, int chunk) {
    int[] ptr = m.rowPtr();
    int[] idx = m.colIdx();
    float[] val = m.values();
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
          // The shortest decimal that reads back as the stored float, by Schubfach (as the reports'
          // doubles); JDK 17's Float.toString is slower and not always shortest.
          String s = com.fasterxml.jackson.core.io.NumberOutput.toString(val[p], true);
          for (int k = 0; k < s.length(); k++) {
            b[n++] = (byte) s.charAt(k); // the format is ASCII only
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
  static void writeArray(DenseMatrix m, Path file, String comment) throws IOException {
    int rows = m.rows();
    int cols = m.cols();
    double[] a = m.data();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        requireFinite(a[i * cols + j], i, j);
      }
    }
    AtomicFiles.writeText(file, w -> {
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
}

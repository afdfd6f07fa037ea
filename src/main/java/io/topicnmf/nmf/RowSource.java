package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The rows of a non-negative matrix X ({@code rows × cols}) read in blocks of consecutive rows: what
 * the mini-batch fit ({@link MiniBatchNmf}) needs, so that X never has to be in memory at once.
 *
 * <p>{@link #of(CsrMatrix)} serves a matrix held in memory. A file-backed source (the spilled rows
 * of a streamed corpus) implements {@link #read} by seeking to row {@code from} (an offset per row
 * or per fixed block of rows is enough) and decoding {@code to − from} rows. The fit reads each
 * mini-batch with one {@code read} call, in a seeded order of batches that changes every epoch,
 * then reads the rows once more in order to compute every document's weights; it never holds more
 * than one batch. A source must return the same rows for the same range every time (the fit is
 * deterministic only if its input is), and wrap an I/O failure in an {@link
 * java.io.UncheckedIOException} naming the file.
 */
public interface RowSource {
  /** Number of rows (documents). */
  int rows();

  /** Number of columns (terms); every block has this many. */
  int cols();

  /** Number of stored entries over all rows (what the memory plan sizes batches by). */
  long nnz();

  /**
   * Rows {@code [from, to)} as a CSR matrix of {@code to − from} rows and {@link #cols()} columns,
   * {@code 0 ≤ from ≤ to ≤ rows()}. The caller may keep the result but not modify it.
   */
  CsrMatrix read(int from, int to);

  /** The rows in order, in blocks of {@code size} rows (the last one shorter). */
  default Iterator<CsrMatrix> blocks(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("blocks: size must be >= 1, got " + size);
    }
    return new Iterator<>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < rows();
      }

      @Override
      public CsrMatrix next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int to = (int) Math.min(rows(), (long) next + size);
        CsrMatrix block = read(next, to);
        next = to;
        return block;
      }
    };
  }

  /** The rows of {@code x}, held in memory; each {@link #read} copies the range. */
  static RowSource of(CsrMatrix x) {
    Objects.requireNonNull(x, "x");
    return new RowSource() {
      @Override
      public int rows() {
        return x.rows();
      }

      @Override
      public int cols() {
        return x.cols();
      }

      @Override
      public long nnz() {
        return x.nnz();
      }

      @Override
      public CsrMatrix read(int from, int to) {
        return slice(x, from, to);
      }
    };
  }

  /** Rows {@code [from, to)} of {@code x} as a new CSR matrix. */
  static CsrMatrix slice(CsrMatrix x, int from, int to) {
    if (from < 0 || to < from || to > x.rows()) {
      throw new IllegalArgumentException("rows [" + from + ", " + to + ") of a matrix of " + x.rows() + " rows");
    }
    int[] rowPtr = x.rowPtr();
    int start = rowPtr[from];
    int nnz = rowPtr[to] - start;
    int[] ptr = new int[to - from + 1];
    for (int i = from; i <= to; i++) {
      ptr[i - from] = rowPtr[i] - start;
    }
    int[] idx = new int[nnz];
    float[] val = new float[nnz];
    System.arraycopy(x.colIdx(), start, idx, 0, nnz);
    System.arraycopy(x.values(), start, val, 0, nnz);
    return new CsrMatrix(to - from, x.cols(), ptr, idx, val);
  }
}

package io.topicnmf.matrix;

import java.util.Arrays;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) layout.
 *
 * <p>Row {@code i} holds the entries {@code values[p]} at columns {@code colIdx[p]} for
 * {@code p} in {@code [rowPtr[i], rowPtr[i+1])}; column indices are strictly increasing within a
 * row. The arrays are shared, not copied, for speed: callers must not modify them.
 *
 * <p><b>Compact storage.</b> A stored entry costs 8 bytes: an {@code int} column id and a {@code
 * float} value. The matrix is the input of every fit, usually with its transposed copy, so this is
 * what sets the memory of a large fit; single precision (24-bit mantissa, relative rounding ≤
 * 6·10⁻⁸) holds a TF-IDF weight or a count below 2²⁴ exactly enough, while every kernel reads the
 * value into a {@code double} and accumulates in double. On bbc and 20news-train the fit's
 * objective moved by at most 1.4·10⁻⁶ relative when X went from double to float (bench/RESULTS.md,
 * "Compact matrix"). A {@code double[]} given to the constructor is rounded to float once.
 */
public final class CsrMatrix {
  private final int rows;
  private final int cols;
  private final int[] rowPtr;
  private final int[] colIdx;
  private final float[] values;

  /**
   * Wraps CSR arrays after checking their shapes.
   *
   * @throws IllegalArgumentException if the arrays do not describe a {@code rows × cols} CSR
   *     matrix with sorted column indices
   */
  public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    if (rowPtr.length != rows + 1 || rowPtr[0] != 0) {
      throw new IllegalArgumentException("rowPtr must have rows+1=" + (rows + 1) + " entries starting at 0");
    }
    int nnz = rowPtr[rows];
    if (colIdx.length < nnz || values.length < nnz) {
      throw new IllegalArgumentException("colIdx/values shorter than nnz=" + nnz);
    }
    for (int i = 0; i < rows; i++) {
      if (rowPtr[i + 1] < rowPtr[i]) {
        throw new IllegalArgumentException("rowPtr decreases at row " + i);
      }
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        int c = colIdx[p];
        if (c < 0 || c >= cols || (p > rowPtr[i] && c <= colIdx[p - 1])) {
          throw new IllegalArgumentException("bad or unsorted column " + c + " in row " + i);
        }
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
  }

  /**
   * Wraps CSR arrays with double values, rounded to float once ({@link #CsrMatrix(int, int, int[],
   * int[], float[])}): for callers that compute values in double (tests, file readers).
   */
  public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
    this(rows, cols, rowPtr, colIdx, toFloat(values, rowPtr.length > rows && rows >= 0 ? rowPtr[rows] : values.length));
  }

  /** The first {@code n} (at most all) of {@code a} rounded to float. */
  public static float[] toFloat(double[] a, int n) {
    float[] f = new float[Math.max(0, Math.min(n, a.length))];
    for (int p = 0; p < f.length; p++) {
      f[p] = (float) a[p];
    }
    return f;
  }

  /** Bytes a stored entry costs: an int column id and a float value. */
  public static final int BYTES_PER_ENTRY = 8;

  /** Heap bytes of the arrays of a CSR matrix of {@code rows} rows and {@code nnz} stored entries (16-byte array headers). */
  public static long bytes(long rows, long nnz) {
    return 4 * (rows + 1) + (long) BYTES_PER_ENTRY * nnz + 3 * 16;
  }

  public int rows() { return rows; }

  public int cols() { return cols; }

  public int nnz() { return rowPtr[rows]; }

  /** Row pointers, length rows+1 (shared; do not modify). */
  public int[] rowPtr() { return rowPtr; }

  /** Column index of each stored entry (shared; do not modify). */
  public int[] colIdx() { return colIdx; }

  /** Value of each stored entry, in single precision (shared; do not modify). */
  public float[] values() { return values; }

  /** Number of stored entries of row {@code i}. */
  public int rowNnz(int i) { return rowPtr[i + 1] - rowPtr[i]; }

  /** The value at (i, j), zero when not stored. O(log nnz(row)). */
  public double get(int i, int j) {
    int p = Arrays.binarySearch(colIdx, rowPtr[i], rowPtr[i + 1], j);
    return p >= 0 ? values[p] : 0.0;
  }

  /** Squared Frobenius norm, the sum of squares of the stored values. */
  public double frobeniusNormSquared() {
    double s = 0;
    for (int p = 0, n = nnz(); p < n; p++) {
      double v = values[p];
      s += v * v;
    }
    return s;
  }

  /** Returns the transpose, also in CSR layout (i.e. this matrix in CSC layout). O(nnz + rows + cols). */
  public CsrMatrix transpose() {
    int nnz = nnz();
    int[] tPtr = new int[cols + 1];
    for (int p = 0; p < nnz; p++) {
      tPtr[colIdx[p] + 1]++;
    }
    for (int j = 0; j < cols; j++) {
      tPtr[j + 1] += tPtr[j];
    }
    int[] next = Arrays.copyOf(tPtr, cols);
    int[] tIdx = new int[nnz];
    float[] tVal = new float[nnz];
    for (int i = 0; i < rows; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        int q = next[colIdx[p]]++;
        tIdx[q] = i;
        tVal[q] = values[p];
      }
    }
    return new CsrMatrix(cols, rows, tPtr, tIdx, tVal);
  }

  /** Builds a CSR matrix from a dense row-major array, keeping the non-zero entries. For tests and small inputs. */
  public static CsrMatrix fromDense(double[][] a, int cols) {
    int rows = a.length;
    int[] ptr = new int[rows + 1];
    int nnz = 0;
    for (double[] row : a) {
      for (double v : row) {
        if (v != 0) nnz++;
      }
    }
    int[] idx = new int[nnz];
    float[] val = new float[nnz];
    int p = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (a[i][j] != 0) {
          idx[p] = j;
          val[p++] = (float) a[i][j];
        }
      }
      ptr[i + 1] = p;
    }
    return new CsrMatrix(rows, cols, ptr, idx, val);
  }

  /** A dense copy; only for tests and small matrices. */
  public double[][] toDense() {
    double[][] a = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        a[i][colIdx[p]] = values[p];
      }
    }
    return a;
  }

  @Override
  public String toString() {
    return "CsrMatrix[" + rows + "x" + cols + ", nnz=" + nnz() + "]";
  }
}

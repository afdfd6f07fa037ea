package io.topicnmf.matrix;

import java.util.Arrays;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) layout.
 *
 * <p>Row {@code i} holds the entries {@code values[p]} at columns {@code colIdx[p]} for
 * {@code p} in {@code [rowPtr[i], rowPtr[i+1])}; column indices are strictly increasing within a
 * row. The arrays are shared, not copied, for speed: callers must not modify them.
 */
public final class CsrMatrix {
  private final int rows;
  private final int cols;
  private final int[] rowPtr;
  private final int[] colIdx;
  private final double[] values;

  /**
   * Wraps CSR arrays after checking their shapes.
   *
   * @throws IllegalArgumentException if the arrays do not describe a {@code rows × cols} CSR
   *     matrix with sorted column indices
   */
  public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
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

  public int rows() { return rows; }

  public int cols() { return cols; }

  public int nnz() { return rowPtr[rows]; }

  /** Row pointers, length rows+1 (shared; do not modify). */
  public int[] rowPtr() { return rowPtr; }

  /** Column index of each stored entry (shared; do not modify). */
  public int[] colIdx() { return colIdx; }

  /** Value of each stored entry (shared; do not modify). */
  public double[] values() { return values; }

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
      s += values[p] * values[p];
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
    double[] tVal = new double[nnz];
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
    double[] val = new double[nnz];
    int p = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (a[i][j] != 0) {
          idx[p] = j;
          val[p++] = a[i][j];
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

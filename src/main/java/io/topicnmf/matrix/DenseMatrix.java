package io.topicnmf.matrix;

import java.util.Arrays;

/**
 * A dense row-major matrix of doubles: entry (i, j) is {@code data[i * cols + j]}.
 *
 * <p>Mutable on purpose: solvers update factors in place. The data array is exposed for kernels.
 */
public final class DenseMatrix {
  private final int rows;
  private final int cols;
  private final double[] data;

  public DenseMatrix(int rows, int cols) {
    this(rows, cols, new double[Math.multiplyExact(rows, cols)]);
  }

  public DenseMatrix(int rows, int cols, double[] data) {
    if (rows < 0 || cols < 0 || data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "data of length " + data.length + " does not fit shape " + rows + "x" + cols);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  public int rows() { return rows; }

  public int cols() { return cols; }

  /** The row-major backing array (shared). */
  public double[] data() { return data; }

  public double get(int i, int j) { return data[i * cols + j]; }

  public void set(int i, int j, double v) { data[i * cols + j] = v; }

  /** A copy of row {@code i}. */
  public double[] row(int i) { return Arrays.copyOfRange(data, i * cols, (i + 1) * cols); }

  public DenseMatrix copy() { return new DenseMatrix(rows, cols, data.clone()); }

  public DenseMatrix transpose() {
    DenseMatrix t = new DenseMatrix(cols, rows);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t.data[j * rows + i] = data[i * cols + j];
      }
    }
    return t;
  }

  public static DenseMatrix of(double[][] a) {
    int r = a.length;
    int c = r == 0 ? 0 : a[0].length;
    DenseMatrix m = new DenseMatrix(r, c);
    for (int i = 0; i < r; i++) {
      if (a[i].length != c) throw new IllegalArgumentException("ragged row " + i);
      System.arraycopy(a[i], 0, m.data, i * c, c);
    }
    return m;
  }

  public double[][] toArray() {
    double[][] a = new double[rows][];
    for (int i = 0; i < rows; i++) a[i] = row(i);
    return a;
  }

  @Override
  public String toString() {
    return "DenseMatrix[" + rows + "x" + cols + "]";
  }
}

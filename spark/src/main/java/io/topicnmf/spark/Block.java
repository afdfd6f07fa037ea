package io.topicnmf.spark;

import io.topicnmf.matrix.CsrMatrix;
import java.io.Serializable;

/**
 * A partition's rows of X and of W, kept together (PLANC's and MLlib ALS's layout): the documents'
 * ids and labels, their raw counts and TF-IDF values over the kept columns (one CSR pattern), and
 * their topic weights (rows × k, row-major; null for X alone). The fit caches X's blocks once and
 * each pass's W apart ({@link DistributedNmf.Weights}); {@link #withW} pairs them without a copy.
 */
final class Block implements Serializable {
  private static final long serialVersionUID = 1L;

  final String[] ids;
  final String[] labels;
  final int cols;
  final int[] rowPtr;
  final int[] colIdx;
  final double[] counts;
  /** The TF-IDF values, single precision as the core's {@link CsrMatrix} holds them. */
  final float[] x;
  final double[] w;
  /** The loss of this block at (w, the H it was solved for), and ½‖X − WH‖² there. */
  final double objective;
  final double frobenius;

  Block(String[] ids, String[] labels, int cols, int[] rowPtr, int[] colIdx, double[] counts,
      float[] x, double[] w, double objective, double frobenius) {
    this.ids = ids;
    this.labels = labels;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.counts = counts;
    this.x = x;
    this.w = w;
    this.objective = objective;
    this.frobenius = frobenius;
  }

  int rows() {
    return ids.length;
  }

  /** The TF-IDF rows as the core's matrix (no copy). */
  CsrMatrix matrix() {
    return new CsrMatrix(ids.length, cols, rowPtr, colIdx, x);
  }

  /** The raw counts as the core's matrix (no copy). */
  CsrMatrix countMatrix() {
    return new CsrMatrix(ids.length, cols, rowPtr, colIdx, counts);
  }

  Block withW(double[] w, double objective, double frobenius) {
    return new Block(ids, labels, cols, rowPtr, colIdx, counts, x, w, objective, frobenius);
  }
}

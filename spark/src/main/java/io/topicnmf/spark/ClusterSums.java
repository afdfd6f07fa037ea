package io.topicnmf.spark;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.model.DocumentClusters;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Each cluster's rows summed ({@link DocumentClusters#sums}, k × terms) and its documents counted,
 * kept sparse: cluster c's sums as its terms in increasing order ({@code cols[c]}) and their sums
 * ({@code values[c]}), only the terms some row of the cluster holds. A partition's sums hold at most
 * its non-zeros, where the dense k × terms doubles (30 MB at k = 50 and 78,816 terms) were made,
 * sent and added once per task.
 *
 * <p>Every sum is the dense one bit for bit: a partition's are added row by row in row order from
 * zero ({@link #of}), as {@link DocumentClusters#sums} adds them, and {@link #merge} adds two
 * clusters' sums term by term where both hold the term and copies the one that does elsewhere,
 * which is what adding the dense rows gives (the rows are non-negative, so x + 0 is x). The
 * order of the merges is the caller's.
 */
final class ClusterSums implements Serializable {
  private static final long serialVersionUID = 1L;

  final int k;
  final int m;
  /** Per cluster, its terms in increasing order. */
  final int[][] cols;
  /** Per cluster, the sums of its rows at {@code cols[c]}. */
  final double[][] values;
  /** Per cluster, its documents. */
  final long[] sizes;

  /** No cluster holds a row yet. */
  ClusterSums(int k, int m) {
    this.k = k;
    this.m = m;
    cols = new int[k][0];
    values = new double[k][0];
    sizes = new long[k];
  }

  /**
   * The sums of the rows of {@code x} per cluster of {@code assignment} (values in [0, k), or -1
   * for a row in none): {@link DocumentClusters#sums}, sparse. Each cluster's rows are added in
   * row order into one dense row of {@code x.cols()} doubles, whose touched terms are then read out
   * in order and cleared; the work is the non-zeros plus, per cluster, the sorting of its terms.
   */
  static ClusterSums of(CsrMatrix x, int[] assignment, int k) {
    int n = x.rows();
    int m = x.cols();
    if (assignment.length != n) {
      throw new IllegalArgumentException("assignment has " + assignment.length + " entries for " + n + " rows");
    }
    ClusterSums s = new ClusterSums(k, m);
    // The rows of each cluster, in row order (a counting sort by cluster).
    int[] start = new int[k + 1];
    for (int i = 0; i < n; i++) {
      int c = assignment[i];
      if (c < -1 || c >= k) throw new IllegalArgumentException("row " + i + " is in cluster " + c + " of " + k);
      if (c >= 0) start[c + 1]++;
    }
    for (int c = 0; c < k; c++) start[c + 1] += start[c];
    int[] rows = new int[start[k]];
    int[] next = Arrays.copyOf(start, k);
    for (int i = 0; i < n; i++) if (assignment[i] >= 0) rows[next[assignment[i]]++] = i;

    int[] rp = x.rowPtr();
    int[] ci = x.colIdx();
    float[] v = x.values();
    double[] row = new double[m];
    boolean[] held = new boolean[m];
    int[] terms = new int[m];
    for (int c = 0; c < k; c++) {
      s.sizes[c] = start[c + 1] - start[c];
      int q = 0;
      for (int r = start[c]; r < start[c + 1]; r++) {
        int i = rows[r];
        for (int p = rp[i]; p < rp[i + 1]; p++) {
          int j = ci[p];
          if (!held[j]) {
            held[j] = true;
            terms[q++] = j;
          }
          row[j] += v[p];
        }
      }
      Arrays.sort(terms, 0, q);
      int[] cc = Arrays.copyOf(terms, q);
      double[] cv = new double[q];
      for (int e = 0; e < q; e++) {
        int j = cc[e];
        cv[e] = row[j];
        row[j] = 0;
        held[j] = false;
      }
      s.cols[c] = cc;
      s.values[c] = cv;
    }
    return s;
  }

  /**
   * Adds {@code o} into these sums, cluster by cluster: this sum plus o's where both hold a term
   * (in that order), the one that holds it elsewhere. The arrays of either are never written, so
   * a cluster only one side holds is shared, not copied. Returns this.
   */
  ClusterSums merge(ClusterSums o) {
    if (o.k != k || o.m != m) {
      throw new IllegalArgumentException("sums of " + o.k + " x " + o.m + " added to " + k + " x " + m);
    }
    for (int c = 0; c < k; c++) {
      sizes[c] += o.sizes[c];
      int[] ac = cols[c];
      int[] bc = o.cols[c];
      if (bc.length == 0) continue;
      if (ac.length == 0) {
        cols[c] = bc;
        values[c] = o.values[c];
        continue;
      }
      double[] av = values[c];
      double[] bv = o.values[c];
      int[] uc = new int[ac.length + bc.length];
      double[] uv = new double[uc.length];
      int p = 0;
      int q = 0;
      int e = 0;
      while (p < ac.length && q < bc.length) {
        if (ac[p] < bc[q]) {
          uc[e] = ac[p];
          uv[e++] = av[p++];
        } else if (bc[q] < ac[p]) {
          uc[e] = bc[q];
          uv[e++] = bv[q++];
        } else {
          uc[e] = ac[p];
          uv[e++] = av[p++] + bv[q++];
        }
      }
      for (; p < ac.length; p++, e++) {
        uc[e] = ac[p];
        uv[e] = av[p];
      }
      for (; q < bc.length; q++, e++) {
        uc[e] = bc[q];
        uv[e] = bv[q];
      }
      cols[c] = e == uc.length ? uc : Arrays.copyOf(uc, e);
      values[c] = e == uv.length ? uv : Arrays.copyOf(uv, e);
    }
    return this;
  }

  /** The terms held, summed over the clusters. */
  long entries() {
    long e = 0;
    for (int[] c : cols) e += c.length;
    return e;
  }

  /** The sums as {@link DocumentClusters#sums} gives them: k × terms, row-major. */
  DenseMatrix dense() {
    double[] out = new double[k * m];
    for (int c = 0; c < k; c++) {
      int[] cc = cols[c];
      double[] cv = values[c];
      for (int e = 0; e < cc.length; e++) out[c * m + cc[e]] = cv[e];
    }
    return new DenseMatrix(k, m, out);
  }
}

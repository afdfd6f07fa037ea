package io.topicnmf.matrix.io;

import io.topicnmf.matrix.CsrMatrix;
import java.util.Arrays;

/**
 * Coordinate triples in growable primitive arrays, turned into CSR by two stable counting sorts
 * (by column, then by row) so that columns come out sorted within each row; duplicates are
 * summed and zeros dropped.
 */
final class Coordinates {
  int[] ri;
  int[] ci;
  double[] v;
  int n;

  Coordinates(long expected) {
    // Do not trust a declared count blindly: a 100-byte file claiming 16 M entries would take
    // 256 MB at once (found while fuzzing Matrix Market files). Past 1 M entries (16 MB) the
    // arrays grow only as entries arrive; growing by half costs under one more copy of each entry.
    int cap = (int) Math.max(16, Math.min(expected, 1L << 20));
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
    int[] ptr = starts(ri, n, rows);
    int[] idx = new int[n];
    double[] val = new double[n];
    if (isRowMajorSorted()) {
      System.arraycopy(ci, 0, idx, 0, n);
      System.arraycopy(v, 0, val, 0, n);
    } else {
      // Stable sort by column, then a stable scatter by row keeps columns ascending in each row.
      int[] cptr = starts(ci, n, cols);
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

  /**
   * Where each of the {@code size} keys starts in the order sorted by key (the counting sort's
   * prefix sums of the first {@code n} keys of {@code key}), with the total at {@code size}.
   */
  private static int[] starts(int[] key, int n, int size) {
    int[] start = new int[size + 1];
    for (int p = 0; p < n; p++) {
      start[key[p] + 1]++;
    }
    for (int i = 0; i < size; i++) {
      start[i + 1] += start[i];
    }
    return start;
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

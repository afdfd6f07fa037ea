package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.SparseKernels;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Truncated SVD {@code X ≈ U·diag(s)·Vᵀ} of a sparse matrix by the randomized range finder of
 * Halko, Martinsson &amp; Tropp (SIAM Review 2011, algorithms 4.4 and 5.1), like scikit-learn's
 * {@code randomized_svd}: a Gaussian sketch with {@value #OVERSAMPLES} extra columns (scikit-learn:
 * 10; see {@link #OVERSAMPLES}), power iterations as scikit-learn (7 when k &lt; 0.1·min(rows,
 * cols), else 4) on sketches kept in single precision, each re-orthonormalised by one CholeskyQR
 * pass (two for the final basis Q), then
 * the SVD of the small projected matrix {@code B = Qᵀ·X} from the eigendecomposition of the
 * {@code l × l} matrix {@code B·Bᵀ} (EJML). The sparse products run on the CSR matrix and its
 * transposed copy, the dense steps over fixed row blocks in parallel; X is never densified.
 */
final class RandomizedSvd {
  /**
   * Extra sketch columns. scikit-learn uses 10; on the 20 newsgroups TF-IDF matrix (k = 20) that
   * leaves the trailing singular vectors seed-dependent (NNDSVDa objective 5538–5547 over seeds
   * 0–3, HALS stopping at 5371.2–5373.4 after 9–13 iterations), while 20 gives 5543.2–5544.4 and
   * stops at 5371.6–5372.1 after 8–9 iterations, for about 0.1 s more single-threaded init.
   */
  static final int OVERSAMPLES = 20;

  /**
   * The leading {@code k} singular triplets, in descending order of {@code s}.
   *
   * @param u row-major {@code rows × k}: column j is the j-th left singular vector
   * @param s the k singular values
   * @param v row-major {@code cols × k}: column j is the j-th right singular vector (the array
   *     may be longer; only its first {@code cols·k} entries are the vectors). Likewise {@code u}.
   */
  record Result(double[] u, double[] s, double[] v, int k) {}

  private RandomizedSvd() {}

  static Result compute(CsrMatrix x, CsrMatrix xt, int k, SplittableRandom rng, Workers workers) {
    if (x.rows() <= x.cols()) {
      return wide(x, xt, k, rng, workers);
    }
    Result r = wide(xt, x, k, rng, workers);
    return new Result(r.v(), r.s(), r.u(), k);
  }

  /** The SVD of a matrix with no more rows than columns; the range basis lives on the short side. */
  private static Result wide(CsrMatrix x, CsrMatrix xt, int k, SplittableRandom rng, Workers workers) {
    int m = x.rows();
    int n = x.cols();
    int l = Math.min(k + OVERSAMPLES, Math.min(m, n));
    int powerIterations = k < 0.1 * Math.min(m, n) ? 7 : 4;

    // The sketches Z = Xᵀ·Q of the power iterations (and the draw they start from) are kept in
    // single precision: every stored entry of X reads a row of Z at random, so their bytes are
    // the products' cost (Z is n × l, 84 MB at 300 k documents, far beyond the caches), and the
    // range finder needs the subspace to a few digits only. Sums are in double; Y and the bases Q
    // stay double, and the final Z = Xᵀ·Q, from which the singular vectors come, is double too.
    float[] zf = new float[n * l];
    for (int q = 0; q < zf.length; q++) {
      zf[q] = (float) rng.nextGaussian();
    }
    // The final Z takes its block now, not after the float sketch is let go: with G1 a block of
    // this size needs contiguous free regions, which a heap near its limit may not have at the
    // end even when the total free is enough (the 1 M fit in -Xmx4g ran out of heap there once).
    // The plan counts both (NmfMemory.initBytes: two n × l doubles).
    double[] z = new double[n * l];
    double[] y = new double[m * l];
    SparseKernels.multiply(x, zf, l, y, null, workers);
    double[] q = orthonormalize(y, m, l, powerIterations == 0 ? 2 : 1, workers);
    float[] qf = new float[m * l];
    double zScale = sketchScale(x);
    for (int it = 0; it < powerIterations; it++) {
      // One QR per power iteration, on the short side: Z = XᵀQ has the condition number of X on
      // span(Q), so Y = X·Z loses at most that squared (a few digits of the weakest directions),
      // and the Householder QR of the long side, the dearest step, is not repeated.
      for (int e = 0; e < qf.length; e++) {
        qf[e] = (float) q[e];
      }
      // Z = Xᵀ·Q formed in the final Z's double array, then rounded into the float sketch (as
      // the float-output product rounds its buffers: the same bits): so a Q beyond two slabs is
      // taken a slab at a time (SparseKernels.multiplySlabbed; 0.52 → 0.37 s a product at 300 k).
      SparseKernels.multiply(xt, qf, l, z, null, workers);
      float[] sketch = zf;
      double scale = zScale;
      workers.forEachBlock(n, SparseKernels.ROW_BLOCK, (blk, from, to) -> {
        for (int e = from * l, end = to * l; e < end; e++) {
          sketch[e] = (float) (z[e] * scale);
        }
      });
      SparseKernels.multiply(x, zf, l, y, null, workers);
      q = orthonormalize(y, m, l, it == powerIterations - 1 ? 2 : 1, workers);
    }
    zf = null;
    qf = null;
    // B = Qᵀ·X (l × n), kept as Z = Bᵀ = Xᵀ·Q. Its SVD B = Ub·S·Vbᵀ comes from the small
    // symmetric eigenproblem B·Bᵀ = ZᵀZ = Ub·S²·Ubᵀ; then X ≈ Q·B = (Q·Ub)·S·(Z·Ub·S⁻¹)ᵀ. Only the
    // leading k of the l directions are formed. Squaring the singular values costs nothing that
    // matters here: the leading k are within a factor of a few of the largest, far above rounding
    // (a Householder QR of the n × l block, the textbook route, runs on one thread and cost as
    // much as all the power iterations).
    SparseKernels.multiply(xt, q, l, z, workers);
    double[] gram = new double[l * l];
    DenseKernels.gram(z, n, l, gram, new double[DenseKernels.gramWorkspaceSize(n, l)], workers);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(l, true, true);
    if (!eig.decompose(DMatrixRMaj.wrap(l, l, gram.clone()))) {
      throw new IllegalStateException("eigendecomposition failed in randomized SVD");
    }
    Integer[] order = new Integer[l];
    double[] lambda = new double[l];
    for (int j = 0; j < l; j++) {
      order[j] = j;
      lambda[j] = eig.getEigenvalue(j).getReal();
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(lambda[b], lambda[a]));
    double[] ub = new double[l * k];
    double[] ubScaled = new double[l * k];
    double[] s = new double[k];
    for (int j = 0; j < k; j++) {
      DMatrixRMaj vec = eig.getEigenVector(order[j]);
      double sj = Math.sqrt(Math.max(lambda[order[j]], 0.0));
      s[j] = sj;
      double norm = 0.0;
      for (int r = 0; r < l; r++) {
        norm += vec.get(r) * vec.get(r);
      }
      norm = Math.sqrt(norm);
      for (int r = 0; r < l; r++) {
        double e = vec.get(r) / norm;
        ub[r * k + j] = e;
        ubScaled[r * k + j] = sj > 0.0 ? e / sj : 0.0;
      }
    }
    double[] u = new double[m * k];
    timesSmall(q, m, l, ub, k, u, workers);
    // V = Z·Ub·S⁻¹ is formed in Z's own array (row i of V over the first k of row i's l slots): Z
    // is not read again, and on the long side a second array would be the SVD's largest (400 MB
    // beside Z's 560 MB for a million documents at k = 50, where the 1 M fit in -Xmx4g ran out
    // of heap here once).
    timesSmallInPlace(z, n, l, ubScaled, k, workers);
    return new Result(u, s, z, k);
  }

  /**
   * The power of two the float sketches Z = XᵀQ are kept in units of: 1 when ‖X‖_F is within
   * [2⁻⁶⁰, 2⁶⁰] (every TF-IDF matrix), else the inverse of its power of two. Each column of Z has
   * at most ‖X‖₂ ≤ ‖X‖_F as its norm (Q has orthonormal columns), so the scaled entries stay far
   * inside float's range: a matrix with values near 3·10³⁸ (float's limit, which the reader
   * accepts) overflowed without it. Y = X·Z only feeds the next orthonormalisation, which a
   * power-of-two factor does not change.
   */
  static double sketchScale(CsrMatrix x) {
    double norm = Math.sqrt(x.frobeniusNormSquared());
    if (!(norm > 0.0) || Double.isInfinite(norm) || (norm >= 0x1p-60 && norm <= 0x1p60)) {
      return 1.0;
    }
    return Math.scalb(1.0, -Math.getExponent(norm));
  }

  /** {@code out = a·c} for a tall {@code rows × l} and a small {@code l × k} matrix, row-major, over fixed row blocks. */
  static void timesSmall(double[] a, int rows, int l, double[] c, int k, double[] out, Workers workers) {
    workers.forEachBlock(rows, Sweeps.BLOCK, (b, from, to) -> {
      for (int i = from; i < to; i++) {
        int oi = i * k;
        int ai = i * l;
        for (int t = 0; t < k; t++) {
          out[oi + t] = 0.0;
        }
        for (int r = 0; r < l; r++) {
          double ar = a[ai + r];
          if (ar != 0.0) {
            int cr = r * k;
            for (int t = 0; t < k; t++) {
              out[oi + t] += ar * c[cr + t];
            }
          }
        }
      }
    });
  }

  /** Rows of {@link #timesSmallInPlace} formed in parallel before they are written back. */
  static final int IN_PLACE_CHUNK = 16_384;

  /**
   * {@code a ← a·c} for a tall {@code rows × l} {@code a} and a small {@code l × k} {@code c}, with
   * {@code k ≤ l}: row i of the product goes to {@code a[i·k, i·k + k)}, so the first {@code rows·k}
   * entries of {@code a} are then the row-major product (the rest is left as it was). The same sums
   * in the same order as {@link #timesSmall}, so the same bits. Chunks of {@value #IN_PLACE_CHUNK}
   * rows in order: a chunk's rows are formed in parallel into a buffer (8·k bytes a row), then
   * copied to {@code a[from·k, to·k)}, which overlaps only the inputs of rows below {@code to·k/l ≤
   * to}, all read by then.
   */
  static void timesSmallInPlace(double[] a, int rows, int l, double[] c, int k, Workers workers) {
    if (k > l) {
      throw new IllegalArgumentException("k = " + k + " > l = " + l);
    }
    double[] out = new double[Math.min(rows, IN_PLACE_CHUNK) * k];
    for (int from = 0; from < rows; from += IN_PLACE_CHUNK) {
      int start = from;
      int count = Math.min(IN_PLACE_CHUNK, rows - from);
      workers.forEachBlock(count, Sweeps.BLOCK, (b, lo, hi) -> {
        for (int r = lo; r < hi; r++) {
          int ai = (start + r) * l;
          int oi = r * k;
          for (int t = 0; t < k; t++) {
            out[oi + t] = 0.0;
          }
          for (int q = 0; q < l; q++) {
            double aq = a[ai + q];
            if (aq != 0.0) {
              int cq = q * k;
              for (int t = 0; t < k; t++) {
                out[oi + t] += aq * c[cq + t];
              }
            }
          }
        }
      });
      System.arraycopy(out, 0, a, start * k, count * k);
    }
  }

  /**
   * Smallest ratio of Cholesky pivots {@code R(j,j) / max R(i,i)} that {@link #orthonormalize}
   * accepts (the block's condition number is then below about 10⁶); a worse-conditioned block
   * goes to Householder QR.
   */
  static final double CHOLESKY_QR_MIN_PIVOT = 1e-6;

  /**
   * An orthonormal basis (row-major {@code rows × cols}) of the columns of {@code a}. CholeskyQR2
   * (Fukaya et al. 2014): twice, the Gram matrix {@code AᵀA = RᵀR} and {@code A ← A·R⁻¹}, with the
   * Gram matrix and the row-wise triangular solves parallel over fixed blocks (so the bits do not
   * depend on the thread count). Two passes give orthogonality to rounding for condition numbers
   * up to about 10⁸; a block whose pivots fall below {@link #CHOLESKY_QR_MIN_PIVOT} goes to
   * EJML's Householder QR instead. Replaces Householder QR for the sketch blocks because that
   * runs on one thread and took ~30% of the SVD.
   */
  static double[] orthonormalize(double[] a, int rows, int cols, Workers workers) {
    return orthonormalize(a, rows, cols, 2, workers);
  }

  /**
   * {@link #orthonormalize(double[], int, int, Workers)} with {@code passes} Cholesky passes. One
   * pass (CholeskyQR) leaves an orthogonality error of about κ²·ε: enough for the bases between
   * power iterations, which only need to keep the columns apart, and half the work; the basis the
   * SVD is projected on gets two.
   */
  static double[] orthonormalize(double[] a, int rows, int cols, int passes, Workers workers) {
    double[] q = a.clone();
    double[] g = new double[cols * cols];
    double[] work = new double[DenseKernels.gramWorkspaceSize(rows, cols)];
    for (int pass = 0; pass < passes; pass++) {
      DenseKernels.gram(q, rows, cols, g, work, workers);
      if (!choleskyUpper(g, cols)) {
        return householder(a, rows, cols);
      }
      double[] r = g;
      workers.forEachBlock(rows, Sweeps.BLOCK, (b, from, to) -> {
        // Row x of A·R⁻¹ solves x·R = a: forward substitution, row by row of R (contiguous).
        for (int i = from; i < to; i++) {
          int base = i * cols;
          for (int p = 0; p < cols; p++) {
            int rp = p * cols;
            double xp = q[base + p] / r[rp + p];
            q[base + p] = xp;
            for (int j = p + 1; j < cols; j++) {
              q[base + j] -= xp * r[rp + j];
            }
          }
        }
      });
    }
    return q;
  }

  /**
   * In place, the upper Cholesky factor R of a symmetric positive definite {@code n × n} matrix
   * ({@code G = RᵀR}; the strict lower triangle is zeroed); false when a pivot is not positive or
   * is below {@link #CHOLESKY_QR_MIN_PIVOT} times the largest.
   */
  static boolean choleskyUpper(double[] g, int n) {
    double maxDiag = 0;
    for (int j = 0; j < n; j++) {
      maxDiag = Math.max(maxDiag, g[j * n + j]);
    }
    if (!(maxDiag > 0)) {
      return false;
    }
    double minPivot = CHOLESKY_QR_MIN_PIVOT * Math.sqrt(maxDiag);
    for (int j = 0; j < n; j++) {
      double d = g[j * n + j];
      for (int p = 0; p < j; p++) {
        d -= g[p * n + j] * g[p * n + j];
      }
      if (!(d > 0)) {
        return false;
      }
      double rjj = Math.sqrt(d);
      if (rjj < minPivot) {
        return false;
      }
      g[j * n + j] = rjj;
      for (int c = j + 1; c < n; c++) {
        double sum = g[j * n + c];
        for (int p = 0; p < j; p++) {
          sum -= g[p * n + j] * g[p * n + c];
        }
        g[j * n + c] = sum / rjj;
      }
      for (int c = 0; c < j; c++) {
        g[j * n + c] = 0.0;
      }
    }
    return true;
  }

  /** An orthonormal basis of the columns of {@code a} by EJML's Householder QR. */
  private static double[] householder(double[] a, int rows, int cols) {
    DMatrixRMaj mat = new DMatrixRMaj(rows, cols);
    System.arraycopy(a, 0, mat.data, 0, rows * cols);
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
    if (!qr.decompose(mat)) {
      // EJML's Householder QR refuses an exactly zero column (X of lower rank than k + p).
      return gramSchmidtCompleted(a, rows, cols);
    }
    return qr.getQ(null, true).data;
  }

  /**
   * Orthonormal columns spanning those of {@code a}, by modified Gram–Schmidt applied twice; a
   * column that vanishes is replaced by the first unit vector independent of the previous ones,
   * so the basis always has {@code cols} columns. Only used when a block is rank deficient.
   */
  static double[] gramSchmidtCompleted(double[] a, int rows, int cols) {
    double[] q = new double[rows * cols];
    double[] col = new double[rows];
    int nextUnit = 0;
    for (int c = 0; c < cols; c++) {
      double scale = 0;
      for (int i = 0; i < rows; i++) {
        col[i] = a[i * cols + c];
        scale = Math.max(scale, Math.abs(col[i]));
      }
      double norm = orthogonalize(q, col, rows, cols, c);
      while (!(norm > 1e-10 * Math.max(scale, 1e-300)) && nextUnit < rows) {
        java.util.Arrays.fill(col, 0.0);
        col[nextUnit++] = 1.0;
        scale = 1.0;
        norm = orthogonalize(q, col, rows, cols, c);
      }
      for (int i = 0; i < rows; i++) {
        q[i * cols + c] = col[i] / norm;
      }
    }
    return q;
  }

  private static double orthogonalize(double[] q, double[] col, int rows, int cols, int c) {
    for (int pass = 0; pass < 2; pass++) {
      for (int d = 0; d < c; d++) {
        double dot = 0;
        for (int i = 0; i < rows; i++) dot += q[i * cols + d] * col[i];
        for (int i = 0; i < rows; i++) col[i] -= dot * q[i * cols + d];
      }
    }
    double s = 0;
    for (int i = 0; i < rows; i++) s += col[i] * col[i];
    return Math.sqrt(s);
  }
}

package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

class RandomizedSvdTest {

  private static double[] exactSingularValues(CsrMatrix x) {
    DMatrixRMaj a = new DMatrixRMaj(x.toDense());
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(x.rows(), x.cols(), false, false, true);
    svd.decompose(a);
    double[] s = svd.getSingularValues().clone();
    java.util.Arrays.sort(s);
    double[] desc = new double[s.length];
    for (int i = 0; i < s.length; i++) desc[i] = s[s.length - 1 - i];
    return desc;
  }

  @Test
  void leadingTripletsMatchTheExactSvd() {
    // A planted rank-5 matrix plus sparse noise: a clear gap after the 5th singular value, as
    // topic-like data has; the randomized range finder is then accurate to rounding.
    double[][] a = NmfTestData.plantedLowRank(21, 120, 80, 5);
    SplittableRandom noise = new SplittableRandom(22);
    for (double[] row : a) for (int c = 0; c < row.length; c++) if (noise.nextInt(10) == 0) row[c] += 0.01 * noise.nextDouble();
    CsrMatrix x = CsrMatrix.fromDense(a, 80);
    CsrMatrix xt = x.transpose();
    int k = 5;
    RandomizedSvd.Result r = RandomizedSvd.compute(x, xt, k, new SplittableRandom(0), Workers.sequential());
    double[] exact = exactSingularValues(x);
    for (int j = 0; j < k; j++) {
      assertEquals(exact[j], r.s()[j], 1e-9 * exact[0], "singular value " + j);
    }
    // X·v_j = s_j·u_j for each computed triplet, and the vectors are unit length.
    double[][] d = x.toDense();
    for (int j = 0; j < k; j++) {
      double nu = 0, nv = 0, err = 0;
      for (int i = 0; i < x.rows(); i++) nu += r.u()[i * k + j] * r.u()[i * k + j];
      for (int c = 0; c < x.cols(); c++) nv += r.v()[c * k + j] * r.v()[c * k + j];
      for (int i = 0; i < x.rows(); i++) {
        double xv = 0;
        for (int c = 0; c < x.cols(); c++) xv += d[i][c] * r.v()[c * k + j];
        err = Math.max(err, Math.abs(xv - r.s()[j] * r.u()[i * k + j]));
      }
      assertEquals(1.0, nu, 1e-10);
      assertEquals(1.0, nv, 1e-10);
      assertEquals(0.0, err, 1e-8 * exact[0], "triplet " + j);
    }
  }

  @Test
  void aMatrixNearFloatsLimitGetsTheScaledTripletsOfItsScaledDownCopy() {
    // Values near 4·10^37 (the reader accepts up to float's 3.4·10^38): the power iterations'
    // float sketches are kept in units of a power of two (sketchScale), so they do not overflow,
    // and the triplets are those of the same matrix scaled down by 2^125, scaled back up.
    double[][] small = NmfTestData.plantedLowRank(23, 300, 200, 4);
    double up = Math.scalb(1.0, 125);
    double[][] big = new double[small.length][];
    for (int i = 0; i < small.length; i++) {
      big[i] = small[i].clone();
      for (int c = 0; c < big[i].length; c++) big[i][c] *= up;
    }
    CsrMatrix xs = CsrMatrix.fromDense(small, 200);
    CsrMatrix xb = CsrMatrix.fromDense(big, 200);
    assertEquals(1.0, RandomizedSvd.sketchScale(xs));
    assertTrue(Math.sqrt(xb.frobeniusNormSquared()) > Float.MAX_VALUE, "a sketch entry could overflow float");
    RandomizedSvd.Result rs = RandomizedSvd.compute(xs, xs.transpose(), 4, new SplittableRandom(4), Workers.sequential());
    RandomizedSvd.Result rb = RandomizedSvd.compute(xb, xb.transpose(), 4, new SplittableRandom(4), Workers.sequential());
    for (int j = 0; j < 4; j++) {
      assertTrue(Double.isFinite(rb.s()[j]), "s" + j);
      assertEquals(rs.s()[j] * up, rb.s()[j], 1e-9 * rs.s()[j] * up, "s" + j);
    }
    for (int q = 0; q < 300 * 4; q++) {
      assertEquals(Math.abs(rs.u()[q]), Math.abs(rb.u()[q]), 1e-9, "u entry " + q);
    }
  }

  @Test
  void rankDeficientMatrixGetsZeroTrailingSingularValues() {
    double[][] a = new double[10][8];
    a[3][2] = 2.5;
    CsrMatrix x = CsrMatrix.fromDense(a, 8);
    RandomizedSvd.Result r = RandomizedSvd.compute(x, x.transpose(), 3, new SplittableRandom(1), Workers.sequential());
    assertEquals(2.5, r.s()[0], 1e-12);
    assertEquals(0.0, r.s()[1], 1e-12);
    assertEquals(0.0, r.s()[2], 1e-12);
    assertEquals(1.0, Math.abs(r.u()[3 * 3]), 1e-12);
    assertEquals(1.0, Math.abs(r.v()[2 * 3]), 1e-12);
  }

  @Test
  void gramSchmidtCompletionGivesOrthonormalColumns() {
    int rows = 6, cols = 4;
    double[] a = new double[rows * cols];
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < rows; i++) {
      a[i * cols] = rnd.nextDouble();
      a[i * cols + 1] = 2 * a[i * cols]; // dependent
      a[i * cols + 3] = rnd.nextDouble(); // column 2 stays zero
    }
    double[] q = RandomizedSvd.gramSchmidtCompleted(a, rows, cols);
    for (int c = 0; c < cols; c++) {
      for (int d = 0; d < cols; d++) {
        double dot = 0;
        for (int i = 0; i < rows; i++) dot += q[i * cols + c] * q[i * cols + d];
        assertEquals(c == d ? 1.0 : 0.0, dot, 1e-12, c + "," + d);
      }
    }
  }

  @Test
  void orthonormalizeGivesAnOrthonormalBasisOfTheSameSpanWhateverTheThreads() {
    SplittableRandom rnd = new SplittableRandom(21);
    int rows = 1500, cols = 6;
    double[] well = new double[rows * cols];
    for (int q = 0; q < well.length; q++) well[q] = rnd.nextGaussian();
    // Ill-conditioned: the last column is the first plus 1e-9 noise (CholeskyQR gives up).
    double[] ill = well.clone();
    for (int i = 0; i < rows; i++) ill[i * cols + cols - 1] = ill[i * cols] + 1e-9 * rnd.nextGaussian();
    for (double[] a : new double[][] {well, ill}) {
      double[] ref = null;
      for (int threads : new int[] {1, 2, 3}) {
        try (Workers workers = Workers.of(threads)) {
          double[] q = RandomizedSvd.orthonormalize(a, rows, cols, workers);
          for (int s = 0; s < cols; s++) {
            for (int t = 0; t < cols; t++) {
              double dot = 0;
              for (int i = 0; i < rows; i++) dot += q[i * cols + s] * q[i * cols + t];
              assertEquals(s == t ? 1.0 : 0.0, dot, 1e-12, s + "," + t);
            }
          }
          // Each column of a lies in the span of q: a − q·(qᵀa) vanishes.
          for (int c = 0; c < cols; c++) {
            double[] proj = new double[cols];
            double norm = 0;
            for (int i = 0; i < rows; i++) {
              norm += a[i * cols + c] * a[i * cols + c];
              for (int s = 0; s < cols; s++) proj[s] += q[i * cols + s] * a[i * cols + c];
            }
            double res = 0;
            for (int i = 0; i < rows; i++) {
              double r = a[i * cols + c];
              for (int s = 0; s < cols; s++) r -= q[i * cols + s] * proj[s];
              res += r * r;
            }
            assertTrue(res <= 1e-20 * norm, "column " + c + " residual " + res);
          }
          if (ref == null) {
            ref = q;
          } else {
            assertTrue(java.util.Arrays.equals(ref, q), "threads=" + threads);
          }
        }
      }
    }
    double[] g = {4, 2, 2, 1};
    assertTrue(!RandomizedSvd.choleskyUpper(g, 2), "a singular Gram matrix is refused");
    double[] h = {4, 2, 2, 5};
    assertTrue(RandomizedSvd.choleskyUpper(h, 2));
    assertEquals(2.0, h[0], 1e-15);
    assertEquals(1.0, h[1], 1e-15);
    assertEquals(0.0, h[2], 0.0);
    assertEquals(2.0, h[3], 1e-15);
  }

  @Test
  void productInPlaceEqualsTheProductIntoANewArrayBitForBit() {
    // More rows than a chunk, so rows are written back over the inputs of later chunks' range;
    // one and three threads, and k equal to l (nothing moves) as well as below it.
    int rows = RandomizedSvd.IN_PLACE_CHUNK * 2 + 777;
    for (int[] lk : new int[][] {{7, 5}, {4, 4}, {9, 1}}) {
      int l = lk[0], k = lk[1];
      SplittableRandom rng = new SplittableRandom(l * 31 + k);
      double[] a = new double[rows * l];
      for (int q = 0; q < a.length; q++) a[q] = rng.nextInt(5) == 0 ? 0.0 : rng.nextGaussian();
      double[] c = new double[l * k];
      for (int q = 0; q < c.length; q++) c[q] = rng.nextGaussian();
      double[] expected = new double[rows * k];
      RandomizedSvd.timesSmall(a, rows, l, c, k, expected, Workers.sequential());
      for (int threads : new int[] {1, 3}) {
        double[] inPlace = a.clone();
        try (Workers workers = Workers.of(threads)) {
          RandomizedSvd.timesSmallInPlace(inPlace, rows, l, c, k, workers);
        }
        assertTrue(java.util.Arrays.equals(expected, java.util.Arrays.copyOf(inPlace, rows * k)),
            "l=" + l + " k=" + k + " threads=" + threads);
      }
    }
  }
}

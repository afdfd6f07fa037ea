package io.topicnmf.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.parallel.Workers;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseKernelsTest {

  /** A random sparse matrix with some rows and columns left entirely empty. */
  static double[][] randomSparse(SplittableRandom rnd, int rows, int cols, double density) {
    double[][] a = new double[rows][cols];
    boolean[] emptyRow = new boolean[rows];
    boolean[] emptyCol = new boolean[cols];
    for (int i = 0; i < rows; i++) emptyRow[i] = rnd.nextInt(5) == 0;
    for (int j = 0; j < cols; j++) emptyCol[j] = rnd.nextInt(5) == 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (!emptyRow[i] && !emptyCol[j] && rnd.nextDouble() < density) {
          a[i][j] = rnd.nextDouble() * 3;
        }
      }
    }
    return a;
  }

  static double[] randomDense(SplittableRandom rnd, int n) {
    double[] d = new double[n];
    for (int q = 0; q < n; q++) d[q] = rnd.nextDouble() * 2 - 0.5;
    return d;
  }

  @Test
  void multiplyMatchesNaiveDenseProductOnRandomShapes() {
    SplittableRandom rnd = new SplittableRandom(1);
    int[][] shapes = {{0, 5}, {5, 0}, {1, 1}, {7, 3}, {3, 7}, {300, 40}, {600, 257}, {1030, 90}};
    for (int[] s : shapes) {
      for (int k : new int[] {1, 4, 13}) {
        int rows = s[0], cols = s[1];
        double[][] a = randomSparse(rnd, rows, cols, 0.1);
        CsrMatrix csr = CsrMatrix.fromDense(a, cols);
        a = csr.toDense(); // the stored (single-precision) values are the reference
        double[] b = randomDense(rnd, cols * k);
        double[] expected = new double[rows * k];
        for (int i = 0; i < rows; i++)
          for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += a[i][j] * b[j * k + t];
            expected[i * k + t] = sum;
          }
        double[] c = new double[rows * k];
        Arrays.fill(c, 99); // must be overwritten, not accumulated
        SparseKernels.multiply(csr, b, k, c);
        assertArrayEquals(expected, c, 1e-12, Arrays.toString(s) + " k=" + k);

        double[] bt = randomDense(rnd, rows * k);
        double[] expectedT = new double[cols * k];
        for (int j = 0; j < cols; j++)
          for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int i = 0; i < rows; i++) sum += a[i][j] * bt[i * k + t];
            expectedT[j * k + t] = sum;
          }
        double[] ct2 = new double[cols * k];
        SparseKernels.multiply(csr.transpose(), bt, k, ct2);
        assertArrayEquals(expectedT, ct2, 1e-12);
      }
    }
  }

  @Test
  void multiplyEqualsThePlainLoopBitForBitAtEveryWidth() {
    // Columns are summed four, two or one at a time; every output must still be the plain sum
    // over the row's entries in order from zero (the engine's outputs depend on these bits).
    // Every remainder of the four-column blocks (k = 1..7, 9..11), and the randomized SVD's 40.
    SplittableRandom rnd = new SplittableRandom(5);
    for (int k : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 21, 40, 60}) {
      int rows = 70, cols = 90;
      CsrMatrix csr = CsrMatrix.fromDense(randomSparse(rnd, rows, cols, 0.2), cols);
      double[] b = randomDense(rnd, cols * k);
      double[] expected = new double[rows * k];
      int[] rowPtr = csr.rowPtr();
      for (int i = 0; i < rows; i++) {
        for (int t = 0; t < k; t++) {
          double sum = 0.0;
          for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
            sum += (double) csr.values()[p] * b[csr.colIdx()[p] * k + t];
          }
          expected[i * k + t] = sum;
        }
      }
      double[] c = new double[rows * k];
      SparseKernels.multiply(csr, b, k, c);
      for (int q = 0; q < c.length; q++) {
        assertEquals(Double.doubleToRawLongBits(expected[q]), Double.doubleToRawLongBits(c[q]),
            "k=" + k + " cell " + q);
      }
    }
  }

  @Test
  void parallelMultiplyEqualsSingleThreadedBitForBit() {
    SplittableRandom rnd = new SplittableRandom(2);
    CsrMatrix a = CsrMatrix.fromDense(randomSparse(rnd, 2100, 300, 0.05), 300);
    for (int k : new int[] {1, 2, 3, 5, 6, 7, 40}) {
      double[] b = randomDense(rnd, 300 * k);
      double[] single = new double[2100 * k];
      SparseKernels.multiply(a, b, k, single);
      for (int threads : new int[] {1, 2, 3}) {
        try (Workers workers = Workers.of(threads)) {
          double[] c = new double[2100 * k];
          SparseKernels.multiply(a, b, k, c, workers);
          assertTrue(Arrays.equals(single, c), "k=" + k + " threads=" + threads);
        }
      }
    }
  }

  @Test
  void singlePrecisionOperandGivesTheBitsOfItsWidenedCopyOnAnyThreads() {
    // The randomized SVD's sketches: B in float, sums in double in the same order, so the product
    // is the double kernel's on B widened, bit for bit; with a float output, each entry rounded.
    SplittableRandom rnd = new SplittableRandom(3);
    CsrMatrix a = CsrMatrix.fromDense(randomSparse(rnd, 1300, 210, 0.05), 210);
    for (int k : new int[] {1, 3, 4, 7, 70}) {
      double[] wide = randomDense(rnd, 210 * k);
      float[] bf = new float[wide.length];
      for (int q = 0; q < bf.length; q++) {
        bf[q] = (float) wide[q];
        wide[q] = bf[q];
      }
      double[] expected = new double[1300 * k];
      SparseKernels.multiply(a, wide, k, expected);
      for (int threads = 1; threads <= 3; threads++) {
        try (Workers workers = Workers.of(threads)) {
          double[] c = new double[1300 * k];
          SparseKernels.multiply(a, bf, k, c, null, workers);
          assertArrayEquals(expected, c, 0.0, "k=" + k + " threads=" + threads);
          float[] cf = new float[1300 * k];
          SparseKernels.multiply(a, bf, k, null, cf, workers);
          for (int q = 0; q < cf.length; q++) {
            assertEquals((float) expected[q], cf[q], "k=" + k + " threads=" + threads + " entry " + q);
          }
        }
      }
    }
    try (Workers workers = Workers.of(1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SparseKernels.multiply(a, new float[209 * 4], 4, new double[1300 * 4], null, workers));
      assertTrue(e.getMessage().contains("210x4"), e.getMessage());
    }
  }

  @Test
  void slabbedProductsEqualThePlainOnesBitForBitOnAnyThreadsAndSlabSizes() {
    // B taken a slab of its rows at a time (SLAB_BYTES): every output still adds its entries in
    // order from zero, so the bits are the plain product's, whatever the slab and the workers.
    SplittableRandom rnd = new SplittableRandom(11);
    CsrMatrix a = CsrMatrix.fromDense(randomSparse(rnd, 900, 400, 0.08), 400);
    for (int k : new int[] {1, 3, 4, 7, 70}) {
      double[] b = randomDense(rnd, 400 * k);
      float[] bf = new float[b.length];
      for (int q = 0; q < bf.length; q++) bf[q] = (float) b[q];
      double[] plain = new double[900 * k];
      SparseKernels.multiply(a, b, k, plain);
      double[] plainF = new double[900 * k];
      SparseKernels.multiplyRows(a.rowPtr(), a.colIdx(), a.values(), bf, k, plainF, 0, 900, 0);
      for (int slab : new int[] {1, 7, 64, 399, 400}) {
        for (int threads = 1; threads <= 3; threads++) {
          try (Workers workers = Workers.of(threads)) {
            double[] c = randomDense(rnd, 900 * k); // overwritten, not added to
            SparseKernels.multiplySlabbed(a, k, c, slab, workers,
                (ci, p0, p1) -> SparseKernels.addRows(a.colIdx(), a.values(), b, k, c, ci, p0, p1));
            assertArrayEquals(plain, c, 0.0, "k=" + k + " slab=" + slab + " threads=" + threads);
            double[] cf = randomDense(rnd, 900 * k);
            SparseKernels.multiplySlabbed(a, k, cf, slab, workers,
                (ci, p0, p1) -> SparseKernels.addRows(a.colIdx(), a.values(), bf, k, cf, ci, p0, p1));
            assertArrayEquals(plainF, cf, 0.0, "float k=" + k + " slab=" + slab + " threads=" + threads);
          }
        }
      }
    }
    // Slabs only when B holds more than two of them: 70 doubles a row, the SVD's width.
    int perSlab = (int) (SparseKernels.SLAB_BYTES / (70 * Double.BYTES));
    int most = (int) (2 * SparseKernels.SLAB_BYTES / (70 * Double.BYTES)); // rows within two slabs' bytes
    assertEquals(most, SparseKernels.slabRows(most, 70, Double.BYTES));
    assertEquals(perSlab, SparseKernels.slabRows(most + 1, 70, Double.BYTES));
    assertEquals((int) (SparseKernels.SLAB_BYTES / (70 * Float.BYTES)), SparseKernels.slabRows(2 * most + 2, 70, Float.BYTES));
  }

  @Test
  void aProductWithABeyondTwoSlabsTakesTheSlabbedPathWithThePlainBits() {
    // 40,000 rows of B × 40 doubles = 12.8 MB > 2 × SLAB_BYTES: the public products slab B.
    SplittableRandom rnd = new SplittableRandom(12);
    int cols = 40_000;
    int rows = 300;
    int k = 40;
    assertTrue(SparseKernels.slabRows(cols, k, Double.BYTES) < cols);
    assertTrue(SparseKernels.slabRows(cols, k, Float.BYTES) == cols, "12.8 MB of doubles, 6.4 MB of floats");
    double[][] dense = new double[rows][];
    int[] rowPtr = new int[rows + 1];
    int nnz = 0;
    int[][] colsOf = new int[rows][];
    for (int i = 0; i < rows; i++) {
      colsOf[i] = rnd.ints(60, 0, cols).distinct().sorted().toArray();
      nnz += colsOf[i].length;
      rowPtr[i + 1] = nnz;
    }
    int[] colIdx = new int[nnz];
    float[] values = new float[nnz];
    for (int i = 0, p = 0; i < rows; i++) {
      for (int j : colsOf[i]) {
        colIdx[p] = j;
        values[p++] = (float) rnd.nextDouble();
      }
    }
    CsrMatrix a = new CsrMatrix(rows, cols, rowPtr, colIdx, values);
    double[] b = randomDense(rnd, cols * k);
    double[] plain = new double[rows * k];
    SparseKernels.multiplyRows(rowPtr, colIdx, values, b, k, plain, 0, rows);
    try (Workers workers = Workers.of(2)) {
      double[] c = new double[rows * k];
      SparseKernels.multiply(a, b, k, c, workers);
      assertArrayEquals(plain, c, 0.0);
    }
  }

  @Test
  void shapeMismatchNamesBothShapes() {
    CsrMatrix a = CsrMatrix.fromDense(new double[][] {{1, 0, 2}, {0, 3, 0}}, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparseKernels.multiply(a, new double[4], 2, new double[4]));
    assertTrue(e.getMessage().contains("2x3"), e.getMessage());
  }
}

package io.topicnmf.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on sparse matrices read by the matrix readers' tests. */
public final class MatrixAssertions {
  private MatrixAssertions() {}

  /**
   * {@code m} holds exactly {@code expected} (rows × cols, values rounded to the matrix's single
   * precision) and stores no zero.
   */
  public static void assertMatrix(double[][] expected, CsrMatrix m) {
    assertEquals(expected.length, m.rows(), "rows");
    assertEquals(expected[0].length, m.cols(), "cols");
    double[][] actual = m.toDense();
    for (int i = 0; i < expected.length; i++) {
      double[] want = new double[expected[i].length];
      for (int j = 0; j < want.length; j++) want[j] = (float) expected[i][j];
      assertArrayEquals(want, actual[i], "row " + i);
    }
    for (int p = 0; p < m.nnz(); p++) {
      assertTrue(m.values()[p] != 0, "stored zero at " + p);
    }
  }
}

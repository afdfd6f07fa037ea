package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.parallel.Workers;
import org.junit.jupiter.api.Test;

/**
 * {@link NonZeros}: the packed copy lists a factor's non-zeros row by row, and the copy an updater
 * refills at every sweep takes its arrays once, at the cap the memory plan counts, so a factor
 * filling in sweep by sweep never makes it allocate again.
 */
class NonZerosTest {

  /** A rows × k factor with {@code perRow} leading non-zeros in each row. */
  private static double[] factor(int rows, int k, int perRow) {
    double[] f = new double[rows * k];
    for (int j = 0; j < rows; j++) {
      for (int t = 0; t < perRow; t++) f[j * k + t] = 1.0 + j + 0.5 * t;
    }
    return f;
  }

  @Test
  void aRefilledCopyIsAllocatedOnceAtTheCapWhileTheFactorFillsIn() {
    int rows = 40, k = 10;
    NonZeros nz = new NonZeros(rows, k, NonZeros.PACK_SHARE);
    nz.of(factor(rows, k, 1), null);
    assertTrue(nz.packed);
    char[] idx = nz.idx;
    float[] val = nz.val;
    assertEquals(rows * k / 2, idx.length, "the cap: PACK_SHARE of rows·k");
    // From 40 to 200 non-zeros (the cap): step-wise growth would have re-allocated on the way.
    for (int perRow = 2; perRow <= 5; perRow++) {
      double[] f = factor(rows, k, perRow);
      nz.of(f, null);
      assertTrue(nz.packed);
      assertSame(idx, nz.idx);
      assertSame(val, nz.val);
      for (int j = 0; j < rows; j++) {
        assertEquals(perRow, nz.ptr[j + 1] - nz.ptr[j]);
        for (int q = nz.ptr[j], t = 0; q < nz.ptr[j + 1]; q++, t++) {
          assertEquals(t, nz.idx[q]);
          assertEquals((float) f[j * k + t], nz.val[q]);
        }
      }
    }
    // Above the cap the copy is not packed (the masks serve) and keeps its arrays.
    nz.of(factor(rows, k, 6), null);
    assertFalse(nz.packed);
    assertSame(idx, nz.idx);
  }

  @Test
  void aOneShotCopyTakesTheSizeItNeeds() {
    int rows = 30, k = 8;
    try (Workers workers = Workers.of(2)) {
      NonZeros nz = new NonZeros(rows, k, 1.0).of(factor(rows, k, 3), workers);
      assertTrue(nz.packed);
      assertEquals(rows * 3, nz.idx.length);
      assertEquals(rows * 3, nz.ptr[rows]);
    }
  }

  @Test
  void packedValuesAreTheFactorRoundedToFloatAsTheDensePassesReadIt() {
    int rows = 3, k = 4;
    double[] f = {0.1, 0, 1.0 / 3, 0, 0, 0, 0, 2.0e-40, 7.000000001, 0, 0, 0};
    NonZeros nz = new NonZeros(rows, k, 1.0).of(f, null);
    assertTrue(nz.packed);
    int[] expectedIdx = {0, 2, 3, 0};
    for (int q = 0; q < 4; q++) {
      assertEquals(expectedIdx[q], nz.idx[q]);
    }
    assertEquals(0.1f, nz.val[0]);
    assertEquals((float) (1.0 / 3), nz.val[1]);
    assertEquals((float) 2.0e-40, nz.val[2], "a value below float's normal range is kept subnormal");
    assertEquals((float) 7.000000001, nz.val[3]);
    for (int q = 0, j = 0; j < rows; j++) {
      for (int t = 0; t < k; t++) {
        if (f[j * k + t] != 0.0) {
          assertEquals((double) nz.val[q++], NonZeros.fixed(f[j * k + t]), "dense and packed read the same number");
        }
      }
    }
  }

  @Test
  void aRankTooLargeForACharComponentIsNeverPacked() {
    int k = NonZeros.MAX_PACKED_K + 1;
    double[] f = new double[k];
    f[k - 1] = 1.0;
    NonZeros nz = new NonZeros(1, k, 1.0).of(f, null);
    assertFalse(nz.packed, "the masks serve");
    assertEquals(1L << 63, nz.mask[nz.words - 1]);
  }
}

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
          assertEquals((double) nz.val[q++], nz.fixed(f[j * k + t]), "dense and packed read the same number");
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

  @Test
  void aFactorOutsideFloatsRangeIsPackedInUnitsOfItsLargestEntrysPowerOfTwo() {
    for (double scale : new double[] {1e80, 1e-80, 1.0, 0x1p64, 0x1p-64}) {
      double[] f = {1.0 * scale, 0, 0.3 * scale, 2.5e-20 * scale};
      NonZeros nz = new NonZeros(2, 2, 1.0).of(f, null);
      boolean inRange = scale >= 0x1p-64 && scale <= 0x1p64;
      assertEquals(inRange ? 1.0 : Math.scalb(1.0, Math.getExponent(scale)), nz.unit, "scale " + scale);
      assertEquals(1.0, nz.unit * nz.inverse);
      for (int q = 0, p = 0; p < f.length; p++) {
        if (f[p] == 0.0) continue;
        double read = nz.val[q++] * nz.unit;
        // To float precision of the factor's largest entry (an entry 10^-20 of it is subnormal
        // in float when the unit is 1, and keeps fewer digits).
        assertEquals(f[p], read, 1e-7 * scale, "scale " + scale + " entry " + p);
        assertEquals(nz.fixed(f[p]), read, "dense and packed read the same number");
      }
    }
  }
}

package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The row file and its {@link RowSource}: the same rows back, and the same fit as from memory. */
class RowFileTest {
  @TempDir Path dir;

  private static void assertSameRows(CsrMatrix a, CsrMatrix b) {
    assertEquals(a.rows(), b.rows());
    assertEquals(a.cols(), b.cols());
    assertArrayEquals(a.rowPtr(), b.rowPtr());
    assertArrayEquals(java.util.Arrays.copyOf(a.colIdx(), a.nnz()), b.colIdx());
    assertArrayEquals(java.util.Arrays.copyOf(a.values(), a.nnz()), b.values());
  }

  @Test
  void everyRangeReadsBackTheRowsWritten() throws IOException {
    CsrMatrix x = NmfMemoryTest.generated(1000, 300, 12, 5);
    Path f = dir.resolve("x.rows");
    RowFile.write(RowSource.of(x), f, 77);
    try (RowFile.Source s = RowFile.open(f)) {
      assertEquals(1000, s.rows());
      assertEquals(300, s.cols());
      assertEquals(x.nnz(), s.nnz());
      for (int[] r : new int[][] {{0, 1000}, {0, 0}, {999, 1000}, {123, 456}, {500, 501}}) {
        assertSameRows(RowSource.slice(x, r[0], r[1]), s.read(r[0], r[1]));
      }
      assertThrows(IllegalArgumentException.class, () -> s.read(10, 1001));
    }
  }

  @Test
  void emptyRowsAndAnEmptyMatrixRoundTrip() throws IOException {
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {{0, 0, 0}, {0, 2.5, 0}, {0, 0, 0}}, 3);
    Path f = dir.resolve("e.rows");
    RowFile.write(RowSource.of(x), f, 2);
    try (RowFile.Source s = RowFile.open(f)) {
      assertSameRows(x, s.read(0, 3));
    }
    Path g = dir.resolve("none.rows");
    try (RowFile.Writer w = new RowFile.Writer(g, 4)) {
      // no rows
    }
    try (RowFile.Source s = RowFile.open(g)) {
      assertEquals(0, s.rows());
      assertEquals(4, s.cols());
    }
  }

  @Test
  void aTruncatedOrForeignFileIsRefusedNamingIt() throws IOException {
    CsrMatrix x = NmfMemoryTest.generated(50, 40, 5, 1);
    Path f = dir.resolve("t.rows");
    RowFile.write(RowSource.of(x), f, 16);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length - 3));
    IOException e = assertThrows(IOException.class, () -> RowFile.open(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    Path g = Files.writeString(dir.resolve("text.rows"), "not a row file at all, just some text here");
    assertThrows(IOException.class, () -> RowFile.open(g));
  }

  @Test
  void theWriterRefusesUnsortedColumns() throws IOException {
    try (RowFile.Writer w = new RowFile.Writer(dir.resolve("u.rows"), 5)) {
      assertThrows(IllegalArgumentException.class, () -> w.addRow(new int[] {3, 1}, new float[] {1, 1}, 0, 2));
      assertThrows(IllegalArgumentException.class, () -> w.addRow(new int[] {5}, new float[] {1}, 0, 1));
    }
  }

  /** The mini-batch fit over the file gives the bits of the fit over the matrix in memory. */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void aMiniBatchFitFromTheFileEqualsTheFitFromMemory(Loss loss) throws IOException {
    CsrMatrix x = NmfMemoryTest.generated(600, 150, 10, 9);
    Path f = dir.resolve("fit.rows");
    RowFile.write(RowSource.of(x), f, 100);
    NmfOptions o = NmfOptions.defaults(4).withLoss(loss).withMaxIter(6).withThreads(2).withBatchSize(128);
    NmfResult memory = Nmf.fit(x, o, null);
    try (RowFile.Source s = RowFile.open(f)) {
      NmfResult file = Nmf.fit(s, o, null);
      assertEquals(NmfOptions.MINI_BATCH, file.memory().mode());
      assertArrayEquals(memory.w().data(), file.w().data());
      assertArrayEquals(memory.h().data(), file.h().data());
      assertEquals(memory.objective(), file.objective());
    }
  }
}

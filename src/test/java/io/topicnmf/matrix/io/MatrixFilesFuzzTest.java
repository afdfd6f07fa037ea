package io.topicnmf.matrix.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.topicnmf.matrix.CsrMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzz targets (Jazzer) for the matrix readers: numeric CSV and Matrix Market.
 * The contract: a file is read into a well-formed CSR matrix (row pointers from 0 to nnz, column
 * indices in range and increasing in each row, values finite and, for the non-negative readers,
 * positive since zeros are not stored; the names and labels match the shape), or refused with a
 * {@link MatrixFormatException} naming the file; nothing else, and never an OutOfMemoryError,
 * whatever dimensions a header claims. Regression inputs: {@code
 * src/test/resources/io/topicnmf/matrix/io/MatrixFilesFuzzTestInputs/<method>/}.
 */
class MatrixFilesFuzzTest {
  @FuzzTest
  void numericCsv(byte[] bytes) throws IOException {
    Path file = write(bytes, ".csv");
    try {
      NumericTable t = NumericCsv.read(file);
      checkCsr(t.matrix(), true);
      assertEquals(t.matrix().cols(), t.columnNames().size(), "a name per column");
      assertTrue(t.matrix().cols() >= 1, "at least one numeric column");
      if (t.rowLabels() != null) {
        assertEquals(t.matrix().rows(), t.rowLabels().size(), "a label per row");
      }
    } catch (MatrixFormatException e) {
      checkError(e, file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @FuzzTest
  void matrixMarket(byte[] bytes) throws IOException {
    Path file = write(bytes, ".mtx");
    try {
      checkCsr(MatrixMarket.read(file), false);
    } catch (MatrixFormatException e) {
      checkError(e, file);
    }
    try {
      checkCsr(MatrixMarket.readNonNegative(file), true);
    } catch (MatrixFormatException e) {
      checkError(e, file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Path write(byte[] bytes, String suffix) throws IOException {
    Path file = Files.createTempFile("fuzz-matrix", suffix);
    Files.write(file, bytes);
    return file;
  }

  private static void checkError(MatrixFormatException e, Path file) {
    assertEquals(file, e.file(), "the error names the file");
    assertFalse(e.detail() == null || e.detail().isBlank(), "the error says what is wrong");
  }

  static void checkCsr(CsrMatrix m, boolean nonNegative) {
    int rows = m.rows();
    int cols = m.cols();
    assertTrue(rows >= 0 && cols >= 0, "shape " + rows + "x" + cols);
    int[] rowPtr = m.rowPtr();
    assertTrue(rowPtr.length >= rows + 1, "a row pointer per row");
    assertEquals(0, rowPtr[0]);
    for (int i = 0; i < rows; i++) {
      assertTrue(rowPtr[i] <= rowPtr[i + 1], "row pointers increase");
      int prev = -1;
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        int j = m.colIdx()[p];
        assertTrue(j > prev && j < cols, "column " + j + " in range and increasing in row " + i);
        double v = m.values()[p];
        assertTrue(Double.isFinite(v), "finite value " + v);
        assertTrue(v != 0, "zeros are not stored");
        if (nonNegative) {
          assertTrue(v > 0, "non-negative value " + v);
        }
        prev = j;
      }
    }
    assertTrue(m.colIdx().length >= m.nnz() && m.values().length >= m.nnz(), "entries stored");
  }
}

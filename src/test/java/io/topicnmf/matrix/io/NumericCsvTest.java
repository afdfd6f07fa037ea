package io.topicnmf.matrix.io;

import static io.topicnmf.matrix.MatrixAssertions.assertMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumericCsvTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path p = dir.resolve("t.csv");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }


  private MatrixFormatException error(String text) throws IOException {
    Path p = file(text);
    MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> NumericCsv.read(p));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    return e;
  }

  @Test
  void readsHeaderAndIgnoresTextColumnWhichLabelsTheRows() throws IOException {
    NumericTable t = NumericCsv.read(file("""
        sepal_length,sepal_width,species,petal_width
        5.1,3.5,setosa,0.2
        7.0,3.2,versicolor,0
        6.3,3.3,virginica,2.5
        """));
    assertMatrix(new double[][] {{5.1, 3.5, 0.2}, {7.0, 3.2, 0}, {6.3, 3.3, 2.5}}, t.matrix());
    assertEquals(List.of("sepal_length", "sepal_width", "petal_width"), t.columnNames());
    assertEquals(List.of("species"), t.ignoredColumns());
    assertEquals(List.of("setosa", "versicolor", "virginica"), t.rowLabels());
  }

  @Test
  void withoutHeaderColumnsAreNamedByPosition() throws IOException {
    NumericTable t = NumericCsv.read(file("1,a,2\n3,b,0\n"));
    assertMatrix(new double[][] {{1, 2}, {3, 0}}, t.matrix());
    assertEquals(List.of("c1", "c3"), t.columnNames());
    assertEquals(List.of("c2"), t.ignoredColumns());
    assertEquals(List.of("a", "b"), t.rowLabels());
  }

  @Test
  void allNumericWithoutHeaderHasNoLabels() throws IOException {
    NumericTable t = NumericCsv.read(file("1,2\r\n0,4.5e1\r\n\r\n"));
    assertMatrix(new double[][] {{1, 2}, {0, 45}}, t.matrix());
    assertEquals(List.of("c1", "c2"), t.columnNames());
    assertEquals(List.of(), t.ignoredColumns());
    assertNull(t.rowLabels());
    assertEquals(3, t.matrix().nnz());
  }

  @Test
  void singleNumericRowIsData() throws IOException {
    NumericTable t = NumericCsv.read(file("1,2,3"));
    assertMatrix(new double[][] {{1, 2, 3}}, t.matrix());
  }

  @Test
  void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws IOException {
    NumericTable t = NumericCsv.read(file(
        "\"name, full\",\"x \"\"quoted\"\"\",y\n"
            + "\"Smith, J.\",\"1.5\",2\n"
            + "\"multi\nline\",3,\"4\"\n"));
    assertMatrix(new double[][] {{1.5, 2}, {3, 4}}, t.matrix());
    assertEquals(List.of("x \"quoted\"", "y"), t.columnNames());
    assertEquals(List.of("name, full"), t.ignoredColumns());
    assertEquals(List.of("Smith, J.", "multi\nline"), t.rowLabels());
  }

  @Test
  void detectsSemicolonsAndTabsAndSkipsByteOrderMark() throws IOException {
    NumericTable t = NumericCsv.read(file("\uFEFFa;b\n1;2\n3;4\n"));
    assertEquals(List.of("a", "b"), t.columnNames());
    assertMatrix(new double[][] {{1, 2}, {3, 4}}, t.matrix());
    t = NumericCsv.read(file("a\tb\tlabel\n1\t2\tx, y\n"));
    assertEquals(List.of("a", "b"), t.columnNames());
    assertEquals(List.of("x, y"), t.rowLabels());
  }

  @Test
  void emptyHeaderCellIsNamedByPositionAndAllEmptyColumnIsIgnored() throws IOException {
    NumericTable t = NumericCsv.read(file(",score,\n1,2,\n2,3,\n"));
    assertEquals(List.of("c1", "score"), t.columnNames());
    assertEquals(List.of("c3"), t.ignoredColumns());
    assertNull(t.rowLabels());
  }

  @Test
  void headerWithEmptyCellOverTheIndexColumnAsPandasWritesIt() throws IOException {
    NumericTable t = NumericCsv.read(file(",name,size\n0,a,3\n1,b,4\n"));
    assertEquals(List.of("c1", "size"), t.columnNames());
    assertEquals(List.of("name"), t.ignoredColumns());
    assertMatrix(new double[][] {{0, 3}, {1, 4}}, t.matrix());
    assertEquals(List.of("a", "b"), t.rowLabels());
  }

  @Test
  void negativeValueNamesLineRowAndColumn() throws IOException {
    MatrixFormatException e = error("a,b,c\n1,2,3\n\n4,-5,6\n");
    assertEquals(4, e.line());
    assertEquals("negative value -5 in column 2 \"b\" (data row 2); "
        + "a non-negative factorization needs a matrix without negative values", e.detail());
  }

  @Test
  void nanAndInfinityAreErrorsNotText() throws IOException {
    MatrixFormatException e = error("a,b\n1,2\n3,NaN\n");
    assertEquals(3, e.line());
    assertEquals("value \"NaN\" in column 2 \"b\" (data row 2) is not a finite number", e.detail());
    e = error("1,inf\n");
    assertEquals(1, e.line());
    assertTrue(e.detail().contains("column 2 \"c2\" (data row 1) is not a finite number"), e.getMessage());
    e = error("x\n1e400\n");
    assertTrue(e.detail().contains("\"1e400\""), e.getMessage());
  }

  @Test
  void aValueThatSinglePrecisionWouldMakeZeroIsAnErrorNotAStoredZero() throws IOException {
    MatrixFormatException e = error("a,b\n1,2\n3,4e-60\n");
    assertEquals(3, e.line());
    assertEquals("value \"4e-60\" in column 2 \"b\" (data row 2) is below the single-precision range (1.4e-45)"
        + " matrices are stored in, where it would become 0; multiply the table by a constant first, or write 0",
        e.detail());
    NumericTable t = NumericCsv.read(file("a,b\n1,1e-40\n"));
    assertEquals(2, t.matrix().nnz());
    assertEquals(1e-40f, t.matrix().values()[1], 0.0f);
  }

  @Test
  void missingValueInNumericColumnIsAnError() throws IOException {
    MatrixFormatException e = error("a,b\n1,2\n,3\n");
    assertEquals(3, e.line());
    assertTrue(e.detail().startsWith("missing value in column 1 \"a\" (data row 2)"), e.getMessage());
    e = error("a,b\n1,2\nNA,3\n");
    assertTrue(e.detail().startsWith("missing value \"NA\" in column 1"), e.getMessage());
  }

  @Test
  void raggedRowNamesTheLine() throws IOException {
    MatrixFormatException e = error("a,b,c\n1,2,3\n4,5\n");
    assertEquals(3, e.line());
    assertTrue(e.detail().startsWith("2 fields, but line 1 has 3"), e.getMessage());
    // a quoted line break counts as a line of the file
    e = error("a,b\n\"x\ny\",1\n1,2,3\n");
    assertEquals(4, e.line());
  }

  @Test
  void unclosedQuoteNamesWhereItStarts() throws IOException {
    MatrixFormatException e = error("a,b\n1,2\n3,\"4\n5,6\n");
    assertEquals(3, e.line());
    assertTrue(e.detail().contains("never closed"), e.getMessage());
  }

  @Test
  void emptyFileAndFilesWithoutNumbersAreErrors() throws IOException {
    MatrixFormatException e = error("");
    assertEquals(MatrixFormatException.NO_LINE, e.line());
    assertTrue(e.detail().startsWith("empty file"), e.getMessage());
    e = error("\n\n  \n");
    assertTrue(e.detail().startsWith("empty file"), e.getMessage());
    e = error("name,kind\nx,y\nz,w\n");
    assertTrue(e.detail().startsWith("no numeric column"), e.getMessage());
    e = error("a,b,c\n");
    assertTrue(e.detail().startsWith("only one line"), e.getMessage());
  }

  @Test
  void textInAnOtherwiseNumericColumnIgnoresTheColumn() throws IOException {
    NumericTable t = NumericCsv.read(file("a,b\n1,2\n3,n/a?\n"));
    assertEquals(List.of("a"), t.columnNames());
    assertEquals(List.of("b"), t.ignoredColumns());
    assertMatrix(new double[][] {{1}, {3}}, t.matrix());
  }

  @Test
  void readsTheProjectsIrisData() throws IOException {
    NumericTable t = NumericCsv.read(Path.of("data/iris.csv"));
    assertEquals(150, t.matrix().rows());
    assertEquals(4, t.matrix().cols());
    assertEquals(600, t.matrix().nnz());
    assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), t.columnNames());
    assertEquals(List.of("species"), t.ignoredColumns());
    assertEquals("setosa", t.rowLabels().get(0));
    assertEquals("virginica", t.rowLabels().get(149));
    assertEquals(50, t.rowLabels().stream().filter("versicolor"::equals).count());
    assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, java.util.Arrays.copyOf(t.matrix().values(), 4));
  }
}

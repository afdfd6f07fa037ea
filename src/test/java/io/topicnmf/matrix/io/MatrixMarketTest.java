package io.topicnmf.matrix.io;

import static io.topicnmf.matrix.MatrixAssertions.assertMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixMarketTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }


  private MatrixFormatException readError(String text) throws IOException {
    Path p = file("bad.mtx", text);
    MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> MatrixMarket.read(p));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    return e;
  }

  @Test
  void readsCoordinateRealGeneralInAnyOrderWithComments() throws IOException {
    Path p = file("a.mtx", """
        %%MatrixMarket matrix coordinate real general
        % a comment
        %another
        3 4 5

        3 4 -2.5e-1
        1 1 1.5
        2 3 7
        % comment between entries
        1 4 0.125
        3 1 1E3
        """);
    assertMatrix(new double[][] {
        {1.5, 0, 0, 0.125},
        {0, 0, 7, 0},
        {1000, 0, 0, -0.25}}, MatrixMarket.read(p));
  }

  @Test
  void readsIntegerAndFortranExponentsAndCrLf() throws IOException {
    Path p = file("i.mtx",
        "%%MatrixMarket matrix coordinate integer general\r\n2 2 2\r\n1 2 42\r\n2 1 3\r\n");
    assertMatrix(new double[][] {{0, 42}, {3, 0}}, MatrixMarket.read(p));
    Path q = file("d.mtx", "%%MatrixMarket MATRIX Coordinate REAL General\n1 2 2\n1 1 1.5D+02\n1 2 2.0d-1\n");
    assertMatrix(new double[][] {{150, 0.2}}, MatrixMarket.read(q));
  }

  @Test
  void readsPatternAsOnes() throws IOException {
    Path p = file("p.mtx", """
        %%MatrixMarket matrix coordinate pattern general
        2 3 3
        1 3
        2 1
        2 2
        """);
    assertMatrix(new double[][] {{0, 0, 1}, {1, 1, 0}}, MatrixMarket.read(p));
  }

  @Test
  void mirrorsSymmetricCoordinate() throws IOException {
    Path p = file("s.mtx", """
        %%MatrixMarket matrix coordinate real symmetric
        3 3 4
        1 1 2
        2 1 -1
        3 2 4
        3 3 5
        """);
    assertMatrix(new double[][] {{2, -1, 0}, {-1, 0, 4}, {0, 4, 5}}, MatrixMarket.read(p));
  }

  @Test
  void symmetricPatternIsMirroredToo() throws IOException {
    Path p = file("sp.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n2 2 1\n2 1\n");
    assertMatrix(new double[][] {{0, 1}, {1, 0}}, MatrixMarket.read(p));
  }

  @Test
  void readsArrayColumnMajorKeepingNonZeros() throws IOException {
    Path p = file("arr.mtx", """
        %%MatrixMarket matrix array real general
        % 2 x 3, column by column
        2 3
        1
        4
        0
        5
        3.5
        0.0
        """);
    CsrMatrix m = MatrixMarket.read(p);
    assertMatrix(new double[][] {{1, 0, 3.5}, {4, 5, 0}}, m);
    assertEquals(4, m.nnz());
  }

  @Test
  void readsSymmetricArrayLowerTriangle() throws IOException {
    // columns of the lower triangle: (1,1) (2,1) (3,1) | (2,2) (3,2) | (3,3)
    Path p = file("sa.mtx", "%%MatrixMarket matrix array integer symmetric\n3 3\n1\n2\n3\n4\n5\n6\n");
    assertMatrix(new double[][] {{1, 2, 3}, {2, 4, 5}, {3, 5, 6}}, MatrixMarket.read(p));
  }

  @Test
  void sumsDuplicatesAndDropsZeros() throws IOException {
    Path p = file("dup.mtx", """
        %%MatrixMarket matrix coordinate real general
        2 2 4
        1 1 1
        1 1 2
        2 2 0
        2 1 1
        """);
    CsrMatrix m = MatrixMarket.read(p);
    assertMatrix(new double[][] {{3, 0}, {1, 0}}, m);
    assertEquals(2, m.nnz());
    assertEquals(2, m.values().length, "arrays trimmed to nnz");
  }

  @Test
  void readsEmptyShapes() throws IOException {
    CsrMatrix m = MatrixMarket.read(file("e.mtx", "%%MatrixMarket matrix coordinate real general\n3 2 0\n"));
    assertEquals(3, m.rows());
    assertEquals(2, m.cols());
    assertEquals(0, m.nnz());
  }

  @Test
  void writeThenReadRoundTripsRandomFloatsExactly() throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    int rows = 57;
    int cols = 33;
    double[][] a = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (rnd.nextDouble() < 0.3) {
          // all magnitudes of the matrix's single precision, including subnormals
          double v = switch (rnd.nextInt(4)) {
            case 0 -> (float) rnd.nextDouble();
            case 1 -> Float.intBitsToFloat(rnd.nextInt(1, 0x7F7FFFFF));
            case 2 -> rnd.nextInt(1000);
            default -> Float.MIN_VALUE * (1 + rnd.nextInt(1000));
          };
          a[i][j] = rnd.nextBoolean() ? v : -v;
        }
      }
    }
    a[rows - 1] = new double[cols]; // an empty last row
    CsrMatrix m = CsrMatrix.fromDense(a, cols);
    Path p = dir.resolve("sub/rt.mtx");
    MatrixMarket.write(m, p, "written by a test\nsecond line");
    List<String> lines = Files.readAllLines(p);
    assertEquals("%%MatrixMarket matrix coordinate real general", lines.get(0));
    assertEquals("% written by a test", lines.get(1));
    assertEquals("% second line", lines.get(2));
    assertEquals(rows + " " + cols + " " + m.nnz(), lines.get(3));
    CsrMatrix back = MatrixMarket.read(p);
    assertEquals(m.rows(), back.rows());
    assertEquals(m.cols(), back.cols());
    assertArrayEquals(m.rowPtr(), back.rowPtr());
    assertArrayEquals(m.colIdx(), back.colIdx());
    for (int k = 0; k < m.nnz(); k++) {
      assertEquals(Double.doubleToLongBits(m.values()[k]), Double.doubleToLongBits(back.values()[k]),
          "value " + k + ": " + m.values()[k]);
    }
  }

  @Test
  void writeArrayIsColumnMajorAndRoundTrips() throws IOException {
    DenseMatrix d = DenseMatrix.of(new double[][] {{1, 0.1}, {0, 1e-30}, {3, 2.0 / 3}});
    Path p = dir.resolve("w.mtx");
    MatrixMarket.writeArray(d, p, null);
    List<String> lines = Files.readAllLines(p);
    assertEquals(List.of("%%MatrixMarket matrix array real general", "3 2",
        "1.0", "0.0", "3.0", "0.1", "1.0E-30", Double.toString(2.0 / 3)), lines);
    assertMatrix(d.toArray(), MatrixMarket.read(p));
  }

  @Test
  void writeReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path p = file("out.mtx", "old content");
    MatrixMarket.write(CsrMatrix.fromDense(new double[][] {{0, 2}}, 2), p, "new");
    assertMatrix(new double[][] {{0, 2}}, MatrixMarket.read(p));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(p.getFileName().toString()), s.map(x -> x.getFileName().toString()).toList());
    }
  }

  @Test
  void refusesToWriteNonFiniteValuesAndKeepsTheOldFile() throws IOException {
    Path p = file("keep.mtx", "old");
    CsrMatrix bad = CsrMatrix.fromDense(new double[][] {{1, Double.NaN}}, 2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MatrixMarket.write(bad, p, null));
    assertTrue(e.getMessage().contains("(1, 2)"), e.getMessage());
    assertEquals("old", Files.readString(p));
  }

  @Test
  void badHeaderNamesFileAndLine() throws IOException {
    MatrixFormatException e = readError("%%MatrixMarket matrix coordinate real\n1 1 0\n");
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains(":1: bad Matrix Market header"), e.getMessage());
    e = readError("1 1 1\n1 1 1\n");
    assertTrue(e.detail().startsWith("bad Matrix Market header"), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate complex general\n1 1 0\n");
    assertTrue(e.detail().contains("complex"), e.getMessage());
    e = readError("%%MatrixMarket matrix array pattern general\n1 1\n");
    assertTrue(e.detail().contains("pattern"), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real hermitian\n1 1 0\n");
    assertTrue(e.detail().contains("hermitian"), e.getMessage());
    e = readError("");
    assertEquals(MatrixFormatException.NO_LINE, e.line());
    assertTrue(e.detail().startsWith("empty file"), e.getMessage());
  }

  @Test
  void badSizeLine() throws IOException {
    MatrixFormatException e = readError("%%MatrixMarket matrix coordinate real general\n% c\n2 x 1\n1 1 1\n");
    assertEquals(3, e.line());
    assertTrue(e.detail().contains("\"x\""), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 2\n");
    assertTrue(e.detail().contains("missing number of entries"), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n1 1 1\n");
    assertTrue(e.detail().contains("square"), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 2 5\n");
    assertTrue(e.detail().contains("5 entries declared"), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real general\n% only comments\n");
    assertTrue(e.detail().contains("size line"), e.getMessage());
  }

  @Test
  void indexOutOfRangeNamesLineAndRange() throws IOException {
    MatrixFormatException e = readError("%%MatrixMarket matrix coordinate real general\n2 3 2\n1 1 1\n2 4 1\n");
    assertEquals(4, e.line());
    assertEquals("column index 4 out of range 1..3", e.detail());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 3 1\n0 1 1\n");
    assertEquals("row index 0 out of range 1..2", e.detail());
    e = readError("%%MatrixMarket matrix coordinate real symmetric\n3 3 1\n1 2 1\n");
    assertTrue(e.detail().contains("above the diagonal"), e.getMessage());
  }

  @Test
  void wrongEntryCountNamesTheLines() throws IOException {
    MatrixFormatException e = readError("%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n2 2 1\n");
    assertEquals(4, e.line());
    assertEquals("file ends after 2 of the 3 entries declared on line 2", e.detail());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n% x\n2 2 1\n");
    assertEquals(5, e.line());
    assertEquals("more entries than the 1 declared on line 2", e.detail());
    e = readError("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n");
    assertTrue(e.detail().startsWith("file ends after 3 of the 4 values"), e.getMessage());
    e = readError("%%MatrixMarket matrix array real general\n1 2\n1\n2\n3\n");
    assertEquals(5, e.line());
    assertTrue(e.detail().startsWith("more values than the 2"), e.getMessage());
  }

  @Test
  void unparsableOrNonFiniteNumbersNameTheLine() throws IOException {
    MatrixFormatException e = readError("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 2 1.2.3\n");
    assertEquals(4, e.line());
    assertTrue(e.detail().contains("\"1.2.3\""), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 NaN\n");
    assertTrue(e.detail().contains("not a finite number"), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1e999\n");
    assertTrue(e.detail().contains("not a finite number"), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 2 1\n1.5 1 1\n");
    assertTrue(e.detail().contains("whole number"), e.getMessage());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n");
    assertEquals("missing value", e.detail());
    e = readError("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1 9\n");
    assertTrue(e.detail().startsWith("unexpected \"9\""), e.getMessage());
  }

  @Test
  void aValueThatSinglePrecisionWouldMakeZeroIsRefusedNotStoredAsZero() throws IOException {
    // Matrices keep float values: 3e-301 would be stored as 0 (a stored zero, and a value lost).
    MatrixFormatException e = readError("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 2 3e-301\n");
    assertEquals(4, e.line());
    assertTrue(e.detail().startsWith("value \"3e-301\" is below the single-precision range (1.4e-45)"), e.getMessage());
    assertTrue(e.detail().contains("multiply the matrix by a constant"), e.getMessage());
    // The smallest positive float itself (a subnormal) is kept.
    Path p = dir.resolve("tiny.mtx");
    Files.writeString(p, "%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 1.4e-45\n");
    CsrMatrix m = MatrixMarket.read(p);
    assertEquals(Float.MIN_VALUE, m.values()[0], 0.0f);
  }

  @Test
  void readNonNegativeRefusesANegativeValue() throws IOException {
    Path p = file("n.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 1 -0.5\n");
    assertEquals(2, MatrixMarket.read(p).nnz());
    MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> MatrixMarket.readNonNegative(p));
    assertEquals(4, e.line());
    assertTrue(e.detail().startsWith("negative value -0.5 at (2, 1)"), e.getMessage());
  }

  @Test
  void parsesNumbersExactlyLikeDoubleParseDouble() {
    SplittableRandom rnd = new SplittableRandom(11);
    List<String> samples = new ArrayList<>(List.of("0", "-0", "+1", "1.", ".5", "007", "1e22", "1e23",
        "9007199254740993", "123456789012345678901234567890", "0.1", "2.2250738585072014E-308",
        "4.9E-324", "1.7976931348623157E308", "3.14159265358979323846", "1e-400", "0.000001234e+3"));
    for (int k = 0; k < 20000; k++) {
      double v = switch (k % 4) {
        case 0 -> Double.longBitsToDouble(rnd.nextLong(0x7FF0000000000000L));
        case 1 -> rnd.nextInt(1_000_000) / 1000.0;
        case 2 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(-30, 30));
        default -> rnd.nextLong(1L << 60);
      };
      samples.add(Double.toString(v));
      samples.add(String.format(java.util.Locale.ROOT, "%.6e", v));
      samples.add(String.format(java.util.Locale.ROOT, "%.17g", v).trim());
    }
    for (String s : samples) {
      assertEquals(Double.parseDouble(s), Decimals.parseDouble(s, 0, s.length()), s);
    }
    for (String s : new String[] {"", "-", ".", "e5", "1e", "1e+", "1x", "0x10", "1f", "--1", "1..2"}) {
      assertTrue(Double.isNaN(Decimals.parseDouble(s, 0, s.length())), s);
    }
    assertEquals(Double.POSITIVE_INFINITY, Decimals.parseDouble("Inf", 0, 3));
    assertFalse(Double.isFinite(Decimals.parseDouble("-infinity", 0, 9)));
  }

  @Test
  @Tag("slow")
  void readsALargeShuffledFileCorrectly() throws IOException {
    // 1.2 M entries in column-major order (the order scipy writes a CSC matrix in), as the
    // 20news TF-IDF matrix has; checks the counting-sort path on a realistic size.
    int rows = 11_314;
    int cols = 56_121;
    int perCol = 21;
    SplittableRandom rnd = new SplittableRandom(3);
    Path p = dir.resolve("big.mtx");
    double checksum = 0;
    double weighted = 0;
    long nnz = (long) cols * perCol;
    try (BufferedWriter w = Files.newBufferedWriter(p)) {
      w.write("%%MatrixMarket matrix coordinate real general\n" + rows + " " + cols + " " + nnz + "\n");
      for (int j = 0; j < cols; j++) {
        int start = rnd.nextInt(rows - perCol * 3);
        for (int t = 0; t < perCol; t++) {
          int i = start + 3 * t;
          double v = rnd.nextDouble() + 0.01;
          checksum += v;
          weighted += v * (i + 1) + v * (j + 1) * 1e-3;
          w.write((i + 1) + " " + (j + 1) + " " + v + "\n");
        }
      }
    }
    CsrMatrix m = MatrixMarket.read(p);
    assertEquals(rows, m.rows());
    assertEquals(cols, m.cols());
    assertEquals(nnz, m.nnz());
    double sum = 0;
    double w = 0;
    for (int i = 0; i < rows; i++) {
      for (int q = m.rowPtr()[i]; q < m.rowPtr()[i + 1]; q++) {
        sum += m.values()[q];
        w += m.values()[q] * (i + 1) + m.values()[q] * (m.colIdx()[q] + 1) * 1e-3;
      }
    }
    assertEquals(checksum, sum, 1e-9 * checksum);
    assertEquals(weighted, w, 1e-9 * weighted);
  }

  @Test
  void writesEveryValueAsFloatToStringWhateverTheThreads() throws IOException {
    // The matrix stores floats: each value is written as the shortest decimal of its float.
    double[] special = {1, 2, 3, 9_999_999, 10_000_000, 12_345_678, 0.5, 1e-5, 1.0000001f,
        -1, -3.0, -0.0, 0.0, 1e30f, Float.MIN_VALUE, 0.024160005261221487, 123456.75, 6.02214076e23};
    int rows = MatrixMarketWriter.ROWS_PER_CHUNK * 3 + 17;
    int cols = 40;
    SplittableRandom random = new SplittableRandom(7);
    double[][] dense = new double[rows][cols];
    StringBuilder expected = new StringBuilder();
    int nnz = 0;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (random.nextInt(4) == 0) {
          double v = random.nextBoolean() ? special[random.nextInt(special.length)]
              : random.nextBoolean() ? random.nextInt(1, 500) : random.nextDouble() * 10;
          if (v == 0) v = 0.25; // fromDense keeps non-zeros only
          dense[i][j] = v;
          lines.add((i + 1) + " " + (j + 1) + " " + Float.toString((float) v) + "\n");
          nnz++;
        }
      }
    }
    expected.append("%%MatrixMarket matrix coordinate real general\n% a comment\n% é second line\n")
        .append(rows).append(' ').append(cols).append(' ').append(nnz).append('\n');
    lines.forEach(expected::append);
    CsrMatrix m = CsrMatrix.fromDense(dense, cols);
    for (int threads : new int[] {1, 2, 5}) {
      Path f = dir.resolve("m" + threads + ".mtx");
      MatrixMarket.write(m, f, "a comment\né second line", threads);
      assertEquals(expected.toString(), Files.readString(f, StandardCharsets.UTF_8), "threads " + threads);
    }
    Path one = dir.resolve("one.mtx");
    MatrixMarket.write(m, one, "a comment\né second line");
    assertEquals(expected.toString(), Files.readString(one, StandardCharsets.UTF_8));
  }

  @Test
  void everyWrittenValueIsTheShortestDecimalOfItsFloatAndReadsBackToIt() throws IOException {
    // 100,000 random finite positive floats over the whole exponent range, one per row: each is
    // written by Schubfach, so its text parses back to the same float bits and is never longer
    // than JDK 17's Float.toString (which is not always the shortest).
    int n = 100_000;
    SplittableRandom random = new SplittableRandom(11);
    int[] ptr = new int[n + 1];
    int[] idx = new int[n];
    float[] val = new float[n];
    for (int i = 0; i < n; i++) {
      float f;
      do {
        f = Float.intBitsToFloat(random.nextInt() & 0x7fffffff);
      } while (!(f > 0) || Float.isInfinite(f) || f == (long) f);
      val[i] = f;
      ptr[i + 1] = i + 1;
    }
    CsrMatrix m = new CsrMatrix(n, 1, ptr, idx, val);
    Path f = dir.resolve("floats.mtx");
    MatrixMarket.write(m, f, null, 2);
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertEquals(n + 2, lines.size());
    for (int i = 0; i < n; i++) {
      String text = lines.get(i + 2).substring(lines.get(i + 2).lastIndexOf(' ') + 1);
      assertEquals(Float.floatToIntBits(val[i]), Float.floatToIntBits(Float.parseFloat(text)), text);
      assertTrue(text.length() <= Float.toString(val[i]).length(), text + " against " + Float.toString(val[i]));
    }
  }

  @Test
  void aSizeLineThatTheHeapCannotHoldIsRefusedBeforeAllocating() throws IOException {
    // Found by MatrixFilesFuzzTest (and issue 14): 2e9 x 2e9 with 3 entries was an OutOfMemoryError.
    Path p = file("huge.mtx", "%%MatrixMarket matrix coordinate real general\n"
        + "2000000000 2000000000 3\n1 1 1\n2 2 1\n3 3 1\n");
    MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> MatrixMarket.readNonNegative(p));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("2000000000 x 2000000000") && e.getMessage().contains("-Xmx"),
        e.getMessage());
    // a long, thin matrix whose pointers fit is still read
    Path thin = file("thin.mtx", "%%MatrixMarket matrix coordinate real general\n1000000 2 1\n999999 2 5\n");
    CsrMatrix m = MatrixMarket.read(thin);
    assertEquals(1_000_000, m.rows());
    assertEquals(5.0, m.get(999_998, 1));
  }
}

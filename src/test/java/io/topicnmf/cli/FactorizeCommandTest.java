package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.report.FactorizationReport;
import io.topicnmf.report.FactorizationReport.LabeledMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactorizeCommandTest {
  @TempDir Path tmp;

  /** An exactly rank-2 non-negative 6 × 5 matrix W0·H0 with zeros in both factors. */
  private static final double[][] W0 = {{1, 0}, {2, 1}, {0, 3}, {4, 2}, {1, 1}, {3, 0.5}};
  private static final double[][] H0 = {{1, 2, 0, 0.5, 3}, {0, 1, 2, 1.5, 1}};

  private static double[][] x0() {
    double[][] x = new double[W0.length][H0[0].length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[0].length; j++) {
        for (int t = 0; t < 2; t++) x[i][j] += W0[i][t] * H0[t][j];
      }
    }
    return x;
  }

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static FactorizationReport read(Path out) throws IOException {
    return FactorizationReport.read(out.resolve("factorization.json"));
  }

  /** The largest |x − W·H| over all cells, with W and H as written in the JSON. */
  private static double maxError(double[][] x, LabeledMatrix w, LabeledMatrix h) {
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[0].length; j++) {
        double s = 0;
        for (int t = 0; t < w.cols(); t++) s += w.get(i, t) * h.get(t, j);
        max = Math.max(max, Math.abs(x[i][j] - s));
      }
    }
    return max;
  }

  @Test
  void csvWithHeaderAndLabelsIsReconstructedExactly() throws IOException {
    double[][] x = x0();
    StringBuilder csv = new StringBuilder("name,a,b,c,d,e\n");
    for (int i = 0; i < x.length; i++) {
      csv.append("row").append(i);
      for (double v : x[i]) csv.append(',').append(v);
      csv.append('\n');
    }
    Path out = tmp.resolve("out");
    CliRun r = CliRun.of("factorize", write("x.csv", csv.toString()).toString(), "-k", "2",
        "-o", out.toString(), "--tol", "0", "--max-iter", "3000", "--threads", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("ignoring non-numeric column \"name\""), r.err());

    FactorizationReport rep = read(out);
    assertEquals("topicnmf-factorization/1", rep.format());
    assertEquals("csv", rep.input().type());
    assertEquals(List.of("name"), rep.input().ignoredColumns());
    assertEquals(new FactorizationReport.Shape(6, 5, 28), rep.shape());
    assertEquals(2, rep.parameters().get("k"));
    assertEquals(List.of("row0", "row1", "row2", "row3", "row4", "row5"), rep.w().rowNames());
    assertEquals(List.of("a", "b", "c", "d", "e"), rep.h().columnNames());
    assertEquals(List.of("component 1", "component 2"), rep.h().rowNames());
    assertEquals(6, rep.w().rows());
    assertEquals(2, rep.w().cols());
    assertEquals(2, rep.h().rows());
    assertEquals(5, rep.h().cols());
    assertTrue(maxError(x, rep.w(), rep.h()) < 1e-6, "W·H reproduces X: " + maxError(x, rep.w(), rep.h()));

    FactorizationReport.Reconstruction rec = rep.reconstruction();
    assertTrue(rec.included());
    assertEquals(30, rec.cells());
    assertTrue(rec.maxAbsoluteError() < 1e-6, "max error " + rec.maxAbsoluteError());
    assertTrue(rec.relativeError() < 1e-6);
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 5; j++) {
        assertEquals(x[i][j], rec.matrix().get(i, j), 1e-6, "reconstruction at " + i + "," + j);
      }
    }
    assertTrue(rep.fit().objective() < 1e-10, "objective " + rep.fit().objective());
    assertEquals(3000, rep.fit().iterations());
    try (var files = Files.list(out)) {
      assertEquals(java.util.List.of(".topicnmf.lock", "factorization.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "only factorization.json and the lock, no temporary file");
    }
  }

  @Test
  void matrixMarketCoordinateIsReconstructedExactly() throws IOException {
    double[][] x = x0();
    StringBuilder mtx = new StringBuilder("%%MatrixMarket matrix coordinate real general\n% test\n");
    int nnz = 0;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[0].length; j++) {
        if (x[i][j] != 0) {
          body.append(i + 1).append(' ').append(j + 1).append(' ').append(x[i][j]).append('\n');
          nnz++;
        }
      }
    }
    mtx.append("6 5 ").append(nnz).append('\n').append(body);
    Path out = tmp.resolve("mtx");
    CliRun r = CliRun.of("factorize", write("x.mtx", mtx.toString()).toString(), "-k", "2",
        "-o", out.toString(), "--tol", "0", "--max-iter", "3000", "--trace");
    assertEquals(0, r.code(), r.err());
    FactorizationReport rep = read(out);
    assertEquals("matrix-market", rep.input().type());
    assertNull(rep.w().rowNames(), "a Matrix Market file has no row names");
    assertNull(rep.h().columnNames());
    assertEquals(28, rep.shape().nnz());
    assertTrue(maxError(x, rep.w(), rep.h()) < 1e-6, "W·H reproduces X: " + maxError(x, rep.w(), rep.h()));
    assertEquals(3001, rep.fit().trace().size(), "--trace: the initialisation and every iteration");
    for (int i = 0; i < 6; i++) {
      for (double v : rep.w().values().get(i)) assertTrue(v >= 0);
    }
  }

  @Test
  void aHypersparseMatrixIsFactorizedWithoutItsEmptyRowsAndColumnsWhichGetZeros() throws IOException {
    // x0 scattered over a 40 × 30 size line: most rows and columns are empty.
    int[] rowAt = {3, 7, 11, 19, 25, 38};
    int[] colAt = {2, 9, 14, 20, 29};
    double[][] x = x0();
    StringBuilder small = new StringBuilder();
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[0].length; j++) {
        if (x[i][j] == 0) continue;
        small.append(i + 1).append(' ').append(j + 1).append(' ').append(x[i][j]).append('\n');
        big.append(rowAt[i]).append(' ').append(colAt[j]).append(' ').append(x[i][j]).append('\n');
      }
    }
    String banner = "%%MatrixMarket matrix coordinate real general\n";
    Path bigOut = tmp.resolve("big");
    Path smallOut = tmp.resolve("small");
    String[] flags = {"-k", "2", "--tol", "0", "--max-iter", "500"};
    CliRun r = CliRun.of(concat(new String[] {"factorize", write("big.mtx", banner + "40 30 28\n" + big).toString(),
        "-o", bigOut.toString()}, flags));
    assertEquals(0, r.code(), r.err());
    CliRun rs = CliRun.of(concat(new String[] {"factorize", write("small.mtx", banner + "6 5 28\n" + small).toString(),
        "-o", smallOut.toString()}, flags));
    assertEquals(0, rs.code(), rs.err());
    FactorizationReport rep = read(bigOut);
    FactorizationReport ref = read(smallOut);
    assertEquals(40, rep.shape().rows());
    assertEquals(30, rep.shape().cols());
    assertEquals(ref.fit().objective(), rep.fit().objective(), 0.0, "the fit of the non-empty part, to the bit");
    assertEquals(ref.fit().relativeError(), rep.fit().relativeError(), 0.0);
    for (int i = 0, s = 0; i < 40; i++) {
      boolean held = s < rowAt.length && rowAt[s] == i + 1;
      for (int t = 0; t < 2; t++) assertEquals(held ? ref.w().get(s, t) : 0.0, rep.w().get(i, t), 0.0, "W row " + i);
      if (held) s++;
    }
    for (int j = 0, c = 0; j < 30; j++) {
      boolean held = c < colAt.length && colAt[c] == j + 1;
      for (int t = 0; t < 2; t++) assertEquals(held ? ref.h().get(t, c) : 0.0, rep.h().get(t, j), 0.0, "H column " + j);
      if (held) c++;
    }
    // k is bounded by the rows and columns that hold a value.
    CliRun k6 = CliRun.of("factorize", tmp.resolve("big.mtx").toString(), "-k", "6", "-o", tmp.resolve("k6").toString());
    assertEquals(2, k6.code(), k6.err());
    assertTrue(k6.err().contains("only 6 rows and 5 columns hold a non-zero value, so k must be between 1 and 5"),
        k6.err());
    // A matrix without any non-zero value is factorized as before: zero factors, exit 0.
    Path zeros = tmp.resolve("zeros");
    CliRun z = CliRun.of("factorize", write("zeros.mtx", banner + "40 30 0\n").toString(), "-k", "2", "-o",
        zeros.toString());
    assertEquals(0, z.code(), z.err());
    LabeledMatrix zw = read(zeros).w();
    for (int i = 0; i < 40; i++) for (int t = 0; t < 2; t++) assertEquals(0.0, zw.get(i, t), 0.0);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void matrixMarketArrayRankOneWithKl() throws IOException {
    // x = u·vᵀ, column-major as the array format stores it; KL recovers a rank-1 matrix exactly too.
    double[] u = {1, 2, 3};
    double[] v = {0.5, 1, 4, 2};
    StringBuilder mtx = new StringBuilder("%%MatrixMarket matrix array real general\n3 4\n");
    for (double vj : v) {
      for (double ui : u) mtx.append(ui * vj).append('\n');
    }
    Path out = tmp.resolve("kl");
    CliRun r = CliRun.of("factorize", write("rank1.mtx", mtx.toString()).toString(), "-k", "1",
        "-o", out.toString(), "--loss", "kl", "--tol", "0", "--max-iter", "500");
    assertEquals(0, r.code(), r.err());
    FactorizationReport rep = read(out);
    assertEquals("kl", rep.fit().loss());
    double[][] x = new double[3][4];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) x[i][j] = u[i] * v[j];
    }
    assertTrue(maxError(x, rep.w(), rep.h()) < 1e-6, "W·H reproduces X: " + maxError(x, rep.w(), rep.h()));
    assertTrue(rep.fit().objective() < 1e-9, "KL divergence " + rep.fit().objective());
  }

  @Test
  void aboveTheLimitOnlyTheErrorsAreWritten() throws IOException {
    Path out = tmp.resolve("lim");
    CliRun r = CliRun.of("factorize", write("y.csv", "1,2,3\n4,5,6\n7,8,10\n").toString(), "-k", "2",
        "-o", out.toString(), "--reconstruction-limit", "8", "-q");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("ignoring"), "no notice without ignored columns: " + r.err());
    FactorizationReport rep = read(out);
    FactorizationReport.Reconstruction rec = rep.reconstruction();
    assertFalse(rec.included());
    assertEquals(9, rec.cells());
    assertEquals(8, rec.limit());
    assertNull(rec.matrix());
    assertNull(rec.maxAbsoluteError());
    assertTrue(rec.relativeError() > 0 && rec.relativeError() < 0.2, "rank-2 fit of a rank-3 matrix: " + rec.relativeError());
    assertEquals(rep.fit().relativeError(), rec.relativeError(), 0.0);
    assertEquals(Math.sqrt(2 * rep.fit().frobeniusObjective()), rec.frobeniusError(), 1e-12);
    assertNull(rep.w().rowNames(), "no text column, no row labels");
    assertEquals(List.of("c1", "c2", "c3"), rep.h().columnNames(), "columns named by position without a header");
    String json = Files.readString(out.resolve("factorization.json"));
    assertFalse(json.contains("\"matrix\""), json);
  }

  @Test
  void negativeValueNamesRowAndColumn() throws IOException {
    Path f = write("neg.csv", "id,a,b\nx,1,2\ny,3,-4\n");
    CliRun r = CliRun.of("factorize", f.toString(), "-k", "1", "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code(), r.err());
    String err = r.err().toLowerCase(Locale.ROOT);
    assertTrue(err.contains("negative value -4"), r.err());
    assertTrue(err.contains("column 3 \"b\""), r.err());
    assertTrue(err.contains("data row 2"), r.err());
    assertTrue(r.err().contains("neg.csv:3"), "file and line: " + r.err());
    assertFalse(Files.exists(tmp.resolve("o").resolve("factorization.json")));
  }

  @Test
  void negativeValueInMatrixMarketNamesTheEntry() throws IOException {
    Path f = write("neg.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1.5\n2 1 -3\n");
    CliRun r = CliRun.of("factorize", f.toString(), "-k", "1", "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("neg.mtx:4"), r.err());
    assertTrue(r.err().contains("-3"), r.err());
  }

  @Test
  void raggedRowIsRejectedWithItsLine() throws IOException {
    Path f = write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");
    CliRun r = CliRun.of("factorize", f.toString(), "-k", "1", "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("ragged.csv:3"), r.err());
    assertTrue(r.err().contains("2 fields") && r.err().contains("has 3"), r.err());
  }

  @Test
  void kLargerThanTheMatrixIsExplained() throws IOException {
    Path f = write("small.csv", "a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n");
    CliRun r = CliRun.of("factorize", f.toString(), "-k", "4", "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("-k 4 is larger than the matrix allows"), r.err());
    assertTrue(r.err().contains("4 rows × 3 columns"), r.err());
    assertTrue(r.err().contains("between 1 and 3"), r.err());
  }

  @Test
  void kBelowOneIsAUsageError() throws IOException {
    Path f = write("small.csv", "1,2\n3,4\n");
    CliRun r = CliRun.of("factorize", f.toString(), "-k", "0");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("-k/--components must be at least 1, got 0"), r.err());
  }

  @Test
  void missingFileIsAUsageError() {
    Path f = tmp.resolve("nope.csv");
    CliRun r = CliRun.of("factorize", f.toString(), "-k", "2", "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("no such file: " + f), r.err());
  }

  @Test
  void aNegativeBatchSizeIsAUsageErrorNamingTheFlag() throws IOException {
    Path f = write("small.csv", "1,2\n3,4\n");
    CliRun r = CliRun.of("factorize", f.toString(), "-k", "1", "--batch-size", "-3", "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("'--batch-size': must be auto, 0 (all rows at once) or a number of rows per"
        + " mini-batch >= 1, got '-3'"), r.err());
    assertFalse(Files.exists(tmp.resolve("o").resolve("factorization.json")));
  }

  @Test
  void aMiniBatchFitReconstructsALowRankMatrixAndSaysSo() throws IOException {
    StringBuilder csv = new StringBuilder();
    double[][] x = x0();
    for (int rep = 0; rep < 20; rep++) {
      for (double[] row : x) {
        for (int j = 0; j < row.length; j++) csv.append(j == 0 ? "" : ",").append(row[j] * (1 + rep % 3));
        csv.append('\n');
      }
    }
    Path f = write("rank2.csv", csv.toString());
    Path out = tmp.resolve("mb");
    CliRun r = CliRun.of("factorize", f.toString(), "-k", "2", "--batch-size", "16", "--max-iter", "300",
        "--tol", "0", "-o", out.toString(), "-q");
    assertEquals(0, r.code(), r.err());
    FactorizationReport rep = read(out);
    assertEquals("mini-batch", rep.fit().mode());
    assertTrue(rep.fit().relativeError() < 1e-3, "relative error " + rep.fit().relativeError());
  }

  @Test
  void kIsRequired() throws IOException {
    CliRun r = CliRun.of("factorize", write("a.csv", "1,2\n3,4\n").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("Missing required option: '--components=N'"), r.err());
  }

  @Test
  void theSameSeedGivesTheSameFactorsWithOneOrTwoThreads() throws IOException {
    Path f = write("t.csv", "5,1,0,2\n0,3,1,1\n4,4,2,0\n1,0,6,2\n2,2,2,2\n");
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertEquals(0, CliRun.of("factorize", f.toString(), "-k", "2", "-o", a.toString(), "--threads", "1").code());
    assertEquals(0, CliRun.of("factorize", f.toString(), "-k", "2", "-o", b.toString(), "--threads", "2").code());
    FactorizationReport ra = read(a);
    FactorizationReport rb = read(b);
    for (int i = 0; i < 5; i++) {
      assertTrue(java.util.Arrays.equals(ra.w().values().get(i), rb.w().values().get(i)), "row " + i);
    }
  }
}

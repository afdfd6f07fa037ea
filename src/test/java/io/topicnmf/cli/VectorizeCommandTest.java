package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorizeCommandTest {
  private static final List<String> FILES =
      List.of("counts.mtx", "documents.txt", "matrix.mtx", "terms.txt", "vectorize.json");

  @TempDir Path tmp;

  /** Three themed folders of four documents; "purr" appears 4 times in cats/d0.txt. */
  private Path corpus() throws IOException {
    String[][] themes = {
      {"cats", "cat kitten whiskers purr meow feline fur paws litter"},
      {"cars", "car engine wheels brake tyre motor garage fuel driver"},
      {"rain", "rain cloud storm thunder umbrella weather drizzle forecast wind"},
    };
    for (String[] t : themes) {
      Path dir = Files.createDirectories(tmp.resolve("in").resolve(t[0]));
      String[] w = t[1].split(" ");
      for (int d = 0; d < 4; d++) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i++) b.append(w[(i * (d + 1) + d) % w.length]).append(' ');
        if (t[0].equals("cats") && d == 0) b.append("purr purr purr");
        Files.writeString(dir.resolve("d" + d + ".txt"), b.toString(), StandardCharsets.UTF_8);
      }
    }
    return tmp.resolve("in");
  }

  private static Set<String> names(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void writesMatricesTermsDocumentsAndSummary() throws IOException {
    Path out = tmp.resolve("out");
    CliRun r = CliRun.of("vectorize", corpus().toString(), "-o", out.toString(), "--min-df", "1");
    assertEquals(0, r.code(), r.err());
    TreeSet<String> listed = new TreeSet<>(FILES);
    listed.add(io.topicnmf.files.OutputFolder.LOCK);
    assertEquals(listed, names(out), "the five files, the lock and no temporary file left");
    assertEquals("", r.out());
    assertTrue(r.err().contains("topicnmf: 12 documents x 27 terms"), r.err());
    assertTrue(r.err().contains("read ") && r.err().contains("matrix "), "stage progress: " + r.err());

    List<String> terms = Files.readAllLines(out.resolve("terms.txt"));
    List<String> docs = Files.readAllLines(out.resolve("documents.txt"));
    assertEquals(27, terms.size());
    assertEquals(terms.stream().sorted().toList(), terms, "columns in alphabetical order");
    assertEquals("cars/d0.txt", docs.get(0));
    assertEquals("rain/d3.txt", docs.get(11));

    CsrMatrix counts = MatrixMarket.read(out.resolve("counts.mtx"));
    CsrMatrix x = MatrixMarket.read(out.resolve("matrix.mtx"));
    assertEquals(12, counts.rows());
    assertEquals(27, counts.cols());
    int catsD0 = docs.indexOf("cats/d0.txt");
    // d0 of cats takes words 0..8, 0, 1, 2 of its list ("purr" is word 3: once), then "purr" 3 times.
    assertEquals(4.0, counts.get(catsD0, terms.indexOf("purr")), 0);
    assertEquals(counts.nnz(), x.nnz(), "same sparsity pattern");
    assertArrayEquals(counts.rowPtr(), x.rowPtr());
    assertArrayEquals(counts.colIdx(), x.colIdx());
    // Default weighting: smooth idf, L2 rows; check one entry by hand and every row's norm.
    int[] df = new int[x.cols()];
    for (int p = 0; p < counts.nnz(); p++) df[counts.colIdx()[p]]++;
    int purr = terms.indexOf("purr");
    double norm = 0;
    for (int p = counts.rowPtr()[catsD0]; p < counts.rowPtr()[catsD0 + 1]; p++) {
      double w = counts.values()[p] * (Math.log(13.0 / (1 + df[counts.colIdx()[p]])) + 1);
      norm += w * w;
    }
    double expected = 4.0 * (Math.log(13.0 / (1 + df[purr])) + 1) / Math.sqrt(norm);
    assertEquals(expected, x.get(catsD0, purr), 1e-7); // within the float the matrix stores
    for (int i = 0; i < x.rows(); i++) {
      double s = 0;
      for (int p = x.rowPtr()[i]; p < x.rowPtr()[i + 1]; p++) s += x.values()[p] * x.values()[p];
      assertEquals(1.0, s, 1e-6, "row " + i); // unit rows, up to the float each value is stored in
    }

    JsonNode j = Reports.mapper().readTree(out.resolve("vectorize.json").toFile());
    assertEquals("topicnmf-vectorize/1", j.get("format").asText());
    assertEquals("vectorize", j.get("command").asText());
    assertEquals(12, j.get("corpus").get("documentsRead").asInt());
    assertEquals(27, j.get("corpus").get("terms").asInt());
    assertEquals(x.nnz(), j.get("corpus").get("nonZeros").asLong());
    assertEquals(27, j.get("corpus").get("pruning").get("termsKept").asInt());
    assertEquals("smooth", j.get("parameters").get("weighting").get("idf").asText());
    assertEquals(1, j.get("parameters").get("vocabulary").get("minDf").asInt());
    assertEquals("matrix.mtx", j.get("files").get("matrix").asText());
    for (String t : List.of("readSeconds", "analysisSeconds", "matrixSeconds", "writeSeconds", "totalSeconds")) {
      assertTrue(j.get("timings").get(t).asDouble() >= 0, t);
    }
    assertFalse(j.get("parameters").has("nmf"), "no factorization parameters: vectorize does not factorize");
  }

  @Test
  void writesTheSameFilesAsFitSaveMatrix() throws IOException {
    Path in = corpus();
    Path vec = tmp.resolve("vec");
    Path saved = tmp.resolve("saved");
    assertEquals(0, CliRun.of("vectorize", in.toString(), "-o", vec.toString(), "-q", "--sublinear-tf",
        "--norm", "l1").code());
    CliRun fit = CliRun.of("fit", in.toString(), "-k", "3", "-o", tmp.resolve("fit").toString(), "-q",
        "--sublinear-tf", "--norm", "l1", "--save-matrix", saved.toString());
    assertEquals(0, fit.code(), fit.err());
    for (String f : List.of("matrix.mtx", "counts.mtx", "terms.txt", "documents.txt")) {
      assertArrayEquals(Files.readAllBytes(saved.resolve(f)), Files.readAllBytes(vec.resolve(f)), f);
    }
  }

  @Test
  void sameBytesWhateverTheThreads() throws IOException {
    Path in = corpus();
    assertEquals(0, CliRun.of("vectorize", in.toString(), "-o", tmp.resolve("a").toString(), "-q", "--threads", "1").code());
    assertEquals(0, CliRun.of("vectorize", in.toString(), "-o", tmp.resolve("b").toString(), "-q", "--threads", "4").code());
    for (String f : List.of("matrix.mtx", "counts.mtx", "terms.txt", "documents.txt")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
    }
  }

  /** Rows spilled past a tiny budget (-Dtopicnmf.rowBudget) give the same files and leave nothing behind in -o. */
  @Test
  void spilledRowsGiveTheSameBytes() throws IOException {
    Path in = corpus();
    assertEquals(0, CliRun.of("vectorize", in.toString(), "-o", tmp.resolve("a").toString(), "-q").code());
    String before = System.getProperty(io.topicnmf.vectorize.RowStore.BUDGET_PROPERTY);
    System.setProperty(io.topicnmf.vectorize.RowStore.BUDGET_PROPERTY, "16");
    try {
      assertEquals(0, CliRun.of("vectorize", in.toString(), "-o", tmp.resolve("b").toString(), "-q").code());
    } finally {
      if (before == null) System.clearProperty(io.topicnmf.vectorize.RowStore.BUDGET_PROPERTY);
      else System.setProperty(io.topicnmf.vectorize.RowStore.BUDGET_PROPERTY, before);
    }
    for (String f : List.of("matrix.mtx", "counts.mtx", "terms.txt", "documents.txt")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
    }
    assertEquals(names(tmp.resolve("a")), names(tmp.resolve("b")));
    assertTrue(names(tmp.resolve("b")).stream().noneMatch(n -> n.startsWith(".topicnmf-tmp-")));
  }

  @Test
  void rawCountsWithWeightingTf() throws IOException {
    Path out = tmp.resolve("tf");
    assertEquals(0, CliRun.of("vectorize", corpus().toString(), "-o", out.toString(), "-q", "--weighting", "tf").code());
    CsrMatrix counts = MatrixMarket.read(out.resolve("counts.mtx"));
    CsrMatrix x = MatrixMarket.read(out.resolve("matrix.mtx"));
    assertArrayEquals(counts.values(), x.values(), 0);
    assertEquals("tf", Reports.mapper().readTree(out.resolve("vectorize.json").toFile())
        .get("parameters").get("weighting").get("weighting").asText());
  }

  @Test
  void quietPrintsOnlyTheSummaryLine() throws IOException {
    CliRun r = CliRun.of("vectorize", corpus().toString(), "-o", tmp.resolve("q").toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("topicnmf: 12 documents x "), r.err());
  }

  @Test
  void usageAndInputErrorsExitWithTwo() throws IOException {
    CliRun missing = CliRun.of("vectorize", tmp.resolve("nope").toString(), "-o", tmp.resolve("o").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file or folder"), missing.err());

    CliRun badFlag = CliRun.of("vectorize", corpus().toString(), "--min-df", "two");
    assertEquals(2, badFlag.code());
    assertTrue(badFlag.err().contains("--min-df 'two'"), badFlag.err());

    CliRun badNorm = CliRun.of("vectorize", corpus().toString(), "--norm", "l3");
    assertEquals(2, badNorm.code());
    assertTrue(badNorm.err().contains("--norm"), badNorm.err());

    Path empty = Files.createDirectories(tmp.resolve("stopwords-only"));
    Files.writeString(empty.resolve("a.txt"), "the and of", StandardCharsets.UTF_8);
    CliRun noTerms = CliRun.of("vectorize", empty.toString(), "-o", tmp.resolve("e").toString());
    assertEquals(2, noTerms.code());
    assertTrue(noTerms.err().contains("topicnmf: "), noTerms.err());
    assertFalse(Files.exists(tmp.resolve("e").resolve("matrix.mtx")), "nothing written for an unusable corpus");
  }
}

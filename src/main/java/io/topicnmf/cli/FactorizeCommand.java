package io.topicnmf.cli;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.matrix.io.NumericCsv;
import io.topicnmf.matrix.io.NumericTable;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.report.FactorizationReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code topicnmf factorize}: any non-negative matrix (CSV or Matrix Market) in, {@code
 * factorization.json} with W, H and the fit out. The same NMF engine as {@code fit}, without text.
 */
@Command(
    name = "factorize",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Factorizes a non-negative matrix X ≈ W·H and writes DIR/factorization.json.",
      "FILE is a CSV table (header optional; non-numeric columns are ignored and the",
      "first text column labels the rows) or a Matrix Market file (.mtx)."
    })
final class FactorizeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "CSV or Matrix Market (.mtx) file.")
  Path input;

  @Option(names = {"-k", "--components"}, required = true, paramLabel = "N",
      description = "Number of components (columns of W, rows of H); at most min(rows, columns).")
  int k;

  @Option(names = {"-o", "--output"}, defaultValue = "output", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}/); factorization.json is written there.")
  Path output;

  @Option(names = "--reconstruction-limit", defaultValue = "1000000", paramLabel = "CELLS",
      description = "Write the reconstruction W·H when rows × columns is at most this (default: ${DEFAULT-VALUE}); "
          + "otherwise only its errors.")
  long reconstructionLimit;

  @Mixin NmfFlags nmfFlags;

  @Mixin BatchFlags batchFlags;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    NmfOptions options = options();
    if (!Files.exists(input)) {
      throw new UserException("no such file: " + input + " (give a CSV or Matrix Market .mtx file)");
    }
    if (Files.isDirectory(input)) {
      throw new UserException(input + " is a folder; factorize reads one CSV or .mtx file (use 'topicnmf fit' for a folder of documents)");
    }
    // A table inside -o is fine (vectorize -o OUT, then factorize OUT/matrix.mtx -o OUT): no folder is walked.
    try (Outputs outputs = Outputs.open(output, null)) {
      Path target = outputs.claim(output.resolve("factorization.json"), "factorization.json");
      outputs.requireSpace(null, 0, FitCommand.SPACE_FIXED);
      return run(options, outputs, target);
    }
  }

  private int run(NmfOptions options, Outputs outputs, Path target) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    CsrMatrix x;
    List<String> rowNames = null;
    List<String> columnNames = null;
    FactorizationReport.Input in;
    if (isMatrixMarket(input)) {
      x = MatrixMarket.readNonNegative(input);
      in = new FactorizationReport.Input(input.toString(), "matrix-market", List.of(), null);
    } else {
      NumericTable table = NumericCsv.read(input);
      x = table.matrix();
      rowNames = table.rowLabels();
      columnNames = table.columnNames();
      String labelColumn = rowNames == null ? null : labelColumn(table);
      in = new FactorizationReport.Input(input.toString(), "csv", table.ignoredColumns(), labelColumn);
      if (!table.ignoredColumns().isEmpty() && !common.quiet) {
        err.println("topicnmf: ignoring non-numeric column" + (table.ignoredColumns().size() == 1 ? " " : "s ")
            + table.ignoredColumns().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "))
            + (labelColumn == null ? "" : table.ignoredColumns().size() == 1
                ? "; its values label the rows" : "; the first text column labels the rows"));
      }
    }
    double readSeconds = (System.nanoTime() - t0) / 1e9;
    checkK(x);

    Progress progress = new Progress(err, Progress.mode(common.quiet));
    progress.onStageEnd("read", readSeconds, String.format(Locale.ROOT, "%d × %d matrix, %d non-zeros",
        x.rows(), x.cols(), x.nnz()));
    long t1 = System.nanoTime();
    NmfResult result = fitWithoutEmptyLines(x, options, progress);
    double fitSeconds = (System.nanoTime() - t1) / 1e9;
    progress.onStageEnd("nmf", fitSeconds, String.format(Locale.ROOT, "%d iterations, %s, objective %.6g",
        result.iterations(), result.converged() ? "converged" : "not converged", result.objective()));

    FactorizationReport report = FactorizationReport.of(x, result, options, in, rowNames, columnNames,
        reconstructionLimit, new FactorizationReport.Timings(readSeconds, fitSeconds));
    outputs.write(() -> FactorizationReport.write(report, target));
    outputs.publish();
    Path file = output.resolve("factorization.json");
    err.println(String.format(Locale.ROOT,
        "topicnmf: %d × %d matrix, k=%d, %s loss, %d iterations (%s), relative error %.4g, %.2f s; output: %s",
        x.rows(), x.cols(), options.k(), result.loss().name().toLowerCase(Locale.ROOT), result.iterations(),
        result.converged() ? "converged" : "not converged", result.relativeError(), fitSeconds, file));
    err.flush();
    return 0;
  }

  /**
   * The factorization of {@code x}; when at least half of its rows or half of its columns are empty
   * (a hypersparse matrix, e.g. a Matrix Market file whose size line declares millions of rows for
   * a few entries), of {@code x} without its empty rows and columns, W's rows and H's columns of
   * those put back as zeros. That is their optimum under either loss (an empty row of X is
   * reconstructed best by a zero row of W, and adds nothing to the objective, the relative error or
   * the penalties then), and it spares the dense work over them: a 20,000,000 × 2,000,000 file
   * with 3 entries took 8 minutes at k = 1 (bench/RESULTS.md, "Stop 31"). Other matrices are
   * factorized as they are.
   */
  NmfResult fitWithoutEmptyLines(CsrMatrix x, NmfOptions options, Progress progress) throws UserException {
    int n = x.rows();
    int m = x.cols();
    int[] rowOf = new int[n];
    int[] colOf = new int[m];
    java.util.Arrays.fill(colOf, -1);
    int rows = 0;
    for (int i = 0; i < n; i++) rowOf[i] = x.rowNnz(i) > 0 ? rows++ : -1;
    int[] ci = x.colIdx();
    for (int p = 0; p < x.nnz(); p++) colOf[ci[p]] = 0;
    int cols = 0;
    for (int j = 0; j < m; j++) if (colOf[j] == 0) colOf[j] = cols++;
    // An all-zero matrix has nothing to leave out: the fit gives its zero factors as before.
    if (rows == 0 || (2L * rows > n && 2L * cols > m)) {
      return Nmf.fit(x, options, progress::onIteration);
    }
    int k = options.k();
    if (k > Math.min(rows, cols)) {
      throw new UserException("-k " + k + " is larger than the matrix allows: of its " + n + " rows × " + m
          + " columns only " + rows + " rows and " + cols + " columns hold a non-zero value, so k must be between 1"
          + " and " + Math.min(rows, cols));
    }
    long cells = (long) n * k + (long) k * m;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (cells > Integer.MAX_VALUE - 16 || 8 * cells > free) {
      throw new UserException(String.format(Locale.ROOT, "the factors of this %d × %d matrix at k = %d (W and H"
          + " with zeros for its empty rows and columns) take %d MB, more than the %d MB of heap free: give Java"
          + " more heap (TOPICNMF_JAVA_OPTS=-Xmx%s), or drop the empty rows and columns from %s",
          n, m, k, (8 * cells) >> 20, free >> 20, Errors.heapFlag(rt.maxMemory() + 8 * cells), input));
    }
    int[] rp = x.rowPtr();
    int[] ptr = new int[rows + 1];
    int[] idx = new int[x.nnz()];
    float[] val = new float[x.nnz()];
    float[] v = x.values();
    int q = 0;
    for (int i = 0; i < n; i++) {
      if (rowOf[i] < 0) continue;
      for (int p = rp[i]; p < rp[i + 1]; p++) {
        idx[q] = colOf[ci[p]];
        val[q++] = v[p];
      }
      ptr[rowOf[i] + 1] = q;
    }
    NmfResult r = Nmf.fit(new CsrMatrix(rows, cols, ptr, idx, val), options, progress::onIteration);
    double[] w = new double[n * k];
    double[] wc = r.w().data();
    for (int i = 0; i < n; i++) {
      if (rowOf[i] >= 0) System.arraycopy(wc, rowOf[i] * k, w, i * k, k);
    }
    double[] h = new double[k * m];
    double[] hc = r.h().data();
    for (int t = 0; t < k; t++) {
      for (int j = 0; j < m; j++) if (colOf[j] >= 0) h[t * m + j] = hc[t * cols + colOf[j]];
    }
    return new NmfResult(new io.topicnmf.matrix.DenseMatrix(n, k, w), new io.topicnmf.matrix.DenseMatrix(k, m, h),
        r.iterations(), r.converged(), r.loss(), r.objective(), r.frobeniusObjective(), r.relativeError(),
        r.trace(), r.memory());
  }

  NmfOptions options() throws UserException {
    if (reconstructionLimit < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--reconstruction-limit must be >= 0, got " + reconstructionLimit);
    }
    if (k < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "-k/--components must be at least 1, got " + k);
    }
    return batchFlags.apply(nmfFlags.options(k, common));
  }

  private void checkK(CsrMatrix x) throws UserException {
    checkMagnitude(x);
    int max = Math.min(x.rows(), x.cols());
    if (k > max) {
      throw new UserException("-k " + k + " is larger than the matrix allows: " + input + " is "
          + x.rows() + " rows × " + x.cols() + " columns, so k must be between 1 and " + max);
    }
  }

  /**
   * Refuses a table whose largest value would overflow the factorization: its squared norm and the
   * products W·H sum up to nnz squares, so a value above √(Double.MAX_VALUE / nnz), less a margin
   * of 10⁴, ends in infinities (an eigendecomposition that fails, or NaN in the output).
   */
  private void checkMagnitude(CsrMatrix x) throws UserException {
    double largest = 0;
    int nnz = x.nnz();
    float[] v = x.values();
    for (int i = 0; i < nnz; i++) largest = Math.max(largest, v[i]);
    double limit = Math.sqrt(Double.MAX_VALUE / Math.max(1, nnz)) / 1e4;
    if (largest > limit) {
      throw new UserException(String.format(Locale.ROOT, "%s holds a value of %.3g, too large to factorize"
          + " without overflow (at most about %.3g for a table with %d non-zeros): divide the table by a"
          + " constant such as %.0e first (W·H then scales by the same constant)", input, largest, limit, nnz,
          Math.pow(10, Math.ceil(Math.log10(largest / limit)))));
    }
  }

  /**
   * The name of the column the row labels come from. NumericCsv takes them from the first ignored
   * column that holds text, but does not say which when several are ignored (one may be empty).
   */
  private static String labelColumn(NumericTable table) {
    List<String> ignored = table.ignoredColumns();
    return ignored.size() == 1 ? ignored.get(0) : "the first text column";
  }

  /** By extension (.mtx, .mm), else by the {@code %%MatrixMarket} banner on the first line. */
  static boolean isMatrixMarket(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".mtx") || name.endsWith(".mm")) return true;
    if (name.endsWith(".csv") || name.endsWith(".tsv")) return false;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String first = r.readLine();
      return first != null && first.startsWith("%%MatrixMarket");
    }
  }
}

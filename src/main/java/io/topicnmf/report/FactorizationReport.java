package io.topicnmf.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.options.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code topicnmf factorize}: a non-negative matrix {@code X} (from a CSV or Matrix
 * Market file) factorized as {@code X ≈ W·H}, written as {@code factorization.json} in the format
 * {@value #FORMAT}.
 *
 * <p>Unlike the topic report, nothing here is about text: W has one row per row of the input and
 * one column per component, H one row per component and one column per input column. The dense
 * reconstruction {@code W·H} is included only when it has at most {@code reconstructionLimit}
 * cells, since it is as large as a dense copy of the input; the error figures are always there.
 *
 * @param format always {@value #FORMAT}; bumped when a field changes meaning
 * @param tool name and version of the tool that wrote the file
 * @param input where the matrix came from and how it was read
 * @param shape rows, columns and stored non-zeros of X
 * @param parameters {@code k}, the NMF options and the reconstruction limit
 * @param fit how the factorization went (iterations, convergence, objectives, trace)
 * @param timings seconds spent reading the input and factorizing
 * @param w the {@code rows × k} factor
 * @param h the {@code k × cols} factor
 * @param reconstruction the errors of {@code W·H} and, below the limit, {@code W·H} itself
 */
@JsonPropertyOrder({"format", "tool", "input", "shape", "parameters", "fit", "timings", "w", "h", "reconstruction"})
public record FactorizationReport(
    String format,
    ToolInfo tool,
    Input input,
    Shape shape,
    Map<String, Object> parameters,
    FitSummary fit,
    Timings timings,
    LabeledMatrix w,
    LabeledMatrix h,
    Reconstruction reconstruction) {

  /** The version tag written in {@code format}. */
  public static final String FORMAT = "topicnmf-factorization/1";

  /** Largest reconstruction (rows × columns) written unless asked otherwise. */
  public static final long DEFAULT_RECONSTRUCTION_LIMIT = 1_000_000L;

  public FactorizationReport {
    Objects.requireNonNull(format, "format");
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Where X came from.
   *
   * @param path the input file as given
   * @param type {@code "csv"} or {@code "matrix-market"}
   * @param ignoredColumns CSV columns left out because they are not numeric (empty for Matrix Market)
   * @param rowLabels the CSV column whose values label W's rows, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Input(String path, String type, List<String> ignoredColumns, String rowLabels) {
    public Input {
      ignoredColumns = List.copyOf(ignoredColumns);
    }
  }

  /** Rows, columns and stored non-zeros of X. */
  public record Shape(int rows, int cols, long nnz) {}

  /**
   * Wall-clock seconds.
   *
   * @param readSeconds reading and checking the input file
   * @param fitSeconds the factorization, initialisation included
   */
  public record Timings(double readSeconds, double fitSeconds) {}

  /**
   * A dense matrix with optional names for its rows and columns.
   *
   * @param rows number of rows
   * @param cols number of columns
   * @param rowNames one name per row, or null
   * @param columnNames one name per column, or null
   * @param values the rows, each {@code cols} long (copies of the factor's entries)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"rows", "cols", "rowNames", "columnNames", "values"})
  public record LabeledMatrix(
      int rows, int cols, List<String> rowNames, List<String> columnNames, List<double[]> values) {
    public LabeledMatrix {
      rowNames = rowNames == null ? null : List.copyOf(rowNames);
      columnNames = columnNames == null ? null : List.copyOf(columnNames);
      values = List.copyOf(values);
      if (values.size() != rows) {
        throw new IllegalArgumentException(values.size() + " value rows for a matrix with " + rows + " rows");
      }
      if (rowNames != null && rowNames.size() != rows) {
        throw new IllegalArgumentException(rowNames.size() + " row names for " + rows + " rows");
      }
      if (columnNames != null && columnNames.size() != cols) {
        throw new IllegalArgumentException(columnNames.size() + " column names for " + cols + " columns");
      }
    }

    /** {@code m} with the given names (either may be null); the entries are copied. */
    public static LabeledMatrix of(DenseMatrix m, List<String> rowNames, List<String> columnNames) {
      List<double[]> rows = new ArrayList<>(m.rows());
      double[] d = m.data();
      for (int i = 0; i < m.rows(); i++) {
        double[] row = new double[m.cols()];
        System.arraycopy(d, i * m.cols(), row, 0, m.cols());
        rows.add(row);
      }
      return new LabeledMatrix(m.rows(), m.cols(), rowNames, columnNames, rows);
    }

    /** The entry at row {@code i}, column {@code j}. */
    public double get(int i, int j) {
      return values.get(i)[j];
    }
  }

  /**
   * How well {@code W·H} reproduces X.
   *
   * @param cells rows × columns of X
   * @param limit the largest number of cells for which {@code matrix} is written
   * @param included whether {@code matrix} is written
   * @param frobeniusError {@code ‖X − W·H‖_F}
   * @param relativeError {@code ‖X − W·H‖_F / ‖X‖_F} (0 when X is zero)
   * @param maxAbsoluteError the largest {@code |X(i,j) − (W·H)(i,j)|} over all cells; only when
   *     included, since it needs every cell of {@code W·H}
   * @param matrix {@code W·H}, with the row and column names of the input; only when included
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"cells", "limit", "included", "frobeniusError", "relativeError", "maxAbsoluteError", "matrix"})
  public record Reconstruction(
      long cells,
      long limit,
      boolean included,
      double frobeniusError,
      double relativeError,
      Double maxAbsoluteError,
      LabeledMatrix matrix) {}

  /**
   * Builds the report of one factorization.
   *
   * @param x the factorized matrix
   * @param result the factorization of {@code x}
   * @param options the options it ran with
   * @param input where {@code x} came from
   * @param rowNames names of X's rows (for W and the reconstruction), or null
   * @param columnNames names of X's columns (for H and the reconstruction), or null
   * @param reconstructionLimit largest rows × columns for which {@code W·H} is written, ≥ 0
   * @param timings read and fit times
   */
  public static FactorizationReport of(CsrMatrix x, NmfResult result, NmfOptions options, Input input,
      List<String> rowNames, List<String> columnNames, long reconstructionLimit, Timings timings) {
    if (reconstructionLimit < 0) {
      throw new InvalidOptionException("reconstructionLimit", "{reconstructionLimit} must be >= 0, got " + reconstructionLimit);
    }
    // The batch size the memory plan chose or checked, and the tolerance that ran (auto resolved).
    options = result.memory() != null ? result.memory().apply(options) : options.withTolResolved();
    int k = options.k();
    List<String> components = new ArrayList<>(k);
    for (int t = 1; t <= k; t++) {
      components.add("component " + t);
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("k", k);
    parameters.put("nmf", Parameters.of(options));
    parameters.put("reconstructionLimit", reconstructionLimit);
    FitSummary fit = new FitSummary(
        result.loss().name().toLowerCase(Locale.ROOT),
        options.effectiveSolver().name().toLowerCase(Locale.ROOT),
        options.mode(),
        result.iterations(),
        result.converged(),
        result.objective(),
        result.frobeniusObjective(),
        result.relativeError(),
        result.trace(),
        result.memory() == null ? null : result.memory().reason());
    return new FactorizationReport(
        FORMAT,
        ToolInfo.current(),
        input,
        new Shape(x.rows(), x.cols(), x.nnz()),
        parameters,
        fit,
        timings,
        LabeledMatrix.of(result.w(), rowNames, components),
        LabeledMatrix.of(result.h(), components, columnNames),
        reconstruction(x, result, rowNames, columnNames, reconstructionLimit));
  }

  /**
   * The errors of {@code W·H}; below the limit also {@code W·H} and its largest cell error, one
   * dense row at a time (the product is only formed here, when it is small enough to be written).
   */
  static Reconstruction reconstruction(CsrMatrix x, NmfResult r, List<String> rowNames,
      List<String> columnNames, long limit) {
    long cells = (long) x.rows() * x.cols();
    double frobError = Math.sqrt(Math.max(0.0, 2 * r.frobeniusObjective()));
    if (cells > limit) {
      return new Reconstruction(cells, limit, false, frobError, r.relativeError(), null, null);
    }
    int m = x.rows();
    int n = x.cols();
    int k = r.w().cols();
    double[] w = r.w().data();
    double[] h = r.h().data();
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    float[] values = x.values();
    List<double[]> rows = new ArrayList<>(m);
    double[] xi = new double[n];
    double maxAbs = 0.0;
    double squares = 0.0;
    for (int i = 0; i < m; i++) {
      double[] wh = new double[n];
      for (int t = 0; t < k; t++) {
        double wit = w[i * k + t];
        if (wit == 0.0) continue;
        for (int j = 0, ht = t * n; j < n; j++) {
          wh[j] += wit * h[ht + j];
        }
      }
      java.util.Arrays.fill(xi, 0.0);
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        xi[colIdx[p]] = values[p];
      }
      for (int j = 0; j < n; j++) {
        double e = xi[j] - wh[j];
        squares += e * e;
        maxAbs = Math.max(maxAbs, Math.abs(e));
      }
      rows.add(wh);
    }
    double xx = x.frobeniusNormSquared();
    // Here every cell is at hand, so the errors are summed directly rather than taken from the
    // solver's expanded formula, which loses digits when the fit is nearly exact.
    double err = Math.sqrt(squares);
    return new Reconstruction(cells, limit, true, err, xx == 0 ? 0.0 : err / Math.sqrt(xx), maxAbs,
        new LabeledMatrix(m, n, rowNames, columnNames, rows));
  }

  /** Writes {@code report} to {@code file} atomically (complete or absent). */
  public static void write(FactorizationReport report, Path file) throws IOException {
    Reports.write(report, file);
  }

  /** Reads a file written by {@link #write}. */
  public static FactorizationReport read(Path file) throws IOException {
    return Reports.mapper().readValue(file.toFile(), FactorizationReport.class);
  }
}

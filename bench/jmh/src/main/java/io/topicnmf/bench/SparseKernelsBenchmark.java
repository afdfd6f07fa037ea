package io.topicnmf.bench;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.matrix.SparseKernels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two sparse × dense products every NMF iteration pays for, on a document-term matrix
 * {@code X} ({@code rows × cols}, {@code nnz} stored entries) and dense factors with {@code k}
 * columns:
 *
 * <ul>
 *   <li>{@code csrTimesDense}: {@code X·Hᵀ} ({@code rows × k}), {@link SparseKernels#multiply}
 *       over the CSR rows of X, parallel over fixed row blocks;
 *   <li>{@code csrTransposeTimesDense}: {@code Xᵀ·W} ({@code cols × k}) as the solvers compute it,
 *       {@link SparseKernels#multiply} on the transposed CSR copy {@code Xᵀ} (made once per fit, in
 *       {@link #setup}, not timed);
 *   <li>{@code csrTimesDensePlainLoop}: {@code X·Hᵀ} by the plain loop that updates the output
 *       row in memory for every stored entry (single-threaded baseline for {@code csrTimesDense});
 *   <li>{@code csrTransposeTimesDenseScatter}: the same {@code Xᵀ·W} by scattering rows of X
 *       ({@link #scatterTransA}, single-threaded, no transposed copy): the
 *       alternative the transposed copy replaces.
 * </ul>
 *
 * Each does {@code 2·nnz·k} floating-point operations; {@code bench/jmh/run.sh} turns the
 * measured time per operation into GFLOP/s.
 *
 * <p>The matrix is either a Matrix Market file ({@code -p mtx=FILE}, e.g. the TF-IDF matrix that
 * {@code topicnmf fit --save-matrix} writes) or, by default, a synthetic one shaped like
 * 20news-train (11,314 × 56,121, 105 entries per row: exactly {@code rows·perRow} non-zeros) with
 * column popularity following a Zipf law (exponent 1), as term frequencies do, which matters for
 * the cache behaviour of the gathers from the dense factor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SparseKernelsBenchmark {
  /** Columns of the dense factors. */
  @Param({"20", "50"})
  public int k;

  /** A Matrix Market file to use instead of the synthetic matrix; empty for the synthetic one. */
  @Param({""})
  public String mtx;

  @Param({"11314"})
  public int rows;

  @Param({"56121"})
  public int cols;

  @Param({"105"})
  public int perRow;

  private CsrMatrix x;
  private CsrMatrix xt;
  private double[] ht; // cols × k
  private double[] w; // rows × k
  private double[] xh; // rows × k
  private double[] xtw; // cols × k

  /** The worker threads of the parallel kernels; the scatter kernel is single-threaded and does not use it. */
  @State(Scope.Benchmark)
  public static class Pool {
    @Param({"1", "2"})
    public int threads;

    Workers workers;

    @Setup(Level.Trial)
    public void setup() {
      workers = Workers.of(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      workers.close();
    }
  }

  @Setup(Level.Trial)
  public void setup() throws IOException {
    x = mtx.isEmpty() ? synthetic(rows, cols, perRow, 42L) : MatrixMarket.read(Path.of(mtx));
    xt = x.transpose();
    SplittableRandom rng = new SplittableRandom(7L);
    ht = new double[x.cols() * k];
    w = new double[x.rows() * k];
    for (int i = 0; i < ht.length; i++) ht[i] = rng.nextDouble();
    for (int i = 0; i < w.length; i++) w[i] = rng.nextDouble();
    xh = new double[x.rows() * k];
    xtw = new double[x.cols() * k];
    System.out.println();
    System.out.println("# matrix " + x.rows() + " x " + x.cols() + ", nnz " + x.nnz()
        + ", flops per op 2*nnz*k = " + 2L * x.nnz() * k);
  }

  @Benchmark
  public void csrTimesDense(Pool pool, Blackhole bh) {
    SparseKernels.multiply(x, ht, k, xh, pool.workers);
    bh.consume(xh);
  }

  @Benchmark
  public void csrTransposeTimesDense(Pool pool, Blackhole bh) {
    SparseKernels.multiply(xt, w, k, xtw, pool.workers);
    bh.consume(xtw);
  }

  /** Baseline: {@code X·Hᵀ} by the plain row loop (C row updated in memory per stored entry), single-threaded. */
  @Benchmark
  public void csrTimesDensePlainLoop(Blackhole bh) {
    plainMultiply(x.rowPtr(), x.colIdx(), x.values(), ht, k, xh, x.rows());
    bh.consume(xh);
  }

  @Benchmark
  public void csrTransposeTimesDenseScatter(Blackhole bh) {
    scatterTransA(x, w, k, xtw);
    bh.consume(xtw);
  }

  /**
   * {@code C = Aᵀ·B} by scattering the rows of A ({@code b} is {@code rows × k}, {@code c} is
   * {@code cols × k}): the alternative to multiplying by a transposed copy, which the solvers use.
   * Kept here (it was {@code SparseKernels.multiplyTransA}, which only tests and this benchmark
   * called) as the baseline that choice has to beat.
   */
  static void scatterTransA(CsrMatrix a, double[] b, int k, double[] c) {
    java.util.Arrays.fill(c, 0, a.cols() * k, 0.0);
    int[] rowPtr = a.rowPtr();
    int[] colIdx = a.colIdx();
    double[] values = a.values();
    for (int i = 0, rows = a.rows(); i < rows; i++) {
      int bi = i * k;
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        double v = values[p];
        int cj = colIdx[p] * k;
        for (int t = 0; t < k; t++) {
          c[cj + t] += v * b[bi + t];
        }
      }
    }
  }

  /**
   * The straightforward CSR × dense loop, {@code C(i,:) += v·B(j,:)} per stored entry: what
   * {@link SparseKernels#multiplyRows} was before it kept four output columns in registers, kept
   * here as the baseline that kernel has to beat at every k.
   */
  static void plainMultiply(int[] rowPtr, int[] colIdx, double[] values, double[] b, int k, double[] c, int rows) {
    for (int i = 0; i < rows; i++) {
      int ci = i * k;
      for (int t = 0; t < k; t++) {
        c[ci + t] = 0.0;
      }
      for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
        double v = values[p];
        int bj = colIdx[p] * k;
        for (int t = 0; t < k; t++) {
          c[ci + t] += v * b[bj + t];
        }
      }
    }
  }

  /**
   * A {@code rows × cols} CSR matrix with exactly {@code perRow} distinct columns per row, drawn
   * from a Zipf(1) law over a fixed random permutation of the columns (so popular columns are
   * scattered, not adjacent), values uniform in (0, 1].
   */
  static CsrMatrix synthetic(int rows, int cols, int perRow, long seed) {
    if (perRow > cols) throw new IllegalArgumentException("perRow " + perRow + " > cols " + cols);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] cdf = new double[cols];
    double s = 0;
    for (int j = 0; j < cols; j++) {
      s += 1.0 / (j + 1);
      cdf[j] = s;
    }
    for (int j = 0; j < cols; j++) cdf[j] /= s;
    int[] perm = new int[cols];
    for (int j = 0; j < cols; j++) perm[j] = j;
    for (int j = cols - 1; j > 0; j--) {
      int r = rng.nextInt(j + 1);
      int t = perm[j];
      perm[j] = perm[r];
      perm[r] = t;
    }
    int[] rowPtr = new int[rows + 1];
    int[] colIdx = new int[rows * perRow];
    double[] values = new double[rows * perRow];
    boolean[] taken = new boolean[cols];
    int[] row = new int[perRow];
    for (int i = 0; i < rows; i++) {
      int n = 0;
      while (n < perRow) {
        int rank = Arrays.binarySearch(cdf, rng.nextDouble());
        int j = perm[Math.min(cols - 1, rank < 0 ? -rank - 1 : rank)];
        if (!taken[j]) {
          taken[j] = true;
          row[n++] = j;
        }
      }
      Arrays.sort(row);
      for (int t = 0; t < perRow; t++) {
        colIdx[i * perRow + t] = row[t];
        values[i * perRow + t] = 1.0 - rng.nextDouble();
        taken[row[t]] = false;
      }
      rowPtr[i + 1] = (i + 1) * perRow;
    }
    return new CsrMatrix(rows, cols, rowPtr, colIdx, values);
  }
}

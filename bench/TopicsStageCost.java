import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.model.DocumentClusters;
import io.topicnmf.model.TermRanking;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.parallel.Workers;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The parts of fit's "topics" stage that run on the fit's workers (the k-means step with its
 * damped rows, and the least-squares term weights of the term ranking), on 1 and on 2 threads,
 * alternated in one JVM; checks both give the same bits:
 *
 *   java -cp target/topicnmf.jar bench/TopicsStageCost.java MATRIX_DIR K [REPEATS] [ITERATIONS]
 *
 * MATRIX_DIR is a `fit --save-matrix` or `vectorize` export (matrix.mtx, counts.mtx; the idf is
 * the smooth idf of counts.mtx, fit's default). W and H come from a Frobenius fit of ITERATIONS
 * iterations (default 20: realistic factors, quickly), H's rows scaled to unit length as fit
 * does. Prints, per repeat, wall and process CPU seconds of each part on 1 and 2 threads, then
 * the medians over the repeats after the first (default REPEATS 5).
 */
public class TopicsStageCost {
  public static void main(String[] args) throws Exception {
    CsrMatrix x = MatrixMarket.read(Path.of(args[0], "matrix.mtx"));
    CsrMatrix counts = MatrixMarket.read(Path.of(args[0], "counts.mtx"));
    int k = Integer.parseInt(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int n = x.rows();
    int m = x.cols();
    int[] df = new int[m];
    for (int p = 0; p < counts.nnz(); p++) if (counts.values()[p] > 0) df[counts.colIdx()[p]]++;
    double[] idf = io.topicnmf.vectorize.Tfidf.idf(df, n, io.topicnmf.vectorize.TfidfOptions.Idf.SMOOTH);
    NmfResult r = Nmf.fit(x, NmfOptions.defaults(k).withLoss(Loss.FROBENIUS).withMaxIter(iterations).withThreads(2),
        NmfListener.NONE);
    DenseMatrix w = r.w().copy();
    DenseMatrix h = r.h().copy();
    for (int t = 0; t < k; t++) {
      double norm = 0;
      for (int j = 0; j < m; j++) norm += h.get(t, j) * h.get(t, j);
      norm = Math.sqrt(norm);
      if (!(norm > 0)) continue;
      for (int j = 0; j < m; j++) h.data()[t * m + j] /= norm;
      for (int i = 0; i < n; i++) w.data()[i * k + t] *= norm;
    }
    int[] seed = new int[n];
    for (int i = 0; i < n; i++) {
      seed[i] = -1;
      double best = 0;
      for (int t = 0; t < k; t++) if (w.get(i, t) > best) { best = w.get(i, t); seed[i] = t; }
    }
    boolean[] allowed = DocumentClusters.topicsContained(w);
    System.out.printf("%d x %d, %d non-zeros, k = %d%n", n, m, x.nnz(), k);
    double[][] wall = new double[4][reps];
    double[][] cpu = new double[4][reps];
    int[] assignment1 = null;
    double[] refit1 = null;
    for (int rep = 0; rep < reps; rep++) {
      for (int threads = 1; threads <= 2; threads++) {
        int c = threads - 1;
        try (Workers workers = Workers.of(threads)) {
          long t0 = System.nanoTime();
          long c0 = cpu();
          DocumentClusters.Result cl = DocumentClusters.kmeans(
              DocumentClusters.space(x, idf, DocumentClusters.TF_POWER, workers), seed, allowed, k, workers);
          wall[c][rep] = (System.nanoTime() - t0) / 1e9;
          cpu[c][rep] = (cpu() - c0) / 1e9;
          t0 = System.nanoTime();
          c0 = cpu();
          DenseMatrix refit = TermRanking.withWorkers(workers, () -> TermRanking.leastSquaresTopics(x, w, h));
          wall[2 + c][rep] = (System.nanoTime() - t0) / 1e9;
          cpu[2 + c][rep] = (cpu() - c0) / 1e9;
          if (assignment1 == null) {
            assignment1 = cl.assignment();
            refit1 = refit.data();
          } else if (!Arrays.equals(assignment1, cl.assignment()) || !Arrays.equals(refit1, refit.data())) {
            throw new AssertionError("threads " + threads + " gave other bits");
          }
        }
      }
      System.out.printf("repeat %d: k-means 1 thread %.2f s (CPU %.2f), 2 threads %.2f s (CPU %.2f);"
          + " refit 1 thread %.2f s (CPU %.2f), 2 threads %.2f s (CPU %.2f)%n", rep,
          wall[0][rep], cpu[0][rep], wall[1][rep], cpu[1][rep], wall[2][rep], cpu[2][rep], wall[3][rep], cpu[3][rep]);
    }
    String[] names = {"k-means, 1 thread", "k-means, 2 threads", "refit, 1 thread", "refit, 2 threads"};
    for (int c = 0; c < 4; c++) {
      System.out.printf("median of repeats 2..%d: %s %.2f s wall, %.2f s CPU%n", reps, names[c],
          median(wall[c], reps), median(cpu[c], reps));
    }
    System.out.println("same bits on 1 and 2 threads: yes");
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(double[] a, int reps) {
    double[] b = Arrays.copyOfRange(a, reps > 1 ? 1 : 0, reps);
    Arrays.sort(b);
    return b.length % 2 == 1 ? b[b.length / 2] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2;
  }
}

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.model.DocumentClusters;
import io.topicnmf.model.TermListChoice;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.NmfTransform;
import io.topicnmf.parallel.Workers;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cost of the steps of fit that follow the factorization, on a cached fit, in one JVM:
 *
 *   java -cp target/topicnmf.jar bench/CachedFitCost.java MATRIX_DIR K [REPEATS] [MODE]
 *
 * MATRIX_DIR is a `vectorize` or `fit --save-matrix` export (matrix.mtx, counts.mtx). The default
 * KL fit of K topics is made once and kept in MATRIX_DIR/fit-K.bin (W and H as doubles), so that
 * runs of two builds (java -cp A.jar ..., then -cp B.jar) time the same work. MODE:
 *   final (default): fit's final W re-solve (NmfTransform from the fit's W, the default tolerance)
 *     and apply's solve from the neutral start; prints seconds, the most sweeps a row took, the
 *     objective and a checksum of W, per round (REPEATS rounds, default 3).
 *   coverage: TermListChoice.coverage of the term-list candidates (called by reflection: package
 *     private) for the documents' dominant topics; prints seconds and a checksum, REPEATS calls.
 *   kmeans: fit's k-means step (DocumentClusters.kmeans on DocumentClusters.space at tf^0.75, the
 *     smooth idf of counts.mtx, seeded by the dominant topics of W scaled by H's row norms, only
 *     the topics each row contains allowed) on 2 threads; prints seconds, rounds and a checksum.
 */
public class CachedFitCost {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int k = Integer.parseInt(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String mode = args.length > 3 ? args[3] : "final";
    CsrMatrix x = MatrixMarket.read(dir.resolve("matrix.mtx"));
    NmfOptions o = NmfOptions.defaults(k).withLoss(io.topicnmf.nmf.Loss.KL);
    Path cache = dir.resolve("fit-" + k + ".bin");
    DenseMatrix w;
    DenseMatrix h;
    if (Files.exists(cache)) {
      try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
        w = read(in, x.rows(), k);
        h = read(in, k, x.cols());
      }
    } else {
      NmfResult r = Nmf.fit(x, o, NmfListener.NONE);
      w = r.w();
      h = r.h();
      try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
        for (double v : w.data()) out.writeDouble(v);
        for (double v : h.data()) out.writeDouble(v);
      }
    }
    String build = System.getProperty("java.class.path");
    switch (mode) {
      case "final" -> {
        NmfTransform.Options to = NmfTransform.Options.of(o);
        for (int rep = 0; rep < reps; rep++) {
          for (boolean warm : new boolean[] {true, false}) {
            long t0 = System.nanoTime();
            NmfTransform.Result t = NmfTransform.transform(x, h, warm ? w : null, to);
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s %s %.3f s, most sweeps %d, unconverged %d, objective %.10e, W hash %08x%n",
                build, warm ? "warm   " : "neutral", sec, t.maxSweeps(), t.unconverged(), t.objective(),
                Arrays.hashCode(t.w().data()));
          }
        }
      }
      case "coverage" -> {
        CsrMatrix counts = MatrixMarket.read(dir.resolve("counts.mtx"));
        Method candidates = null;
        Method coverage = null;
        for (Method m : TermListChoice.class.getDeclaredMethods()) {
          if (m.getName().equals("candidates") && m.getParameterCount() == 8) candidates = m;
          if (m.getName().equals("coverage")) coverage = m;
        }
        candidates.setAccessible(true);
        coverage.setAccessible(true);
        List<Object> cands = new ArrayList<>();
        List<int[][]> lists = new ArrayList<>();
        candidates.invoke(null, w, h, x, counts, 10, null, cands, lists);
        int[] dominant = dominant(w.data(), x.rows(), k);
        for (int rep = 0; rep < reps; rep++) {
          long t0 = System.nanoTime();
          double[][] out = (double[][]) coverage.invoke(null, counts, lists, k, dominant);
          System.out.printf(Locale.ROOT, "%s coverage %.3f s, %d lists, hash %08x%n", build,
              (System.nanoTime() - t0) / 1e9, lists.size(), Arrays.deepHashCode(out));
        }
      }
      case "kmeans" -> {
        CsrMatrix counts = MatrixMarket.read(dir.resolve("counts.mtx"));
        int n = x.rows();
        int m = x.cols();
        int[] df = new int[m];
        for (int p = 0; p < counts.nnz(); p++) if (counts.values()[p] > 0) df[counts.colIdx()[p]]++;
        double[] idf = io.topicnmf.vectorize.Tfidf.idf(df, n, io.topicnmf.vectorize.TfidfOptions.Idf.SMOOTH);
        double[] ws = w.data().clone();
        for (int t = 0; t < k; t++) {
          double s = 0;
          for (int j = 0; j < m; j++) s += h.data()[t * m + j] * h.data()[t * m + j];
          s = Math.sqrt(s);
          for (int i = 0; i < n; i++) ws[i * k + t] *= s;
        }
        int[] seed = dominant(ws, n, k);
        boolean[] allowed = DocumentClusters.topicsContained(new DenseMatrix(n, k, ws));
        try (Workers workers = Workers.of(2)) {
          CsrMatrix space = DocumentClusters.space(x, idf, DocumentClusters.TF_POWER, workers);
          for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            DocumentClusters.Result r = DocumentClusters.kmeans(space, seed, allowed, k, workers);
            System.out.printf(Locale.ROOT, "%s kmeans %.3f s, %d rounds, hash %08x%n", build,
                (System.nanoTime() - t0) / 1e9, r.rounds(), Arrays.hashCode(r.assignment()));
          }
        }
      }
      default -> throw new IllegalArgumentException("MODE is final, coverage or kmeans, got " + mode);
    }
  }

  /** Each row's largest component (the first on a tie), -1 for a row of zeros. */
  private static int[] dominant(double[] w, int n, int k) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = -1;
      double bv = 0;
      for (int t = 0; t < k; t++) {
        if (w[i * k + t] > bv) {
          bv = w[i * k + t];
          best = t;
        }
      }
      out[i] = best;
    }
    return out;
  }

  private static DenseMatrix read(DataInputStream in, int rows, int cols) throws IOException {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) d[i] = in.readDouble();
    return new DenseMatrix(rows, cols, d);
  }
}

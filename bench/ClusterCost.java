import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.model.DocumentClusters;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.parallel.Workers;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cost of fit's k-means step, in one JVM, one thread, two ways alternating:
 *
 *   java -cp target/topicnmf.jar bench/ClusterCost.java MATRIX_DIR K [REPEATS] [space|merge]
 *
 * space (the default): on X's rows against the rows with damped term frequencies
 * (DocumentClusters.space, tf^0.75; the space's computation included). merge: on the damped rows,
 * without merging clusters (merge cosine 2) against with merges at DocumentClusters.MERGE_COSINE
 * (this was bench/MergeCost.java until stop 29).
 *
 * MATRIX_DIR is a `fit --save-matrix` export (matrix.mtx, counts.mtx; the idf is the smooth idf of
 * counts.mtx, fit's default). Fits KL NMF with the defaults once, seeds with the dominant topics of
 * W scaled to unit rows of H as fit does, then alternates the two REPEATS times (default 7); prints
 * the first (cold) call of each, the medians of the others and the rounds.
 */
public class ClusterCost {
  public static void main(String[] args) throws Exception {
    CsrMatrix x = MatrixMarket.read(Path.of(args[0], "matrix.mtx"));
    CsrMatrix counts = MatrixMarket.read(Path.of(args[0], "counts.mtx"));
    int k = Integer.parseInt(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    String mode = args.length > 3 ? args[3] : "space";
    if (!mode.equals("space") && !mode.equals("merge")) {
      throw new IllegalArgumentException("the fourth argument is space or merge, got " + mode);
    }
    int n = x.rows();
    int m = x.cols();
    int[] df = new int[m];
    for (int p = 0; p < counts.nnz(); p++) if (counts.values()[p] > 0) df[counts.colIdx()[p]]++;
    double[] idf = io.topicnmf.vectorize.Tfidf.idf(df, n, io.topicnmf.vectorize.TfidfOptions.Idf.SMOOTH);
    NmfResult r = Nmf.fit(x, NmfOptions.defaults(k).withLoss(Loss.KL), NmfListener.NONE);
    double[] hn = new double[k];
    DenseMatrix h = r.h();
    for (int t = 0; t < k; t++) for (int j = 0; j < m; j++) hn[t] += h.get(t, j) * h.get(t, j);
    double[] wd = r.w().data().clone();
    for (int i = 0; i < n; i++) for (int t = 0; t < k; t++) wd[i * k + t] *= Math.sqrt(hn[t]);
    DenseMatrix w = new DenseMatrix(n, k, wd);
    int[] seed = new int[n];
    for (int i = 0; i < n; i++) {
      int best = -1;
      double bv = 0;
      for (int t = 0; t < k; t++) if (wd[i * k + t] > bv) { bv = wd[i * k + t]; best = t; }
      seed[i] = best;
    }
    boolean[] allowed = DocumentClusters.topicsContained(w);
    try (Workers workers = Workers.sequential()) {
      if (mode.equals("merge")) {
        CsrMatrix z = DocumentClusters.space(x, idf, DocumentClusters.TF_POWER);
        Timed<DocumentClusters.Result> t = alternate(reps,
            () -> DocumentClusters.kmeans(z, seed, allowed, k, 2.0, workers),
            () -> DocumentClusters.kmeans(z, seed, allowed, k, DocumentClusters.MERGE_COSINE, workers));
        System.out.printf("%s: %d x %d, nnz %d, k=%d: no merge %.4f s cold, %.4f s warm, %d rounds; merge at %.2f"
            + " %.4f s cold, %.4f s warm, %d rounds, merged %s, same assignment %s (medians of %d)%n", args[0], n, m,
            x.nnz(), k, t.cold[0], t.warm[0], t.last.get(0).rounds(), DocumentClusters.MERGE_COSINE, t.cold[1], t.warm[1],
            t.last.get(1).rounds(), t.last.get(1).merged(), Arrays.equals(t.last.get(0).assignment(), t.last.get(1).assignment()),
            reps - 1);
      } else {
        Timed<DocumentClusters.Result> t = alternate(reps,
            () -> DocumentClusters.kmeans(x, seed, allowed, k, workers),
            () -> DocumentClusters.kmeans(DocumentClusters.space(x, idf, DocumentClusters.TF_POWER), seed, allowed,
                k, workers));
        System.out.printf("%s: %d x %d, nnz %d, k=%d: X %.3f s cold, %.3f s warm, %d rounds; tf^0.75 %.3f s cold,"
            + " %.3f s warm, %d rounds (medians of %d)%n", args[0], n, m, x.nnz(), k, t.cold[0], t.warm[0],
            t.last.get(0).rounds(), t.cold[1], t.warm[1], t.last.get(1).rounds(), reps - 1);
      }
    }
  }

  /** Per step of {@link #alternate}: the first (cold) call's seconds, the median of the others, the last result. */
  record Timed<R>(double[] cold, double[] warm, java.util.List<R> last) {}

  /** Runs the two steps one after the other {@code reps} times. */
  static <R> Timed<R> alternate(int reps, java.util.function.Supplier<R> first, java.util.function.Supplier<R> second) {
    java.util.List<java.util.function.Supplier<R>> steps = java.util.List.of(first, second);
    double[][] seconds = new double[2][reps];
    java.util.List<R> last = new java.util.ArrayList<>(java.util.Collections.nCopies(2, (R) null));
    for (int i = 0; i < reps; i++) {
      for (int s = 0; s < 2; s++) {
        long a = System.nanoTime();
        last.set(s, steps.get(s).get());
        seconds[s][i] = (System.nanoTime() - a) / 1e9;
      }
    }
    double[] cold = new double[2];
    double[] warm = new double[2];
    for (int s = 0; s < 2; s++) {
      cold[s] = seconds[s][0];
      double[] rest = Arrays.copyOfRange(seconds[s], 1, reps);
      Arrays.sort(rest);
      warm[s] = rest[rest.length / 2];
    }
    return new Timed<>(cold, warm, last);
  }
}

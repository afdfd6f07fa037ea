import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.model.TermRanking;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cost of the least-squares term refit that ranks a fit's terms (TermRanking.leastSquaresTopics)
 * next to the KL fit it follows, in one JVM:
 *
 *   java -cp target/topicnmf.jar bench/RefitCost.java MATRIX.mtx K [REPEATS]
 *
 * MATRIX.mtx is a `fit --save-matrix` export (matrix.mtx). Fits KL NMF with the defaults once
 * (timed), then times the refit REPEATS times (default 5) and the old ranking alone; prints medians.
 */
public class RefitCost {
  public static void main(String[] args) throws Exception {
    CsrMatrix x = MatrixMarket.read(Path.of(args[0]));
    int k = Integer.parseInt(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long t0 = System.nanoTime();
    NmfResult r = Nmf.fit(x, NmfOptions.defaults(k).withLoss(Loss.KL), NmfListener.NONE);
    double fit = (System.nanoTime() - t0) / 1e9;
    double[] refit = new double[reps];
    double[] plain = new double[reps];
    for (int i = 0; i < reps; i++) {
      long a = System.nanoTime();
      TermRanking.top(r.w(), r.h(), x, 10, 0.7, null);
      long b = System.nanoTime();
      TermRanking.top(r.h(), x, 10, 0.5);
      long c = System.nanoTime();
      refit[i] = (b - a) / 1e9;
      plain[i] = (c - b) / 1e9;
    }
    Arrays.sort(refit);
    Arrays.sort(plain);
    System.out.printf("%s: %d x %d, nnz %d, k=%d: KL fit %.2f s (%d iterations); ranking with refit %.3f s,"
        + " old ranking %.3f s (medians of %d)%n", args[0], x.rows(), x.cols(), x.nnz(), k, fit, r.iterations(),
        refit[reps / 2], plain[reps / 2], reps);
  }
}

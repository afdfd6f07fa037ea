import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.model.TermListChoice;
import io.topicnmf.model.TermRanking;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cost of `--relevance auto` (TermListChoice.choose) next to the fixed ranking it replaced
 * (relevance 0.7 over the least-squares refit), in one JVM:
 *
 *   java -cp target/topicnmf.jar bench/ChoiceCost.java MATRIX_DIR K [REPEATS]
 *
 * MATRIX_DIR is a `fit --save-matrix` export (matrix.mtx, counts.mtx). Fits KL NMF with the
 * defaults once, then alternates the two rankings REPEATS times (default 7); prints the first
 * (cold) call of each and the medians of the others.
 */
public class ChoiceCost {
  public static void main(String[] args) throws Exception {
    CsrMatrix x = MatrixMarket.read(Path.of(args[0], "matrix.mtx"));
    CsrMatrix counts = MatrixMarket.read(Path.of(args[0], "counts.mtx"));
    int k = Integer.parseInt(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    NmfResult r = Nmf.fit(x, NmfOptions.defaults(k).withLoss(Loss.KL), NmfListener.NONE);
    double[] fixed = new double[reps];
    double[] auto = new double[reps];
    for (int i = 0; i < reps; i++) {
      long a = System.nanoTime();
      TermRanking.top(r.w(), r.h(), x, 10, 0.7, null);
      long b = System.nanoTime();
      TermListChoice.choose(r.w(), r.h(), x, counts, 10, null);
      long c = System.nanoTime();
      fixed[i] = (b - a) / 1e9;
      auto[i] = (c - b) / 1e9;
    }
    double fixedCold = fixed[0];
    double autoCold = auto[0];
    double[] f = Arrays.copyOfRange(fixed, 1, reps);
    double[] au = Arrays.copyOfRange(auto, 1, reps);
    Arrays.sort(f);
    Arrays.sort(au);
    System.out.printf("%s: %d x %d, nnz %d, k=%d: fixed 0.7 %.3f s cold, %.3f s warm; auto %.3f s cold,"
        + " %.3f s warm (medians of %d)%n", args[0], x.rows(), x.cols(), x.nnz(), k, fixedCold,
        f[f.length / 2], autoCold, au[au.length / 2], reps - 1);
  }
}

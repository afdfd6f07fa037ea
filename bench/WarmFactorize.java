import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.nmf.Init;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.TracePoint;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Library use in a long-running JVM: reads a Matrix Market file once and factorizes it RUNS times
 * in one process with the options of {@code topicnmf factorize} (nndsvda, seed 0), printing per
 * run the seconds since {@code Nmf.fit} started at which the objective first reached TARGET
 * (scikit-learn's final objective), the fit's seconds, iterations and final objective. Run 1 is
 * as cold as the command line's; the later runs show the JIT-compiled speed a server or notebook
 * gets, which is what scikit-learn's {@code fit_transform} time (in a running Python) compares
 * with. Run by bench/nmf_warm.sh (Java's single-file source launcher):
 *
 * <pre>java -cp target/topicnmf.jar bench/WarmFactorize.java MTX K LOSS TARGET RUNS THREADS TOL MAX_ITER</pre>
 */
public final class WarmFactorize {
  public static void main(String[] args) throws Exception {
    CsrMatrix x = MatrixMarket.readNonNegative(Path.of(args[0]));
    int k = Integer.parseInt(args[1]);
    Loss loss = Loss.valueOf(args[2].toUpperCase(Locale.ROOT));
    double target = Double.parseDouble(args[3]);
    int runs = Integer.parseInt(args[4]);
    int threads = Integer.parseInt(args[5]);
    double tol = Double.parseDouble(args[6]);
    int maxIter = Integer.parseInt(args[7]);
    NmfOptions options = NmfOptions.defaults(k).withLoss(loss).withInit(Init.NNDSVDA).withSeed(0)
        .withThreads(threads).withTol(tol).withMaxIter(maxIter).withTrace(true);
    for (int r = 1; r <= runs; r++) {
      NmfResult result = Nmf.fit(x, options, NmfListener.NONE);
      TracePoint hit = null;
      for (TracePoint p : result.trace()) {
        if (p.objective() <= target) {
          hit = p;
          break;
        }
      }
      TracePoint last = result.trace().get(result.trace().size() - 1);
      System.out.printf(Locale.ROOT,
          "{\"run\": %d, \"initSeconds\": %.4f, \"secondsToTarget\": %s, \"iterationToTarget\": %s, "
              + "\"fitSeconds\": %.4f, \"iterations\": %d, \"objective\": %.6f}%n",
          r, result.trace().get(0).seconds(), hit == null ? "null" : String.format(Locale.ROOT, "%.4f", hit.seconds()),
          hit == null ? "null" : Integer.toString(hit.iteration()), last.seconds(), result.iterations(),
          result.objective());
    }
  }
}

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.matrix.io.NumericCsv;
import io.topicnmf.nmf.Init;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.Solver;
import io.topicnmf.nmf.TracePoint;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Warm runs of ANLS and HALS in one JVM: reads FILE (.mtx or .csv) once, then for each of RUNS
 * rounds fits it with every solver in SOLVERS (comma-separated, order alternated between rounds),
 * nndsvda, seed 0, tol 0, MAX_ITER iterations, and prints each fit's trace as a JSON line.
 *
 * java -cp target/topicnmf.jar bench/anls/WarmSolvers.java FILE K SOLVERS RUNS THREADS MAX_ITER
 */
public final class WarmSolvers {
  public static void main(String[] a) throws Exception {
    Path file = Path.of(a[0]);
    CsrMatrix x = file.toString().endsWith(".csv") ? NumericCsv.read(file).matrix()
        : MatrixMarket.readNonNegative(file);
    int k = Integer.parseInt(a[1]);
    String[] solvers = a[2].split(",");
    int runs = Integer.parseInt(a[3]);
    int threads = Integer.parseInt(a[4]);
    int maxIter = Integer.parseInt(a[5]);
    for (int r = 0; r < runs; r++) {
      for (int q = 0; q < solvers.length; q++) {
        String s = solvers[r % 2 == 0 ? q : solvers.length - 1 - q];
        NmfOptions o = NmfOptions.defaults(k).withSolver(Solver.valueOf(s.toUpperCase(Locale.ROOT)))
            .withInit(Init.NNDSVDA).withSeed(0).withThreads(threads).withTol(0).withMaxIter(maxIter)
            .withTrace(true);
        NmfResult res = Nmf.fit(x, o, NmfListener.NONE);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\"run\": %d, \"solver\": \"%s\", \"trace\": [", r, s));
        for (int i = 0; i < res.trace().size(); i++) {
          TracePoint p = res.trace().get(i);
          b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%d,%.6f,%.17g]", p.iteration(), p.seconds(), p.objective()));
        }
        System.out.println(b.append("]}"));
      }
    }
  }
}

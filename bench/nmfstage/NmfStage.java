import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.nmf.Init;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.NmfTransform;
import io.topicnmf.nmf.Solver;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The NMF stage of the default fit alone (KL coordinate descent, then W re-solved for the final H
 * as fit does) on a saved matrix, with wall and process CPU seconds per iteration: the engine
 * without reading, clustering and outputs. See nmfstage.sh.
 */
public final class NmfStage {
  private static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  public static void main(String[] args) throws Exception {
    CsrMatrix x = MatrixMarket.readNonNegative(Path.of(args[0]));
    int k = Integer.parseInt(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    // A fourth argument caps the sweeps (tolerance 0, no final solve): per-sweep cost in less time.
    int sweeps = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    NmfOptions o = new NmfOptions(k, Loss.KL, Solver.AUTO, Init.NNDSVDA, sweeps > 0 ? sweeps : 200,
        sweeps > 0 ? 0.0 : 1e-4, 0L, threads, 0.0, 0.0, 0.0, false, 0);
    double c0 = cpu();
    long t0 = System.nanoTime();
    NmfResult r = Nmf.fit(x, o, (it, max, loss) -> System.out.printf("  iteration %d %.1f s cpu %.1f s objective %.3f%n",
        it, (System.nanoTime() - t0) / 1e9, cpu() - c0, loss));
    double c1 = cpu();
    long t1 = System.nanoTime();
    if (sweeps > 0) {
      System.out.printf("nnz %d fit %.1f s cpu %.1f s iterations %d objective %.6f | final W skipped%n", x.nnz(),
          (t1 - t0) / 1e9, c1 - c0, r.iterations(), r.objective());
      return;
    }
    NmfTransform.Result t = NmfTransform.transform(x, r.h(), r.w(), NmfTransform.Options.of(o));
    double c2 = cpu();
    long t2 = System.nanoTime();
    System.out.printf("nnz %d fit %.1f s cpu %.1f s iterations %d objective %.6f | final W %.1f s cpu %.1f s"
        + " maxSweeps %d unconverged %d objective %.6f%n", x.nnz(), (t1 - t0) / 1e9, c1 - c0, r.iterations(),
        r.objective(), (t2 - t1) / 1e9, c2 - c1, t.maxSweeps(), t.unconverged(), t.objective());
  }
}

package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.parallel.Workers;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The fixed costs of the default fit's NMF stage, piece by piece, on a saved matrix: the
 * randomized SVD alone, nndsvda (the SVD again, then the fill), the start of KL descent, the first
 * sweep (from the dense nndsvda factors), two steady sweeps, and the final re-solve of W after
 * {@code sweeps} sweeps in all; wall and process CPU seconds each, with the figures that must not
 * change (the singular values, the objectives) to all digits. Compiled into the engine's package
 * to reach its package-private classes; see pieces.sh.
 *
 *   java -cp PIECES:JAR io.topicnmf.nmf.Pieces MATRIX.mtx K [THREADS] [SWEEPS]
 */
public final class Pieces {
  private static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  private static double wall0;
  private static double cpu0;

  private static void start() {
    wall0 = System.nanoTime() / 1e9;
    cpu0 = cpu();
  }

  private static String lap() {
    return String.format("%.2f s cpu %.2f s", System.nanoTime() / 1e9 - wall0, cpu() - cpu0);
  }

  public static void main(String[] args) throws Exception {
    CsrMatrix x = MatrixMarket.readNonNegative(Path.of(args[0]));
    int k = Integer.parseInt(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int sweeps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    NmfOptions o = new NmfOptions(k, Loss.KL, Solver.AUTO, Init.NNDSVDA, 200, 1e-4, 0L, threads,
        0.0, 0.0, 0.0, false, 0);
    int m = x.rows();
    int n = x.cols();
    try (Workers workers = Workers.of(threads)) {
      CsrMatrix xt = x.transpose();
      start();
      RandomizedSvd.Result svd = RandomizedSvd.compute(x, xt, k, new SplittableRandom(o.seed()), workers);
      System.out.printf("svd %s s[0] %s s[k-1] %s%n", lap(), svd.s()[0], svd.s()[k - 1]);
      double[] w = new double[m * k];
      double[] ht = new double[n * k];
      start();
      Initializer.initialize(x, xt, k, o.init(), new SplittableRandom(o.seed()), workers, w, ht);
      System.out.printf("nndsvda %s%n", lap());
      Regularization reg = Regularization.of(o, m, n);
      try (Updater u = new KlUpdater(x, xt, k, w, ht, o.effectiveSolver(), reg, workers)) {
        start();
        double f0 = u.start();
        System.out.printf("start %s objective %s%n", lap(), f0);
        for (int s = 1; s <= sweeps; s++) {
          start();
          double f = u.iterate();
          System.out.printf("sweep %d %s objective %s%n", s, lap(), f);
        }
        u.finish();
      }
      double[] h = new double[k * n];
      DenseKernels.transpose(ht, n, k, h);
      start();
      NmfTransform.Result t = NmfTransform.transform(x, new DenseMatrix(k, n, h), new DenseMatrix(m, k, w),
          NmfTransform.Options.of(o), workers);
      System.out.printf("finalW %s maxSweeps %d unconverged %d objective %s%n", lap(), t.maxSweeps(),
          t.unconverged(), t.objective());
    }
  }
}

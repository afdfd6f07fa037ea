import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.io.MatrixMarket;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.NmfTransform;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Cost of fit's final W re-solve (NmfTransform with the fit's W as the start, the default
 * tolerance) and of apply's solve from the neutral start, in one JVM:
 *
 *   java -cp target/topicnmf.jar bench/FinalSolveCost.java MATRIX_DIR K [REPEATS]
 *
 * MATRIX_DIR is a `vectorize` or `fit --save-matrix` export (matrix.mtx). The default KL fit of K
 * topics is made once and kept in MATRIX_DIR/fit-K.bin (W and H as doubles), so that runs of two
 * builds (java -cp A.jar ..., then -cp B.jar) solve for the same H from the same W. Prints each solve's seconds (warm start, then neutral start; REPEATS rounds, default 3), the
 * most sweeps a row took, the objective, and a checksum of W.
 */
public class FinalSolveCost {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int k = Integer.parseInt(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
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
    NmfTransform.Options to = NmfTransform.Options.of(o);
    for (int rep = 0; rep < reps; rep++) {
      for (boolean warm : new boolean[] {true, false}) {
        long t0 = System.nanoTime();
        NmfTransform.Result t = NmfTransform.transform(x, h, warm ? w : null, to);
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s %s %.3f s, most sweeps %d, unconverged %d, objective %.10e, W hash %08x%n",
            System.getProperty("java.class.path"), warm ? "warm   " : "neutral", sec,
            t.maxSweeps(), t.unconverged(), t.objective(), Arrays.hashCode(t.w().data()));
      }
    }
  }

  private static DenseMatrix read(DataInputStream in, int rows, int cols) throws IOException {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) d[i] = in.readDouble();
    return new DenseMatrix(rows, cols, d);
  }
}

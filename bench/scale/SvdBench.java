package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.model.FitListener;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.parallel.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Times the randomized SVD of a corpus's TF-IDF matrix alone (the start of a default fit at
 * k = 50), several times in one JVM after the corpus is read at the defaults (bench/RESULTS.md,
 * "Stop 37", item 2). In the package of {@code RandomizedSvd}, which is package-private:
 *
 * <pre>
 *   javac -cp target/topicnmf.jar -d /tmp/svdbench bench/scale/SvdBench.java
 *   java -Xmx6g -cp target/topicnmf.jar:/tmp/svdbench io.topicnmf.nmf.SvdBench CORPUS RUNS
 * </pre>
 */
public final class SvdBench {
  private SvdBench() {}

  public static void main(String[] args) throws Exception {
    TopicModeler modeler = new TopicModeler(FitOptions.defaults(50));
    Path scratch = Files.createTempDirectory("svdbench");
    PreparedCorpus p = modeler.prepare(Path.of(args[0]), java.util.Set.of(), scratch, FitListener.NONE);
    CsrMatrix x = p.matrix();
    CsrMatrix xt = x.transpose();
    System.out.println(x.rows() + " x " + x.cols() + ", " + x.nnz() + " non-zeros");
    try (Workers workers = Workers.of(2)) {
      for (int r = 0; r < Integer.parseInt(args[1]); r++) {
        long t0 = System.nanoTime();
        RandomizedSvd.Result res = RandomizedSvd.compute(x, xt, 50, new SplittableRandom(0), workers);
        System.out.printf("svd %.2f s  s1 %.6f s50 %.6f%n", (System.nanoTime() - t0) / 1e9, res.s()[0], res.s()[49]);
      }
    }
  }
}

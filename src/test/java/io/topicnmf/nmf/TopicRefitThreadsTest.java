package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.parallel.Workers;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopicRefitThreadsTest {
  @Test
  void sameBitsForOneAndTwoThreadsWithOrWithoutTheTranspose() {
    Random r = new Random(7);
    int n = 3000, m = 700, k = 6;
    double[][] a = new double[n][m];
    for (double[] row : a) for (int j = 0; j < m; j++) if (r.nextDouble() < 0.02) row[j] = r.nextDouble();
    CsrMatrix x = CsrMatrix.fromDense(a, m);
    double[] w = new double[n * k];
    for (int i = 0; i < w.length; i++) w[i] = r.nextDouble();
    double[] h0 = new double[k * m];
    for (int i = 0; i < h0.length; i++) h0[i] = r.nextDouble() < 0.5 ? r.nextDouble() : 0;
    DenseMatrix start = new DenseMatrix(k, m, h0);
    double[] one;
    double[] two;
    double[] twoXt;
    try (Workers w1 = Workers.of(1)) {
      one = TopicRefit.solveH(x, null, w, start, w1).data();
    }
    try (Workers w2 = Workers.of(2)) {
      two = TopicRefit.solveH(x, null, w, start, w2).data();
      twoXt = TopicRefit.solveH(x, x.transpose(), w, start, w2).data();
    }
    assertArrayEquals(one, two);
    assertArrayEquals(one, twoXt);
    double[] single = TopicRefit.solveH(x, w, start).data();
    double worst = 0;
    for (int i = 0; i < one.length; i++) worst = Math.max(worst, Math.abs(one[i] - single[i]));
    assertTrue(worst < 1e-8, "parallel refit departs from the single-threaded one by " + worst);
  }
}

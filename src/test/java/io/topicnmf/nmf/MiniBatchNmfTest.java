package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.*;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.options.InvalidOptionException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MiniBatchNmfTest {
  /** A planted rank-r problem with multiplicative noise and scattered extra entries (no exact fit). */
  static CsrMatrix planted(long seed, int rows, int cols, int r) {
    double[][] x = NmfTestData.plantedLowRank(seed, rows, cols, r);
    SplittableRandom rnd = new SplittableRandom(seed + 1);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (x[i][j] > 0) x[i][j] *= 0.7 + 0.6 * rnd.nextDouble();
        else if (rnd.nextInt(20) == 0) x[i][j] = 0.5 * rnd.nextDouble();
      }
    }
    return CsrMatrix.fromDense(x, cols);
  }

  static NmfOptions options(Loss loss, int k) {
    return NmfOptions.defaults(k).withLoss(loss).withThreads(1).withSeed(3);
  }

  @ParameterizedTest
  @EnumSource(Loss.class)
  void reachesTheInMemoryObjectiveOnAPlantedProblem(Loss loss) {
    CsrMatrix x = planted(11, 900, 120, 6);
    NmfResult full = Nmf.fit(x, options(loss, 6).withTol(0).withMaxIter(300), null);
    NmfResult mb = Nmf.fit(x, options(loss, 6).withBatchSize(100).withMaxIter(60).withTol(0), null);
    System.out.println(loss + " full " + full.objective() + " mb " + mb.objective() + " ratio " + mb.objective() / full.objective());
    assertTrue(mb.objective() <= 1.02 * full.objective(),
        loss + ": mini-batch " + mb.objective() + " vs in-memory " + full.objective());
  }
}

package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.options.InvalidOptionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class NmfOptionsTest {

  /** The parameter at fault is the first part; the message names it and holds the other parts. */
  private static void assertMessage(Supplier<NmfOptions> build, String... parts) {
    InvalidOptionException e = assertThrows(InvalidOptionException.class, build::get);
    assertEquals(parts[0].split(" ")[0], e.parameter());
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' lacks '" + p + "'");
    }
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    NmfOptions o = NmfOptions.defaults(10);
    assertEquals(10, o.k());
    assertEquals(Loss.FROBENIUS, o.loss());
    assertEquals(Solver.AUTO, o.solver());
    assertEquals(Init.NNDSVDA, o.init());
    assertEquals(200, o.maxIter());
    assertEquals(NmfOptions.AUTO_TOL, o.tol());
    assertEquals(1e-4, o.effectiveTol());
    assertEquals(0L, o.seed());
    assertEquals(Runtime.getRuntime().availableProcessors(), o.threads());
    assertEquals(0.0, o.alphaW());
    assertEquals(0.0, o.alphaH());
    assertEquals(0.0, o.l1Ratio());
    assertFalse(o.trace());
    assertEquals(Solver.HALS, o.effectiveSolver());
    assertEquals(Solver.CD, o.withLoss(Loss.KL).effectiveSolver());
  }

  @Test
  void theAutomaticToleranceIsLooserOnlyForKlCoordinateDescentInMemory() {
    NmfOptions kl = NmfOptions.defaults(5).withLoss(Loss.KL);
    assertEquals(5e-4, kl.effectiveTol(), "fit's default: KL, cd, mode still to be planned");
    assertEquals(5e-4, kl.withBatchSize(0).effectiveTol());
    assertEquals(5e-4, kl.withSolver(Solver.CD).effectiveTol());
    assertEquals(1e-4, kl.withBatchSize(4096).effectiveTol(), "mini-batches keep the epoch rule's tolerance");
    assertEquals(1e-4, kl.withSolver(Solver.MU).effectiveTol());
    assertEquals(1e-4, NmfOptions.defaults(5).withSolver(Solver.CD).effectiveTol(), "Frobenius cd");
    assertEquals(2e-3, kl.withTol(2e-3).effectiveTol(), "a given tolerance is kept");
    assertEquals(0.0, kl.withTol(0).effectiveTol());
    assertEquals(5e-4, kl.withTolResolved().tol());
    assertEquals(1e-4, kl.withBatchSize(256).withTolResolved().tol());
    InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> kl.withTol(-2));
    assertTrue(e.getMessage().contains("auto"), e.getMessage());
  }

  @Test
  void withersChangeOneField() {
    NmfOptions o = NmfOptions.defaults(3).withK(4).withThreads(2).withSeed(9).withMaxIter(7)
        .withTol(0.5).withLoss(Loss.KL).withSolver(Solver.MU).withInit(Init.RANDOM).withTrace(true)
        .withRegularization(0.1, 0.2, 0.3);
    assertEquals(new NmfOptions(4, Loss.KL, Solver.MU, Init.RANDOM, 7, 0.5, 9, 2, 0.1, 0.2, 0.3, true, 0), o);
  }

  @Test
  void invalidValuesNameTheFlagTheValueAndTheRange() {
    NmfOptions d = NmfOptions.defaults(5);
    assertMessage(() -> d.withK(0), "topics", "0", "at least 1");
    assertMessage(() -> d.withMaxIter(-1), "maxIter", "-1", ">= 0");
    assertMessage(() -> d.withTol(-1e-3), "tol", "-0.001", ">= 0");
    assertMessage(() -> d.withTol(Double.NaN), "tol", "NaN");
    assertMessage(() -> d.withThreads(0), "threads", "0", "between 1 and");
    assertMessage(() -> d.withRegularization(-1, 0, 0), "alphaW", "-1.0", ">= 0");
    assertMessage(() -> d.withRegularization(0, Double.POSITIVE_INFINITY, 0), "alphaH", "Infinity");
    assertMessage(() -> d.withRegularization(0, 0, 1.5), "l1Ratio", "1.5", "between 0 and 1");
    assertMessage(() -> d.withLoss(null), "loss", "frobenius, kl");
    assertMessage(() -> d.withSolver(null), "solver", "auto, hals, cd, mu");
    assertMessage(() -> d.withInit(null), "init", "nndsvd, nndsvda, nndsvdar, random");
    assertMessage(() -> d.withLoss(Loss.KL).withSolver(Solver.HALS), "solver hals", "loss kl");
  }
}

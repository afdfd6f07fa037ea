package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.parallel.Workers;
import org.junit.jupiter.api.Test;

/** The step rule of {@link Extrapolation} on hand-made iterates. */
class ExtrapolationTest {

  @Test
  void startsOnceAnIterationGainsLessThanTheShareOfTheInitialObjective() {
    Extrapolation e = new Extrapolation(1, 1, Workers.sequential());
    e.initial(100.0);
    assertFalse(e.considerStart(new double[] {1}, new double[] {1}, 90.0, 90.0, 0.05), "gained 10 > 5");
    assertFalse(e.started());
    assertTrue(e.considerStart(new double[] {1}, new double[] {1}, 86.0, 86.0, 0.05), "gained 4 < 5");
    assertTrue(e.started());
    assertEquals(86.0, e.best());
    Extrapolation always = new Extrapolation(1, 1, Workers.sequential());
    always.initial(100.0);
    assertTrue(always.considerStart(new double[] {1}, new double[] {1}, 10.0, 10.0, Double.POSITIVE_INFINITY));
  }

  @Test
  void acceptsAndStepsOnOrRestartsAndKeepsTheBestPair() {
    Extrapolation e = new Extrapolation(2, 2, Workers.sequential());
    e.initial(100.0);
    double[] w = {1.0, 2.0};
    double[] ht = {1.0, 1.0};
    e.considerStart(w, ht, 50.0, 49.0, Double.POSITIVE_INFINITY); // W_0 = (1, 2), H_0 = (1, 1)

    // Iteration 1: W_1 = (2, 1) → Ŵ_1 = max(0, W_1 + 0.5·(W_1 − W_0)) = (2.5, 0.5).
    w[0] = 2.0;
    w[1] = 1.0;
    e.extrapolateW(w);
    assertArrayEquals(new double[] {2.5, 0.5}, w, 0.0);
    // H_1 = (3, 0.2) with an improvement: Ĥ_1 = (3 + 0.5·2, max(0, 0.2 − 0.4)) = (4, 0).
    ht[0] = 3.0;
    ht[1] = 0.2;
    assertFalse(e.afterH(w, ht, 40.0, 39.0));
    assertArrayEquals(new double[] {4.0, 0.0}, ht, 1e-15);
    assertEquals(40.0, e.best());
    assertEquals(39.0, e.bestLoss());

    // Iteration 2: β grew to min(β̄ = 1, 1.05·0.5) = 0.525. W_2 = (2, 1) again → Ŵ_2 = W_2.
    w[0] = 2.0;
    w[1] = 1.0;
    e.extrapolateW(w);
    assertArrayEquals(new double[] {2.0, 1.0}, w, 1e-15);
    // H_2 = (5, 5), worse than before: a restart leaves H at H_2 and the best pair untouched.
    ht[0] = 5.0;
    ht[1] = 5.0;
    assertTrue(e.afterH(w, ht, 45.0, 44.0));
    assertArrayEquals(new double[] {5.0, 5.0}, ht, 0.0);
    assertEquals(40.0, e.best());

    // Iteration 3, after the restart: β = 0.525 / 1.5 = 0.35. W_3 = (3, 1) → Ŵ_3 = (3.35, 1).
    w[0] = 3.0;
    w[1] = 1.0;
    e.extrapolateW(w);
    assertArrayEquals(new double[] {3.35, 1.0}, w, 1e-12);

    double[] outW = new double[2];
    double[] outH = new double[2];
    e.restoreBest(outW, outH);
    assertArrayEquals(new double[] {2.5, 0.5}, outW, 0.0, "Ŵ_1");
    assertArrayEquals(new double[] {3.0, 0.2}, outH, 0.0, "H_1");
  }
}

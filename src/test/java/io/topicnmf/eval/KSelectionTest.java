package io.topicnmf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KSelectionTest {
  private static final double NAN = Double.NaN;

  private static KScore row(int k, double npmi, double stability) {
    return new KScore(k, npmi, 0.9, stability, 100.0 / k);
  }

  /** The rows with a smallest (k = 2) and a largest (k = 99) candidate around them, which the rule sets aside. */
  private static List<KScore> withEdges(KScore... inner) {
    List<KScore> rows = new ArrayList<>(List.of(inner));
    rows.add(row(2, 0.0, 0.99));
    rows.add(row(99, 0.99, 0.99));
    return rows;
  }

  @Test
  void clearlyMostStableKWins() {
    List<KScore> rows = List.of(
        row(2, 0.20, 0.70), row(3, 0.15, 0.75), row(5, 0.10, 0.93), row(8, 0.12, 0.80));
    assertEquals(5, KSelection.recommend(rows));
  }

  @Test
  void nearTieInStabilityIsBrokenByNpmi() {
    // 0.89 is within 0.02 of 0.90, and k = 6 is more coherent.
    List<KScore> rows = withEdges(row(4, 0.10, 0.90), row(6, 0.15, 0.89), row(8, 0.30, 0.60));
    assertEquals(6, KSelection.recommend(rows));
    // With a tighter window stability alone decides.
    assertEquals(4, KSelection.recommend(rows, 0.005, 0.01));
  }

  @Test
  void nearTieInBothGoesToTheSmallerK() {
    List<KScore> rows = withEdges(row(10, 0.155, 0.905), row(7, 0.150, 0.90), row(12, 0.10, 0.91));
    assertEquals(7, KSelection.recommend(rows));
  }

  @Test
  void windowIsMeasuredFromTheBestNotChained() {
    // 0.885 is kept (within 0.02 of 0.90) but 0.87 is not, even though it has the best NPMI
    // and is within 0.02 of 0.885.
    List<KScore> rows = withEdges(row(5, 0.10, 0.90), row(6, 0.13, 0.885), row(7, 0.40, 0.87));
    assertEquals(6, KSelection.recommend(rows));
  }

  @Test
  void theSmallestKIsSetAsideOnBbc() {
    // Measured on bbc (5 sections), k = 2..10, 5 subsamples of 80%: k = 2 is the most stable
    // only because stability falls with k; among 3..9, k = 5 is.
    double[] stab = {0.8965, 0.6576, 0.8229, 0.8533, 0.8290, 0.7766, 0.7754, 0.7353, 0.7332};
    double[] npmi = {0.2383, 0.2591, 0.3087, 0.3605, 0.3892, 0.3965, 0.4074, 0.4119, 0.4163};
    List<KScore> rows = new ArrayList<>();
    for (int i = 0; i < stab.length; i++) rows.add(row(i + 2, npmi[i], stab[i]));
    assertEquals(5, KSelection.recommend(rows));
    // With only two candidates there is no inside: the most stable wins.
    assertEquals(2, KSelection.recommend(List.of(rows.get(0), rows.get(2))));
  }

  @Test
  void twentyNewsgroupsGetsAnInsideKBrokenByNpmi() {
    // Measured on 20news-train, k = 5..50 step 5, 5 subsamples: 5 is the edge; 10 and 15 are
    // within 0.02 of each other and 15 is more coherent.
    double[] stab = {0.8426, 0.7268, 0.7156, 0.6541, 0.6541, 0.6122, 0.5583, 0.5922, 0.5627, 0.5354};
    double[] npmi = {0.3572, 0.3543, 0.3732, 0.3692, 0.3577, 0.3428, 0.3308, 0.3202, 0.2974, 0.2921};
    List<KScore> rows = new ArrayList<>();
    for (int i = 0; i < stab.length; i++) rows.add(row(5 * (i + 1), npmi[i], stab[i]));
    assertEquals(15, KSelection.recommend(rows));
  }

  @Test
  void edgesAreSetAsideEvenWhenMostStable() {
    List<KScore> rows = List.of(row(2, 0.1, 0.95), row(4, 0.2, 0.80), row(6, 0.2, 0.85),
        row(8, 0.2, 0.70), row(10, 0.3, 0.75), row(12, 0.3, 0.60), row(14, 0.1, 0.99));
    assertEquals(6, KSelection.recommend(rows));
  }

  @Test
  void kOneIsIgnoredUnlessAlone() {
    assertEquals(3, KSelection.recommend(List.of(row(1, 0.5, 1.0), row(3, 0.1, 0.6))));
    assertEquals(1, KSelection.recommend(List.of(row(1, 0.5, 1.0))));
  }

  @Test
  void missingMeasurementsLoseTheirStepOrSkipIt() {
    // k = 4 has no stability while others do: it cannot win on stability.
    assertEquals(6, KSelection.recommend(List.of(row(4, 0.9, NAN), row(6, 0.1, 0.8))));
    // Nobody has stability: NPMI decides.
    assertEquals(8, KSelection.recommend(List.of(row(4, 0.1, NAN), row(8, 0.2, NAN))));
    // Nothing measured: the smallest k.
    assertEquals(3, KSelection.recommend(List.of(row(9, NAN, NAN), row(3, NAN, NAN))));
  }

  @Test
  void resultDoesNotDependOnRowOrder() {
    List<KScore> rows = new ArrayList<>(List.of(
        row(2, 0.05, 0.88), row(4, 0.12, 0.91), row(5, 0.125, 0.905), row(6, 0.13, 0.86),
        row(10, 0.20, 0.70), row(20, 0.21, 0.5)));
    int expected = 4; // 4 and 5 are within both windows; 4 is smaller
    Random shuffle = new Random(5);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(rows, shuffle);
      assertEquals(expected, KSelection.recommend(rows));
    }
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> KSelection.recommend(List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KSelection.recommend(List.of(row(3, 0.1, 0.5), row(3, 0.2, 0.6))));
    assertTrue(e.getMessage().contains("k = 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> KSelection.recommend(List.of(row(3, 0.1, 0.5)), -0.1, 0.01));
    assertThrows(IllegalArgumentException.class,
        () -> KSelection.recommend(List.of(row(3, 0.1, 0.5)), 0.02, NAN));
    assertThrows(IllegalArgumentException.class, () -> new KScore(0, 0, 0, 0, 0));
    e = assertThrows(IllegalArgumentException.class, () -> new KScore(3, 0.1, 0.5, 1.5, 0));
    assertTrue(e.getMessage().contains("stability"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new KScore(3, -2, 0.5, 0.5, 0));
  }
}

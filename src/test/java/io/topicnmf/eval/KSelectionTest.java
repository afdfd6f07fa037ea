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

  @Test
  void clearlyMostStableKWins() {
    List<KScore> rows = List.of(
        row(2, 0.20, 0.70), row(3, 0.15, 0.75), row(5, 0.10, 0.93), row(8, 0.12, 0.80));
    assertEquals(5, KSelection.recommend(rows));
  }

  @Test
  void nearTieInStabilityIsBrokenByNpmi() {
    // 0.89 is within 0.02 of 0.90, and k = 6 is more coherent.
    List<KScore> rows = List.of(row(4, 0.10, 0.90), row(6, 0.15, 0.89), row(8, 0.30, 0.60));
    assertEquals(6, KSelection.recommend(rows));
    // With a tighter window stability alone decides.
    assertEquals(4, KSelection.recommend(rows, 0.005, 0.01));
  }

  @Test
  void nearTieInBothGoesToTheSmallerK() {
    List<KScore> rows = List.of(row(10, 0.155, 0.905), row(7, 0.150, 0.90), row(12, 0.10, 0.91));
    assertEquals(7, KSelection.recommend(rows));
  }

  @Test
  void windowIsMeasuredFromTheBestNotChained() {
    // 0.885 is kept (within 0.02 of 0.90) but 0.87 is not, even though it has the best NPMI
    // and is within 0.02 of 0.885.
    List<KScore> rows = List.of(row(5, 0.10, 0.90), row(6, 0.13, 0.885), row(7, 0.40, 0.87));
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

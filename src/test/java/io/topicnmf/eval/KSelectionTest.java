package io.topicnmf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

  /** The rows with a smallest (k = 2) and a largest (k = 99) candidate around them that are clearly unstable. */
  private static List<KScore> withEdges(KScore... inner) {
    List<KScore> rows = new ArrayList<>(List.of(inner));
    rows.add(row(2, 0.0, 0.2));
    rows.add(row(99, 0.99, 0.2));
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
  void bbcGetsItsFiveSections() {
    // Measured on bbc (5 sections), k = 2..10, 3 subsamples of 80%, fitted as fit does (KL loss,
    // k-means step): term stability keeps 3 and 5 (within 0.02 of 0.8902; k = 2 is 0.0227 below),
    // cluster stability keeps both (0.9814, 0.9803), NPMI picks 5.
    double[] stab = {0.8675, 0.8902, 0.8618, 0.8767, 0.8363, 0.7684, 0.6096};
    double[] ari = {0.9710, 0.9814, 0.9590, 0.9803, 0.9288, 0.8898, 0.7825};
    double[] npmi = {0.1998, 0.2361, 0.2878, 0.3367, 0.3278, 0.3137, 0.3112};
    List<KScore> rows = new ArrayList<>();
    for (int i = 0; i < stab.length; i++) rows.add(new KScore(i + 2, npmi[i], 1.0, stab[i], ari[i], 0));
    assertEquals(5, KSelection.recommend(rows));
    assertNull(KSelection.edgeNote(5, List.of(2, 3, 4, 5, 6, 7, 8)));
  }

  @Test
  void clusterStabilityNarrowsTheTermStableOnes() {
    // 4 and 6 have equally stable terms; 6's clusters are much less stable, so 4 wins although
    // 6 is more coherent.
    List<KScore> rows = List.of(new KScore(4, 0.10, 0.9, 0.90, 0.95, 0), new KScore(6, 0.30, 0.9, 0.90, 0.70, 0),
        new KScore(8, 0.40, 0.9, 0.60, 0.99, 0));
    assertEquals(4, KSelection.recommend(rows));
    // A wide cluster window lets NPMI decide.
    assertEquals(6, KSelection.recommend(rows, 0.02, 0.5, 0.01));
  }

  @Test
  void anEndOfTheRangeMayWinAndIsFlagged() {
    List<KScore> rows = List.of(row(2, 0.1, 0.95), row(4, 0.2, 0.80), row(6, 0.2, 0.85),
        row(8, 0.2, 0.70), row(10, 0.3, 0.75), row(12, 0.3, 0.60), row(14, 0.1, 0.99));
    assertEquals(14, KSelection.recommend(rows));
    List<Integer> ks = List.of(2, 4, 6, 8, 10, 12, 14);
    String note = KSelection.edgeNote(14, ks);
    assertTrue(note.contains("largest candidate") && note.contains("-k 14:28"), note);
    // The smallest candidate is flagged when a smaller k could exist (above 2), not at 2.
    assertNull(KSelection.edgeNote(2, ks));
    note = KSelection.edgeNote(5, List.of(5, 10, 15));
    assertTrue(note.contains("smallest candidate") && note.contains("-k 2:5"), note);
    assertNull(KSelection.edgeNote(10, List.of(5, 10, 15)));
    assertNull(KSelection.edgeNote(7, List.of(7)));
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
    e = assertThrows(IllegalArgumentException.class, () -> new KScore(3, 0.1, 0.5, 0.5, -0.7, 0));
    assertTrue(e.getMessage().contains("clusterStability"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> KSelection.recommend(List.of(row(3, 0.1, 0.5)), 0.02, -1, 0.01));
  }
}

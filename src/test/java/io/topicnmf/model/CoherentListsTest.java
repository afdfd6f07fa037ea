package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.eval.Coherence;
import io.topicnmf.matrix.CsrMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoherentListsTest {
  /**
   * One topic that joins two themes: documents 0-39 hold most of terms 0-5 (theme A), documents
   * 40-79 most of terms 6-11 (theme B). Every ranking by weight interleaves them (0, 6, 1, 7, …);
   * terms 5 and 11 are in no list.
   */
  private static CsrMatrix twoThemes() {
    SplittableRandom rng = new SplittableRandom(7);
    double[][] c = new double[80][12];
    for (int i = 0; i < 80; i++) {
      int base = i < 40 ? 0 : 6;
      for (int j = 0; j < 6; j++) if (j < 2 || rng.nextDouble() < 0.7) c[i][base + j] = 1 + rng.nextInt(3);
    }
    return CsrMatrix.fromDense(c, 12);
  }

  @Test
  void aGrownListKeepsToTheThemeOfItsSeedAndIsChosenOverTheInterleavedOnes() {
    CsrMatrix counts = twoThemes();
    int[] interleaved = {0, 6, 1, 7, 2};
    List<TermListChoice.Candidate> cands = new ArrayList<>(List.of(new TermListChoice.Candidate("refit", 0, "none", 0),
        new TermListChoice.Candidate("tf", 1.0, "none", 0)));
    List<int[][]> lists = new ArrayList<>(List.of(new int[][] {{3, 9, 4, 10, 8}}, new int[][] {interleaved}));
    CoherentLists.add(counts, cands, lists, 1, 5, new int[80]);
    assertEquals(2 + CoherentLists.SEEDS, cands.size());
    assertEquals(List.of("grown-1", "grown-2", "grown-3"), cands.subList(2, 5).stream().map(q -> q.weights()).toList());
    int[] a = lists.get(2)[0];
    int[] b = lists.get(3)[0];
    int[] a2 = lists.get(4)[0];
    assertEquals(5, a.length);
    assertEquals(0, a[0], "seeded with the tf, λ = 1 list's first term");
    assertEquals(6, b[0], "the second seed is its second term");
    // Terms 0-5 meet each other far more than terms 6-11: each grown list stays in its seed's theme.
    int[] sortedA = a.clone();
    Arrays.sort(sortedA);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sortedA);
    for (int j : b) assertTrue(j >= 6, Arrays.toString(b));
    for (int j : a2) assertTrue(j < 6, Arrays.toString(a2));
    double[] npmi = Coherence.strictNpmi(counts, new int[][] {interleaved, a});
    assertTrue(npmi[1] > npmi[0], npmi[1] + " <= " + npmi[0]);
    // The choice takes a grown list (the ranked ones mix the themes).
    TermListChoice.Result r = TermListChoice.choose(cands, lists, counts, 1, new int[80]);
    assertTrue(r.ranking().topics().get(0).weights().startsWith("grown-"), r.ranking().topics().get(0).toString());
  }

  @Test
  void aTopicWithFewerSeedsKeepsItsSeedListAndNothingIsListedTwice() {
    CsrMatrix counts = twoThemes();
    List<TermListChoice.Candidate> cands = new ArrayList<>(List.of(new TermListChoice.Candidate("tf", 1.0, "none", 0)));
    List<int[][]> lists = new ArrayList<>();
    lists.add(new int[][] {{3, 9}, {}});
    CoherentLists.add(counts, cands, lists, 2, 10, new int[80]);
    // Topic 0's pool is {3, 9}: two seeds, each growing to both terms; the third keeps the seed list.
    assertArrayEquals(new int[] {3, 9}, lists.get(1)[0]);
    assertArrayEquals(new int[] {9, 3}, lists.get(2)[0]);
    assertArrayEquals(new int[] {3, 9}, lists.get(3)[0]);
    // Topic 1 has no terms at all.
    for (int r = 1; r <= CoherentLists.SEEDS; r++) assertEquals(0, lists.get(r)[1].length);
  }

  @Test
  void aTermOfTooFewOfTheTopicsDocumentsIsNotGrownIntoAList() {
    // Terms 0 and 1 are in all 40 documents of theme A; terms 2 and 3 together in document 0 only.
    double[][] c = new double[80][4];
    for (int i = 0; i < 40; i++) {
      c[i][0] = 1;
      c[i][1] = 1;
    }
    c[0][2] = 1;
    c[0][3] = 1;
    CsrMatrix counts = CsrMatrix.fromDense(c, 4);
    List<TermListChoice.Candidate> cands = new ArrayList<>(List.of(new TermListChoice.Candidate("tf", 1.0, "none", 0)));
    List<int[][]> lists = new ArrayList<>();
    lists.add(new int[][] {{0, 2, 3, 1}});
    CoherentLists.add(counts, cands, lists, 1, 3, new int[80]);
    // Terms 2 and 3 are in 1 of the topic's 80 documents, under 5 %: only 0 and 1 are grown.
    assertArrayEquals(new int[] {0, 1}, lists.get(1)[0]);
    // The rare seeds (2 and 3) grow nothing: their grown lists are the seed list.
    assertArrayEquals(new int[] {0, 2, 3, 1}, lists.get(2)[0]);
    assertArrayEquals(new int[] {0, 2, 3, 1}, lists.get(3)[0]);
  }
}

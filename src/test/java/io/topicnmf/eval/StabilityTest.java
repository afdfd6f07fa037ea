package io.topicnmf.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StabilityTest {
  private static final double EPS = 1e-12;

  private static final List<List<String>> TOPICS = List.of(
      List.of("game", "team", "match", "player"),
      List.of("market", "bank", "shares", "profit"),
      List.of("film", "actor", "award", "star"));

  @Test
  void averageJaccardByHand() {
    // a = [x,y,z], b = [z,y,x]: depth 1 {x} vs {z} = 0; depth 2 {x,y} vs {z,y} = 1/3;
    // depth 3 equal sets = 1: AJ = (0 + 1/3 + 1) / 3 = 4/9, whereas plain Jaccard is 1.
    assertEquals(4.0 / 9, Stability.averageJaccard(List.of("x", "y", "z"), List.of("z", "y", "x")), EPS);
    assertEquals(1.0, Stability.jaccard(List.of("x", "y", "z"), List.of("z", "y", "x")), EPS);
    // a = [x,y,z], b = [x,w,y]: 1, 1/3, 2/4 -> (1 + 1/3 + 1/2) / 3 = 11/18.
    assertEquals(11.0 / 18, Stability.averageJaccard(List.of("x", "y", "z"), List.of("x", "w", "y")), EPS);
    assertEquals(2.0 / 4, Stability.jaccard(List.of("x", "y", "z"), List.of("x", "w", "y")), EPS);
    // Different lengths: [x] vs [x,y]: depth 1 = 1, depth 2 {x} vs {x,y} = 1/2 -> 3/4.
    assertEquals(0.75, Stability.averageJaccard(List.of("x"), List.of("x", "y")), EPS);
    assertEquals(1.0, Stability.averageJaccard(List.of(), List.of()), EPS);
    assertEquals(0.0, Stability.averageJaccard(List.of("a", "b"), List.of("c", "d")), EPS);
  }

  @Test
  void averageJaccardMatchesPrefixDefinitionOnRandomLists() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int trial = 0; trial < 500; trial++) {
      List<Integer> a = randomList(rnd, 1 + rnd.nextInt(12), 15);
      List<Integer> b = randomList(rnd, 1 + rnd.nextInt(12), 15);
      int t = Math.max(a.size(), b.size());
      double sum = 0;
      for (int d = 1; d <= t; d++) {
        sum += Stability.jaccard(a.subList(0, Math.min(d, a.size())), b.subList(0, Math.min(d, b.size())));
      }
      assertEquals(sum / t, Stability.averageJaccard(a, b), EPS);
      assertEquals(Stability.averageJaccard(b, a), Stability.averageJaccard(a, b), EPS);
    }
  }

  @Test
  void identicalPermutedAndDisjointTopicSets() {
    assertEquals(1.0, Stability.agreement(TOPICS, TOPICS), EPS);
    List<List<String>> permuted = List.of(TOPICS.get(2), TOPICS.get(0), TOPICS.get(1));
    assertEquals(1.0, Stability.agreement(TOPICS, permuted), EPS);
    assertArrayEquals(new int[] {1, 2, 0}, Stability.match(TOPICS, permuted));
    List<List<String>> disjoint = List.of(
        List.of("a", "b", "c", "d"), List.of("e", "f", "g", "h"), List.of("i", "j", "k", "l"));
    assertEquals(0.0, Stability.agreement(TOPICS, disjoint), EPS);
    // Stability is the mean agreement with the samples: (1 + 0) / 2.
    assertEquals(0.5, Stability.stability(TOPICS, List.of(permuted, disjoint)), EPS);
    assertEquals(1.0, Stability.stability(TOPICS, List.of(TOPICS, permuted)), EPS);
  }

  @Test
  void unequalTopicCountsScoreUnmatchedTopicsZero() {
    List<List<String>> two = TOPICS.subList(0, 2);
    assertEquals(2.0 / 3, Stability.agreement(two, TOPICS), EPS);
    assertEquals(2.0 / 3, Stability.agreement(TOPICS, two), EPS);
    assertArrayEquals(new int[] {0, 1, -1}, Stability.match(TOPICS, two));
    assertArrayEquals(new int[] {0, 1}, Stability.match(two, TOPICS));
    assertEquals(0.0, Stability.agreement(List.of(), TOPICS), EPS);
    assertThrows(IllegalArgumentException.class, () -> Stability.agreement(List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> Stability.stability(TOPICS, List.of()));
  }

  @Test
  void agreementIsTheBestMatchingByBruteForce() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int trial = 0; trial < 300; trial++) {
      int k = 1 + rnd.nextInt(5);
      int t = 1 + rnd.nextInt(6);
      List<List<Integer>> a = new ArrayList<>();
      List<List<Integer>> b = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        a.add(randomList(rnd, t, 10));
        b.add(randomList(rnd, t, 10));
      }
      double best = bestPermutation(a, b, 0, new boolean[k]) / k;
      assertEquals(best, Stability.agreement(a, b), 1e-9, "trial " + trial);
      // Term-id arrays give the same answer.
      assertEquals(Stability.agreement(a, b), Stability.agreement(toArray(a), toArray(b)), EPS);
    }
  }

  @Test
  void integerArrayStability() {
    int[][] ref = {{1, 2, 3}, {4, 5, 6}};
    int[][] swapped = {{4, 5, 6}, {1, 2, 3}};
    int[][] half = {{1, 9, 3}, {4, 5, 8}};
    // half vs ref: topic 0: depths 1, 1/3, 2/4 -> 11/18; topic 1: 1, 1, 2/4 -> 5/6.
    double expectedHalf = (11.0 / 18 + 5.0 / 6) / 2;
    assertEquals(expectedHalf, Stability.agreement(ref, half), EPS);
    assertEquals((1 + expectedHalf) / 2, Stability.stability(ref, List.of(swapped, half)), EPS);
  }

  private static double bestPermutation(List<List<Integer>> a, List<List<Integer>> b, int i, boolean[] used) {
    if (i == a.size()) {
      return 0;
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < b.size(); j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.max(best, Stability.averageJaccard(a.get(i), b.get(j)) + bestPermutation(a, b, i + 1, used));
        used[j] = false;
      }
    }
    return best;
  }

  private static List<Integer> randomList(SplittableRandom rnd, int n, int vocab) {
    List<Integer> pool = new ArrayList<>();
    for (int i = 0; i < vocab; i++) {
      pool.add(i);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, vocab); i++) {
      out.add(pool.remove(rnd.nextInt(pool.size())));
    }
    return out;
  }

  private static int[][] toArray(List<List<Integer>> topics) {
    int[][] a = new int[topics.size()][];
    for (int i = 0; i < a.length; i++) {
      a[i] = topics.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return a;
  }

  @Test
  void clusterAgreementIsTheAriOfTheDocumentsBothCluster() {
    // The same partition under other cluster ids: 1.
    assertEquals(1.0, Stability.clusterAgreement(new int[] {0, 0, 1, 1, 2}, new int[] {2, 2, 0, 0, 1}), 1e-12);
    // Documents without a cluster (-1) in either run are left out: what remains agrees fully.
    assertEquals(1.0, Stability.clusterAgreement(new int[] {0, 0, 1, 1, -1}, new int[] {1, 1, 0, -1, 0}), 1e-12);
    // a = {0,1}{2,3}, b = {0,1,2}{3}: pairs (of 6) together in a: 2, in b: 3, in both: 1;
    // ARI = (1 - 2*3/6) / ((2 + 3)/2 - 2*3/6) = 0 / 1.5 = 0.
    assertEquals(0.0, Stability.clusterAgreement(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1}), 1e-12);
    // As ClusterAgreement.ari of the contingency table.
    int[] a = {0, 1, 1, 2, 2, 2, 0, 1};
    int[] b = {1, 1, 0, 0, 2, 2, 1, 0};
    int[][] table = new int[3][3];
    for (int i = 0; i < a.length; i++) table[a[i]][b[i]]++;
    assertEquals(ClusterAgreement.ari(table), Stability.clusterAgreement(a, b), 1e-15);
    assertTrue(Double.isNaN(Stability.clusterAgreement(new int[] {-1, 0}, new int[] {0, -1})));
    assertThrows(IllegalArgumentException.class, () -> Stability.clusterAgreement(new int[2], new int[3]));
  }
}

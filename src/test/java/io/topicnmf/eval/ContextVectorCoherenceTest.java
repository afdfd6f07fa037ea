package io.topicnmf.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContextVectorCoherenceTest {
  /**
   * Three documents over the columns a=0, b=1, c=2, d=3 and a pruned token x (-1):
   * doc0 = a b a c d, doc1 = c x b, doc2 = d.
   */
  private static TokenSequences tiny() {
    return new TokenSequences(new int[] {0, 5, 8, 9}, new int[] {0, 1, 0, 2, 3, 2, -1, 1, 3});
  }

  @Test
  void matchesHandCountedWindowsAndGensimsPipeline() {
    // Window 3: doc0 gives [a b a], [b a c], [a c d]; doc1 (3 tokens) one window; doc2 (shorter)
    // one window: 5 windows. Counts: a 3, b 3 (windows 0, 1, 3), c 3 (1, 2, 3), d 2 (2, 4);
    // a&b 2, a&c 2, b&c 2, a&d 1, c&d 1, b&d 0.
    int[][] topics = {{0, 2, 1}, {3, 0}};
    double[] cv = ContextVectorCoherence.cv(tiny(), topics, 3);
    double self3 = Coherence.npmi(3, 3, 3, 5);
    double pair2 = Coherence.npmi(2, 3, 3, 5);
    // Topic [a, c, b]: every pair co-occurs twice, every term thrice: all three vectors are
    // (self3, pair2, pair2) permuted, the topic vector is constant.
    double s = self3 + 2 * pair2;
    double cos = s / (Math.sqrt(self3 * self3 + 2 * pair2 * pair2) * Math.sqrt(3));
    assertEquals(cos, cv[0], 1e-12);
    // Topic [d, a]: v(d) = (npmi(d,d), npmi(d,a)), v(a) = (npmi(a,d), npmi(a,a)).
    double dd = Coherence.npmi(2, 2, 2, 5);
    double aa = self3;
    double da = Coherence.npmi(1, 2, 3, 5);
    double[] whole = {dd + da, da + aa};
    double cosD = (dd * whole[0] + da * whole[1]) / (Math.hypot(dd, da) * Math.hypot(whole[0], whole[1]));
    double cosA = (da * whole[0] + aa * whole[1]) / (Math.hypot(da, aa) * Math.hypot(whole[0], whole[1]));
    assertEquals((cosD + cosA) / 2, cv[1], 1e-12);
    // gensim 4.2's c_v pipeline (s_one_set, cosine_similarity 'nlr', gamma 1) on the token lists
    // [a b a c d], [c x b], [d] with a window of 3, counted correctly (bench/coherence_vs_gensim.py).
    assertArrayEquals(new double[] {0.7009176565715712, 0.6230189269451487}, cv, 1e-12);
  }

  @Test
  void wholeDocumentWindowsGiveDocumentCounts() {
    // With a window at least as long as every document each document is one window, so C_V's
    // counts are document counts: compare with the same measure built from document frequencies.
    SplittableRandom rnd = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      int docs = 1 + rnd.nextInt(15);
      int terms = 3 + rnd.nextInt(8);
      int[] offsets = new int[docs + 1];
      int[][] tokens = new int[docs][];
      for (int d = 0; d < docs; d++) {
        tokens[d] = new int[rnd.nextInt(12)];
        for (int q = 0; q < tokens[d].length; q++) tokens[d][q] = rnd.nextInt(terms + 1) - 1;
        offsets[d + 1] = offsets[d] + tokens[d].length;
      }
      int[] all = new int[offsets[docs]];
      for (int d = 0; d < docs; d++) System.arraycopy(tokens[d], 0, all, offsets[d], tokens[d].length);
      int[][] topics = {{0, 1, 2}, {2, 0}};
      double[] cv = ContextVectorCoherence.cv(new TokenSequences(offsets, all), topics, 100);
      for (int t = 0; t < topics.length; t++) {
        assertEquals(reference(tokens, topics[t]), cv[t], 1e-12, "trial " + trial + " topic " + t);
      }
    }
  }

  /** C_V from document counts by brute force. */
  private static double reference(int[][] docs, int[] topic) {
    int n = topic.length;
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int di = 0;
        int dj = 0;
        int co = 0;
        for (int[] doc : docs) {
          boolean hi = contains(doc, topic[i]);
          boolean hj = contains(doc, topic[j]);
          di += hi ? 1 : 0;
          dj += hj ? 1 : 0;
          co += hi && hj ? 1 : 0;
        }
        m[i][j] = Coherence.npmi(co, di, dj, docs.length);
      }
    }
    double[] whole = new double[n];
    for (double[] row : m) for (int j = 0; j < n; j++) whole[j] += row[j];
    double sum = 0;
    for (double[] row : m) {
      double dot = 0;
      double a = 0;
      double b = 0;
      for (int j = 0; j < n; j++) {
        dot += row[j] * whole[j];
        a += row[j] * row[j];
        b += whole[j] * whole[j];
      }
      sum += a > 0 && b > 0 ? dot / Math.sqrt(a * b) : 0;
    }
    return sum / n;
  }

  private static boolean contains(int[] doc, int term) {
    for (int t : doc) if (t == term) return true;
    return false;
  }

  @Test
  void computeFillsCvWhenTextsAreGiven() {
    // doc0 = a b, doc1 = a b, doc2 = c: the matrix and the texts describe the same documents.
    CsrMatrix m = CsrMatrix.fromDense(new double[][] {{1, 1, 0}, {2, 1, 0}, {0, 0, 1}}, 3);
    TokenSequences texts = new TokenSequences(new int[] {0, 2, 4, 5}, new int[] {0, 1, 0, 1, 2});
    TopicCoherence c = Coherence.compute(m, new int[][] {{0, 1}, {1, 2}}, texts);
    double[] cv = ContextVectorCoherence.cv(texts, new int[][] {{0, 1}, {1, 2}}, ContextVectorCoherence.WINDOW);
    assertArrayEquals(cv, c.cv(), 0);
    assertEquals((cv[0] + cv[1]) / 2, c.meanCv(), 1e-15);
    // a and b always together: both context vectors are equal, the cosine is 1.
    assertEquals(1.0, cv[0], 1e-12);
    assertTrue(cv[1] < 1);
    assertEquals(Coherence.compute(m, new int[][] {{0, 1}, {1, 2}}).npmi()[0], c.npmi()[0]);
    TokenSequences other = new TokenSequences(new int[] {0, 1}, new int[] {0});
    assertThrows(IllegalArgumentException.class, () -> Coherence.compute(m, new int[][] {{0, 1}}, other));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> ContextVectorCoherence.cv(tiny(), new int[][] {{0}}, 0));
    assertThrows(IllegalArgumentException.class, () -> ContextVectorCoherence.cv(tiny(), new int[][] {{-1}}, 3));
    assertThrows(IllegalArgumentException.class, () -> new TokenSequences(new int[] {0, 3}, new int[2]));
    assertThrows(IllegalArgumentException.class, () -> new TokenSequences(new int[] {0, 2, 1, 2}, new int[2]));
    assertTrue(Double.isNaN(ContextVectorCoherence.cv(tiny(), new int[][] {{}}, 3)[0]));
  }
}

package io.topicnmf.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoherenceTest {
  private static final double EPS = 1e-12;

  /**
   * Four documents over five terms, with weights that are not 0/1 and an explicitly stored zero
   * (doc1, term 2) that must not count as presence.
   *
   * <pre>
   *        w0   w1   w2   w3   w4
   * doc0    2    1   .5    .    1
   * doc1    1    3   0*    .    .
   * doc2    1    .    .    2    .
   * doc3    .    .    1    1    5
   * </pre>
   *
   * D = 4; df(w0) = 3, df(w1) = 2, df(w2) = 2 (doc0, doc3), df(w3) = 2 (doc2, doc3).
   */
  private static CsrMatrix tinyCorpus() {
    int[] rowPtr = {0, 4, 7, 9, 12};
    int[] colIdx = {0, 1, 2, 4, 0, 1, 2, 0, 3, 2, 3, 4};
    double[] values = {2, 1, .5, 1, 1, 3, 0, 1, 2, 1, 1, 5};
    return new CsrMatrix(4, 5, rowPtr, colIdx, values);
  }

  private static final double E = Coherence.EPSILON;

  @Test
  void npmiAndUmassMatchHandComputedValuesAndGensim() {
    // Topic A = [w0, w1, w2], topic B = [w3, w0].
    TopicCoherence c = Coherence.compute(tinyCorpus(), new int[][] {{0, 1, 2}, {3, 0}});

    // NPMI, p(w) = df/4, p(wi,wj) = codf/4, NPMI = log((p_ij + e) / (p_i p_j)) / -log(p_ij + e):
    // (w0,w1): codf = 2 (doc0, doc1): log(0.5 / (0.75*0.5)) / -log(0.5) = log(4/3) / log 2 = 0.41504
    // (w0,w2): codf = 1 (doc0):       log(0.25 / (0.75*0.5)) / -log(0.25) = log(2/3) / log 4 = -0.29248
    // (w1,w2): codf = 1 (doc0; doc1's stored zero is absent): log(0.25 / (0.5*0.5)) = log 1 = 0
    double n01 = Math.log((0.5 + E) / (0.75 * 0.5)) / -Math.log(0.5 + E);
    double n02 = Math.log((0.25 + E) / (0.75 * 0.5)) / -Math.log(0.25 + E);
    double n12 = Math.log((0.25 + E) / (0.5 * 0.5)) / -Math.log(0.25 + E);
    assertEquals(Math.log(4.0 / 3) / Math.log(2), n01, 1e-11);
    assertEquals(Math.log(2.0 / 3) / Math.log(4), n02, 1e-11);
    double topicA = (n01 + n02 + n12) / 3;
    double topicB = n02; // (w3,w0): codf = 1, df 2 and 3: the same counts as (w0,w2)
    assertArrayEquals(new double[] {topicA, topicB}, c.npmi(), EPS);
    assertEquals((topicA + topicB) / 2, c.meanNpmi(), EPS);
    // gensim 4.2 CoherenceModel(coherence="c_npmi", window_size=10) on the same four token lists
    // (doc0 = w0 w1 w2 w4, doc1 = w0 w1, doc2 = w0 w3, doc3 = w2 w3 w4; windows hold whole documents).
    assertArrayEquals(new double[] {0.040852082975758465, -0.29248125035853667}, c.npmi(), 1e-12);

    // UMass, pairs (v_m | v_l) with l < m, log((codf/D + e) / (df(v_l)/D)):
    // A: (w1|w0) log(2/3); (w2|w0) log(1/3); (w2|w1) log(1/2)
    double umassA = (Math.log((0.5 + E) / 0.75) + Math.log((0.25 + E) / 0.75) + Math.log((0.25 + E) / 0.5)) / 3;
    assertEquals(Math.log(1.0 / 9) / 3, umassA, 1e-11);
    // B: (w0|w3) log(1/2)
    double umassB = Math.log((0.25 + E) / 0.5);
    assertArrayEquals(new double[] {umassA, umassB}, c.umass(), EPS);
    assertEquals((umassA + umassB) / 2, c.meanUmass(), EPS);
    // gensim CoherenceModel(coherence="u_mass") on the same token lists.
    assertArrayEquals(new double[] {-0.7324081924420732, -0.6931471805559454}, c.umass(), 1e-12);
    // Without C_V's texts, C_V is undefined.
    assertTrue(Double.isNaN(c.cv()[0]) && Double.isNaN(c.meanCv()));
  }

  @Test
  void strictNpmiScoresAPairThatNeverMeetsMinusOne() {
    // Topic [w1, w3]: never together (w1 in doc0, doc1; w3 in doc2, doc3); with ε it scores
    // -1 + log(1/(0.5·0.5))/-log ε, above -1; strictly, -1. Topic A as above, without ε.
    int[][] topics = {{1, 3}, {0, 1, 2}};
    double[] strict = Coherence.strictNpmi(tinyCorpus(), topics);
    double[] eps = Coherence.compute(tinyCorpus(), topics).npmi();
    assertEquals(-1.0, strict[0], 0);
    assertEquals(-1 + Math.log(4) / -Math.log(E), eps[0], 1e-9);
    assertTrue(eps[0] > -0.96, "ε lifts a pair that never meets: " + eps[0]);
    double topicA = (Math.log(4.0 / 3) / Math.log(2) + Math.log(2.0 / 3) / Math.log(4) + 0) / 3;
    assertEquals(topicA, strict[1], 1e-12);
    // A pair in every document: 1; a term that never occurs: -1.
    assertEquals(1.0, Coherence.strictNpmi(4, 4, 4, 4), 0);
    assertEquals(-1.0, Coherence.strictNpmi(0, 0, 3, 4), 0);
    assertThrows(IllegalArgumentException.class, () -> Coherence.strictNpmi(3, 2, 3, 4));
  }

  @Test
  void umassConditionsOnTheHigherRankedTerm() {
    // Reversing B = [w0, w3]: (w3|w0) log(1/3) instead of (w0|w3) log(1/2); gensim: -1.0986122886641096.
    TopicCoherence c = Coherence.compute(tinyCorpus(), new int[][] {{0, 3}});
    assertEquals(Math.log((0.25 + E) / 0.75), c.umass()[0], EPS);
    assertEquals(-1.0986122886641096, c.umass()[0], 1e-12);
    // NPMI is symmetric.
    assertEquals(-0.29248125035853667, c.npmi()[0], 1e-12);
  }

  @Test
  void conventionsForUndefinedCases() {
    // D = 2. w0, w1 in both documents; w2 only in doc0; w3 only in doc1; w4 never.
    CsrMatrix m = CsrMatrix.fromDense(new double[][] {{1, 1, 1, 0, 0}, {1, 1, 0, 1, 0}}, 5);
    TopicCoherence c = Coherence.compute(m, new int[][] {{0, 1}, {2, 3}, {4, 0}, {0, 4}, {1}});
    double[] npmi = c.npmi();
    double[] umass = c.umass();
    // gensim on the token lists [w0 w1 w2], [w0 w1 w3]: c_npmi [-1.0, -0.9498283340560031],
    // u_mass [1.000088900581841e-12, -26.937873935368604].
    // {w0,w1}: codf = D: log(1 + e) / -log(1 + e) = -1 (gensim's epsilon convention); UMass log(1 + e).
    assertEquals(-1.0, npmi[0], EPS);
    assertEquals(1.000088900581841e-12, umass[0], 1e-20);
    // {w2,w3}: never together: (log e - log(1/4)) / -log e, just above -1; UMass log(e / (1/2)).
    assertEquals((Math.log(E) - Math.log(0.25)) / -Math.log(E), npmi[1], EPS);
    assertEquals(-0.9498283340560031, npmi[1], 1e-12);
    assertEquals(-26.937873935368604, umass[1], 1e-10);
    // [w4, w0]: w4 absent: NPMI -1; UMass conditions on df(w4) = 0: 0, as gensim.
    assertEquals(-1.0, npmi[2], EPS);
    assertEquals(0.0, umass[2], EPS);
    // [w0, w4]: log((0 + e) / 1).
    assertEquals(Math.log(E), umass[3], EPS);
    // A single term has no pair: NaN, left out of the means.
    assertTrue(Double.isNaN(npmi[4]));
    assertTrue(Double.isNaN(umass[4]));
    assertEquals((npmi[0] + npmi[1] + npmi[2] + npmi[3]) / 4, c.meanNpmi(), EPS);
    assertEquals((umass[0] + umass[1] + umass[2] + umass[3]) / 4, c.meanUmass(), EPS);
  }

  @Test
  void meansAreNanWhenNoTopicHasAPair() {
    TopicCoherence c = Coherence.compute(tinyCorpus(), new int[][] {{0}, {}});
    assertTrue(Double.isNaN(c.meanNpmi()));
    assertTrue(Double.isNaN(c.meanUmass()));
    assertEquals(2, c.topics());
  }

  @Test
  void matchesNaiveDenseReferenceOnRandomCorpora() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int trial = 0; trial < 50; trial++) {
      int docs = 1 + rnd.nextInt(40);
      int terms = 2 + rnd.nextInt(30);
      double density = 0.05 + rnd.nextDouble() * 0.6;
      double[][] a = new double[docs][terms];
      for (int i = 0; i < docs; i++) {
        for (int j = 0; j < terms; j++) {
          if (rnd.nextDouble() < density) {
            a[i][j] = rnd.nextInt(3) == 0 ? 1 : rnd.nextDouble() * 5;
          }
        }
      }
      int k = 1 + rnd.nextInt(6);
      int[][] top = new int[k][];
      for (int t = 0; t < k; t++) {
        top[t] = randomDistinct(rnd, terms, 2 + rnd.nextInt(Math.min(terms, 10) - 1));
      }
      TopicCoherence c = Coherence.compute(CsrMatrix.fromDense(a, terms), top);
      double sumN = 0;
      double sumU = 0;
      for (int t = 0; t < k; t++) {
        double[] ref = naive(a, top[t]);
        assertEquals(ref[0], c.npmi()[t], 1e-12, "npmi trial " + trial + " topic " + t);
        assertEquals(ref[1], c.umass()[t], 1e-12, "umass trial " + trial + " topic " + t);
        assertTrue(c.npmi()[t] >= -1 && c.npmi()[t] <= 1);
        assertTrue(c.umass()[t] <= 1e-11);
        sumN += ref[0];
        sumU += ref[1];
      }
      assertEquals(sumN / k, c.meanNpmi(), 1e-12);
      assertEquals(sumU / k, c.meanUmass(), 1e-12);
    }
  }

  /** Straight from the definitions, on a dense matrix: {npmi, umass}. */
  private static double[] naive(double[][] a, int[] top) {
    int d = a.length;
    double sN = 0;
    double sU = 0;
    int pairs = 0;
    for (int m = 1; m < top.length; m++) {
      for (int l = 0; l < m; l++) {
        int dfm = 0;
        int dfl = 0;
        int co = 0;
        for (double[] row : a) {
          boolean hm = row[top[m]] > 0;
          boolean hl = row[top[l]] > 0;
          dfm += hm ? 1 : 0;
          dfl += hl ? 1 : 0;
          co += hm && hl ? 1 : 0;
        }
        // gensim's formulas (direct_confirmation_measure), over ordered pairs both ways.
        double pij = (double) co / d + 1e-12;
        double npmi = dfm == 0 || dfl == 0 ? -1
            : Math.log(pij / ((double) dfm / d * ((double) dfl / d))) / -Math.log(pij);
        sN += npmi;
        sU += dfl == 0 ? 0 : Math.log(pij / ((double) dfl / d));
        pairs++;
      }
    }
    return new double[] {sN / pairs, sU / pairs};
  }

  private static int[] randomDistinct(SplittableRandom rnd, int bound, int n) {
    int[] perm = new int[bound];
    for (int i = 0; i < bound; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < n; i++) {
      int j = i + rnd.nextInt(bound - i);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    return java.util.Arrays.copyOf(perm, n);
  }

  @Test
  void pairFormulasDirectly() {
    // Independent terms: p_ij = p_i p_j gives 0. D = 8, df = 4 and 4, codf = 2.
    assertEquals(0.0, Coherence.npmi(2, 4, 4, 8), 1e-11);
    // Always together but not everywhere: p_ij = p_i = p_j = 1/2: log(2)/log(2) = 1.
    assertEquals(1.0, Coherence.npmi(4, 4, 4, 8), 1e-11);
    // p(v_m | v_l) = 1: log 1 = 0 (up to epsilon); 1/2: log 1/2.
    assertEquals(0.0, Coherence.umass(4, 4, 8), 1e-11);
    assertEquals(Math.log(0.5), Coherence.umass(2, 4, 8), 1e-11);
    assertThrows(IllegalArgumentException.class, () -> Coherence.npmi(3, 2, 4, 8));
    assertThrows(IllegalArgumentException.class, () -> Coherence.umass(1, 2, 1));
  }

  @Test
  void rejectsBadInput() {
    CsrMatrix m = tinyCorpus();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Coherence.compute(m, new int[][] {{0, 5}}));
    assertTrue(e.getMessage().contains("5") && e.getMessage().contains("[0, 5)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Coherence.compute(m, new int[][] {{1, 2, 1}}));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Coherence.compute(m, new int[][] {{-1, 2}}));
    CsrMatrix empty = new CsrMatrix(0, 3, new int[] {0}, new int[0], new double[0]);
    assertThrows(IllegalArgumentException.class, () -> Coherence.compute(empty, new int[][] {{0, 1}}));
  }

  @Test
  void diversityCountsDistinctTopTerms() {
    // 5 distinct of 6: w2 is shared.
    assertEquals(5.0 / 6, Coherence.diversity(new int[][] {{0, 1, 2}, {2, 3, 4}}), EPS);
    assertEquals(1.0, Coherence.diversity(new int[][] {{0, 1}, {2, 3}, {4, 5}}), EPS);
    assertEquals(1.0 / 3, Coherence.diversity(new int[][] {{7, 8}, {8, 7}, {7, 8}}), EPS);
    assertTrue(Double.isNaN(Coherence.diversity(new int[][] {{}, {}})));
  }

  @Test
  void resultIsImmutable() {
    TopicCoherence c = Coherence.compute(tinyCorpus(), new int[][] {{0, 1}});
    double before = c.npmi()[0];
    c.npmi()[0] = 99;
    c.umass()[0] = 99;
    assertEquals(before, c.npmi()[0]);
    assertEquals(c, Coherence.compute(tinyCorpus(), new int[][] {{0, 1}}));
  }

  @Test
  void strictNpmiCountsThePairsOnAnyNumberOfWorkersToTheSameBitsAsTheDefinition() {
    // 300 documents over 120 terms; 400 lists of 10 that share many pairs (as the candidates of
    // --relevance auto do), some of them with a term no document holds. Thousands of distinct
    // pairs: many blocks of the parallel merge, and the pair index grows several times.
    SplittableRandom rnd = new SplittableRandom(5);
    int docs = 300;
    int terms = 120;
    double[][] dense = new double[docs][terms];
    for (int i = 0; i < docs; i++) {
      for (int j = 0; j < terms - 1; j++) if (rnd.nextDouble() < (j % 7 == i % 7 ? 0.3 : 0.04)) dense[i][j] = 1 + rnd.nextInt(3);
    }
    CsrMatrix x = CsrMatrix.fromDense(dense, terms);
    int[][] lists = new int[400][10];
    for (int[] l : lists) {
      int[] perm = new int[terms];
      for (int j = 0; j < terms; j++) perm[j] = j;
      for (int a = 0; a < 10; a++) {
        int b = a + rnd.nextInt(rnd.nextDouble() < 0.5 ? 25 : terms - a);
        int tmp = perm[a];
        perm[a] = perm[b];
        perm[b] = tmp;
        l[a] = perm[a];
      }
    }
    // The definition, pair by pair, in the same order (later terms against earlier ones).
    double[] expected = new double[lists.length];
    for (int t = 0; t < lists.length; t++) {
      double sum = 0;
      for (int m = 1; m < 10; m++) {
        for (int l = 0; l < m; l++) {
          int a = lists[t][m];
          int b = lists[t][l];
          int dfA = 0;
          int dfB = 0;
          int co = 0;
          for (int i = 0; i < docs; i++) {
            boolean hasA = dense[i][a] > 0;
            boolean hasB = dense[i][b] > 0;
            if (hasA) dfA++;
            if (hasB) dfB++;
            if (hasA && hasB) co++;
          }
          sum += Coherence.strictNpmi(co, dfA, dfB, docs);
        }
      }
      expected[t] = sum / 45.0;
    }
    assertArrayEquals(expected, Coherence.strictNpmi(x, lists), 0.0);
    for (int threads = 1; threads <= 3; threads++) {
      try (Workers w = Workers.of(threads)) {
        assertArrayEquals(expected, Coherence.strictNpmi(x, lists, w), 0.0, "threads " + threads);
      }
    }
  }
}

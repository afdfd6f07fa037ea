package io.topicnmf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LdaVisTest {
  @TempDir Path tmp;

  /** k = 4 topics over 60 terms, 50 documents with counts; topic 2 is the largest. */
  private static LdaVis sample() {
    Random r = new Random(7);
    int n = 50;
    int m = 60;
    int k = 4;
    DenseMatrix h = new DenseMatrix(k, m);
    for (int t = 0; t < k; t++) {
      for (int j = 0; j < m; j++) {
        if (j / 15 == t) h.set(t, j, 1 + r.nextDouble()); // each topic owns 15 terms
        else if (r.nextDouble() < 0.2) h.set(t, j, 0.05 * r.nextDouble());
      }
    }
    DenseMatrix w = new DenseMatrix(n, k);
    double[][] counts = new double[n][m];
    for (int i = 0; i < n; i++) {
      int main = i < 20 ? 2 : i % k;
      w.set(i, main, 1.0);
      w.set(i, (main + 1) % k, 0.1);
      for (int j = 0; j < m; j++) if (j / 15 == main && r.nextDouble() < 0.5) counts[i][j] = 1 + r.nextInt(4);
    }
    List<String> vocab = new ArrayList<>();
    for (int j = 0; j < m; j++) vocab.add(String.format("t%02d", j));
    return LdaVis.of(w, h, CsrMatrix.fromDense(counts, m), vocab, 30);
  }

  @Test
  void onceComputesOnceForEveryCallerAndRepeatsAFailure() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<LdaVis> vis = LdaVis.once(() -> {
      calls.incrementAndGet();
      return sample();
    });
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<LdaVis>> got = new ArrayList<>();
      for (int i = 0; i < 8; i++) got.add(pool.submit(vis::get));
      LdaVis first = got.get(0).get();
      for (java.util.concurrent.Future<LdaVis> f : got) assertTrue(f.get() == first);
    } finally {
      pool.shutdown();
    }
    assertEquals(1, calls.get());

    java.util.concurrent.atomic.AtomicInteger failing = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<LdaVis> bad = LdaVis.once(() -> {
      failing.incrementAndGet();
      throw new IllegalArgumentException("every row of H is zero");
    });
    assertEquals("every row of H is zero", assertThrows(IllegalArgumentException.class, bad::get).getMessage());
    assertThrows(IllegalArgumentException.class, bad::get);
    assertEquals(1, failing.get());
  }

  @Test
  void hasPyLdaVisStructureInItsOrder() throws IOException {
    Path file = tmp.resolve("ldavis.json");
    LdaVis.write(sample(), file);
    JsonNode j = Reports.mapper().readTree(file.toFile());
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("mdsDat", "tinfo", "token.table", "R", "lambda.step", "plot.opts", "topic.order"), keys);
    assertEquals(30, j.get("R").asInt());
    assertEquals(0.01, j.get("lambda.step").asDouble());
    assertEquals("PC1", j.get("plot.opts").get("xlab").asText());
    List<String> mds = new ArrayList<>();
    j.get("mdsDat").fieldNames().forEachRemaining(mds::add);
    assertEquals(List.of("x", "y", "topics", "cluster", "Freq"), mds);
    List<String> tinfo = new ArrayList<>();
    j.get("tinfo").fieldNames().forEachRemaining(tinfo::add);
    assertEquals(List.of("Term", "Freq", "Total", "Category", "logprob", "loglift"), tinfo);
    List<String> tokens = new ArrayList<>();
    j.get("token.table").fieldNames().forEachRemaining(tokens::add);
    assertEquals(List.of("Topic", "Freq", "Term"), tokens);
  }

  @Test
  void topicsAreOrderedBySizeAndSharesSumToOneHundred() {
    LdaVis v = sample();
    assertEquals(3, v.topicOrder().get(0), "topic 2 (1-based 3) holds the most tokens");
    assertEquals(Set.of(1, 2, 3, 4), new HashSet<>(v.topicOrder()));
    List<Object> freq = v.mdsDat().get("Freq");
    double sum = 0;
    for (int a = 0; a < freq.size(); a++) {
      sum += (Double) freq.get(a);
      if (a > 0) assertTrue((Double) freq.get(a - 1) >= (Double) freq.get(a));
    }
    assertEquals(100.0, sum, 1e-9);
    assertEquals(List.of(1, 2, 3, 4), v.mdsDat().get("topics"));
  }

  @Test
  void tinfoListsDefaultTermsThenEachTopicsRelevantTerms() {
    LdaVis v = sample();
    List<Object> cat = v.tinfo().get("Category");
    long defaults = cat.stream().filter("Default"::equals).count();
    assertEquals(30, defaults);
    for (int a = 1; a <= 4; a++) {
      String c = "Topic" + a;
      long n = cat.stream().filter(c::equals).count();
      assertTrue(n >= 15, c + " lists at least its own 15 terms, got " + n);
    }
    // A topic's listed terms include its own 15 terms (highest probability, λ = 1).
    int order0 = v.topicOrder().get(0) - 1;
    Set<String> topic1 = new HashSet<>();
    for (int i = 0; i < cat.size(); i++) if ("Topic1".equals(cat.get(i))) topic1.add((String) v.tinfo().get("Term").get(i));
    for (int j = order0 * 15; j < order0 * 15 + 15; j++) assertTrue(topic1.contains(String.format("t%02d", j)));
    for (int i = 0; i < cat.size(); i++) {
      if (!"Default".equals(cat.get(i))) {
        assertTrue((Double) v.tinfo().get("logprob").get(i) <= 0);
        assertTrue((Double) v.tinfo().get("Freq").get(i) <= (Double) v.tinfo().get("Total").get(i) + 1e-9);
      }
    }
  }

  @Test
  void tokenTableSharesOfATermSumToOneUpToRounding() {
    LdaVis v = sample();
    Map<String, Double> total = new HashMap<>();
    for (int i = 0; i < v.tinfo().get("Term").size(); i++) {
      total.put((String) v.tinfo().get("Term").get(i), (Double) v.tinfo().get("Total").get(i));
    }
    Map<String, Double> byTerm = new HashMap<>();
    List<Object> terms = v.tokenTable().get("Term");
    for (int i = 0; i < terms.size(); i++) {
      double f = (Double) v.tokenTable().get("Freq").get(i);
      assertTrue(f > 0);
      byTerm.merge((String) terms.get(i), f, Double::sum);
      if (i > 0) assertTrue(((String) terms.get(i - 1)).compareTo((String) terms.get(i)) <= 0, "sorted by term");
    }
    int checked = 0;
    for (var e : byTerm.entrySet()) {
      double tf = total.get(e.getKey());
      if (tf < 1) continue; // frequencies are rounded to whole tokens before dividing
      // Each of the 4 topics' rounded frequency is off by at most 0.5 tokens (or dropped below 0.5).
      assertEquals(1.0, e.getValue(), 4 * 0.5 / tf + 1e-9, e.toString());
      checked++;
    }
    assertTrue(checked > 20, "checked " + checked);
  }

  @Test
  void classicalMdsRecoversAPlanarConfiguration() {
    double[][] p = {{0, 0}, {3, 0}, {0, 4}, {1, 1}, {-2, 1}};
    double[][] d = new double[5][5];
    for (int a = 0; a < 5; a++)
      for (int b = 0; b < 5; b++) d[a][b] = Math.hypot(p[a][0] - p[b][0], p[a][1] - p[b][1]);
    double[][] xy = LdaVis.pcoa(d);
    for (int a = 0; a < 5; a++)
      for (int b = 0; b < 5; b++)
        assertEquals(d[a][b], Math.hypot(xy[a][0] - xy[b][0], xy[a][1] - xy[b][1]), 1e-9);
  }

  @Test
  void jensenShannonIsZeroForEqualAndLn2ForDisjointDistributions() {
    double[] p = {0.5, 0.5, 0, 0, 0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5};
    double[][] d = LdaVis.jensenShannon(p, 3, 4);
    assertEquals(0.0, d[0][1], 1e-15);
    assertEquals(Math.log(2), d[0][2], 1e-12);
  }

  /**
   * Two topics; terms a, b belong to topic 1 alone (H row 1, 3), c, d to topic 2 alone (1, 1);
   * documents of 10 and 3 tokens, one per topic. Every term of topic 1 has lift p(t|w)/p(t) =
   * 1/(10/13) = 1.3 exactly, so at λ = 0 a and b tie and pyLDAvis (exact arithmetic, nlargest keeps
   * the first) takes a; from λ = 0.01 on, b's larger p(w|t) = 0.75 wins. With R = 1 topic 1 lists
   * [a, b]. Computed as p(w|t)/p(w), a and b come out one rounding apart, b ahead: [b] alone.
   */
  @Test
  void termsOfOneTopicAloneTieExactlyInLiftAsInExactArithmetic() {
    DenseMatrix w = DenseMatrix.of(new double[][] {{1, 0}, {0, 1}});
    DenseMatrix h = DenseMatrix.of(new double[][] {{1, 3, 0, 0}, {0, 0, 1, 1}});
    CsrMatrix counts = CsrMatrix.fromDense(new double[][] {{4, 6, 0, 0}, {0, 0, 1, 2}}, 4);
    LdaVis v = LdaVis.of(w, h, counts, List.of("a", "b", "c", "d"), 1);
    assertEquals(List.of(1, 2), v.topicOrder());
    assertEquals(1000.0 / 13, (Double) v.mdsDat().get("Freq").get(0), 1e-12);
    assertEquals(300.0 / 13, (Double) v.mdsDat().get("Freq").get(1), 1e-12);
    // Default view: saliency p(w)·log(1/p(t)) is largest for c and d (1.5/13·log(13/3)); c first.
    assertEquals(List.of("c", "a", "b", "c"), v.tinfo().get("Term"));
    assertEquals(List.of("Default", "Topic1", "Topic1", "Topic2"), v.tinfo().get("Category"));
    assertEquals(List.of(1.0, 2.5, 7.5, 1.5), v.tinfo().get("Freq"));
    assertEquals(List.of(1.0, -1.3863, -0.2877, -0.6931), v.tinfo().get("logprob"));
    assertEquals(List.of(1.0, 0.2624, 0.2624, 1.4663), v.tinfo().get("loglift"));
    // token.table: frequencies 2.5, 7.5, 1.5 rounded half to even (2, 8, 2), divided by the totals.
    assertEquals(List.of("a", "b", "c"), v.tokenTable().get("Term"));
    assertEquals(List.of(1, 1, 2), v.tokenTable().get("Topic"));
    assertEquals(List.of(2 / 2.5, 8 / 7.5, 2 / 1.5), v.tokenTable().get("Freq"));
  }

  @Test
  void roundsToFourDecimalsHalfToEvenAsNumpy() {
    assertEquals(0.0002, LdaVis.round4(0.00025)); // 2.5 -> 2
    assertEquals(0.1234, LdaVis.round4(0.12345)); // 1234.5 -> 1234
    assertEquals(-2.0002, LdaVis.round4(-2.00015)); // -20001.5 -> -20002
    assertEquals(0.0004, LdaVis.round4(0.00035)); // 3.5 -> 4
    assertEquals(-0.6931, LdaVis.round4(-Math.log(2)));
  }

  @Test
  void mdsTakesEigenvaluesWithin1e8OfZeroAsZeroAsPyLdaVis() {
    // Points (0, 0), (1, 0), (0.5, 1e-4): the second eigenvalue of -JD²J/2 is 6.7e-9, which
    // np.isclose(λ, 0) calls 0, so the second axis is 0 and the first holds x - mean(x).
    double[][] p = {{0, 0}, {1, 0}, {0.5, 1e-4}};
    double[][] d = new double[3][3];
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++) d[a][b] = Math.hypot(p[a][0] - p[b][0], p[a][1] - p[b][1]);
    double[][] xy = LdaVis.pcoa(d);
    double sign = Math.signum(xy[1][0]);
    double[] x = {-0.5, 0.5, 0};
    for (int a = 0; a < 3; a++) {
      assertEquals(x[a], sign * xy[a][0], 1e-8);
      assertEquals(0.0, xy[a][1]);
    }
  }

  @Test
  void tokenTableTermsAreOrderedByCodePointAsPython() {
    // U+FB01 (ﬁ) < U+1D41A (a surrogate pair in UTF-16, whose first unit U+D835 is below U+FB01).
    String ligature = "\uFB01";
    String mathA = new String(Character.toChars(0x1D41A));
    assertTrue(LdaVis.compareCodePoints(ligature, mathA) < 0);
    assertTrue(LdaVis.compareCodePoints(mathA, ligature) > 0);
    assertTrue(ligature.compareTo(mathA) > 0, "String.compareTo orders them the other way");
    assertEquals(0, LdaVis.compareCodePoints("ab", "ab"));
    assertTrue(LdaVis.compareCodePoints("ab", "abc") < 0);
    DenseMatrix w = DenseMatrix.of(new double[][] {{1}});
    DenseMatrix h = DenseMatrix.of(new double[][] {{1, 1}});
    CsrMatrix counts = CsrMatrix.fromDense(new double[][] {{1, 1}}, 2);
    LdaVis v = LdaVis.of(w, h, counts, List.of(mathA, ligature), 2);
    assertEquals(List.of(ligature, mathA), v.tokenTable().get("Term"));
  }

  @Test
  void rejectsMismatchedShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LdaVis.of(new DenseMatrix(2, 3), new DenseMatrix(3, 4), CsrMatrix.fromDense(new double[2][5], 5),
            List.of("a", "b", "c", "d"), 30));
    assertTrue(e.getMessage().contains("3x4"), e.getMessage());
  }
}

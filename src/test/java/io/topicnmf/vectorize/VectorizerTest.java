package io.topicnmf.vectorize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.vectorize.Vectorizer.Vectorized;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Vectorizer}: fit learns vocabulary and idf, transform reproduces and extends its rows. */
class VectorizerTest {
  private static final List<List<String>> DOCS = List.of(
      List.of("rate", "bank", "rate"),
      List.of("bank", "loan"),
      List.of("match", "goal", "goal"),
      List.of("match", "rate"),
      List.of("only"));

  private static final VocabularyOptions MIN2 =
      new VocabularyOptions(DfLimit.count(2), DfLimit.share(1.0), 0);

  @Test
  void fitLearnsThePrunedVocabularyAndIdf() {
    Vectorized v = Vectorizer.fit(DOCS, MIN2, TfidfOptions.defaults(), 1);
    assertEquals(List.of("bank", "match", "rate"), v.vectorizer().terms());
    // smooth idf: ln((1+5)/(1+df)) + 1, df = 2 for each
    double two = Math.log(6.0 / 3.0) + 1;
    assertArrayEquals(new double[] {two, two, two}, v.vectorizer().idf(), 0);
    assertEquals(3, v.counts().pruning().removedByMinDf(), "goal, loan and only are below min-df");
    assertEquals(0, v.matrix().rowNnz(4));
  }

  @Test
  void transformOfTheTrainingDocumentsGivesTheFitRows() {
    Vectorized fit = Vectorizer.fit(DOCS, MIN2, TfidfOptions.defaults().withSublinearTf(true), 2);
    Vectorized again = fit.vectorizer().transform(DOCS, 1);
    assertSame(fit.matrix(), again.matrix());
    assertSame(fit.counts().counts(), again.counts().counts());
    assertArrayEquals(fit.counts().vocabulary().documentFrequencies(),
        again.counts().vocabulary().documentFrequencies());
  }

  @Test
  void transformIgnoresUnknownTermsAndUsesTheFittedIdf() {
    Vectorizer v = Vectorizer.fit(DOCS, MIN2, TfidfOptions.defaults().withNorm(TfidfOptions.Norm.NONE), 1).vectorizer();
    Vectorized t = v.transform(List.of(List.of("rate", "unknown", "rate"), List.of("nothing")), 1);
    assertEquals(3, t.matrix().cols());
    assertEquals(1, t.matrix().rowNnz(0));
    assertEquals((float) (2 * v.idf()[2]), t.matrix().values()[0], 0);
    assertEquals(0, t.matrix().rowNnz(1));
    assertArrayEquals(new int[] {0, 0, 1}, t.counts().vocabulary().documentFrequencies());
    assertEquals(3, t.counts().pruning().termsSeen(), "rate, unknown, nothing");
  }

  @Test
  void tfWeightingHasUnitIdfAndTransformDoesNotDependOnThreads() {
    Random random = new Random(3);
    List<List<String>> docs = new ArrayList<>();
    for (int d = 0; d < 700; d++) {
      List<String> terms = new ArrayList<>();
      for (int i = random.nextInt(20); i > 0; i--) terms.add("t" + random.nextInt(300));
      docs.add(terms);
    }
    Vectorized fit = Vectorizer.fit(docs, MIN2, TfidfOptions.defaults().withWeighting(TfidfOptions.Weighting.TF), 3);
    for (double idf : fit.vectorizer().idf()) assertEquals(1.0, idf);
    assertSame(fit.vectorizer().transform(docs, 1).matrix(), fit.vectorizer().transform(docs, 4).matrix());
  }

  @Test
  void idfAndTermsMustAgree() {
    assertThrows(IllegalArgumentException.class,
        () -> new Vectorizer(List.of("a", "b"), new double[] {1}, TfidfOptions.defaults()));
  }

  private static void assertSame(CsrMatrix a, CsrMatrix b) {
    assertEquals(a.rows(), b.rows());
    assertEquals(a.cols(), b.cols());
    assertArrayEquals(a.rowPtr(), b.rowPtr());
    assertArrayEquals(a.colIdx(), b.colIdx());
    assertArrayEquals(a.values(), b.values(), 0);
  }
}

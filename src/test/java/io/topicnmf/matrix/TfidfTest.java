package io.topicnmf.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TF-IDF on a tiny corpus against numbers computed by hand:
 * d0 = "a b a", d1 = "b c", d2 = "a"; n = 3, df(a) = 2, df(b) = 2, df(c) = 1.
 */
class TfidfTest {
  private static final double IDF_A = Math.log(4.0 / 3.0) + 1; // 1.2876820724517808
  private static final double IDF_C = Math.log(2.0) + 1; // 1.6931471805599454

  private static DocumentTermMatrix counts() {
    return DocumentTermMatrix.build(
        List.of(List.of("a", "b", "a"), List.of("b", "c"), List.of("a")),
        new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 0));
  }

  @Test
  void smoothIdfMatchesScikitLearnFormula() {
    DocumentTermMatrix d = counts();
    assertEquals(List.of("a", "b", "c"), d.vocabulary().terms());
    double[] idf = Tfidf.idf(d.vocabulary().documentFrequencies(), 3, TfidfOptions.Idf.SMOOTH);
    assertArrayEquals(new double[] {1.2876820724517808, 1.2876820724517808, 1.6931471805599454}, idf, 1e-15);
  }

  @Test
  void defaultWeightingIsL2NormalisedTfidf() {
    DocumentTermMatrix d = counts();
    double[] idf = Tfidf.idf(d.vocabulary().documentFrequencies(), 3, TfidfOptions.Idf.SMOOTH);
    double[][] x = Tfidf.transform(d.counts(), idf, TfidfOptions.defaults()).toDense();
    // d0: (2·idfA, idfA) / (idfA·√5) = (2/√5, 1/√5)
    assertArrayEquals(new double[] {0.8944271909999159, 0.4472135954999579, 0}, x[0], 1e-15);
    // d1: (idfA, idfC) / hypot(idfA, idfC)
    assertArrayEquals(new double[] {0, 0.6053485081062916, 0.7959605415681652}, x[1], 1e-15);
    assertArrayEquals(new double[] {1, 0, 0}, x[2], 1e-15);
  }

  @Test
  void sublinearPlainL1AndRawCounts() {
    DocumentTermMatrix d = counts();
    int[] df = d.vocabulary().documentFrequencies();
    double[] smooth = Tfidf.idf(df, 3, TfidfOptions.Idf.SMOOTH);
    double[][] sub = Tfidf.transform(d.counts(), smooth, TfidfOptions.defaults().withSublinearTf(true)).toDense();
    // d0: ((1+ln 2)·idfA, idfA) normalised
    assertArrayEquals(new double[] {0.8610369959439765, 0.5085423203783268, 0}, sub[0], 1e-15);

    assertArrayEquals(new double[] {1.4054651081081644, 1.4054651081081644, 2.09861228866811},
        Tfidf.idf(df, 3, TfidfOptions.Idf.PLAIN), 1e-15);
    assertArrayEquals(new double[] {1, 1, 1}, Tfidf.idf(df, 3, TfidfOptions.Idf.NONE), 0);

    double[][] l1 = Tfidf.transform(d.counts(), smooth, TfidfOptions.defaults().withNorm(TfidfOptions.Norm.L1)).toDense();
    assertArrayEquals(new double[] {0, 0.43198786752067453, 0.5680121324793255}, l1[1], 1e-15);

    double[][] none = Tfidf.transform(d.counts(), smooth, TfidfOptions.defaults().withNorm(TfidfOptions.Norm.NONE)).toDense();
    assertArrayEquals(new double[] {2 * IDF_A, IDF_A, 0}, none[0], 1e-15);
    assertArrayEquals(new double[] {0, IDF_A, IDF_C}, none[1], 1e-15);

    double[][] raw = Tfidf.transform(d.counts(), smooth, TfidfOptions.defaults().withWeighting(TfidfOptions.Weighting.TF)).toDense();
    assertArrayEquals(new double[] {2, 1, 0}, raw[0], 0);
  }

  @Test
  void emptyRowsStayEmpty() {
    DocumentTermMatrix d = DocumentTermMatrix.build(
        List.of(List.of("a", "a"), List.of(), List.of("a")),
        new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 0));
    CsrMatrix x = Tfidf.transform(d.counts(), new double[] {1.0}, TfidfOptions.defaults());
    assertEquals(0, x.rowNnz(1));
    assertEquals(1.0, x.get(0, 0), 0);
  }
}

package io.topicnmf.vectorize;

import io.topicnmf.matrix.CsrMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TF-IDF on a tiny corpus against numbers computed by hand:
 * d0 = "a b a", d1 = "b c", d2 = "a"; n = 3, df(a) = 2, df(b) = 2, df(c) = 1.
 */
class TfidfTest {
  /** The matrix stores single-precision values: within a float's rounding of the double closed form. */
  private static final double FLOAT = 1e-6;

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
    assertArrayEquals(new double[] {0.8944271909999159, 0.4472135954999579, 0}, x[0], FLOAT);
    // d1: (idfA, idfC) / hypot(idfA, idfC)
    assertArrayEquals(new double[] {0, 0.6053485081062916, 0.7959605415681652}, x[1], FLOAT);
    assertArrayEquals(new double[] {1, 0, 0}, x[2], FLOAT);
  }

  @Test
  void sublinearPlainL1AndRawCounts() {
    DocumentTermMatrix d = counts();
    int[] df = d.vocabulary().documentFrequencies();
    double[] smooth = Tfidf.idf(df, 3, TfidfOptions.Idf.SMOOTH);
    double[][] sub = Tfidf.transform(d.counts(), smooth, TfidfOptions.defaults().withSublinearTf(true)).toDense();
    // d0: ((1+ln 2)·idfA, idfA) normalised
    assertArrayEquals(new double[] {0.8610369959439765, 0.5085423203783268, 0}, sub[0], FLOAT);

    assertArrayEquals(new double[] {1.4054651081081644, 1.4054651081081644, 2.09861228866811},
        Tfidf.idf(df, 3, TfidfOptions.Idf.PLAIN), 1e-15);
    assertArrayEquals(new double[] {1, 1, 1}, Tfidf.idf(df, 3, TfidfOptions.Idf.NONE), 0);

    double[][] l1 = Tfidf.transform(d.counts(), smooth, TfidfOptions.defaults().withNorm(TfidfOptions.Norm.L1)).toDense();
    assertArrayEquals(new double[] {0, 0.43198786752067453, 0.5680121324793255}, l1[1], FLOAT);

    double[][] none = Tfidf.transform(d.counts(), smooth, TfidfOptions.defaults().withNorm(TfidfOptions.Norm.NONE)).toDense();
    assertArrayEquals(new double[] {2 * IDF_A, IDF_A, 0}, none[0], FLOAT);
    assertArrayEquals(new double[] {0, IDF_A, IDF_C}, none[1], FLOAT);

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

  /**
   * Every idf × sublinear-tf × norm combination, two ways: against closed forms written out here
   * (tf = 2 or 1 + ln 2 for "a" in d0; idf smooth ln((1+3)/(1+df)) + 1, plain ln(3/df) + 1, none 1;
   * rows divided by their L2 or L1 norm), and against the values scikit-learn 1.2.1's
   * {@code TfidfTransformer(norm, use_idf, smooth_idf, sublinear_tf).fit_transform} prints for the
   * counts [[2,1,0],[0,1,1],[1,0,0]] (copied below).
   */
  @ParameterizedTest(name = "idf={0} sublinear={1} norm={2}")
  @CsvSource({
    // idf, sublinear, norm, d0[a], d0[b], d1[b], d1[c], d2[a]  (scikit-learn's output)
    "SMOOTH, false, L2,   0.8944271909999159, 0.4472135954999579,  0.6053485081062916,  0.7959605415681652, 1.0",
    "SMOOTH, false, L1,   0.6666666666666666, 0.3333333333333333,  0.43198786752067453, 0.5680121324793255, 1.0",
    "SMOOTH, false, NONE, 2.5753641449035616, 1.2876820724517808,  1.2876820724517808,  1.6931471805599454, 1.2876820724517808",
    "SMOOTH, true,  L2,   0.8610369959439763, 0.5085423203783267,  0.6053485081062916,  0.7959605415681652, 1.0",
    "SMOOTH, true,  L1,   0.6286872075843678, 0.37131279241563214, 0.43198786752067453, 0.5680121324793255, 1.0",
    "SMOOTH, true,  NONE, 2.18023527042932,   1.2876820724517808,  1.2876820724517808,  1.6931471805599454, 1.2876820724517808",
    "PLAIN,  false, L2,   0.894427190999916,  0.447213595499958,   0.5564505207186617,  0.830880748357988,  1.0",
    "PLAIN,  false, L1,   0.6666666666666667, 0.33333333333333337, 0.4010941965497629,  0.5989058034502371, 1.0",
    "PLAIN,  false, NONE, 2.8109302162163288, 1.4054651081081644,  1.4054651081081644,  2.0986122886681096, 1.4054651081081644",
    "PLAIN,  true,  L2,   0.8610369959439764, 0.5085423203783268,  0.5564505207186617,  0.830880748357988,  1.0",
    "PLAIN,  true,  L1,   0.6286872075843678, 0.37131279241563214, 0.4010941965497629,  0.5989058034502371, 1.0",
    "PLAIN,  true,  NONE, 2.3796592851687173, 1.4054651081081644,  1.4054651081081644,  2.0986122886681096, 1.4054651081081644",
    "NONE,   false, L2,   0.8944271909999159, 0.4472135954999579,  0.7071067811865475,  0.7071067811865475, 1.0",
    "NONE,   false, L1,   0.6666666666666666, 0.3333333333333333,  0.5,                 0.5,                1.0",
    "NONE,   false, NONE, 2.0,                1.0,                 1.0,                 1.0,                1.0",
    "NONE,   true,  L2,   0.8610369959439764, 0.5085423203783267,  0.7071067811865475,  0.7071067811865475, 1.0",
    "NONE,   true,  L1,   0.6286872075843678, 0.37131279241563214, 0.5,                 0.5,                1.0",
    "NONE,   true,  NONE, 1.6931471805599454, 1.0,                 1.0,                 1.0,                1.0",
  })
  void everyCombinationMatchesClosedFormAndScikitLearn(TfidfOptions.Idf kind, boolean sublinear,
      TfidfOptions.Norm norm, double d0a, double d0b, double d1b, double d1c, double d2a) {
    DocumentTermMatrix d = counts();
    double[] idf = Tfidf.idf(d.vocabulary().documentFrequencies(), 3, kind);
    TfidfOptions o = new TfidfOptions(TfidfOptions.Weighting.TFIDF, kind, sublinear, norm);
    double[][] x = Tfidf.transform(d.counts(), idf, o).toDense();

    // Closed forms, independent of Tfidf: df(a) = df(b) = 2, df(c) = 1, n = 3.
    double idfAB = switch (kind) {
      case SMOOTH -> Math.log(4.0 / 3.0) + 1;
      case PLAIN -> Math.log(3.0 / 2.0) + 1;
      case NONE -> 1;
    };
    double idfC = switch (kind) {
      case SMOOTH -> Math.log(4.0 / 2.0) + 1;
      case PLAIN -> Math.log(3.0) + 1;
      case NONE -> 1;
    };
    double tfA0 = sublinear ? 1 + Math.log(2) : 2;
    double[][] expected = {
      normalise(new double[] {tfA0 * idfAB, idfAB, 0}, norm),
      normalise(new double[] {0, idfAB, idfC}, norm),
      normalise(new double[] {idfAB, 0, 0}, norm),
    };
    double[][] sklearn = {{d0a, d0b, 0}, {0, d1b, d1c}, {d2a, 0, 0}};
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(expected[i], x[i], FLOAT, "row " + i + " against the closed form");
      assertArrayEquals(sklearn[i], x[i], FLOAT, "row " + i + " against scikit-learn");
    }
  }

  private static double[] normalise(double[] row, TfidfOptions.Norm norm) {
    double s = 0;
    for (double v : row) s += norm == TfidfOptions.Norm.L2 ? v * v : Math.abs(v);
    double by = switch (norm) {
      case L2 -> Math.sqrt(s);
      case L1 -> s;
      case NONE -> 1;
    };
    double[] out = row.clone();
    for (int j = 0; j < out.length; j++) out[j] /= by;
    return out;
  }

  /**
   * {@code --weighting tf} is raw counts whatever --idf, --sublinear-tf and --norm say, as
   * scikit-learn's {@code TfidfTransformer(use_idf=False, norm=None, sublinear_tf=False)}.
   */
  @Test
  void rawCountsIgnoreIdfSublinearAndNorm() {
    DocumentTermMatrix d = counts();
    double[] plain = Tfidf.idf(d.vocabulary().documentFrequencies(), 3, TfidfOptions.Idf.PLAIN);
    for (TfidfOptions.Norm norm : TfidfOptions.Norm.values()) {
      TfidfOptions o = new TfidfOptions(TfidfOptions.Weighting.TF, TfidfOptions.Idf.PLAIN, true, norm);
      double[][] x = Tfidf.transform(d.counts(), plain, o).toDense();
      assertArrayEquals(new double[] {2, 1, 0}, x[0], 0);
      assertArrayEquals(new double[] {0, 1, 1}, x[1], 0);
      assertArrayEquals(new double[] {1, 0, 0}, x[2], 0);
    }
  }
}

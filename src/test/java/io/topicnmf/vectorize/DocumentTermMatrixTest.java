package io.topicnmf.vectorize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.options.InvalidOptionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentTermMatrixTest {
  // df: common=4, mid=3, pair=2, rare=1, plus "x" twice in one document (df 1, total 2)
  private static final List<List<String>> DOCS = List.of(
      List.of("common", "mid", "pair", "rare"),
      List.of("common", "mid", "pair", "x", "x"),
      List.of("common", "mid"),
      List.of("common"));

  @Test
  void countsAreRawAndColumnsAlphabetical() {
    DocumentTermMatrix d = DocumentTermMatrix.build(DOCS, new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 0));
    assertEquals(List.of("common", "mid", "pair", "rare", "x"), d.vocabulary().terms());
    assertEquals(2.0, d.counts().get(1, d.vocabulary().id("x")), 0);
    assertEquals(4, d.vocabulary().documentFrequency(0));
    assertEquals(11, d.counts().nnz(), "11 distinct (document, term) pairs");
  }

  @Test
  void minDfCountAndMaxDfShareFollowScikitLearn() {
    // min_df=2 keeps df >= 2; max_df=0.75 -> 3 documents: drops "common" (df 4)
    DocumentTermMatrix d = DocumentTermMatrix.build(DOCS, new VocabularyOptions(DfLimit.count(2), DfLimit.share(0.75), 0));
    assertEquals(List.of("mid", "pair"), d.vocabulary().terms());
    PruningStats p = d.pruning();
    assertEquals(5, p.termsSeen());
    assertEquals(2, p.removedByMinDf());
    assertEquals(1, p.removedByMaxDf());
    assertEquals(List.of("common"), p.topRemovedByMaxDf());
    assertEquals(2, p.termsKept());
    assertEquals(0, d.counts().rowNnz(3), "the last document has no term left but keeps its row");
    assertEquals(4, d.counts().rows());
  }

  @Test
  void maxDfCountAndMinDfShare() {
    // min_df=0.5 -> 2 documents; max_df=3 documents
    DocumentTermMatrix d = DocumentTermMatrix.build(DOCS, new VocabularyOptions(DfLimit.share(0.5), DfLimit.count(3), 0));
    assertEquals(List.of("mid", "pair"), d.vocabulary().terms());
  }

  @Test
  void maxFeaturesKeepsMostFrequentTieBrokenAlphabetically() {
    DocumentTermMatrix d = DocumentTermMatrix.build(DOCS, new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 3));
    // totals: common 4, mid 3, pair 2, x 2, rare 1 -> common, mid, then pair before x
    assertEquals(List.of("common", "mid", "pair"), d.vocabulary().terms());
    assertEquals(2, d.pruning().removedByMaxFeatures());
  }

  @Test
  void pruneGivenFrequenciesKeepsWhatBuildKeeps() {
    // The figures of DOCS, in an order that is not alphabetical: df and total count per term.
    String[] terms = {"x", "rare", "pair", "mid", "common"};
    int[] df = {1, 1, 2, 3, 4};
    long[] total = {2, 1, 2, 3, 4};
    for (VocabularyOptions o : List.of(
        new VocabularyOptions(DfLimit.count(2), DfLimit.share(0.75), 0),
        new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 3),
        new VocabularyOptions(DfLimit.share(0.5), DfLimit.count(3), 0),
        new VocabularyOptions(DfLimit.count(1), DfLimit.count(2), 0))) {
      DocumentTermMatrix built = DocumentTermMatrix.build(DOCS, o);
      DocumentTermMatrix.Pruned p = DocumentTermMatrix.prune(terms, df, total, DOCS.size(), o);
      assertEquals(built.vocabulary().terms(), p.vocabulary().terms(), o.toString());
      assertArrayEquals(built.vocabulary().documentFrequencies(), p.vocabulary().documentFrequencies());
      assertEquals(built.pruning(), p.pruning(), o.toString());
      for (int j = 0; j < p.kept().length; j++) {
        assertEquals(p.vocabulary().term(j), terms[p.kept()[j]], "kept maps columns to the input order");
      }
    }
    DocumentTermMatrix.Pruned top = DocumentTermMatrix.prune(terms, df, total, DOCS.size(),
        new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 3));
    assertEquals(List.of("common", "mid", "pair"), top.vocabulary().terms(), "max-features: pair before x on a tie");
    assertArrayEquals(new int[] {4, 3, 2}, top.kept());
    assertEquals(2, top.pruning().removedByMaxFeatures());
  }

  @Test
  void pruneRejectsContradictoryLimitsAFixedVocabularyAndUnevenArrays() {
    String[] terms = {"a", "b"};
    InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> DocumentTermMatrix.prune(
        terms, new int[] {1, 2}, new long[] {1, 2}, 4, new VocabularyOptions(DfLimit.count(3), DfLimit.count(2), 0)));
    assertTrue(e.getMessage().contains("maxDf") && e.getMessage().contains("minDf"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DocumentTermMatrix.prune(terms, new int[] {1}, new long[] {1, 2},
        4, VocabularyOptions.defaults()));
    assertThrows(IllegalArgumentException.class, () -> DocumentTermMatrix.prune(terms, new int[] {1, 2},
        new long[] {1, 2}, 4, VocabularyOptions.defaults().withVocabulary(List.of("a"))));
  }

  @Test
  void contradictoryLimitsAreRejectedWithBothFlags() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DocumentTermMatrix.build(DOCS, new VocabularyOptions(DfLimit.count(3), DfLimit.count(2), 0)));
    assertTrue(e.getMessage().contains("maxDf") && e.getMessage().contains("minDf"), e.getMessage());
  }

  @Test
  void dfLimitParsesCountsAndShares() {
    assertEquals(DfLimit.count(2), DfLimit.parse("2", "minDf"));
    assertEquals(DfLimit.share(1.0), DfLimit.parse("1.0", "maxDf"));
    assertEquals(DfLimit.share(0.5), DfLimit.parse("5e-1", "maxDf"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DfLimit.parse("1.5", "maxDf"))
        .getMessage().contains("maxDf"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DfLimit.parse("two", "minDf"))
        .getMessage().contains("minDf 'two'"));
    assertThrows(IllegalArgumentException.class, () -> DfLimit.parse("-1", "minDf"));
  }
  @Test
  void fixedVocabularyKeepsExactlyItsTermsInItsOrderWithoutPruning() {
    VocabularyOptions fixed = VocabularyOptions.defaults().withVocabulary(List.of("x", "common", "unseen"));
    DocumentTermMatrix d = DocumentTermMatrix.build(DOCS, fixed);
    assertEquals(List.of("x", "common", "unseen"), d.vocabulary().terms());
    // "common" is in all 4 documents: max-df 0.95 would drop it, a fixed vocabulary keeps it
    assertEquals(4, d.vocabulary().documentFrequency(1));
    assertEquals(1, d.vocabulary().documentFrequency(0));
    assertEquals(0, d.vocabulary().documentFrequency(2), "a listed term never seen has df 0");
    assertEquals(2.0, d.counts().get(1, 0), 0);
    assertEquals(1.0, d.counts().get(3, 1), 0);
    assertEquals(3, d.counts().cols());
    assertEquals(4 + 1, d.counts().nnz(), "4 documents with 'common', 1 with 'x'");
    assertEquals(3, d.pruning().termsKept());
    assertEquals(0, d.pruning().removedByMaxDf());
  }

  @Test
  void fixedVocabularyRejectsDuplicatesAndBlanks() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> VocabularyOptions.defaults().withVocabulary(List.of("a", "a"))).getMessage().contains("vocabulary"));
    assertThrows(IllegalArgumentException.class, () -> VocabularyOptions.defaults().withVocabulary(List.of(" ")));
  }
}

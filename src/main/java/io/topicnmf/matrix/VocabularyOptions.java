package io.topicnmf.matrix;

/**
 * Document-frequency pruning of the vocabulary, as scikit-learn's CountVectorizer does it.
 *
 * @param minDf keep terms found in at least this many documents ({@code --min-df}, default 2)
 * @param maxDf keep terms found in at most this many documents ({@code --max-df}, default 0.95)
 * @param maxFeatures if positive, then keep only this many terms, the most frequent in the whole
 *     corpus (ties broken alphabetically) ({@code --max-features}, default 0 = no limit)
 */
public record VocabularyOptions(DfLimit minDf, DfLimit maxDf, int maxFeatures) {
  public VocabularyOptions {
    if (minDf == null || maxDf == null) {
      throw new IllegalArgumentException("--min-df and --max-df must be given");
    }
    if (maxFeatures < 0) {
      throw new IllegalArgumentException("--max-features " + maxFeatures + " must be >= 0 (0 = no limit)");
    }
  }

  public static VocabularyOptions defaults() {
    return new VocabularyOptions(DfLimit.count(2), DfLimit.share(0.95), 0);
  }

  public VocabularyOptions withMinDf(DfLimit v) { return new VocabularyOptions(v, maxDf, maxFeatures); }

  public VocabularyOptions withMaxDf(DfLimit v) { return new VocabularyOptions(minDf, v, maxFeatures); }

  public VocabularyOptions withMaxFeatures(int v) { return new VocabularyOptions(minDf, maxDf, v); }
}

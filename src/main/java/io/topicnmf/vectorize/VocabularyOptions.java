package io.topicnmf.vectorize;

import io.topicnmf.options.InvalidOptionException;

/**
 * Document-frequency pruning of the vocabulary, as scikit-learn's CountVectorizer does it.
 *
 * @param minDf keep terms found in at least this many documents ({@code --min-df}, default 2)
 * @param maxDf keep terms found in at most this many documents ({@code --max-df}, default 0.95)
 * @param maxFeatures if positive, then keep only this many terms, the most frequent in the whole
 *     corpus (ties broken alphabetically) ({@code --max-features}, default 0 = no limit)
 * @param vocabulary if not empty, the fixed terms, in column order ({@code --vocabulary FILE}):
 *     every other term is ignored and the three limits above are not applied, as scikit-learn's
 *     {@code vocabulary=} parameter does; terms are written as the analysis produces them
 */
public record VocabularyOptions(DfLimit minDf, DfLimit maxDf, int maxFeatures, java.util.List<String> vocabulary) {
  public VocabularyOptions {
    vocabulary = vocabulary == null ? java.util.List.of() : java.util.List.copyOf(vocabulary);
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (String t : vocabulary) {
      if (t.isBlank()) {
        throw new InvalidOptionException("vocabulary", "{vocabulary}: a term must not be blank");
      }
      if (!distinct.add(t)) {
        throw new InvalidOptionException("vocabulary", "{vocabulary}: the term '" + t + "' is listed twice");
      }
    }
    if (minDf == null || maxDf == null) {
      throw new InvalidOptionException("minDf", "{minDf} and {maxDf} must be given", "maxDf");
    }
    if (maxFeatures < 0) {
      throw new InvalidOptionException("maxFeatures", "{maxFeatures} " + maxFeatures + " must be >= 0 (0 = no limit)");
    }
  }

  /** Pruning by document frequency, no fixed vocabulary. */
  public VocabularyOptions(DfLimit minDf, DfLimit maxDf, int maxFeatures) {
    this(minDf, maxDf, maxFeatures, java.util.List.of());
  }

  /** True when the terms are fixed by {@code --vocabulary}. */
  public boolean fixed() {
    return !vocabulary.isEmpty();
  }

  public VocabularyOptions withVocabulary(java.util.List<String> terms) {
    return new VocabularyOptions(minDf, maxDf, maxFeatures, terms);
  }

  public static VocabularyOptions defaults() {
    return new VocabularyOptions(DfLimit.count(2), DfLimit.share(0.95), 0);
  }

  public VocabularyOptions withMinDf(DfLimit v) { return new VocabularyOptions(v, maxDf, maxFeatures, vocabulary); }

  public VocabularyOptions withMaxDf(DfLimit v) { return new VocabularyOptions(minDf, v, maxFeatures, vocabulary); }

  public VocabularyOptions withMaxFeatures(int v) { return new VocabularyOptions(minDf, maxDf, v, vocabulary); }
}

package io.topicnmf.model;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.matrix.TfidfOptions;
import io.topicnmf.matrix.VocabularyOptions;
import io.topicnmf.nmf.NmfOptions;

/**
 * Everything a topic-model fit needs, stage by stage.
 *
 * @param corpus how files are read
 * @param analysis the Lucene analysis chain
 * @param vocabulary document-frequency pruning
 * @param weighting TF-IDF weighting
 * @param nmf the factorization (its {@code k} is the number of topics)
 * @param topTerms terms listed per topic ({@code --top-terms}, default 10)
 */
public record FitOptions(
    CorpusOptions corpus,
    AnalysisOptions analysis,
    VocabularyOptions vocabulary,
    TfidfOptions weighting,
    NmfOptions nmf,
    int topTerms) {
  public FitOptions {
    if (corpus == null || analysis == null || vocabulary == null || weighting == null || nmf == null) {
      throw new IllegalArgumentException("every stage's options must be given");
    }
    if (topTerms < 1 || topTerms > 1000) {
      throw new IllegalArgumentException("--top-terms " + topTerms + " must be within [1, 1000]");
    }
  }

  /** Default options for {@code k} topics. */
  public static FitOptions defaults(int k) {
    return new FitOptions(
        CorpusOptions.defaults(),
        AnalysisOptions.defaults(),
        VocabularyOptions.defaults(),
        TfidfOptions.defaults(),
        NmfOptions.defaults(k),
        10);
  }

  public FitOptions withCorpus(CorpusOptions o) { return new FitOptions(o, analysis, vocabulary, weighting, nmf, topTerms); }

  public FitOptions withAnalysis(AnalysisOptions o) { return new FitOptions(corpus, o, vocabulary, weighting, nmf, topTerms); }

  public FitOptions withVocabulary(VocabularyOptions o) { return new FitOptions(corpus, analysis, o, weighting, nmf, topTerms); }

  public FitOptions withWeighting(TfidfOptions o) { return new FitOptions(corpus, analysis, vocabulary, o, nmf, topTerms); }

  public FitOptions withNmf(NmfOptions o) { return new FitOptions(corpus, analysis, vocabulary, weighting, o, topTerms); }

  public FitOptions withTopTerms(int n) { return new FitOptions(corpus, analysis, vocabulary, weighting, nmf, n); }
}

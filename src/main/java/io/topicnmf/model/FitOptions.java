package io.topicnmf.model;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.analysis.Language;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.matrix.TfidfOptions;
import io.topicnmf.matrix.VocabularyOptions;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.NmfOptions;

/**
 * Everything a topic-model fit needs, stage by stage.
 *
 * <p>The defaults ({@link #defaults}) were chosen by measurement on the BBC news and 20 Newsgroups
 * corpora (docs/design-notes.md, "Default options of fit"): generalized Kullback-Leibler loss on
 * TF-IDF, light (plural) stemming for English, top terms ranked by relevance with λ = 0.7 over the
 * topics' least-squares term weights ({@link TermRanking#leastSquaresTopics}; chosen on twelve
 * corpora, docs/design-notes.md, "Term ranking across corpora").
 *
 * @param corpus how files are read
 * @param analysis the Lucene analysis chain
 * @param vocabulary document-frequency pruning
 * @param weighting TF-IDF weighting
 * @param nmf the factorization (its {@code k} is the number of topics)
 * @param topTerms terms listed per topic ({@code --top-terms}, default 10)
 * @param relevance λ of the term ranking ({@code --relevance}, in [0, 1], default 0.7): a topic's
 *     terms are listed by {@link TermRanking relevance} λ·log φ + (1 − λ)·log(φ / p(w)); 1 lists
 *     them by their weight in H alone
 * @param clusters how documents are put in the topics' clusters ({@code --clusters}, default
 *     {@link Clustering#KMEANS}; null means the default)
 */
public record FitOptions(
    CorpusOptions corpus,
    AnalysisOptions analysis,
    VocabularyOptions vocabulary,
    TfidfOptions weighting,
    NmfOptions nmf,
    int topTerms,
    double relevance,
    Clustering clusters) {

  /** The default λ of {@code --relevance}, measured on twelve corpora (docs/design-notes.md). */
  public static final double DEFAULT_RELEVANCE = 0.7;

  public FitOptions {
    if (corpus == null || analysis == null || vocabulary == null || weighting == null || nmf == null) {
      throw new IllegalArgumentException("every stage's options must be given");
    }
    if (topTerms < 1 || topTerms > 1000) {
      throw new IllegalArgumentException("--top-terms " + topTerms + " must be within [1, 1000]");
    }
    if (!(relevance >= 0 && relevance <= 1)) {
      throw new IllegalArgumentException("--relevance " + relevance + " must be within [0, 1]");
    }
    clusters = clusters == null ? Clustering.KMEANS : clusters;
  }

  /** Options with the default {@code --relevance} and {@code --clusters}. */
  public FitOptions(CorpusOptions corpus, AnalysisOptions analysis, VocabularyOptions vocabulary,
      TfidfOptions weighting, NmfOptions nmf, int topTerms) {
    this(corpus, analysis, vocabulary, weighting, nmf, topTerms, DEFAULT_RELEVANCE, Clustering.KMEANS);
  }

  /**
   * Default options for {@code k} topics: the stages' defaults except the KL loss and, for
   * English, light stemming; 10 top terms ranked with λ = 0.5; clusters by spherical k-means.
   */
  public static FitOptions defaults(int k) {
    AnalysisOptions analysis = AnalysisOptions.defaults();
    return new FitOptions(
        CorpusOptions.defaults(),
        analysis.withStem(defaultStem(analysis.language())),
        VocabularyOptions.defaults(),
        TfidfOptions.defaults(),
        NmfOptions.defaults(k).withLoss(Loss.KL),
        10,
        DEFAULT_RELEVANCE,
        Clustering.KMEANS);
  }

  /**
   * The stemmer {@code fit} uses when {@code --stem} is not given: light (plural removal) for
   * English, where it was measured to give better topics; none for the other languages, where
   * nothing was measured.
   */
  public static Stemming defaultStem(Language language) {
    return language == Language.EN ? Stemming.LIGHT : Stemming.NONE;
  }

  public FitOptions withCorpus(CorpusOptions o) { return new FitOptions(o, analysis, vocabulary, weighting, nmf, topTerms, relevance, clusters); }

  public FitOptions withAnalysis(AnalysisOptions o) { return new FitOptions(corpus, o, vocabulary, weighting, nmf, topTerms, relevance, clusters); }

  public FitOptions withVocabulary(VocabularyOptions o) { return new FitOptions(corpus, analysis, o, weighting, nmf, topTerms, relevance, clusters); }

  public FitOptions withWeighting(TfidfOptions o) { return new FitOptions(corpus, analysis, vocabulary, o, nmf, topTerms, relevance, clusters); }

  public FitOptions withNmf(NmfOptions o) { return new FitOptions(corpus, analysis, vocabulary, weighting, o, topTerms, relevance, clusters); }

  public FitOptions withTopTerms(int n) { return new FitOptions(corpus, analysis, vocabulary, weighting, nmf, n, relevance, clusters); }

  /** Same options with λ of the term ranking ({@code --relevance}) replaced. */
  public FitOptions withRelevance(double lambda) { return new FitOptions(corpus, analysis, vocabulary, weighting, nmf, topTerms, lambda, clusters); }

  /** Same options with the clustering of documents ({@code --clusters}) replaced. */
  public FitOptions withClusters(Clustering c) { return new FitOptions(corpus, analysis, vocabulary, weighting, nmf, topTerms, relevance, c); }
}

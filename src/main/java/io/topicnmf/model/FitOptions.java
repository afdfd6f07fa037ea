package io.topicnmf.model;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.analysis.Language;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.vectorize.TfidfOptions;
import io.topicnmf.vectorize.VocabularyOptions;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.options.InvalidOptionException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.function.UnaryOperator;

/**
 * Everything a topic-model fit needs, stage by stage.
 *
 * <p>The defaults ({@link #defaults}) were chosen by measurement on the BBC news and 20 Newsgroups
 * corpora (docs/design-notes.md, "Default options of fit"): generalized Kullback-Leibler loss on
 * TF-IDF, light (plural) stemming for English, each topic's top terms ranked as {@link
 * TermListChoice} chooses by their coherence ({@code --relevance auto}; chosen on twelve corpora,
 * docs/design-notes.md, "Term lists chosen by their own coherence").
 *
 * @param corpus how files are read
 * @param analysis the Lucene analysis chain
 * @param vocabulary document-frequency pruning
 * @param weighting TF-IDF weighting
 * @param nmf the factorization (its {@code k} is the number of topics)
 * @param topTerms terms listed per topic ({@code --top-terms}, default 10)
 * @param relevance λ of the term ranking ({@code --relevance}, in [0, 1]): a topic's terms are
 *     listed by {@link TermRanking relevance} λ·log φ + (1 − λ)·log(φ / p(w)); 1 lists them by
 *     their weight alone; or {@link #AUTO_RELEVANCE} (NaN, {@code --relevance auto}, the default):
 *     each topic's ranking chosen by the coherence of its list ({@link TermListChoice}); written
 *     {@code "auto"} in JSON
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
    @JsonSerialize(using = RelevanceJson.Writer.class) @JsonDeserialize(using = RelevanceJson.Reader.class)
    double relevance,
    Clustering clusters) {

  /**
   * {@code --relevance auto}: each topic's list ranked as {@link TermListChoice} chooses, by its
   * coherence over the training documents. NaN, so compare with {@link #autoRelevance()}.
   */
  public static final double AUTO_RELEVANCE = Double.NaN;

  /** The default of {@code --relevance}: auto, measured on twelve corpora (docs/design-notes.md). */
  public static final double DEFAULT_RELEVANCE = AUTO_RELEVANCE;

  /** The fixed λ that ranked the lists before {@code auto} (and that select-k's stability uses). */
  public static final double FIXED_RELEVANCE = 0.7;

  /** Validates the options: every stage given, {@code topTerms} and {@code relevance} in range. */
  public FitOptions {
    if (corpus == null || analysis == null || vocabulary == null || weighting == null || nmf == null) {
      throw new IllegalArgumentException("every stage's options must be given");
    }
    if (topTerms < 1 || topTerms > 1000) {
      throw new InvalidOptionException("topTerms", "{topTerms} " + topTerms + " must be within [1, 1000]");
    }
    if (!(relevance >= 0 && relevance <= 1) && !Double.isNaN(relevance)) {
      throw new InvalidOptionException("relevance", "{relevance} " + relevance + " must be within [0, 1] or auto");
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
   * English, light stemming; the automatic tolerance ({@link NmfOptions#AUTO_TOL}, 5e-4 for this
   * loss's coordinate descent in memory); 10 top terms ranked by {@code --relevance auto};
   * clusters by spherical k-means.
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

  /** Same options with how files and texts are read replaced. */
  public FitOptions withCorpus(CorpusOptions o) { return new FitOptions(o, analysis, vocabulary, weighting, nmf, topTerms, relevance, clusters); }

  /** Same options with the analysis chain replaced. */
  public FitOptions withAnalysis(AnalysisOptions o) { return new FitOptions(corpus, o, vocabulary, weighting, nmf, topTerms, relevance, clusters); }

  /** Same options with the document-frequency pruning replaced. */
  public FitOptions withVocabulary(VocabularyOptions o) { return new FitOptions(corpus, analysis, o, weighting, nmf, topTerms, relevance, clusters); }

  /** Same options with the TF-IDF weighting replaced. */
  public FitOptions withWeighting(TfidfOptions o) { return new FitOptions(corpus, analysis, vocabulary, o, nmf, topTerms, relevance, clusters); }

  /**
   * Same options with the factorization's replaced; the number of topics is set once ({@link
   * #defaults(int)} or {@link #withTopics}), so {@code o} must keep it. Prefer {@link
   * #withNmf(UnaryOperator)}, which starts from these options' NMF settings (their k and their loss).
   *
   * @throws IllegalArgumentException naming {@code topics} when {@code o}'s k differs from this k
   */
  public FitOptions withNmf(NmfOptions o) {
    if (o.k() != nmf.k()) {
      throw new InvalidOptionException("topics", "{topics}: these options fit " + nmf.k() + " topics but the NMF options"
          + " given to withNmf have k = " + o.k() + "; the number of topics is set once: change it with"
          + " withTopics(" + o.k() + "), and other NMF settings with withNmf(nmf -> nmf.with...(...))");
    }
    return new FitOptions(corpus, analysis, vocabulary, weighting, o, topTerms, relevance, clusters);
  }

  /**
   * Same options with the factorization's settings changed by {@code change}, which is given these
   * options' (so their k and loss are kept unless changed): {@code withNmf(n -> n.withSeed(7))}.
   *
   * @throws IllegalArgumentException naming {@code topics} when {@code change} alters k (use
   *     {@link #withTopics})
   */
  public FitOptions withNmf(UnaryOperator<NmfOptions> change) {
    return withNmf(change.apply(nmf));
  }

  /**
   * Same options for {@code k} topics (parameter {@code topics}, {@code -k/--topics} on the command
   * line), every other setting kept.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public FitOptions withTopics(int k) {
    return new FitOptions(corpus, analysis, vocabulary, weighting, nmf.withK(k), topTerms, relevance, clusters);
  }

  /** The number of topics (parameter {@code topics}): the NMF's k. */
  public int topics() {
    return nmf.k();
  }

  /** Same options with the number of terms listed per topic ({@code topTerms}) replaced. */
  public FitOptions withTopTerms(int n) { return new FitOptions(corpus, analysis, vocabulary, weighting, nmf, n, relevance, clusters); }

  /** Whether each topic's ranking is chosen by coherence ({@code --relevance auto}). */
  public boolean autoRelevance() {
    return Double.isNaN(relevance);
  }

  /**
   * Same options with λ of the term ranking ({@code --relevance}) replaced; {@link
   * #AUTO_RELEVANCE} for {@code auto}.
   */
  public FitOptions withRelevance(double lambda) { return new FitOptions(corpus, analysis, vocabulary, weighting, nmf, topTerms, lambda, clusters); }

  /** Same options with the clustering of documents ({@code --clusters}) replaced. */
  public FitOptions withClusters(Clustering c) { return new FitOptions(corpus, analysis, vocabulary, weighting, nmf, topTerms, relevance, c); }
}

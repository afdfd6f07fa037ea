package io.topicnmf.model;

import io.topicnmf.analysis.LanguageCheck;
import io.topicnmf.corpus.Corpus;
import io.topicnmf.eval.TokenSequences;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.vectorize.DocumentTermMatrix;
import io.topicnmf.vectorize.Vectorizer;
import io.topicnmf.vectorize.Vectorizer.Vectorized;
import io.topicnmf.vectorize.Vocabulary;
import java.util.Map;
import java.util.Objects;

/**
 * A corpus read, analysed, counted and weighted once, ready to be factorized any number of times
 * (for several k, or on subsamples) by {@link TopicModeler#fit(PreparedCorpus, FitListener)}, or given
 * topic weights under a saved model ({@link ModelApplier}). Built by {@link CorpusPreparer}. The arrays behind the matrices are shared, not copied: treat them
 * as read-only.
 */
public final class PreparedCorpus {
  private final FitOptions options;
  private final Corpus corpus;
  private final Map<String, String> surfaceForms;
  private final Vectorizer vectorizer;
  private final DocumentTermMatrix counts;
  private final CsrMatrix matrix;
  private final int documentsWithTerms;
  private final double readSeconds;
  private final double analysisSeconds;
  private final double matrixSeconds;
  private final LanguageCheck languageCheck;
  private final TextStore texts;
  private final java.nio.file.Path scratch;

  PreparedCorpus(FitOptions options, Corpus corpus, Map<String, String> surfaceForms,
      Vectorized vectorized, double readSeconds, double analysisSeconds, double matrixSeconds,
      LanguageCheck languageCheck, TokenSequences texts) {
    this(options, corpus, surfaceForms, vectorized, readSeconds, analysisSeconds, matrixSeconds, languageCheck,
        texts, null);
  }

  /**
   * As above, with the run's temporary folder {@code scratch} (null: none): the token sequences
   * are then spilled there ({@link TextStore}) and the factorization spills there what its
   * compact layout keeps out of the heap.
   */
  PreparedCorpus(FitOptions options, Corpus corpus, Map<String, String> surfaceForms,
      Vectorized vectorized, double readSeconds, double analysisSeconds, double matrixSeconds,
      LanguageCheck languageCheck, TokenSequences texts, java.nio.file.Path scratch) {
    this.texts = TextStore.of(Objects.requireNonNull(texts), scratch);
    this.scratch = scratch;
    this.languageCheck = Objects.requireNonNull(languageCheck);
    this.options = Objects.requireNonNull(options);
    this.corpus = Objects.requireNonNull(corpus);
    this.surfaceForms = Map.copyOf(surfaceForms);
    this.vectorizer = vectorized.vectorizer();
    this.counts = vectorized.counts();
    this.matrix = vectorized.matrix();
    int with = 0;
    for (int i = 0; i < matrix.rows(); i++) {
      if (matrix.rowNnz(i) > 0) with++;
    }
    this.documentsWithTerms = with;
    this.readSeconds = readSeconds;
    this.analysisSeconds = analysisSeconds;
    this.matrixSeconds = matrixSeconds;
  }

  /** The options the corpus was prepared with (their text stages; the NMF options are not used). */
  public FitOptions options() { return options; }

  /** The documents read, in matrix row order, and the files skipped. */
  public Corpus corpus() { return corpus; }

  /** Term to its most frequent original form, for terms that analysis transformed. */
  public Map<String, String> surfaceForms() { return surfaceForms; }

  /** The vocabulary (column order), with the document frequencies in these documents. */
  public Vocabulary vocabulary() { return counts.vocabulary(); }

  /** Raw counts with the vocabulary and pruning figures. */
  public DocumentTermMatrix counts() { return counts; }

  /** The vectorizer that made the matrix: fitted to these documents, or a saved model's. */
  public Vectorizer vectorizer() { return vectorizer; }

  /** The idf of each column (all 1 when idf is off). */
  public double[] idf() { return vectorizer.idf(); }

  /** The weighted documents × terms matrix X that is factorized. */
  public CsrMatrix matrix() { return matrix; }

  /** Documents with at least one vocabulary term. */
  public int documentsWithTerms() { return documentsWithTerms; }

  public double readSeconds() { return readSeconds; }

  public double analysisSeconds() { return analysisSeconds; }

  public double matrixSeconds() { return matrixSeconds; }

  /**
   * The analysed documents as sequences of their tokens' columns (-1 for a pruned term), in text
   * order: the sliding windows of C_V coherence.
   */
  public TokenSequences texts() {
    return texts.get();
  }

  /** Heap bytes {@link #texts} allocates each time it is called (0: the sequences are held). */
  public long spilledTextBytes() {
    return texts.spilledBytes();
  }

  /** The run's temporary folder, or null. */
  public java.nio.file.Path scratch() {
    return scratch;
  }

  /** Whether the text looks like another language than {@code --language} ({@link LanguageCheck}). */
  public LanguageCheck languageCheck() {
    return languageCheck;
  }
}

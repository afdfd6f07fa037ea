package io.topicnmf.vectorize;

import io.topicnmf.matrix.CsrMatrix;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What turns a document's analysed terms into its row of the matrix that is factorized, learnt
 * from a corpus as scikit-learn's {@code TfidfVectorizer} learns it: the vocabulary (column
 * order), the idf of each column and the weighting.
 *
 * <p>{@link #fit} counts the documents, prunes the vocabulary by document frequency ({@link
 * DocumentTermMatrix}), computes the idf ({@link Tfidf#idf}) and weights the same documents;
 * {@link #transform} gives the rows of any other documents over the fitted vocabulary (terms
 * outside it are ignored), weighted with the fitted idf. A saved model holds a vectorizer (its
 * terms, idf and weighting options), so {@code apply} weights new documents exactly as the fit did.
 */
public final class Vectorizer {
  private final List<String> terms;
  private final double[] idf;
  private final TfidfOptions weighting;

  /**
   * A fitted vectorizer.
   *
   * @param terms the vocabulary, in column order, distinct
   * @param idf the idf of each column (all 1 when idf is off)
   * @param weighting how counts are weighted
   */
  public Vectorizer(List<String> terms, double[] idf, TfidfOptions weighting) {
    this.terms = List.copyOf(terms);
    this.idf = idf.clone();
    this.weighting = Objects.requireNonNull(weighting, "weighting");
    if (this.idf.length != this.terms.size()) {
      throw new IllegalArgumentException(terms.size() + " terms but " + idf.length + " idf values");
    }
  }

  /**
   * Documents turned into rows by a vectorizer.
   *
   * @param vectorizer the vectorizer that made the rows
   * @param counts raw counts over its vocabulary, with the documents' own document frequencies
   *     and the pruning figures ({@link #fit}) or none ({@link #transform})
   * @param matrix the weighted documents × terms matrix
   */
  public record Vectorized(Vectorizer vectorizer, DocumentTermMatrix counts, CsrMatrix matrix) {
    public Vectorized {
      Objects.requireNonNull(vectorizer, "vectorizer");
      Objects.requireNonNull(counts, "counts");
      Objects.requireNonNull(matrix, "matrix");
    }
  }

  /**
   * Learns the vocabulary and idf of {@code documents} and weights them (fit and transform in one
   * pass over the counts). The result does not depend on {@code threads}.
   *
   * @param documents the analysed terms of each document, in document order
   * @param vocabulary the pruning rules, or the fixed terms
   * @param weighting how counts are weighted
   * @param threads worker threads, at least 1
   * @throws IllegalArgumentException if the limits contradict each other for these documents
   */
  public static Vectorized fit(List<? extends Collection<String>> documents, VocabularyOptions vocabulary,
      TfidfOptions weighting, int threads) {
    DocumentTermMatrix dtm = DocumentTermMatrix.build(documents, vocabulary, threads);
    int n = dtm.counts().rows();
    double[] idf = Tfidf.idf(dtm.vocabulary().documentFrequencies(), n, weighting.idf());
    if (weighting.weighting() == TfidfOptions.Weighting.TF) Arrays.fill(idf, 1.0);
    Vectorizer v = new Vectorizer(dtm.vocabulary().terms(), idf, weighting);
    return new Vectorized(v, dtm, Tfidf.transform(dtm.counts(), idf, weighting));
  }

  /**
   * The rows of {@code documents} over this vocabulary, weighted with this idf. The counts'
   * vocabulary carries the document frequencies in {@code documents}; its pruning figures count
   * the distinct terms seen and remove none. The result does not depend on {@code threads}.
   *
   * @param documents the analysed terms of each document, in document order
   * @param threads worker threads, at least 1
   */
  public Vectorized transform(List<? extends Collection<String>> documents, int threads) {
    DocumentTermMatrix dtm =
        DocumentTermMatrix.overTerms(DocumentTermMatrix.encoded(documents), terms, threads);
    return new Vectorized(this, dtm, Tfidf.transform(dtm.counts(), idf, weighting));
  }

  /**
   * As {@link #fit(List, VocabularyOptions, TfidfOptions, int)} for a corpus counted while it was
   * streamed ({@link CountedRows}): the same vectorizer and matrix for the same documents.
   *
   * @throws IllegalArgumentException if the limits contradict each other for these documents
   */
  public static Vectorized fit(CountedRows documents, VocabularyOptions vocabulary, TfidfOptions weighting)
      throws java.io.IOException {
    DocumentTermMatrix dtm = documents.matrix(vocabulary);
    int n = dtm.counts().rows();
    double[] idf = Tfidf.idf(dtm.vocabulary().documentFrequencies(), n, weighting.idf());
    if (weighting.weighting() == TfidfOptions.Weighting.TF) Arrays.fill(idf, 1.0);
    Vectorizer v = new Vectorizer(dtm.vocabulary().terms(), idf, weighting);
    return new Vectorized(v, dtm, Tfidf.transform(dtm.counts(), idf, weighting));
  }

  /** As {@link #transform(List, int)} for a corpus counted while it was streamed ({@link CountedRows}). */
  public Vectorized transform(CountedRows documents) throws java.io.IOException {
    DocumentTermMatrix dtm = documents.overTerms(terms);
    return new Vectorized(this, dtm, Tfidf.transform(dtm.counts(), idf, weighting));
  }

  /** The vocabulary, in column order. */
  public List<String> terms() {
    return terms;
  }

  /** The idf of each column (a copy). */
  public double[] idf() {
    return idf.clone();
  }

  /** The weighting options. */
  public TfidfOptions weighting() {
    return weighting;
  }
}

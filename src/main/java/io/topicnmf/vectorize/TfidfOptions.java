package io.topicnmf.vectorize;

import io.topicnmf.options.InvalidOptionException;

/**
 * How raw counts become the matrix that is factorized; the names and formulas are scikit-learn's
 * {@code TfidfTransformer}'s.
 *
 * @param weighting {@code TFIDF} (default) or {@code TF}: raw counts, no idf and no normalisation
 * @param idf {@code SMOOTH}: ln((1+n)/(1+df)) + 1 (default); {@code PLAIN}: ln(n/df) + 1; {@code NONE}: 1
 * @param sublinearTf replace tf by 1 + ln(tf)
 * @param norm {@code L2} (default), {@code L1} or {@code NONE}: each row divided by its norm
 */
public record TfidfOptions(Weighting weighting, Idf idf, boolean sublinearTf, Norm norm) {
  /** {@code --weighting}. */
  public enum Weighting { TFIDF, TF }

  /** {@code --idf}. */
  public enum Idf { SMOOTH, PLAIN, NONE }

  /** {@code --norm}. */
  public enum Norm { L2, L1, NONE }

  public TfidfOptions {
    if (weighting == null || idf == null || norm == null) {
      throw new InvalidOptionException("weighting", "{weighting}, {idf} and {norm} must be given", "idf", "norm");
    }
  }

  public static TfidfOptions defaults() {
    return new TfidfOptions(Weighting.TFIDF, Idf.SMOOTH, false, Norm.L2);
  }

  public TfidfOptions withWeighting(Weighting w) { return new TfidfOptions(w, idf, sublinearTf, norm); }

  public TfidfOptions withIdf(Idf i) { return new TfidfOptions(weighting, i, sublinearTf, norm); }

  public TfidfOptions withSublinearTf(boolean s) { return new TfidfOptions(weighting, idf, s, norm); }

  public TfidfOptions withNorm(Norm n) { return new TfidfOptions(weighting, idf, sublinearTf, n); }
}

package io.topicnmf.vectorize;

import io.topicnmf.matrix.CsrMatrix;
/**
 * TF-IDF weighting of a count matrix, identical to scikit-learn's {@code TfidfTransformer}:
 * {@code x = tf · idf}, tf optionally sublinear (1 + ln tf), then each row scaled to unit L2 or L1 norm.
 * Rows with no entries stay empty.
 */
public final class Tfidf {
  private Tfidf() {}

  /**
   * The idf of each column from its document frequency in {@code documents} documents. For
   * {@code PLAIN}, a term with df = 0 gets ln(n/0)+1 = +∞ as in scikit-learn; it never occurs in a
   * pruned vocabulary.
   */
  public static double[] idf(int[] documentFrequency, int documents, TfidfOptions.Idf kind) {
    double[] idf = new double[documentFrequency.length];
    for (int j = 0; j < idf.length; j++) {
      double df = documentFrequency[j];
      switch (kind) {
        case SMOOTH -> idf[j] = Math.log((1.0 + documents) / (1.0 + df)) + 1.0;
        case PLAIN -> idf[j] = Math.log(documents / df) + 1.0;
        case NONE -> idf[j] = 1.0;
        default -> throw new AssertionError(kind);
      }
    }
    return idf;
  }

  /**
   * Weights {@code counts} (documents × terms); {@code idf} has one entry a column and is ignored
   * for {@code Weighting.TF}. Returns a new matrix with the same sparsity pattern.
   */
  public static CsrMatrix transform(CsrMatrix counts, double[] idf, TfidfOptions options) {
    if (idf.length != counts.cols()) {
      throw new IllegalArgumentException("idf has " + idf.length + " entries for " + counts.cols() + " columns");
    }
    int[] ptr = counts.rowPtr();
    int[] col = counts.colIdx();
    float[] in = counts.values();
    double[] out = new double[counts.nnz()];
    boolean raw = options.weighting() == TfidfOptions.Weighting.TF;
    for (int i = 0; i < counts.rows(); i++) {
      int a = ptr[i];
      int b = ptr[i + 1];
      for (int p = a; p < b; p++) {
        double tf = in[p];
        if (!raw) {
          if (options.sublinearTf()) tf = 1.0 + Math.log(tf);
          tf *= idf[col[p]];
        }
        out[p] = tf;
      }
      if (raw || options.norm() == TfidfOptions.Norm.NONE) continue;
      double norm = 0;
      for (int p = a; p < b; p++) {
        norm += options.norm() == TfidfOptions.Norm.L2 ? out[p] * out[p] : Math.abs(out[p]);
      }
      if (options.norm() == TfidfOptions.Norm.L2) norm = Math.sqrt(norm);
      if (norm > 0) {
        for (int p = a; p < b; p++) out[p] /= norm;
      }
    }
    return new CsrMatrix(counts.rows(), counts.cols(), ptr, col, out);
  }
}

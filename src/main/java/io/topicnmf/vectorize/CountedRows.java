package io.topicnmf.vectorize;

import io.topicnmf.matrix.CsrMatrix;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A corpus counted while it was streamed: the distinct terms seen (ids into {@code terms}), each
 * term's document frequency and total count, gathered on the fly, and the documents' rows of term
 * ids and counts in a {@link RowStore} (perhaps spilled to disk). The vocabulary is then pruned
 * from the figures alone ({@link DocumentTermMatrix#prune}) and the rows mapped to its columns in
 * one sequential read: the same {@link DocumentTermMatrix}, bit for bit, as {@link
 * DocumentTermMatrix#build} gives for the same documents, without ever holding the documents' terms.
 *
 * @param terms the distinct terms seen; a term's index is its id in the rows
 * @param df each term's document frequency
 * @param total each term's count over the corpus
 * @param rows one row per document, in document order
 */
public record CountedRows(String[] terms, int[] df, long[] total, RowStore rows) {
  public CountedRows {
    Objects.requireNonNull(rows, "rows");
    if (df.length != terms.length || total.length != terms.length) {
      throw new IllegalArgumentException(terms.length + " terms but " + df.length
          + " document frequencies and " + total.length + " totals");
    }
  }

  /** Documents counted. */
  public int documents() {
    return rows.rows();
  }

  /**
   * The counts over the vocabulary the rules of {@code options} keep (see {@link
   * DocumentTermMatrix}), or over its fixed terms.
   *
   * @throws IllegalArgumentException if the limits contradict each other for this corpus
   */
  public DocumentTermMatrix matrix(VocabularyOptions options) throws IOException {
    if (options.fixed()) {
      return overTerms(options.vocabulary());
    }
    int n = documents();
    DocumentTermMatrix.Pruned pruned = DocumentTermMatrix.prune(terms, df, total, n, options);
    int[] column = new int[terms.length];
    Arrays.fill(column, -1);
    for (int j = 0; j < pruned.kept().length; j++) column[pruned.kept()[j]] = j;
    return new DocumentTermMatrix(pruned.vocabulary(), fill(column, pruned.kept().length), pruned.pruning());
  }

  /**
   * The counts over fixed {@code fixed} terms (columns in that order; other terms ignored, no
   * pruning), as {@link Vectorizer#transform} needs them; {@code fixed} must be distinct.
   */
  public DocumentTermMatrix overTerms(List<String> fixed) throws IOException {
    Map<String, Integer> index = new HashMap<>(terms.length * 2);
    for (int t = 0; t < terms.length; t++) index.put(terms[t], t);
    int[] column = new int[terms.length];
    Arrays.fill(column, -1);
    int[] fixedDf = new int[fixed.size()];
    for (int j = 0; j < fixed.size(); j++) {
      Integer t = index.get(fixed.get(j));
      if (t != null) {
        column[t] = j;
        fixedDf[j] = df[t];
      }
    }
    int n = documents();
    PruningStats stats = new PruningStats(terms.length, 0, n, 0, 0, 0, fixed.size(), List.of());
    return new DocumentTermMatrix(new Vocabulary(fixed, fixedDf), fill(column, fixed.size()), stats);
  }

  /** The rows over the columns {@code column[id]} (-1: left out), each sorted by column. */
  private CsrMatrix fill(int[] column, int columns) throws IOException {
    int n = documents();
    int[] rowPtr = new int[n + 1];
    rows.forEach((row, ids, counts, length) -> {
      int k = 0;
      for (int i = 0; i < length; i++) {
        if (column[ids[i]] >= 0) k++;
      }
      rowPtr[row + 1] = k;
    });
    for (int d = 0; d < n; d++) rowPtr[d + 1] += rowPtr[d];
    int[] colIdx = new int[rowPtr[n]];
    double[] values = new double[rowPtr[n]];
    long[][] packed = {new long[64]};
    rows.forEach((row, ids, counts, length) -> {
      if (packed[0].length < length) packed[0] = new long[Math.max(length, packed[0].length * 2)];
      long[] p = packed[0];
      int q = 0;
      for (int i = 0; i < length; i++) {
        int col = column[ids[i]];
        if (col >= 0) p[q++] = ((long) col << 32) | counts[i];
      }
      Arrays.sort(p, 0, q);
      int base = rowPtr[row];
      for (int i = 0; i < q; i++) {
        colIdx[base + i] = (int) (p[i] >>> 32);
        values[base + i] = (int) p[i];
      }
    });
    return new CsrMatrix(n, columns, rowPtr, colIdx, values);
  }
}

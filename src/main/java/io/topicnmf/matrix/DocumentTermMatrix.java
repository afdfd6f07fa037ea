package io.topicnmf.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Term counts of a corpus: the pruned vocabulary and a documents × terms CSR matrix of raw counts.
 *
 * <p>Pruning follows scikit-learn's {@code CountVectorizer._limit_features}: a term is kept when
 * its document frequency lies within [min-df, max-df] (shares are multiplied by the number of
 * documents, counts used as they are); then, if {@code max-features} is set, the terms with the
 * highest total count are kept (ties broken alphabetically). Columns are in alphabetical order.
 *
 * @param vocabulary the kept terms
 * @param counts raw counts, one row per input document (rows of documents with no kept term are empty)
 * @param pruning what the rules removed
 */
public record DocumentTermMatrix(Vocabulary vocabulary, CsrMatrix counts, PruningStats pruning) {

  /**
   * Counts the terms of each document and prunes the vocabulary.
   *
   * @param documentTerms the analysed terms of each document, in document order
   * @throws IllegalArgumentException if the limits contradict each other for this corpus
   */
  public static DocumentTermMatrix build(List<? extends Collection<String>> documentTerms, VocabularyOptions options) {
    int n = documentTerms.size();
    // First pass: provisional ids in first-seen order, per-document sorted (id, count) pairs.
    Map<String, Integer> ids = new HashMap<>();
    List<String> seen = new ArrayList<>();
    int[][] docIds = new int[n][];
    int[][] docCounts = new int[n][];
    int[] df = new int[16];
    long[] total = new long[16];
    Map<Integer, int[]> local = new HashMap<>();
    for (int d = 0; d < n; d++) {
      local.clear();
      for (String t : documentTerms.get(d)) {
        Integer id = ids.get(t);
        if (id == null) {
          id = seen.size();
          ids.put(t, id);
          seen.add(t);
          if (id >= df.length) {
            df = Arrays.copyOf(df, df.length * 2);
            total = Arrays.copyOf(total, total.length * 2);
          }
        }
        int[] c = local.get(id);
        if (c == null) {
          local.put(id, new int[] {1});
        } else {
          c[0]++;
        }
      }
      int[] di = new int[local.size()];
      int[] dc = new int[local.size()];
      int p = 0;
      for (Map.Entry<Integer, int[]> e : local.entrySet()) {
        di[p] = e.getKey();
        dc[p++] = e.getValue()[0];
        df[e.getKey()]++;
        total[e.getKey()] += e.getValue()[0];
      }
      docIds[d] = di;
      docCounts[d] = dc;
    }
    int v = seen.size();
    double minDocs = options.minDf().documents(n);
    double maxDocs = options.maxDf().documents(n);
    if (maxDocs < minDocs) {
      throw new IllegalArgumentException(
          "--max-df " + options.maxDf() + " allows fewer documents (" + fmt(maxDocs) + ") than --min-df "
              + options.minDf() + " requires (" + fmt(minDocs) + ") for " + n
              + " documents: lower --min-df or raise --max-df");
    }
    boolean[] keep = new boolean[v];
    int byMin = 0;
    int byMax = 0;
    List<Integer> maxRemoved = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int t = 0; t < v; t++) {
      if (df[t] < minDocs) {
        byMin++;
      } else if (df[t] > maxDocs) {
        byMax++;
        maxRemoved.add(t);
      } else {
        kept.add(t);
      }
    }
    final int[] dff = df;
    final long[] tot = total;
    maxRemoved.sort(Comparator.<Integer>comparingInt(t -> -dff[t]).thenComparing(seen::get));
    List<String> topRemoved = new ArrayList<>();
    for (int i = 0; i < Math.min(20, maxRemoved.size()); i++) {
      topRemoved.add(seen.get(maxRemoved.get(i)));
    }
    int byFeatures = 0;
    if (options.maxFeatures() > 0 && kept.size() > options.maxFeatures()) {
      kept.sort(Comparator.<Integer>comparingLong(t -> -tot[t]).thenComparing(seen::get));
      byFeatures = kept.size() - options.maxFeatures();
      kept = new ArrayList<>(kept.subList(0, options.maxFeatures()));
    }
    kept.sort(Comparator.comparing(seen::get));
    int[] column = new int[v];
    Arrays.fill(column, -1);
    List<String> terms = new ArrayList<>(kept.size());
    int[] keptDf = new int[kept.size()];
    for (int j = 0; j < kept.size(); j++) {
      int t = kept.get(j);
      column[t] = j;
      keep[t] = true;
      terms.add(seen.get(t));
      keptDf[j] = df[t];
    }
    int[] rowPtr = new int[n + 1];
    for (int d = 0; d < n; d++) {
      int c = 0;
      for (int id : docIds[d]) {
        if (keep[id]) c++;
      }
      rowPtr[d + 1] = rowPtr[d] + c;
    }
    int nnz = rowPtr[n];
    int[] colIdx = new int[nnz];
    double[] values = new double[nnz];
    long[] packed = new long[0];
    for (int d = 0; d < n; d++) {
      int c = rowPtr[d + 1] - rowPtr[d];
      if (packed.length < c) packed = new long[Math.max(c, packed.length * 2)];
      int q = 0;
      int[] di = docIds[d];
      int[] dc = docCounts[d];
      for (int i = 0; i < di.length; i++) {
        if (keep[di[i]]) {
          packed[q++] = ((long) column[di[i]] << 32) | dc[i];
        }
      }
      Arrays.sort(packed, 0, q);
      for (int i = 0; i < q; i++) {
        colIdx[rowPtr[d] + i] = (int) (packed[i] >>> 32);
        values[rowPtr[d] + i] = (int) packed[i];
      }
    }
    PruningStats stats =
        new PruningStats(v, minDocs, maxDocs, byMin, byMax, byFeatures, terms.size(), topRemoved);
    return new DocumentTermMatrix(
        new Vocabulary(terms, keptDf), new CsrMatrix(n, terms.size(), rowPtr, colIdx, values), stats);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.2f", d);
  }
}

package io.topicnmf.spark;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.vectorize.DocumentTermMatrix;
import io.topicnmf.vectorize.PruningStats;
import io.topicnmf.vectorize.Tfidf;
import io.topicnmf.vectorize.TfidfOptions;
import io.topicnmf.vectorize.VocabularyOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Analysis per partition, document frequencies by reduce, pruning and TF-IDF: the distributed
 * twin of the core's {@code DocumentTermMatrix.build} and {@code Tfidf}. The pruning is the
 * core's own ({@link DocumentTermMatrix#prune}, on the reduced figures), so the columns are the
 * kept terms in alphabetical order as in {@code topicnmf fit}; the TF-IDF values come from the
 * core's {@link Tfidf} on each block.
 */
final class Vectorizing {
  private Vectorizing() {}

  /**
   * A partition's analysed documents, compactly: the partition's distinct terms once, in
   * alphabetical order ({@code dictionary}), and per document its distinct terms as indices into
   * it with their counts, CSR-like (document i's at {@code [rowPtr[i], rowPtr[i+1])}, in the
   * order the analysis met them). A term string per document and term, as this held before, made a million
   * generated documents ~1.7 GB per partition as cached values, so Spark's memory manager wrote
   * them to disk and the analysis and matrix stages lost their linearity (bench/RESULTS.md,
   * "Stop 28", item 2); here a stored entry costs two ints.
   */
  record Analysed(String[] ids, String[] labels, String[] dictionary, int[] rowPtr, int[] termIds,
      int[] counts, Map<String, Map<String, Integer>> originals) implements Serializable {
    int documents() {
      return ids.length;
    }
  }

  /** Analyses every document of a partition with the core's chain ({@link CoreAnalysis}). */
  static JavaRDD<Analysed> analyse(JavaRDD<Inputs.Doc> docs, CoreAnalysis.Spec options) {
    return docs.filter(d -> d.text() != null).mapPartitions((Iterator<Inputs.Doc> it) -> {
      List<String> ids = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      // First-seen local ids while reading, renumbered alphabetically at the end.
      Map<String, Integer> local = new HashMap<>();
      List<String> seen = new ArrayList<>();
      IntList ptr = new IntList();
      IntList termIds = new IntList();
      IntList counts = new IntList();
      ptr.add(0);
      Map<String, Map<String, Integer>> originals = new HashMap<>();
      try (CoreAnalysis analysis = new CoreAnalysis(options)) {
        while (it.hasNext()) {
          Inputs.Doc d = it.next();
          CoreAnalysis.Terms t = analysis.analyze(d.text());
          for (Map.Entry<String, int[]> e : t.counts.entrySet()) {
            Integer id = local.get(e.getKey());
            if (id == null) {
              id = seen.size();
              local.put(e.getKey(), id);
              seen.add(e.getKey());
            }
            termIds.add(id);
            counts.add(e.getValue()[0]);
          }
          ptr.add(termIds.size());
          ids.add(d.id());
          labels.add(d.label());
          t.originals.forEach((e, c) -> originals.computeIfAbsent(e.getKey(), x -> new HashMap<>())
              .merge(e.getValue(), c[0], Integer::sum));
        }
      }
      String[] dictionary = seen.toArray(new String[0]);
      Integer[] order = new Integer[dictionary.length];
      for (int q = 0; q < order.length; q++) order[q] = q;
      Arrays.sort(order, (a, b) -> dictionary[a].compareTo(dictionary[b]));
      int[] rank = new int[dictionary.length];
      String[] sorted = new String[dictionary.length];
      for (int q = 0; q < order.length; q++) {
        rank[order[q]] = q;
        sorted[q] = dictionary[order[q]];
      }
      int[] rowPtr = ptr.toArray();
      int[] ti = termIds.toArray();
      int[] tc = counts.toArray();
      // Indices into the sorted dictionary; a document's order does not matter (the blocks sort
      // each row by column).
      for (int q = 0; q < ti.length; q++) ti[q] = rank[ti[q]];
      return List.of(new Analysed(ids.toArray(new String[0]), labels.toArray(new String[0]), sorted,
          rowPtr, ti, tc, originals)).iterator();
    });
  }

  /** A growable int array (the partition's entries, without an Integer per entry). */
  static final class IntList {
    private int[] a = new int[1024];
    private int size;

    void add(int v) {
      if (size == a.length) a = Arrays.copyOf(a, a.length * 2);
      a[size++] = v;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  /** Per term: (document frequency, total count), by reduce. */
  static JavaPairRDD<String, long[]> frequencies(JavaRDD<Analysed> parts) {
    return parts.flatMapToPair(p -> {
      long[] df = new long[p.dictionary().length];
      long[] total = new long[p.dictionary().length];
      int[] ti = p.termIds();
      int[] tc = p.counts();
      for (int q = 0, nnz = p.rowPtr()[p.documents()]; q < nnz; q++) {
        df[ti[q]]++;
        total[ti[q]] += tc[q];
      }
      List<Tuple2<String, long[]>> out = new ArrayList<>(df.length);
      for (int j = 0; j < df.length; j++) out.add(new Tuple2<>(p.dictionary()[j], new long[] {df[j], total[j]}));
      return out.iterator();
    }).reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
  }

  /** The kept vocabulary: alphabetical terms, their document frequencies, and the pruning figures. */
  record Vocabulary(List<String> terms, int[] df, PruningStats pruning) implements Serializable {}

  /**
   * Prunes the frequencies with the core's rules ({@link DocumentTermMatrix#prune}). Only the terms
   * that can pass {@code --min-df} come to the driver: the long tail of rarer terms (most of a
   * large corpus's distinct terms) is only counted, on the executors, and added to the figures.
   */
  static Vocabulary prune(JavaPairRDD<String, long[]> freq, int n, VocabularyOptions o) {
    double minDocs = o.minDf().documents(n);
    long seen = freq.count();
    List<Tuple2<String, long[]>> candidates = freq.filter(e -> e._2()[0] >= minDocs).collect();
    int m = candidates.size();
    String[] terms = new String[m];
    int[] df = new int[m];
    long[] total = new long[m];
    for (int j = 0; j < m; j++) {
      terms[j] = candidates.get(j)._1();
      df[j] = (int) candidates.get(j)._2()[0];
      total[j] = candidates.get(j)._2()[1];
    }
    DocumentTermMatrix.Pruned kept = DocumentTermMatrix.prune(terms, df, total, n, o);
    // Terms below min-df were removed by min-df whatever the other limits: only the counts change.
    int below = (int) (seen - m);
    PruningStats p = kept.pruning();
    PruningStats stats = new PruningStats(p.termsSeen() + below, p.minDocuments(), p.maxDocuments(),
        p.removedByMinDf() + below, p.removedByMaxDf(), p.removedByMaxFeatures(), p.termsKept(),
        p.topRemovedByMaxDf());
    return new Vocabulary(kept.vocabulary().terms(), kept.vocabulary().documentFrequencies(), stats);
  }

  /** The idf of each kept column, as the core computes it (all 1 for {@code --weighting tf}). */
  static double[] idf(int[] df, int n, TfidfOptions weighting) {
    double[] idf = Tfidf.idf(df, n, weighting.idf());
    if (weighting.weighting() == TfidfOptions.Weighting.TF) Arrays.fill(idf, 1.0);
    return idf;
  }

  /** The blocks of X: each partition's counts over the kept columns, weighted by the core's Tfidf. */
  static JavaRDD<Block> blocks(JavaRDD<Analysed> parts, Broadcast<Map<String, Integer>> columns,
      Broadcast<double[]> idf, TfidfOptions weighting) {
    TfidfOptions.Weighting kind = weighting.weighting();
    TfidfOptions.Idf idfKind = weighting.idf();
    boolean sublinear = weighting.sublinearTf();
    TfidfOptions.Norm norm = weighting.norm();
    return parts.map(p -> {
      Map<String, Integer> col = columns.value();
      // Each local term's column once (-1: pruned), instead of a lookup per stored entry.
      int[] column = new int[p.dictionary().length];
      for (int q = 0; q < column.length; q++) {
        Integer c = col.get(p.dictionary()[q]);
        column[q] = c == null ? -1 : c;
      }
      int rows = p.documents();
      int[] rp = p.rowPtr();
      int[] ti = p.termIds();
      int[] tc = p.counts();
      int[] ptr = new int[rows + 1];
      int nnz = 0;
      for (int i = 0; i < rows; i++) {
        for (int q = rp[i]; q < rp[i + 1]; q++) if (column[ti[q]] >= 0) nnz++;
        ptr[i + 1] = nnz;
      }
      int[] ci = new int[nnz];
      double[] cv = new double[nnz];
      long[] packed = new long[0];
      for (int i = 0; i < rows; i++) {
        int q = ptr[i];
        int len = ptr[i + 1] - ptr[i];
        if (packed.length < len) packed = new long[Math.max(len, 2 * packed.length)];
        int r = 0;
        for (int e = rp[i]; e < rp[i + 1]; e++) {
          int c = column[ti[e]];
          if (c >= 0) packed[r++] = ((long) c << 32) | tc[e];
        }
        // Each row by column, as the core's CSR matrix needs.
        Arrays.sort(packed, 0, len);
        for (int e = 0; e < len; e++) {
          ci[q] = (int) (packed[e] >>> 32);
          cv[q++] = (int) packed[e];
        }
      }
      CsrMatrix counts = new CsrMatrix(rows, col.size(), ptr, ci, cv);
      CsrMatrix x = Tfidf.transform(counts, idf.value(), new TfidfOptions(kind, idfKind, sublinear, norm));
      return new Block(p.ids(), p.labels(), col.size(), ptr, ci, cv, x.values(), null, 0, 0);
    });
  }

  /** Each kept term's most frequent original form (ties: the smaller), for stemmed terms. */
  static Map<String, String> surfaceForms(JavaRDD<Analysed> parts, Broadcast<Map<String, Integer>> columns) {
    return parts.flatMapToPair(p -> {
      List<Tuple2<String, Map<String, Integer>>> out = new ArrayList<>();
      p.originals().forEach((t, m) -> {
        if (columns.value().containsKey(t)) out.add(new Tuple2<>(t, m));
      });
      return out.iterator();
    }).reduceByKey((a, b) -> {
      Map<String, Integer> m = new HashMap<>(a);
      b.forEach((s, c) -> m.merge(s, c, Integer::sum));
      return m;
    }).mapValues(m -> {
      String best = null;
      int count = -1;
      for (Map.Entry<String, Integer> e : m.entrySet()) {
        if (e.getValue() > count || (e.getValue() == count && e.getKey().compareTo(best) < 0)) {
          best = e.getKey();
          count = e.getValue();
        }
      }
      return best;
    }).collectAsMap().entrySet().stream().collect(java.util.stream.Collectors.toMap(
        Map.Entry::getKey, Map.Entry::getValue));
  }
}

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

  /** A partition's analysed documents: per document its distinct terms and their counts. */
  record Analysed(String[] ids, String[] labels, String[][] terms, int[][] counts,
      Map<String, Map<String, Integer>> originals) implements Serializable {}

  /** Analyses every document of a partition with the core's chain ({@link CoreAnalysis}). */
  static JavaRDD<Analysed> analyse(JavaRDD<Inputs.Doc> docs, CoreAnalysis.Spec options) {
    return docs.filter(d -> d.text() != null).mapPartitions((Iterator<Inputs.Doc> it) -> {
      List<String> ids = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      List<String[]> terms = new ArrayList<>();
      List<int[]> counts = new ArrayList<>();
      Map<String, Map<String, Integer>> originals = new HashMap<>();
      try (CoreAnalysis analysis = new CoreAnalysis(options)) {
        while (it.hasNext()) {
          Inputs.Doc d = it.next();
          CoreAnalysis.Terms t = analysis.analyze(d.text());
          String[] ts = t.counts.keySet().toArray(new String[0]);
          Arrays.sort(ts);
          int[] cs = new int[ts.length];
          for (int i = 0; i < ts.length; i++) cs[i] = t.counts.get(ts[i])[0];
          ids.add(d.id());
          labels.add(d.label());
          terms.add(ts);
          counts.add(cs);
          t.originals.forEach((e, c) -> originals.computeIfAbsent(e.getKey(), x -> new HashMap<>())
              .merge(e.getValue(), c[0], Integer::sum));
        }
      }
      return List.of(new Analysed(ids.toArray(new String[0]), labels.toArray(new String[0]),
          terms.toArray(new String[0][]), counts.toArray(new int[0][]), originals)).iterator();
    });
  }

  /** Per term: (document frequency, total count), by reduce. */
  static JavaPairRDD<String, long[]> frequencies(JavaRDD<Analysed> parts) {
    return parts.flatMapToPair(p -> {
      Map<String, long[]> local = new HashMap<>();
      for (int i = 0; i < p.terms().length; i++) {
        for (int j = 0; j < p.terms()[i].length; j++) {
          long[] v = local.computeIfAbsent(p.terms()[i][j], x -> new long[2]);
          v[0]++;
          v[1] += p.counts()[i][j];
        }
      }
      List<Tuple2<String, long[]>> out = new ArrayList<>(local.size());
      local.forEach((t, v) -> out.add(new Tuple2<>(t, v)));
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
      int rows = p.ids().length;
      int[] ptr = new int[rows + 1];
      int nnz = 0;
      for (int i = 0; i < rows; i++) {
        for (String t : p.terms()[i]) if (col.containsKey(t)) nnz++;
        ptr[i + 1] = nnz;
      }
      int[] ci = new int[nnz];
      double[] cv = new double[nnz];
      for (int i = 0; i < rows; i++) {
        int q = ptr[i];
        String[] ts = p.terms()[i];
        long[] packed = new long[ptr[i + 1] - ptr[i]];
        int r = 0;
        for (int j = 0; j < ts.length; j++) {
          Integer c = col.get(ts[j]);
          if (c != null) packed[r++] = ((long) c << 32) | p.counts()[i][j];
        }
        Arrays.sort(packed);
        for (long v : packed) {
          ci[q] = (int) (v >>> 32);
          cv[q++] = (int) v;
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

package io.topicnmf.spark;

import io.topicnmf.eval.Agreement;
import io.topicnmf.eval.ClusterAgreement;
import io.topicnmf.eval.Coherence;
import io.topicnmf.eval.TopicCoherence;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.model.Cluster;
import io.topicnmf.model.DocumentTopics;
import io.topicnmf.model.Evaluation;
import io.topicnmf.model.Quality;
import io.topicnmf.model.TermWeight;
import io.topicnmf.model.Topic;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's topics, documents, clusters, quality and evaluation from a distributed fit, as the
 * core's {@code TopicModeler} describes a fit (documents in their dominant topic's cluster): only
 * what is needed per document comes to the driver (its dominant topic, label, the top terms it
 * contains for coherence, and its weights when the report lists documents).
 */
final class Topics {
  private Topics() {}

  record Described(List<Topic> topics, List<DocumentTopics> documents, List<Cluster> clusters,
      Quality quality, Evaluation evaluation) {}

  /** One document as the driver needs it. */
  record Row(String id, String label, int dominant, double sum, double[] weights, boolean empty,
      int[] topCols, double[] topCounts) implements Serializable {}

  /** Per document what the driver needs (see {@link Row}), gathered from the final blocks. */
  static List<Row> rows(DistributedNmf.Result fit, boolean[] isTop, int k, boolean listDocuments) {
    return new ArrayList<>(fit.blocks().flatMap(b -> {
      List<Row> out = new ArrayList<>(b.rows());
      for (int i = 0; i < b.rows(); i++) {
        double[] w = Arrays.copyOfRange(b.w, i * k, (i + 1) * k);
        int best = -1;
        double bestW = 0;
        double sum = 0;
        for (int t = 0; t < k; t++) {
          sum += w[t];
          if (w[t] > bestW) {
            bestW = w[t];
            best = t;
          }
        }
        int nt = 0;
        for (int p = b.rowPtr[i]; p < b.rowPtr[i + 1]; p++) if (isTop[b.colIdx[p]]) nt++;
        int[] tc = new int[nt];
        double[] tv = new double[nt];
        nt = 0;
        for (int p = b.rowPtr[i]; p < b.rowPtr[i + 1]; p++) {
          if (isTop[b.colIdx[p]]) {
            tc[nt] = b.colIdx[p];
            tv[nt++] = b.counts[p];
          }
        }
        out.add(new Row(b.ids[i], b.labels[i], best, sum, listDocuments ? w : null,
            b.rowPtr[i + 1] == b.rowPtr[i], tc, tv));
      }
      return out.iterator();
    }).collect());
  }

  static Described describe(DistributedNmf.Result fit, int[][] topIds, List<String> terms,
      Map<String, String> surface, boolean listDocuments, int m) {
    int k = fit.h().rows();
    Set<Integer> union = new HashSet<>();
    for (int[] t : topIds) for (int j : t) union.add(j);
    boolean[] isTop = new boolean[m];
    for (int j : union) isTop[j] = true;
    List<Row> rows = rows(fit, isTop, k, listDocuments);
    rows.sort(Comparator.comparing(Row::id));
    int n = rows.size();

    List<DocumentTopics> docs = new ArrayList<>(listDocuments ? n : 0);
    List<List<Cluster.Member>> members = new ArrayList<>();
    for (int t = 0; t < k; t++) members.add(new ArrayList<>());
    int[] sizes = new int[k];
    int[] assigned = new int[n];
    String[] labels = new String[n];
    boolean labelled = false;
    int[] ptr = new int[n + 1];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      labels[i] = r.label();
      labelled |= r.label() != null;
      ptr[i + 1] = ptr[i] + r.topCols().length;
      int best = r.dominant();
      if (best < 0 || !(r.sum() > 0)) {
        assigned[i] = -1;
        if (listDocuments) {
          docs.add(new DocumentTopics(r.id(), r.label(), null, 0.0, List.of(), null,
              r.empty() ? "no terms after analysis" : "no topic weight"));
        }
        continue;
      }
      assigned[i] = best;
      sizes[best]++;
      if (listDocuments) {
        List<Double> weights = new ArrayList<>(k);
        for (int t = 0; t < k; t++) weights.add(r.weights()[t] / r.sum());
        docs.add(new DocumentTopics(r.id(), r.label(), best, weights.get(best), weights, best, null));
        members.get(best).add(new Cluster.Member(r.id(), weights.get(best)));
      }
    }
    int[] ci = new int[ptr[n]];
    double[] cv = new double[ptr[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i).topCols(), 0, ci, ptr[i], rows.get(i).topCols().length);
      System.arraycopy(rows.get(i).topCounts(), 0, cv, ptr[i], rows.get(i).topCounts().length);
    }
    // The counts restricted to the top terms: all that NPMI and UMass read.
    TopicCoherence coherence = Coherence.compute(new CsrMatrix(n, m, ptr, ci, cv), topIds);
    Agreement agreement = labelled ? ClusterAgreement.compute(assigned, labels, k) : null;
    List<Topic> topics = topics(fit, topIds, terms, surface, sizes, coherence, agreement, m);
    int top = topIds.length == 0 ? 0 : Arrays.stream(topIds).mapToInt(x -> x.length).max().orElse(0);
    // C_V needs every document's token sequence, which the job does not keep: left NaN (undefined).
    Quality quality = new Quality(coherence.meanNpmi(), coherence.meanUmass(), coherence.meanCv(),
        Coherence.diversity(topIds), top);
    Evaluation evaluation = agreement == null ? null : evaluation(agreement);
    List<Cluster> clusters = new ArrayList<>(k);
    if (listDocuments) {
      for (int t = 0; t < k; t++) {
        List<Cluster.Member> ms = members.get(t);
        ms.sort(Comparator.comparingDouble((Cluster.Member mm) -> -mm.strength()).thenComparing(Cluster.Member::id));
        clusters.add(new Cluster(t, ms));
      }
    }
    return new Described(topics, docs, clusters, quality, evaluation);
  }

  private static List<Topic> topics(DistributedNmf.Result fit, int[][] topIds, List<String> terms,
      Map<String, String> surface, int[] sizes, TopicCoherence coherence, Agreement agreement, int m) {
    int k = fit.h().rows();
    List<Topic> topics = new ArrayList<>(k);
    double[] h = fit.h().data();
    for (int t = 0; t < k; t++) {
      List<TermWeight> tw = new ArrayList<>();
      for (int j : topIds[t]) {
        String term = terms.get(j);
        tw.add(new TermWeight(term, surface.getOrDefault(term, term), h[t * m + j]));
      }
      topics.add(new Topic(t, tw, sizes[t], coherence.npmi()[t], coherence.umass()[t],
          agreement == null ? null : agreement.majorityLabelOf(t),
          agreement == null ? 0 : agreement.majorityShare()[t]));
    }
    return topics;
  }

  private static Evaluation evaluation(Agreement agreement) {
    List<List<Integer>> table = new ArrayList<>();
    for (int[] row : agreement.table()) table.add(Arrays.stream(row).boxed().toList());
    return new Evaluation(agreement.documents(), agreement.nmi(), agreement.ari(),
        agreement.purity(), agreement.labels(), table);
  }
}

package io.topicnmf.spark;

import io.topicnmf.eval.Agreement;
import io.topicnmf.eval.ClusterAgreement;
import io.topicnmf.eval.Coherence;
import io.topicnmf.eval.TopicCoherence;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.model.Cluster;
import io.topicnmf.model.DocumentClusters;
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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The report's topics, documents, clusters, quality and evaluation from a distributed fit, as the
 * core's {@code TopicModeler} describes a fit with {@code --clusters dominant} (documents in their
 * dominant topic's cluster, the clusters of topics that split one theme merged by the core's {@link
 * DocumentClusters#mergeSimilar}): only what is needed per document comes to the driver (its
 * dominant topic, label, the top terms it contains for coherence, and its weights when the report
 * lists documents), for the merge each cluster's rows summed over the partitions (sparse, each
 * partition's over the terms it holds), and, when the report does not list the documents, each
 * cluster's strongest members chosen on the executors.
 */
final class Topics {
  private Topics() {}

  /**
   * @param clusterOfTopic for each topic, the cluster its documents were merged into (itself when
   *     its cluster was not merged away; {@link DocumentClusters#mergeSimilar})
   */
  record Described(List<Topic> topics, List<DocumentTopics> documents, List<Cluster> clusters,
      Quality quality, Evaluation evaluation, int[] clusterOfTopic) {}

  /** The topic of row i's largest weight in {@code w} (rows × k), the first on a tie; -1 when none is positive. */
  static int dominant(double[] w, int i, int k) {
    int best = -1;
    double bestW = 0;
    for (int t = 0; t < k; t++) {
      if (w[i * k + t] > bestW) {
        bestW = w[i * k + t];
        best = t;
      }
    }
    return best;
  }

  /**
   * Each topic's cluster as {@code fit --clusters dominant} finds it: the dominant topics' clusters
   * merged ({@link DocumentClusters#mergeSimilar} at {@link DocumentClusters#MERGE_COSINE}) on the
   * rows the core compares ({@link DocumentClusters#space} with the job's idf), each cluster's rows
   * and documents summed per partition, sparse, and added up in partition order ({@link
   * #clusterSums}); only the driver makes the k × terms doubles the merge reads.
   */
  static int[] mergedClusters(JavaRDD<Block> blocks, Broadcast<double[]> idf, int k, int m) {
    ClusterSums total = clusterSums(blocks, idf, k, m);
    return DocumentClusters.mergeSimilar(total.sizes, total.dense(), DocumentClusters.MERGE_COSINE);
  }

  /**
   * Each cluster's damped rows summed and its documents counted ({@link ClusterSums}): a
   * partition's sums made in its task over the terms it holds (no k × terms array is made, sent or
   * kept by a task), then added in partition order ({@link DistributedNmf#inOrder}), so the result
   * is the same bits for a given partitioning whatever order the tasks finish in.
   */
  static ClusterSums clusterSums(JavaRDD<Block> blocks, Broadcast<double[]> idf, int k, int m) {
    JavaRDD<ClusterSums> parts = blocks.mapPartitions(it -> {
      ClusterSums s = new ClusterSums(k, m);
      while (it.hasNext()) {
        Block b = it.next();
        int[] dom = new int[b.rows()];
        for (int i = 0; i < dom.length; i++) dom[i] = b.rowPtr[i + 1] == b.rowPtr[i] ? -1 : dominant(b.w, i, k);
        CsrMatrix space = DocumentClusters.space(b.matrix(), idf.value(), DocumentClusters.TF_POWER);
        s.merge(ClusterSums.of(space, dom, k));
      }
      return List.of(s).iterator();
    });
    ClusterSums total = DistributedNmf.inOrder(parts, DistributedNmf.FAN_IN, ClusterSums::merge);
    return total != null ? total : new ClusterSums(k, m);
  }

  /** A cluster's member as it travels between tasks (the core's {@link Cluster.Member} is not serializable). */
  record Strong(String id, double strength) implements Serializable {}

  /** Strongest first, ties by id: the order of {@code clusters[].documents}. */
  private static final Comparator<Strong> STRONGEST =
      Comparator.comparingDouble((Strong s) -> -s.strength()).thenComparing(Strong::id);

  /** {@code list} sorted strongest first and cut to its first {@code cap}. */
  static ArrayList<Strong> strongest(ArrayList<Strong> list, int cap) {
    list.sort(STRONGEST);
    if (list.size() > cap) list.subList(cap, list.size()).clear();
    return list;
  }

  /**
   * Each cluster's {@code cap} strongest members (strength and order as {@code clusters[].documents}
   * when the report lists every document, so each list is the first {@code cap} of that list),
   * chosen without bringing the documents to the driver: each partition keeps at most {@code cap}
   * per cluster and the partitions' lists are merged by tree aggregation, so the driver receives at
   * most k·cap members per merge.
   */
  static List<List<Cluster.Member>> strongestMembers(JavaRDD<Block> blocks, int[] clusterOfTopic, int cap) {
    int k = clusterOfTopic.length;
    List<List<Integer>> mergedTopics = mergedTopics(clusterOfTopic);
    ArrayList<ArrayList<Strong>> zero = new ArrayList<>(k);
    for (int t = 0; t < k; t++) zero.add(new ArrayList<>());
    ArrayList<ArrayList<Strong>> total = cap <= 0 ? zero : blocks.treeAggregate(zero, (acc, b) -> {
      for (int i = 0; i < b.rows(); i++) {
        int best = dominant(b.w, i, k);
        double sum = 0;
        for (int t = 0; t < k; t++) sum += b.w[i * k + t];
        if (best < 0 || !(sum > 0)) continue;
        int c = clusterOfTopic[best];
        // Summed as describe sums the listed documents' shares, for the same bits.
        double share = b.w[i * k + c] / sum;
        for (int u : mergedTopics.get(c)) share += b.w[i * k + u] / sum;
        ArrayList<Strong> list = acc.get(c);
        list.add(new Strong(b.ids[i], share));
        if (list.size() >= 2L * cap) strongest(list, cap);
      }
      return acc;
    }, (a, b) -> {
      for (int c = 0; c < k; c++) {
        a.get(c).addAll(b.get(c));
        strongest(a.get(c), cap);
      }
      return a;
    }, 2);
    List<List<Cluster.Member>> out = new ArrayList<>(k);
    for (ArrayList<Strong> list : total) {
      List<Cluster.Member> ms = new ArrayList<>();
      for (Strong s : strongest(list, Math.max(cap, 0))) ms.add(new Cluster.Member(s.id(), s.strength()));
      out.add(ms);
    }
    return out;
  }

  /** For each cluster, the other topics merged into it, in increasing order. */
  static List<List<Integer>> mergedTopics(int[] clusterOfTopic) {
    int k = clusterOfTopic.length;
    List<List<Integer>> merged = new ArrayList<>();
    for (int t = 0; t < k; t++) merged.add(new ArrayList<>());
    for (int t = 0; t < k; t++) if (clusterOfTopic[t] != t) merged.get(clusterOfTopic[t]).add(t);
    return merged;
  }

  /** One document as the driver needs it. */
  record Row(String id, String label, int dominant, double sum, double[] weights, boolean empty,
      int[] topCols, double[] topCounts) implements Serializable {}

  /** Per document what the driver needs (see {@link Row}), gathered from the final blocks. */
  static List<Row> rows(DistributedNmf.Result fit, boolean[] isTop, int k, boolean listDocuments) {
    return new ArrayList<>(fit.blocks().flatMap(b -> {
      List<Row> out = new ArrayList<>(b.rows());
      for (int i = 0; i < b.rows(); i++) {
        double[] w = Arrays.copyOfRange(b.w, i * k, (i + 1) * k);
        int best = dominant(w, 0, k);
        double sum = 0;
        for (int t = 0; t < k; t++) sum += w[t];
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

  /**
   * The report's description of the fit, each document in its dominant topic's cluster or where
   * {@code clusterOfTopic} merged it ({@link #mergedClusters}).
   *
   * @param listDocuments whether the report lists every document (in {@code documents} and in
   *     the clusters); when not, {@code documents} is empty and each cluster lists its {@code
   *     perCluster} strongest members ({@link #strongestMembers})
   */
  static Described describe(DistributedNmf.Result fit, int[][] topIds, List<String> terms,
      Map<String, String> surface, boolean listDocuments, int perCluster, int m, int[] clusterOfTopic) {
    int k = fit.h().rows();
    List<List<Integer>> mergedTopics = mergedTopics(clusterOfTopic);
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
      int c = clusterOfTopic[best];
      assigned[i] = c;
      sizes[c]++;
      if (listDocuments) {
        List<Double> weights = new ArrayList<>(k);
        for (int t = 0; t < k; t++) weights.add(r.weights()[t] / r.sum());
        docs.add(new DocumentTopics(r.id(), r.label(), best, weights.get(best), weights, c, null));
        // A member's strength is its share of the cluster's topics, as in the core's clusters.
        double share = weights.get(c);
        for (int u : mergedTopics.get(c)) share += weights.get(u);
        members.get(c).add(new Cluster.Member(r.id(), share));
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
    // Above the threshold the clusters are still all there, each with its strongest members
    // (those report.html quotes), chosen on the executors.
    List<List<Cluster.Member>> strongest = listDocuments ? members
        : strongestMembers(fit.blocks(), clusterOfTopic, perCluster);
    for (int t = 0; t < k; t++) {
      List<Cluster.Member> ms = strongest.get(t);
      if (listDocuments) {
        ms.sort(Comparator.comparingDouble((Cluster.Member mm) -> -mm.strength()).thenComparing(Cluster.Member::id));
      }
      clusters.add(new Cluster(t, ms, mergedTopics.get(t)));
    }
    return new Described(topics, docs, clusters, quality, evaluation, clusterOfTopic.clone());
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

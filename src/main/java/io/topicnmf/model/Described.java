package io.topicnmf.model;

import io.topicnmf.corpus.Document;
import io.topicnmf.eval.Agreement;
import io.topicnmf.eval.ClusterAgreement;
import io.topicnmf.eval.Coherence;
import io.topicnmf.eval.TokenSequences;
import io.topicnmf.eval.TopicCoherence;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.vectorize.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Topics, documents, clusters and their quality, from factors whose H rows have unit norm: what
 * {@code fit} and {@code apply} report of a factorization ({@link #of}).
 */
record Described(List<Topic> topics, List<DocumentTopics> documents, List<Cluster> clusters,
    Quality quality, Evaluation evaluation) {

  /**
   * Each document's dominant topic: the largest entry of its row of W (the first on ties), or -1
   * for a zero row. With H's rows at unit length ({@link #normaliseTopics}).
   */
  static int[] dominantTopics(DenseMatrix w) {
    int n = w.rows();
    int k = w.cols();
    int[] best = new int[n];
    for (int i = 0; i < n; i++) {
      best[i] = -1;
      double bestW = 0;
      for (int t = 0; t < k; t++) {
        double v = w.get(i, t);
        if (v > bestW) {
          bestW = v;
          best[i] = t;
        }
      }
    }
    return best;
  }

  /**
   * Describes a factorization of {@code x} (rows = {@code documents}): each document's dominant
   * topic, normalised weights and cluster, each topic's top terms, size (its cluster's), coherence
   * on {@code counts} (C_V on {@code texts}) and majority label, the clusters, and agreement of the
   * clusters with labels.
   *
   * @param relevance λ of the ranking of each topic's terms ({@link TermRanking}), p(w) taken from
   *     x, or {@link FitOptions#AUTO_RELEVANCE} to choose each topic's ranking ({@link
   *     TermListChoice}, over {@code counts})
   * @param fixedTopIds each topic's top term columns when they are given (a saved model's own
   *     lists, so that apply shows the model's topics), or null to rank them here
   * @param fixedRanking how the given lists were ranked (the saved model's), or null
   * @param clusterOf each document's cluster, -1 for none; null: the dominant topics' clusters
   * @param clusterOfTopic each topic's cluster ({@link DocumentClusters.Result#clusterOfTopic}: its
   *     own unless its cluster was merged into another); null: its own
   * @param noTermsNote the note of a document whose row of x is empty
   */
  static Described of(List<Document> documents, Map<String, String> surface, Vocabulary vocab,
      CsrMatrix counts, TokenSequences texts, CsrMatrix x, NmfResult nmf, int topTerms, double relevance,
      int[][] fixedTopIds, TermListChoice.Ranking fixedRanking, int[] clusterOf, int[] clusterOfTopic, String noTermsNote) {
    int n = documents.size();
    int k = nmf.h().rows();
    List<List<Integer>> mergedInto = new ArrayList<>();
    for (int t = 0; t < k; t++) mergedInto.add(new ArrayList<>());
    if (clusterOfTopic != null) {
      for (int t = 0; t < k; t++) if (clusterOfTopic[t] != t) mergedInto.get(clusterOfTopic[t]).add(t);
    }
    List<Topic> topics = new ArrayList<>();
    List<DocumentTopics> docs = new ArrayList<>(n);
    List<List<Cluster.Member>> members = new ArrayList<>();
    for (int t = 0; t < k; t++) members.add(new ArrayList<>());
    int[] sizes = new int[k];
    DenseMatrix w = nmf.w();
    int[] dominant = dominantTopics(w);
    int[] assigned = new int[n];
    for (int i = 0; i < n; i++) {
      Document d = documents.get(i);
      double sum = 0;
      for (int t = 0; t < k; t++) sum += w.get(i, t);
      int best = dominant[i];
      if (best < 0 || !(sum > 0)) {
        String note = x.rowNnz(i) == 0 ? noTermsNote : "no topic weight";
        docs.add(new DocumentTopics(d.id(), d.label(), null, 0.0, List.of(), null, note, d.metadata()));
        assigned[i] = -1;
        continue;
      }
      WeightShares weights = new WeightShares(w.data(), i * k, k, sum);
      double strength = weights.share(best);
      int c = clusterOf != null && clusterOf[i] >= 0 ? clusterOf[i] : clusterOfTopic != null ? clusterOfTopic[best] : best;
      assigned[i] = c;
      docs.add(new DocumentTopics(d.id(), d.label(), best, strength, weights, c, null, d.metadata()));
      sizes[c]++;
      double share = weights.share(c);
      for (int u : mergedInto.get(c)) share += weights.share(u);
      members.get(c).add(new Cluster.Member(d.id(), share));
    }
    DenseMatrix h = nmf.h();
    int m = vocab.size();
    int top = Math.min(topTerms, m);
    TermListChoice.Result lists = fixedTopIds != null ? new TermListChoice.Result(fixedTopIds, fixedRanking)
        : TermListChoice.lists(relevance, w, h, x, counts, top, vocab.terms());
    int[][] topIds = lists.lists();
    TopicCoherence coherence = Coherence.compute(counts, topIds, texts);
    String[] labels = new String[n];
    boolean labelled = false;
    for (int i = 0; i < n; i++) {
      labels[i] = documents.get(i).label();
      labelled |= labels[i] != null;
    }
    Agreement agreement = labelled ? ClusterAgreement.compute(assigned, labels, k) : null;
    for (int t = 0; t < k; t++) {
      List<TermWeight> terms = new ArrayList<>(top);
      for (int j : topIds[t]) {
        String term = vocab.term(j);
        terms.add(new TermWeight(term, surface.getOrDefault(term, term), h.get(t, j)));
      }
      String majority = agreement == null ? null : agreement.majorityLabelOf(t);
      double share = agreement == null ? 0 : agreement.majorityShare()[t];
      topics.add(new Topic(t, terms, sizes[t], coherence.npmi()[t], coherence.umass()[t],
          coherence.cv()[t], majority, share));
    }
    Quality quality = new Quality(coherence.meanNpmi(), coherence.meanUmass(), coherence.meanCv(),
        Coherence.diversity(topIds), top, lists.ranking());
    Evaluation evaluation = agreement == null ? null : evaluation(agreement);
    List<Cluster> clusters = new ArrayList<>(k);
    for (int t = 0; t < k; t++) {
      List<Cluster.Member> ms = members.get(t);
      ms.sort(Comparator.comparingDouble((Cluster.Member mm) -> -mm.strength()).thenComparing(Cluster.Member::id));
      clusters.add(new Cluster(t, ms, mergedInto.get(t)));
    }
    return new Described(topics, docs, clusters, quality, evaluation);
  }

  /** These topics named by {@code labels} (by topic id; a null or missing label keeps the automatic one). */
  Described withLabels(List<String> labels) {
    List<Topic> named = new ArrayList<>(topics.size());
    for (Topic t : topics) named.add(t.id() < labels.size() ? t.withLabel(labels.get(t.id())) : t);
    return new Described(named, documents, clusters, quality, evaluation);
  }

  private static Evaluation evaluation(Agreement a) {
    List<List<Integer>> table = new ArrayList<>();
    for (int[] row : a.table()) table.add(Arrays.stream(row).boxed().toList());
    return new Evaluation(a.documents(), a.nmi(), a.ari(), a.purity(), a.labels(), table);
  }
}

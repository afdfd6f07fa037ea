package io.topicnmf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.topicnmf.matrix.DenseMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the most similar topics of a saved model until n remain ({@code topicnmf reduce}):
 * agglomerative clustering of the rows of H. At each step the two current topics whose rows have
 * the largest cosine similarity are merged (ties: the smallest pair of ids), and the merged row is
 * the sum of the two rows scaled to unit length (so reducing in two steps gives the model of one
 * step); similarities are kept up to date through the Gram matrix H·Hᵀ, so a step
 * costs O(k²) after one pass over H. The rows of the result are scaled to unit length, as {@code
 * fit} leaves them; a new document's weights are then re-solved with H fixed by {@code apply}
 * ({@link io.topicnmf.nmf.NmfTransform}). The merge order is recorded ({@link Reduction}) so that a
 * page can draw the topic hierarchy as a dendrogram. Non-instantiable.
 */
public final class TopicReduction {
  private TopicReduction() {}

  /**
   * One merge, numbered as SciPy's linkage matrix numbers them: the topics of the model that was
   * first reduced are nodes 0 … k−1, the i-th merge (from 0) creates node k + i.
   *
   * @param left the smaller node merged
   * @param right the other node merged
   * @param node the node created
   * @param similarity cosine similarity of the two rows when they were merged (1 − it is the
   *     height of a dendrogram)
   * @param size topics of the original model under the new node
   */
  public record Merge(int left, int right, int node, double similarity, int size) {}

  /**
   * How a model was reduced.
   *
   * @param fromK topics of the model before any reduction
   * @param merges every merge, in order (those of earlier reductions first)
   * @param members for each topic of the reduced model, the original topics merged into it
   *     (increasing)
   * @param nodes for each topic of the reduced model, its node in the merge tree
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reduction(int fromK, List<Merge> merges, List<List<Integer>> members, List<Integer> nodes) {
    public Reduction {
      merges = List.copyOf(merges);
      members = members.stream().map(List::copyOf).toList();
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * {@code model} with its most similar topics merged until {@code n} remain.
   *
   * @throws IllegalArgumentException naming {@code topics} when n is not within [1, k]
   */
  public static SavedModel reduce(SavedModel model, int n) {
    int k = model.k();
    if (n < 1 || n > k) {
      throw new IllegalArgumentException("--topics " + n + " must be within [1, " + k + "], the model's topics");
    }
    DenseMatrix h = model.h().toDense();
    int m = h.cols();
    double[][] rows = new double[k][];
    for (int t = 0; t < k; t++) rows[t] = java.util.Arrays.copyOfRange(h.data(), t * m, (t + 1) * m);
    double[][] gram = gram(rows);
    Reduction before = model.reduction();
    int[] node = new int[k];
    List<List<Integer>> members = new ArrayList<>();
    List<List<Integer>> inputs = new ArrayList<>(); // the input model's topics under each index
    List<Merge> merges = new ArrayList<>();
    int fromK = before == null ? k : before.fromK();
    for (int t = 0; t < k; t++) {
      node[t] = before == null ? t : before.nodes().get(t);
      members.add(new ArrayList<>(before == null ? List.of(t) : before.members().get(t)));
      inputs.add(new ArrayList<>(List.of(t)));
    }
    if (before != null) merges.addAll(before.merges());
    boolean[] alive = new boolean[k];
    java.util.Arrays.fill(alive, true);
    for (int remaining = k; remaining > n; remaining--) {
      int[] pair = closest(gram, alive);
      int a = pair[0];
      int b = pair[1];
      double sim = cosine(gram, a, b);
      for (int j = 0; j < m; j++) rows[a][j] += rows[b][j];
      // The sum scaled to unit length, as every row of a saved model is: reducing in two steps
      // (k → n1 → n) then gives the very model of one step (k → n).
      double self = gram[a][a] + 2 * gram[a][b] + gram[b][b];
      double scale = self > 0 ? 1 / Math.sqrt(self) : 0;
      for (int j = 0; j < m; j++) rows[a][j] *= scale;
      for (int c = 0; c < k; c++) {
        gram[a][c] = (gram[a][c] + gram[b][c]) * scale;
        gram[c][a] = gram[a][c];
      }
      gram[a][a] = self * scale * scale;
      alive[b] = false;
      members.get(a).addAll(members.get(b));
      inputs.get(a).addAll(inputs.get(b));
      inputs.get(a).sort(Comparator.naturalOrder());
      members.get(a).sort(Comparator.naturalOrder());
      int created = fromK + merges.size();
      merges.add(new Merge(Math.min(node[a], node[b]), Math.max(node[a], node[b]), created, sim, members.get(a).size()));
      node[a] = created;
    }
    return rebuild(model, rows, alive, members, inputs, node, merges, fromK);
  }

  /** The alive pair (a &lt; b) of largest cosine similarity; ties to the smallest pair. */
  private static int[] closest(double[][] gram, boolean[] alive) {
    int best0 = -1;
    int best1 = -1;
    double best = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < gram.length; a++) {
      if (!alive[a]) continue;
      for (int b = a + 1; b < gram.length; b++) {
        if (!alive[b]) continue;
        double s = cosine(gram, a, b);
        if (s > best) {
          best = s;
          best0 = a;
          best1 = b;
        }
      }
    }
    return new int[] {best0, best1};
  }

  private static double cosine(double[][] gram, int a, int b) {
    double d = Math.sqrt(gram[a][a] * gram[b][b]);
    return d > 0 ? gram[a][b] / d : 0;
  }

  private static double[][] gram(double[][] rows) {
    int k = rows.length;
    double[][] g = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        double s = 0;
        double[] ra = rows[a];
        double[] rb = rows[b];
        for (int j = 0; j < ra.length; j++) s += ra[j] * rb[j];
        g[a][b] = s;
        g[b][a] = s;
      }
    }
    return g;
  }

  /** The reduced model: surviving topics in the order of their smallest original topic. */
  private static SavedModel rebuild(SavedModel model, double[][] rows, boolean[] alive,
      List<List<Integer>> members, List<List<Integer>> inputs, int[] node, List<Merge> merges, int fromK) {
    List<Integer> order = new ArrayList<>();
    for (int t = 0; t < alive.length; t++) if (alive[t]) order.add(t);
    order.sort(Comparator.comparingInt(t -> members.get(t).get(0)));
    int n = order.size();
    int m = rows[0].length;
    DenseMatrix h = new DenseMatrix(n, m);
    DenseMatrix oldCentroids = model.centroids() == null ? null : model.centroids().toDense();
    DenseMatrix centroids = oldCentroids == null ? null : new DenseMatrix(n, m);
    List<SavedModel.SavedTopic> topics = new ArrayList<>(n);
    List<List<Integer>> newMembers = new ArrayList<>(n);
    List<Integer> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int t = order.get(i);
      double norm = 0;
      for (double v : rows[t]) norm += v * v;
      norm = Math.sqrt(norm);
      for (int j = 0; j < m; j++) h.set(i, j, norm > 0 ? rows[t][j] / norm : 0);
      newMembers.add(members.get(t));
      nodes.add(node[t]);
    }
    for (int i = 0; i < n; i++) {
      List<Integer> group = inputs.get(order.get(i));
      if (group.size() == 1) {
        SavedModel.SavedTopic only = model.topics().get(group.get(0));
        topics.add(new SavedModel.SavedTopic(i, only.terms(), only.label()));
      } else {
        topics.add(new SavedModel.SavedTopic(i, mergedTerms(model, group, h, i), null));
      }
      if (centroids != null) sumRows(oldCentroids, group, centroids, i);
    }
    FitOptions options = model.options().withTopics(n);
    Reduction reduction = new Reduction(fromK, merges, newMembers, nodes);
    List<Integer> clusterOfTopic = clusterOfTopic(model, centroids, inputs, order);
    return new SavedModel(model.format(), model.toolVersion(), null, options, model.mailCleanup(), model.extraStopwords(),
        model.documents(), model.terms(), model.idf(), topics, SavedModel.SparseRows.of(h),
        centroids == null ? null : SavedModel.SparseRows.of(centroids), reduction, null,
        centroids == null ? null : model.centroidTfPower(), clusterOfTopic);
  }

  /**
   * The reduced topics' clusters when the fit merged clusters ({@link SavedModel#clusterOfTopic}):
   * a reduced topic made only of merged-away clusters (a zero centroid; without centroids, every
   * one of its topics pointing elsewhere) keeps pointing where its first topic's cluster went; the
   * others are their own. Null when no topic points elsewhere.
   */
  private static List<Integer> clusterOfTopic(SavedModel model, DenseMatrix centroids, List<List<Integer>> inputs,
      List<Integer> order) {
    int[] old = model.clusterOfTopicArray();
    if (old == null) return null;
    int n = order.size();
    int[] groupOf = new int[model.k()];
    for (int i = 0; i < n; i++) for (int t : inputs.get(order.get(i))) groupOf[t] = i;
    Integer[] of = new Integer[n];
    boolean merged = false;
    for (int i = 0; i < n; i++) {
      boolean zero = true;
      if (centroids == null) {
        for (int t : inputs.get(order.get(i))) zero &= old[t] != t;
      } else {
        for (int j = 0; j < centroids.cols() && zero; j++) zero = centroids.get(i, j) == 0;
      }
      of[i] = zero ? groupOf[old[inputs.get(order.get(i)).get(0)]] : i;
      merged |= of[i] != i;
    }
    return merged ? List.of(of) : null;
  }

  /** The top terms of a merged topic: its members' listed terms ranked by the merged row's weight. */
  private static List<TermWeight> mergedTerms(SavedModel model, List<Integer> group, DenseMatrix h, int row) {
    Map<String, Integer> column = new HashMap<>();
    List<String> terms = model.terms();
    Map<String, TermWeight> candidates = new java.util.LinkedHashMap<>();
    for (int t : group) {
      for (TermWeight tw : model.topics().get(t).terms()) candidates.putIfAbsent(tw.term(), tw);
    }
    for (String term : candidates.keySet()) column.put(term, terms.indexOf(term));
    List<TermWeight> ranked = new ArrayList<>();
    for (TermWeight tw : candidates.values()) {
      int j = column.get(tw.term());
      ranked.add(new TermWeight(tw.term(), tw.surface(), j < 0 ? 0 : h.get(row, j)));
    }
    ranked.sort(Comparator.comparingDouble((TermWeight tw) -> -tw.weight()).thenComparing(TermWeight::term));
    return ranked.subList(0, Math.min(model.options().topTerms(), ranked.size()));
  }

  private static void sumRows(DenseMatrix from, List<Integer> group, DenseMatrix to, int row) {
    int m = from.cols();
    double norm = 0;
    for (int j = 0; j < m; j++) {
      double s = 0;
      for (int t : group) s += from.get(t, j);
      to.set(row, j, s);
      norm += s * s;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (int j = 0; j < m; j++) to.set(row, j, to.get(row, j) / norm);
  }
}

package io.topicnmf.report;

import io.topicnmf.model.Topic;
import io.topicnmf.model.TopicReduction;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of the dendrogram of a reduced model's topics ({@code topicnmf reduce}), for
 * report.html: the topics of the first fit are the leaves, each merge an inner node, and each
 * topic of the reduced model the root of its own tree.
 *
 * <p>Leaves are placed 0, 1, 2, … from left to right in the order of a depth-first walk of the
 * trees, roots taken by increasing topic, the smaller child of a merge first, so no branch crosses
 * another; an inner node sits halfway between its children. A node's height is the cosine
 * distance (1 − similarity) of the two rows it merged, raised where needed to its children's
 * heights: a merged row can be more similar to a third topic than its parts were to each other,
 * and a branch that went down would be unreadable; the node keeps the similarity itself for the
 * page to show.
 *
 * @param leaves the number of leaves (topics of the first fit)
 * @param nodes every node: the leaves by number (0 … leaves − 1), then one per merge in order
 * @param roots for each topic of the reduced model, its node
 */
public record TopicTree(int leaves, List<Node> nodes, List<Integer> roots) {
  public TopicTree {
    nodes = List.copyOf(nodes);
    roots = List.copyOf(roots);
  }

  /**
   * One node.
   *
   * @param id its number (SciPy's linkage numbering, as {@link TopicReduction.Merge#node()})
   * @param x its position across: a leaf's place from the left (0 …), an inner node's the mean of
   *     its children's
   * @param height 0 for a leaf, else the cosine distance of the merge, at least its children's
   * @param similarity the cosine similarity of the rows merged (1 for a leaf)
   * @param left the smaller child, or null for a leaf
   * @param right the other child, or null for a leaf
   * @param size the leaves under it
   * @param topic the topic of the reduced model this node is, or null for a node inside a tree
   * @param label that topic's label, or null
   */
  public record Node(int id, double x, double height, double similarity, Integer left, Integer right, int size,
      Integer topic, String label) {}

  /**
   * The tree of {@code reduction}, its roots named by {@code topics} (the reduced model's, in
   * order of id).
   *
   * @throws IllegalArgumentException when the reduction and the topics do not match (a topic per
   *     root)
   */
  public static TopicTree of(TopicReduction.Reduction reduction, List<Topic> topics) {
    int n = reduction.fromK();
    List<TopicReduction.Merge> merges = reduction.merges();
    int total = n + merges.size();
    if (reduction.nodes().size() != topics.size()) {
      throw new IllegalArgumentException("reduction: " + reduction.nodes().size() + " roots for " + topics.size() + " topics");
    }
    int[] left = new int[total];
    int[] right = new int[total];
    double[] height = new double[total];
    double[] similarity = new double[total];
    int[] size = new int[total];
    java.util.Arrays.fill(left, -1);
    java.util.Arrays.fill(right, -1);
    java.util.Arrays.fill(similarity, 1);
    java.util.Arrays.fill(size, 0, n, 1);
    for (int i = 0; i < merges.size(); i++) {
      TopicReduction.Merge m = merges.get(i);
      int id = n + i;
      if (m.node() != id || m.left() >= id || m.right() >= id || m.left() < 0 || m.right() < 0) {
        throw new IllegalArgumentException("reduction: merge " + i + " is not numbered as a linkage (" + m + ")");
      }
      left[id] = m.left();
      right[id] = m.right();
      similarity[id] = m.similarity();
      height[id] = Math.max(1 - m.similarity(), Math.max(height[m.left()], height[m.right()]));
      size[id] = size[m.left()] + size[m.right()];
    }
    double[] x = new double[total];
    int[] next = {0};
    for (int root : reduction.nodes()) place(root, left, right, x, next);
    Integer[] topicOf = new Integer[total];
    for (int t = 0; t < reduction.nodes().size(); t++) topicOf[reduction.nodes().get(t)] = t;
    List<Node> nodes = new ArrayList<>(total);
    for (int id = 0; id < total; id++) {
      Integer t = topicOf[id];
      nodes.add(new Node(id, x[id], height[id], similarity[id], left[id] < 0 ? null : left[id],
          right[id] < 0 ? null : right[id], size[id], t, t == null ? null : topics.get(t).label()));
    }
    return new TopicTree(n, nodes, reduction.nodes());
  }

  /** Places the leaves under {@code node} from {@code next[0]} on, and the inner nodes between; iterative (deep chains). */
  private static void place(int node, int[] left, int[] right, double[] x, int[] next) {
    java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
    stack.push(new int[] {node, 0});
    while (!stack.isEmpty()) {
      int[] top = stack.peek();
      int id = top[0];
      if (left[id] < 0) {
        x[id] = next[0]++;
        stack.pop();
      } else if (top[1] == 0) {
        top[1] = 1;
        stack.push(new int[] {Math.min(left[id], right[id]), 0});
      } else if (top[1] == 1) {
        top[1] = 2;
        stack.push(new int[] {Math.max(left[id], right[id]), 0});
      } else {
        x[id] = (x[left[id]] + x[right[id]]) / 2;
        stack.pop();
      }
    }
  }
}

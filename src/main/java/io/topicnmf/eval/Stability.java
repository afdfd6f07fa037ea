package io.topicnmf.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stability of topics across runs, after Greene, O'Callaghan &amp; Cunningham (2014, "How many
 * topics? Stability analysis for topic models", ECML PKDD).
 *
 * <p>A topic is represented by its ranked list of top terms (any element type compared by {@code
 * equals}: term strings or term ids). The paper's measures, all in [0, 1]:
 *
 * <ul>
 *   <li><b>Average Jaccard</b> of two ranked lists: {@code AJ(a, b) = (1/t) Σ_{d=1..t} J(a[:d],
 *       b[:d])}, the Jaccard index of their top-d prefixes averaged over depths 1..t. Unlike a
 *       plain Jaccard of the whole lists it rewards agreeing on the <em>order</em> of terms: two
 *       lists with the same terms in a different order score below 1.
 *   <li><b>Agreement</b> of two topic sets: {@code agree(A, B) = (1/k) Σ_i AJ(A_i, B_π(i))}, where
 *       the permutation π maximises the sum, found with the {@link Hungarian} algorithm.
 *   <li><b>Stability</b> of a reference topic set (fitted on all documents) against τ topic sets
 *       fitted on random subsamples: {@code (1/τ) Σ agree(reference, sample_i)}.
 * </ul>
 *
 * <p>{@link #agreement} and {@link #stability} use AJ, as the paper does; {@link #jaccard} (whole
 * lists as sets) is available for comparison. Conventions beyond the paper: lists of different
 * lengths are compared to depth {@code t = max} of the two lengths, a prefix deeper than a list
 * being the whole list; repeated elements count once; two empty lists agree fully (1). Topic sets
 * of different sizes are matched as far as the smaller allows and the unmatched topics score 0,
 * so the sum is divided by the larger size.
 */
public final class Stability {
  private Stability() {}

  /**
   * Jaccard index of the two lists taken as sets: |a ∩ b| / |a ∪ b|; 1 when both are empty.
   *
   * @param a first list
   * @param b second list
   * @return the index in [0, 1]
   */
  public static double jaccard(List<?> a, List<?> b) {
    Set<Object> sa = new HashSet<>(a);
    Set<Object> sb = new HashSet<>(b);
    if (sa.isEmpty() && sb.isEmpty()) {
      return 1.0;
    }
    int inter = 0;
    for (Object x : sa) {
      if (sb.contains(x)) {
        inter++;
      }
    }
    return (double) inter / (sa.size() + sb.size() - inter);
  }

  /**
   * The paper's average Jaccard (AJ) of two ranked lists: the mean of the Jaccard indices of
   * their top-d prefixes for d = 1..t, with t the longer list's length. O(t) expected time.
   *
   * @param a first ranked list, most important first
   * @param b second ranked list, most important first
   * @return AJ in [0, 1]; 1 when both lists are empty
   */
  public static double averageJaccard(List<?> a, List<?> b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    int t = Math.max(a.size(), b.size());
    if (t == 0) {
      return 1.0;
    }
    Set<Object> pa = new HashSet<>();
    Set<Object> pb = new HashSet<>();
    int inter = 0;
    double sum = 0;
    for (int d = 0; d < t; d++) {
      // Grow both prefixes by one element, keeping |prefix(a) ∩ prefix(b)| up to date.
      if (d < a.size()) {
        Object x = a.get(d);
        if (pa.add(x) && pb.contains(x)) {
          inter++;
        }
      }
      if (d < b.size()) {
        Object y = b.get(d);
        if (pb.add(y) && pa.contains(y)) {
          inter++;
        }
      }
      sum += (double) inter / (pa.size() + pb.size() - inter);
    }
    return sum / t;
  }

  /**
   * The matching of topics of {@code topicsA} to topics of {@code topicsB} that maximises the
   * total AJ.
   *
   * @param topicsA first topic set (ranked term lists)
   * @param topicsB second topic set
   * @return {@code match[i]} = index in {@code topicsB} of the topic matched to {@code
   *     topicsA.get(i)}, or -1 if {@code topicsB} has fewer topics and none is left for it
   */
  public static int[] match(List<? extends List<?>> topicsA, List<? extends List<?>> topicsB) {
    double[][] aj = ajMatrix(topicsA, topicsB);
    return matchFromGain(aj, topicsA.size(), topicsB.size());
  }

  /**
   * The paper's agreement of two topic sets: mean AJ of the topics paired by the best matching
   * (Hungarian algorithm), unmatched topics scoring 0.
   *
   * @param topicsA first topic set (ranked term lists)
   * @param topicsB second topic set
   * @return agreement in [0, 1]
   * @throws IllegalArgumentException if both sets are empty
   */
  public static double agreement(
      List<? extends List<?>> topicsA, List<? extends List<?>> topicsB) {
    int ka = topicsA.size();
    int kb = topicsB.size();
    if (ka == 0 && kb == 0) {
      throw new IllegalArgumentException("agreement needs at least one topic, both sets are empty");
    }
    double[][] aj = ajMatrix(topicsA, topicsB);
    int[] m = matchFromGain(aj, ka, kb);
    double sum = 0;
    for (int i = 0; i < ka; i++) {
      if (m[i] >= 0) {
        sum += aj[i][m[i]];
      }
    }
    return sum / Math.max(ka, kb);
  }

  /** {@link #agreement(List, List)} for topic sets given as term-id arrays. */
  public static double agreement(int[][] topicsA, int[][] topicsB) {
    return agreement(boxed(topicsA), boxed(topicsB));
  }

  /**
   * Stability of a reference topic set: its mean {@link #agreement} with each sample's topic set.
   *
   * @param reference topics fitted on all documents
   * @param samples topics fitted on each subsample (τ ≥ 1 sets)
   * @return stability in [0, 1]
   * @throws IllegalArgumentException if there is no sample
   */
  public static double stability(
      List<? extends List<?>> reference, List<? extends List<? extends List<?>>> samples) {
    Objects.requireNonNull(reference, "reference");
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("stability needs at least one sample topic set, got 0");
    }
    double sum = 0;
    for (List<? extends List<?>> s : samples) {
      sum += agreement(reference, s);
    }
    return sum / samples.size();
  }

  /** {@link #stability(List, List)} for topic sets given as term-id arrays. */
  public static double stability(int[][] reference, List<int[][]> samples) {
    List<List<List<Integer>>> boxedSamples = new ArrayList<>(samples.size());
    for (int[][] s : samples) {
      boxedSamples.add(boxed(s));
    }
    return stability(boxed(reference), boxedSamples);
  }

  private static double[][] ajMatrix(
      List<? extends List<?>> topicsA, List<? extends List<?>> topicsB) {
    Objects.requireNonNull(topicsA, "topicsA");
    Objects.requireNonNull(topicsB, "topicsB");
    double[][] aj = new double[topicsA.size()][topicsB.size()];
    for (int i = 0; i < aj.length; i++) {
      for (int j = 0; j < topicsB.size(); j++) {
        aj[i][j] = averageJaccard(topicsA.get(i), topicsB.get(j));
      }
    }
    return aj;
  }

  /**
   * Agreement of two partitions of the same documents: the adjusted Rand index (Hubert &amp; Arabie
   * 1985, as scikit-learn's {@code adjusted_rand_score}) of {@code a} and {@code b} over the
   * documents that both put in a cluster (ids ≥ 0; -1 means none). Cluster ids need not match
   * between the two: ARI is invariant to relabelling, so no topic matching is needed.
   *
   * @param a each document's cluster in one run, or -1
   * @param b the same documents' clusters in another run, or -1
   * @return ARI in [-0.5, 1] (1: the same partition; about 0: as good as chance), {@code NaN} if no
   *     document is in a cluster in both
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static double clusterAgreement(int[] a, int[] b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (a.length != b.length) {
      throw new IllegalArgumentException("the partitions cover " + a.length + " and " + b.length + " documents");
    }
    int ka = 0;
    int kb = 0;
    for (int i = 0; i < a.length; i++) {
      ka = Math.max(ka, a[i] + 1);
      kb = Math.max(kb, b[i] + 1);
    }
    int[][] table = new int[ka][kb];
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= 0 && b[i] >= 0) table[a[i]][b[i]]++;
    }
    return ClusterAgreement.ari(table);
  }

  private static int[] matchFromGain(double[][] gain, int ka, int kb) {
    int[] m = new int[ka];
    if (ka <= kb) {
      int[] c = Hungarian.solveMax(gain);
      System.arraycopy(c, 0, m, 0, ka);
    } else {
      double[][] t = new double[kb][ka];
      for (int i = 0; i < ka; i++) {
        for (int j = 0; j < kb; j++) {
          t[j][i] = gain[i][j];
        }
      }
      int[] c = Hungarian.solveMax(t);
      java.util.Arrays.fill(m, -1);
      for (int j = 0; j < kb; j++) {
        m[c[j]] = j;
      }
    }
    return m;
  }

  private static List<List<Integer>> boxed(int[][] topics) {
    Objects.requireNonNull(topics, "topics");
    List<List<Integer>> out = new ArrayList<>(topics.length);
    for (int[] t : topics) {
      List<Integer> l = new ArrayList<>(t.length);
      for (int w : t) {
        l.add(w);
      }
      out.add(l);
    }
    return out;
  }
}

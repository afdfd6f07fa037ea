package io.topicnmf.model;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.DenseMatrix;
import java.util.Arrays;

/**
 * Which documents belong to which topic: spherical k-means on the rows of the factorized matrix
 * (cosine similarity, Dhillon &amp; Modha 2001), seeded with each document's dominant topic
 * ({@link Clustering#KMEANS}, the default of {@code fit}). {@code fit} runs it on the rows of
 * {@link #space} (term frequencies damped to tf^{@value #TF_POWER}), not on X itself.
 *
 * <p>A document's dominant topic is the largest entry of its row of W, which depends on how the
 * factorization's scale is split between W and H (scaling H's rows to unit L2, unit L1 or unit
 * maximum gives three different partitions) and weighs one component of the document's mixture
 * only. Starting from that partition, each cluster's centroid is the sum of its documents' rows
 * scaled to unit length, and each document moves to the cluster whose centroid is most similar
 * to it (the cosine of its row with the centroid); both steps repeat until no document moves.
 * The result is a local maximum of the sum of the documents' similarities to their clusters'
 * centroids, which does not depend on the scaling; each cluster keeps its topic's number. Measured
 * on bbc (k = 5) and 20 Newsgroups (k = 20): NMI against the folders 0.864 → 0.886 and 0.564 →
 * 0.597, 4 and 15 rounds (docs/design-notes.md, "Clusters by similarity").
 *
 * <p>A document joins only the cluster of a topic that makes up at least {@value #MIN_SHARE} of
 * its weights (or its dominant topic's): it is put with the documents it resembles most among
 * the topics it contains, so no document sits in a cluster whose topic it lacks (without this,
 * 523 of 11,314 20 Newsgroups posts would; NMI is the same either way).
 *
 * <p>A document moves only to a strictly more similar centroid (ties keep it, and among other
 * clusters the lowest number wins), so the sum of similarities grows with every move and the
 * iteration ends; it is capped at {@value #MAX_ROUNDS} rounds. A cluster that loses all its
 * documents keeps a zero centroid and gains none back. Documents without a seed (no terms, or
 * a zero row of W) stay without a cluster. Centroids are summed in document order and every
 * document is assigned on its own, so the result does not depend on the number of threads.
 *
 * <p>The unit centroids are kept in single precision (each entry rounded to float; similarities
 * are summed in double): every document's similarities read its terms' rows of them, scattered,
 * and at 300,000 generated documents (k = 50, 87 k terms) the doubles took 35 MB, more than the
 * last-level cache. In float the stage took less time and none of the 36 cells of the quality
 * benchmark moved in NMI, ARI or NPMI (bench/RESULTS.md, "Stop 38"). The merge test and {@link
 * #mergeSimilar} read the same float centroids.
 *
 * <p>Two topics of the NMF may split one theme the words cannot tell apart: their clusters then
 * settle with nearly the same centroid, while another theme has no cluster of its own. So when no
 * document moves, the two live clusters whose centroids are most similar are merged if their cosine
 * is at least {@value #MERGE_COSINE} (the smaller cluster's documents join the larger, which
 * may then hold documents of either topic; ties go to the lowest numbers), and the iteration goes
 * on; it ends when no pair is that close. A merged-away cluster stays empty ({@link
 * Result#clusterOfTopic} says where its topic's documents went). Measured on the quality benchmark:
 * docs/design-notes.md, "Clusters the words cannot tell apart".
 */
public final class DocumentClusters {
  /** Rounds after which the iteration stops even if documents still move. */
  public static final int MAX_ROUNDS = 1000;

  /**
   * The least share of a document's topic weights a topic needs for the document to join its
   * cluster (the dominant topic always qualifies).
   */
  public static final double MIN_SHARE = 0.01;

  /**
   * The power the term frequencies are raised to in the rows k-means compares ({@link #space}):
   * 0.75 of the grid 0.25–1 had the best mean NMI over the tuning corpora of the quality benchmark
   * (docs/design-notes.md, "Clusters on damped term frequencies").
   */
  public static final double TF_POWER = 0.75;

  /**
   * The least cosine of two clusters' centroids at which k-means merges them: chosen on the tuning
   * corpora of the quality benchmark among 0.8–0.99 (docs/design-notes.md, "Clusters the words
   * cannot tell apart"). Above 1, no cluster is ever merged.
   */
  public static final double MERGE_COSINE = 0.9;

  private static final int BLOCK = 256;

  /**
   * Margin of the similarity bounds of {@link #move} for rounding: a bound is a sum of a few
   * products of numbers at most 1, a similarity a sum over a row's entries of products at most 1.
   */
  private static final double SLACK = 1e-9;

  /**
   * The clusters found.
   *
   * @param assignment each document's cluster (a topic number), or -1 for a document without one
   * @param centroids k × columns, each row the unit-length direction of its cluster's documents
   *     (a zero row for an empty cluster)
   * @param rounds assignment rounds run (the last one moved no document unless the cap was hit)
   * @param converged true when the last round moved no document
   * @param clusterOfTopic for each topic, the cluster its documents were merged into: itself when
   *     its cluster was not merged away ({@link #MERGE_COSINE})
   */
  public record Result(int[] assignment, DenseMatrix centroids, int rounds, boolean converged, int[] clusterOfTopic) {
    /** True when some cluster was merged into another. */
    public boolean merged() {
      for (int t = 0; t < clusterOfTopic.length; t++) if (clusterOfTopic[t] != t) return true;
      return false;
    }
  }

  private DocumentClusters() {}

  /**
   * Which clusters each document may join: those of the topics that make up at least {@link
   * #MIN_SHARE} of its weights, and always its dominant topic's ({@code allowed[i * k + t]}).
   *
   * @param w documents × topics weights (any scale per row)
   */
  public static boolean[] topicsContained(DenseMatrix w) {
    int n = w.rows();
    int k = w.cols();
    double[] d = w.data();
    boolean[] allowed = new boolean[n * k];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double max = 0;
      for (int t = 0; t < k; t++) {
        sum += d[i * k + t];
        max = Math.max(max, d[i * k + t]);
      }
      if (!(sum > 0)) continue;
      for (int t = 0; t < k; t++) {
        double v = d[i * k + t];
        allowed[i * k + t] = v >= MIN_SHARE * sum || v == max;
      }
    }
    return allowed;
  }

  /**
   * The rows k-means compares for the factorized matrix {@code x} with column weights {@code idf}:
   * each entry's term frequency as {@code x} weighs it ({@code x[i][j] / idf[j]}, up to the row's
   * scale) raised to {@code power} and weighted by {@code idf[j]} again, each row then scaled to
   * unit length; with {@code power} 1, {@code x} itself. A term repeated in a document counts less
   * than in X (tf^0.75 instead of tf): the clusters follow which words documents share more than
   * how often one of them repeats a word. The row's scale cancels (x is tf·idf divided by any
   * row norm), so the same rows come from X alone in fit, select-k and apply; each row is computed
   * on its own, so the result does not depend on the number of threads. Shares {@code x}'s
   * structure; an empty row stays empty.
   */
  public static CsrMatrix space(CsrMatrix x, double[] idf, double power) {
    return space(x, idf, power, Workers.sequential());
  }

  /**
   * {@link #space(CsrMatrix, double[], double)} over fixed blocks of {@value #BLOCK} rows on {@code
   * workers}: every row is computed on its own, so the result is the same for any thread count.
   */
  public static CsrMatrix space(CsrMatrix x, double[] idf, double power, Workers workers) {
    if (power == 1.0) return x;
    if (!(power > 0)) throw new IllegalArgumentException("power must be positive: " + power);
    if (idf.length != x.cols()) {
      throw new IllegalArgumentException("idf has " + idf.length + " entries for " + x.cols() + " columns");
    }
    int[] rp = x.rowPtr();
    int[] ci = x.colIdx();
    float[] v = x.values();
    float[] out = new float[x.nnz()];
    double[][] rows = new double[workers.threads()][0];
    workers.forEachBlock(x.rows(), BLOCK, (worker, b, from, to) -> {
      double[] row = rows[worker];
      for (int i = from; i < to; i++) {
        int p0 = rp[i];
        int len = rp[i + 1] - p0;
        if (row.length < len) row = rows[worker] = new double[Math.max(len, 2 * row.length)];
        double norm = 0;
        for (int q = 0; q < len; q++) {
          double w = idf[ci[p0 + q]];
          double z = v[p0 + q] > 0 && w > 0 ? w * damp(v[p0 + q] / w, power) : 0.0;
          row[q] = z;
          norm += z * z;
        }
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int q = 0; q < len; q++) out[p0 + q] = (float) (row[q] * scale);
      }
    });
    return new CsrMatrix(x.rows(), x.cols(), rp, ci, out);
  }

  /** t^power; two square roots for the default 0.75 (equal to pow within rounding, and faster). */
  private static double damp(double t, double power) {
    if (power == 0.75) {
      double r = Math.sqrt(t);
      return r * Math.sqrt(r);
    }
    return power == 0.5 ? Math.sqrt(t) : Math.pow(t, power);
  }

  /**
   * Spherical k-means on the rows of {@code x} from the partition {@code seed} (values in [0, k)
   * or -1 for a document to leave out), each document moving only among the clusters {@code
   * allowed} marks ({@code allowed[i * k + t]}; null: all), merging clusters whose centroids have a
   * cosine of at least {@value #MERGE_COSINE}.
   */
  public static Result kmeans(CsrMatrix x, int[] seed, boolean[] allowed, int k, Workers workers) {
    return kmeans(x, seed, allowed, k, MERGE_COSINE, workers);
  }

  /**
   * As {@link #kmeans(CsrMatrix, int[], boolean[], int, Workers)}, merging at a centroid cosine of
   * {@code mergeCosine} (above 1: never). A document of a merged-away topic's cluster may join the
   * cluster it was merged into wherever it could join the topic's.
   */
  public static Result kmeans(CsrMatrix x, int[] seed, boolean[] allowed, int k, double mergeCosine,
      Workers workers) {
    if (!(mergeCosine > 0)) throw new IllegalArgumentException("mergeCosine must be positive: " + mergeCosine);
    int n = x.rows();
    if (seed.length != n) {
      throw new IllegalArgumentException("seed has " + seed.length + " entries for " + n + " rows");
    }
    int[] a = seed.clone();
    for (int i = 0; i < n; i++) {
      if (a[i] < -1 || a[i] >= k) throw new IllegalArgumentException("seed of row " + i + " is " + a[i]);
      if (allowed != null && a[i] >= 0 && !allowed[i * k + a[i]]) {
        throw new IllegalArgumentException("row " + i + " is seeded in cluster " + a[i] + ", which it may not join");
      }
      if (x.rowNnz(i) == 0) a[i] = -1;
    }
    if (allowed != null && allowed.length != n * k) {
      throw new IllegalArgumentException("allowed has " + allowed.length + " entries for " + n + " x " + k);
    }
    int m = x.cols();
    // A merge widens the clusters a document may join: it works on a copy (made then, so a fit
    // without merges needs no more memory than before), the caller's array is not written.
    boolean[] ok = allowed;
    int[] clusterOfTopic = new int[k];
    for (int t = 0; t < k; t++) clusterOfTopic[t] = t;
    // Centroids stored term-major (m × k) so a row's similarities to all centroids are read
    // contiguously; scaled to unit length, in single precision (see the class comment).
    float[] ct = new float[m * k];
    boolean[] live = new boolean[k];
    Similarities sims = Similarities.of(x, a, ok, k);
    boolean[] changed = new boolean[k];
    Arrays.fill(changed, true);
    double[] drift = new double[k];
    boolean first = true;
    int rounds = 0;
    boolean converged = false;
    while (rounds < MAX_ROUNDS) {
      centroids(x, a, k, ct, changed, live, drift, workers);
      rounds++;
      boolean[] next = new boolean[k];
      int moved = move(x, ct, k, a, live, sims, first ? null : changed, drift, next, workers);
      if (moved == 0) {
        int[] pair = closestPair(ct, m, k, live, mergeCosine);
        if (pair == null) {
          converged = true;
          break;
        }
        // The similarities are summed afresh over the widened choices in the next round.
        if (ok != null && ok == allowed) ok = allowed.clone();
        changed = merge(pair[0], pair[1], a, ok, k, clusterOfTopic);
        sims = null; // the old similarities may be collected while the new ones are built
        sims = Similarities.of(x, a, ok, k);
        first = true;
        continue;
      }
      changed = next;
      first = false;
    }
    if (!converged) centroids(x, a, k, ct, changed, live, drift, workers);
    return new Result(a, transposed(ct, m, k), rounds, converged, clusterOfTopic);
  }

  /**
   * Clusters given as they are (each document's dominant topic, with {@link Clustering#DOMINANT}),
   * merged as k-means merges its own ({@link #kmeans}) but without moving any document: while the
   * two live clusters whose centroids are most similar have a cosine of at least {@code cosine}, the
   * smaller (by documents; on a tie the higher number) joins the larger, whose centroid becomes the
   * direction of both clusters' rows together (ties go to the lowest pair).
   *
   * @param sizes each cluster's documents
   * @param sums k × columns: each cluster's rows summed ({@link #sums}); not written
   * @param cosine the least cosine to merge at ({@link #MERGE_COSINE}; above 1: never)
   * @return for each topic, the cluster its documents were merged into (itself when not merged away)
   */
  public static int[] mergeSimilar(long[] sizes, DenseMatrix sums, double cosine) {
    if (!(cosine > 0)) throw new IllegalArgumentException("cosine must be positive: " + cosine);
    int k = sums.rows();
    int m = sums.cols();
    if (sizes.length != k) {
      throw new IllegalArgumentException("sizes has " + sizes.length + " entries for " + k + " clusters");
    }
    long[] size = sizes.clone();
    int[] clusterOfTopic = new int[k];
    for (int t = 0; t < k; t++) clusterOfTopic[t] = t;
    // Sums and unit centroids term-major (m × k) as k-means keeps them, so the pair is chosen by the
    // same cosines, summed over the terms in order.
    double[] sum = new double[m * k];
    double[] sd = sums.data();
    for (int t = 0; t < k; t++) for (int j = 0; j < m; j++) sum[j * k + t] = sd[t * m + j];
    float[] ct = new float[m * k];
    boolean[] live = new boolean[k];
    for (int t = 0; t < k; t++) live[t] = unit(sum, ct, m, k, t);
    while (true) {
      int[] pair = closestPair(ct, m, k, live, cosine);
      if (pair == null) return clusterOfTopic;
      int keep = size[pair[1]] > size[pair[0]] ? pair[1] : pair[0];
      int gone = keep == pair[0] ? pair[1] : pair[0];
      size[keep] += size[gone];
      size[gone] = 0;
      for (int j = 0; j < m; j++) {
        sum[j * k + keep] += sum[j * k + gone];
        sum[j * k + gone] = 0;
        ct[j * k + gone] = 0;
      }
      live[gone] = false;
      live[keep] = unit(sum, ct, m, k, keep);
      for (int s = 0; s < k; s++) if (clusterOfTopic[s] == gone) clusterOfTopic[s] = keep;
    }
  }

  /** The merge of the clusters {@code assignment} gives ({@link #mergeSimilar(long[], DenseMatrix, double)}). */
  public record Merged(int[] assignment, int[] clusterOfTopic) {
    /** True when some cluster was merged into another. */
    public boolean merged() {
      for (int t = 0; t < clusterOfTopic.length; t++) if (clusterOfTopic[t] != t) return true;
      return false;
    }
  }

  /**
   * {@link #mergeSimilar(long[], DenseMatrix, double)} for the clusters of {@code assignment} (values
   * in [0, k) or -1 for none; not written), with their sizes counted from it: the documents of a
   * merged-away cluster in the one it was merged into.
   */
  public static Merged mergeSimilar(int[] assignment, DenseMatrix sums, double cosine) {
    int k = sums.rows();
    long[] sizes = new long[k];
    for (int c : assignment) {
      if (c >= k || c < -1) throw new IllegalArgumentException("a document's cluster is " + c + " of " + k);
      if (c >= 0) sizes[c]++;
    }
    int[] of = mergeSimilar(sizes, sums, cosine);
    int[] a = assignment.clone();
    for (int i = 0; i < a.length; i++) if (a[i] >= 0) a[i] = of[a[i]];
    return new Merged(a, of);
  }

  /**
   * Each cluster's rows of {@code x} summed (k × columns), for {@link #mergeSimilar}: a row in
   * cluster {@code assignment[i]} (-1: none) added in document order.
   */
  public static DenseMatrix sums(CsrMatrix x, int[] assignment, int k) {
    int n = x.rows();
    int m = x.cols();
    if (assignment.length != n) {
      throw new IllegalArgumentException("assignment has " + assignment.length + " entries for " + n + " rows");
    }
    double[] out = new double[k * m];
    int[] rp = x.rowPtr();
    int[] ci = x.colIdx();
    float[] v = x.values();
    for (int i = 0; i < n; i++) {
      int c = assignment[i];
      if (c < 0) continue;
      if (c >= k) throw new IllegalArgumentException("row " + i + " is in cluster " + c + " of " + k);
      for (int p = rp[i]; p < rp[i + 1]; p++) out[c * m + ci[p]] += v[p];
    }
    return new DenseMatrix(k, m, out);
  }

  /** Column t of {@code ct} (m × k) as column t of {@code sum} scaled to unit length; true when non-zero. */
  private static boolean unit(double[] sum, float[] ct, int m, int k, int t) {
    double norm = 0;
    for (int j = 0; j < m; j++) norm += sum[j * k + t] * sum[j * k + t];
    double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    boolean nonZero = false;
    for (int j = 0; j < m; j++) {
      float c = (float) (sum[j * k + t] * scale);
      ct[j * k + t] = c;
      nonZero |= c != 0;
    }
    return nonZero;
  }

  /**
   * The two live clusters whose centroids (columns of {@code ct}, m × k, unit length) have the
   * largest cosine, if it is at least {@code threshold}; ties go to the lowest pair (first cluster,
   * then second). Every cosine is summed over the terms in order, so the pair is the same for any
   * thread count. Null when no pair is that close.
   */
  static int[] closestPair(float[] ct, int m, int k, boolean[] live, double threshold) {
    if (threshold > 1) return null;
    double[] g = new double[k * k];
    for (int j = 0; j < m; j++) {
      int base = j * k;
      for (int t = 0; t < k; t++) {
        double v = ct[base + t];
        if (v == 0 || !live[t]) continue;
        for (int u = t + 1; u < k; u++) g[t * k + u] += v * ct[base + u];
      }
    }
    int[] best = null;
    double bestS = threshold;
    for (int t = 0; t < k; t++) {
      if (!live[t]) continue;
      for (int u = t + 1; u < k; u++) {
        if (live[u] && (g[t * k + u] > bestS || (best == null && g[t * k + u] == bestS))) {
          bestS = g[t * k + u];
          best = new int[] {t, u};
        }
      }
    }
    return best;
  }

  /**
   * Merges clusters {@code t} and {@code u}: the one with fewer documents (on a tie, the higher
   * number) joins the other, which may then take any document either could; {@code clusterOfTopic}
   * follows. Returns the clusters whose centroids changed.
   */
  private static boolean[] merge(int t, int u, int[] a, boolean[] ok, int k, int[] clusterOfTopic) {
    int st = 0;
    int su = 0;
    for (int c : a) {
      if (c == t) st++;
      else if (c == u) su++;
    }
    int keep = su > st ? u : t;
    int gone = keep == t ? u : t;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == gone) a[i] = keep;
      if (ok != null) ok[i * k + keep] |= ok[i * k + gone];
    }
    for (int s = 0; s < k; s++) if (clusterOfTopic[s] == gone) clusterOfTopic[s] = keep;
    boolean[] changed = new boolean[k];
    changed[keep] = true;
    changed[gone] = true;
    return changed;
  }

  /**
   * Which clusters each document may join when topics' clusters were merged ({@link
   * Result#clusterOfTopic}): cluster c wherever the document may join a topic merged into c
   * ({@code allowed[i * k + t]}, {@link #topicsContained}); {@code allowed} itself when none was.
   */
  public static boolean[] clustersAllowed(boolean[] allowed, int k, int[] clusterOfTopic) {
    if (clusterOfTopic == null) return allowed;
    if (clusterOfTopic.length != k) {
      throw new IllegalArgumentException("clusterOfTopic has " + clusterOfTopic.length + " entries for " + k + " topics");
    }
    boolean identity = true;
    for (int t = 0; t < k; t++) identity &= clusterOfTopic[t] == t;
    if (identity) return allowed;
    boolean[] out = new boolean[allowed.length];
    for (int p = 0; p < allowed.length; p++) {
      if (allowed[p]) out[p - p % k + clusterOfTopic[p % k]] = true;
    }
    return out;
  }

  /**
   * Each document's similarity to the centroid of every cluster it may join (its own included),
   * kept between rounds: a centroid whose cluster kept its documents is the same to the bit, so
   * only the similarities to the clusters that gained or lost a document are summed again (late
   * rounds move a few documents among a few clusters). {@code topic[c]} and {@code s[c]} for
   * {@code c} in {@code [ptr[i], ptr[i + 1])}, in increasing topic; none for a row left out.
   * {@code slack[c]}: 0 when {@code s[c]} is the similarity to the current centroid; else the
   * similarity to the current centroid is within {@code s[c] ± slack[c]} (the centroid has moved by
   * {@code drift} since s[c] was summed, and |x·c' − x·c| ≤ ‖x‖·‖c' − c‖). {@code norm[i]}: ‖row i‖.
   */
  private record Similarities(int[] ptr, int[] topic, double[] s, double[] slack, double[] norm) {
    static Similarities of(CsrMatrix x, int[] a, boolean[] allowed, int k) {
      int n = x.rows();
      int[] ptr = new int[n + 1];
      for (int i = 0; i < n; i++) {
        int c = 0;
        if (a[i] >= 0) {
          for (int t = 0; t < k; t++) if (allowed == null || allowed[i * k + t] || t == a[i]) c++;
        }
        ptr[i + 1] = ptr[i] + c;
      }
      int[] topic = new int[ptr[n]];
      for (int i = 0; i < n; i++) {
        if (a[i] < 0) continue;
        int c = ptr[i];
        for (int t = 0; t < k; t++) if (allowed == null || allowed[i * k + t] || t == a[i]) topic[c++] = t;
      }
      double[] norm = new double[n];
      int[] rp = x.rowPtr();
      float[] v = x.values();
      for (int i = 0; i < n; i++) {
        double q = 0;
        for (int p = rp[i]; p < rp[i + 1]; p++) q += (double) v[p] * v[p];
        norm[i] = Math.sqrt(q);
      }
      return new Similarities(ptr, topic, new double[ptr[n]], new double[ptr[n]], norm);
    }
  }

  /**
   * One round of k-means moves (as {@link #assign} without outsiders) with the similarities kept
   * in {@code sims}: all of them summed when {@code changed} is null (the first round), else only
   * those to the clusters it marks. Marks in {@code next} the clusters that gained or lost a row;
   * returns the rows moved. Each similarity is summed over the row's entries in order, so every
   * bit, and every move, is the one of summing them all afresh.
   */
  private static int move(CsrMatrix x, float[] ct, int k, int[] a, boolean[] live, Similarities sims,
      boolean[] changed, double[] drift, boolean[] next, Workers workers) {
    int n = x.rows();
    int[] rp = x.rowPtr();
    int[] ci = x.colIdx();
    float[] v = x.values();
    int[] ptr = sims.ptr();
    int[] topic = sims.topic();
    double[] cache = sims.s();
    double[] slack = sims.slack();
    double[] norm = sims.norm();
    int blocks = (n + BLOCK - 1) / BLOCK;
    int[] movedIn = new int[Math.max(blocks, 1)];
    boolean[][] touched = new boolean[Math.max(blocks, 1)][];
    workers.forEachBlock(n, BLOCK, (b, from, to) -> {
      double[] s = new double[k];
      int[] fresh = new int[k];
      boolean[] mine = new boolean[k];
      int moved = 0;
      for (int i = from; i < to; i++) {
        int c0 = ptr[i];
        int c1 = ptr[i + 1];
        if (c0 == c1 || a[i] < 0) continue;
        if (changed == null) {
          Arrays.fill(s, 0.0);
          for (int p = rp[i]; p < rp[i + 1]; p++) {
            double xv = v[p];
            int base = ci[p] * k;
            for (int t = 0; t < k; t++) s[t] += xv * ct[base + t];
          }
          for (int c = c0; c < c1; c++) {
            cache[c] = s[topic[c]];
            slack[c] = 0.0;
          }
        } else {
          // A moved centroid widens the bounds of its similarity; only the similarities that might
          // still beat the current cluster's are summed again: the current one, and any whose upper
          // bound reaches the current one's lower bound. Those left stale are below the current
          // similarity (SLACK covers rounding), so the moves are those of summing all afresh.
          double xn = norm[i];
          double lower = 0.0;
          for (int c = c0; c < c1; c++) {
            int t = topic[c];
            if (changed[t]) slack[c] += drift[t] * xn;
            if (t == a[i] && live[t]) lower = cache[c] - slack[c];
          }
          int nf = 0;
          for (int c = c0; c < c1; c++) {
            int t = topic[c];
            if (slack[c] > 0.0 && (t == a[i] || (live[t] && cache[c] + slack[c] + SLACK > lower))) fresh[nf++] = c;
          }
          if (nf > 0) {
            refresh(rp[i], rp[i + 1], ci, v, ct, k, topic, cache, fresh, nf);
            for (int f = 0; f < nf; f++) slack[fresh[f]] = 0.0;
          }
        }
        int cur = a[i];
        int best = -1;
        double bestS = 0.0;
        if (live[cur]) {
          best = cur;
          for (int c = c0; c < c1; c++) if (topic[c] == cur) bestS = cache[c];
        }
        for (int c = c0; c < c1; c++) {
          int t = topic[c];
          if (live[t] && slack[c] == 0.0 && cache[c] > bestS) {
            bestS = cache[c];
            best = t;
          }
        }
        if (best != cur) {
          a[i] = best;
          moved++;
          mine[cur] = true;
          if (best >= 0) mine[best] = true;
        }
      }
      movedIn[b] = moved;
      touched[b] = mine;
    });
    int total = 0;
    for (int b = 0; b < movedIn.length; b++) {
      total += movedIn[b];
      if (touched[b] != null) for (int t = 0; t < k; t++) next[t] |= touched[b][t];
    }
    return total;
  }

  /** Sums again a row's similarities {@code cache[fresh[f]]}, f < nf, over its entries {@code [p0, p1)} in order. */
  private static void refresh(int p0, int p1, int[] ci, float[] v, float[] ct, int k, int[] topic,
      double[] cache, int[] fresh, int nf) {
    for (int f = 0; f < nf; f++) cache[fresh[f]] = 0.0;
    for (int p = p0; p < p1; p++) {
      double xv = v[p];
      int base = ci[p] * k;
      for (int f = 0; f < nf; f++) {
        int c = fresh[f];
        cache[c] += xv * ct[base + topic[c]];
      }
    }
  }

  /**
   * Each row's most similar centroid (cosine) among those {@code allowed} ({@code allowed[i * k +
   * t]}; null: all), for documents outside the clustering (apply): -1 for a row with no positive
   * similarity to an allowed centroid (an empty row, no topic, or only terms no cluster holds).
   * Ties go to the lowest cluster number.
   */
  public static int[] nearest(CsrMatrix x, DenseMatrix centroids, boolean[] allowed, Workers workers) {
    int k = centroids.rows();
    int m = centroids.cols();
    if (x.cols() != m) {
      throw new IllegalArgumentException("x has " + x.cols() + " columns, the centroids " + m);
    }
    double[] ct = new double[m * k];
    double[] c = centroids.data();
    for (int t = 0; t < k; t++) {
      for (int j = 0; j < m; j++) ct[j * k + t] = c[t * m + j];
    }
    int[] a = new int[x.rows()];
    Arrays.fill(a, -1);
    if (allowed != null && allowed.length != x.rows() * k) {
      throw new IllegalArgumentException("allowed has " + allowed.length + " entries for " + x.rows() + " x " + k);
    }
    assign(x, ct, k, a, allowed, true, workers);
    return a;
  }

  /**
   * Sums the rows of each cluster {@code changed} marks into its column of {@code ct} (m × k),
   * scales the column to unit length and says in {@code live} whether it is non-zero; the other
   * columns are left as they are (their clusters kept their rows, so they would come out the same).
   * One task per cluster on {@code workers}: a cluster's rows are summed in document order into a
   * worker's own column, its norm summed over the terms in order, so every bit is the one of a
   * single thread whatever the thread count (a centroid was the one serial step of a round).
   */
  private static void centroids(CsrMatrix x, int[] a, int k, float[] ct, boolean[] changed, boolean[] live,
      double[] drift, Workers workers) {
    int m = x.cols();
    int[] rp = x.rowPtr();
    int[] ci = x.colIdx();
    float[] v = x.values();
    double[][] columns = new double[workers.threads()][];
    workers.forEachBlock(k, 1, (worker, t, from, to) -> {
      if (!changed[t]) return;
      if (columns[worker] == null) columns[worker] = new double[m];
      double[] col = columns[worker];
      Arrays.fill(col, 0.0);
      for (int i = 0; i < a.length; i++) {
        if (a[i] != t) continue;
        for (int p = rp[i]; p < rp[i + 1]; p++) col[ci[p]] += v[p];
      }
      double norm = 0;
      for (int j = 0; j < m; j++) norm += col[j] * col[j];
      norm = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      boolean nonZero = false;
      double moved = 0;
      for (int j = 0; j < m; j++) {
        float c = (float) (col[j] * norm);
        double d = c - ct[j * k + t];
        moved += d * d;
        ct[j * k + t] = c;
        nonZero |= c != 0;
      }
      live[t] = nonZero;
      drift[t] = Math.sqrt(moved);
    });
  }

  /**
   * Moves each non-empty row to its most similar non-zero allowed centroid when that is strictly
   * more similar than its current one; a row at -1 is left out, or with {@code placeOutsiders}
   * placed in its most similar allowed cluster if it has a positive similarity to one. Returns
   * the rows moved.
   */
  private static int assign(CsrMatrix x, double[] ct, int k, int[] a, boolean[] allowed,
      boolean placeOutsiders, Workers workers) {
    int n = x.rows();
    int m = x.cols();
    boolean[] live = new boolean[k];
    for (int j = 0; j < m; j++) {
      for (int t = 0; t < k; t++) live[t] |= ct[j * k + t] != 0;
    }
    int[] rp = x.rowPtr();
    int[] ci = x.colIdx();
    float[] v = x.values();
    int blocks = (n + BLOCK - 1) / BLOCK;
    int[] movedIn = new int[Math.max(blocks, 1)];
    workers.forEachBlock(n, BLOCK, (b, from, to) -> {
      double[] s = new double[k];
      int moved = 0;
      for (int i = from; i < to; i++) {
        if (rp[i] == rp[i + 1] || (a[i] < 0 && !placeOutsiders)) continue;
        Arrays.fill(s, 0.0);
        for (int p = rp[i]; p < rp[i + 1]; p++) {
          double xv = v[p];
          int base = ci[p] * k;
          for (int t = 0; t < k; t++) s[t] += xv * ct[base + t];
        }
        int cur = a[i];
        int best = cur >= 0 && live[cur] ? cur : -1;
        double bestS = best >= 0 ? s[best] : 0.0;
        for (int t = 0; t < k; t++) {
          if (live[t] && s[t] > bestS && (allowed == null || allowed[i * k + t])) {
            bestS = s[t];
            best = t;
          }
        }
        if (best != cur) {
          a[i] = best;
          moved++;
        }
      }
      movedIn[b] = moved;
    });
    int total = 0;
    for (int c : movedIn) total += c;
    return total;
  }

  private static DenseMatrix transposed(float[] ct, int m, int k) {
    double[] c = new double[k * m];
    for (int j = 0; j < m; j++) {
      for (int t = 0; t < k; t++) c[t * m + j] = ct[j * k + t];
    }
    return new DenseMatrix(k, m, c);
  }
}

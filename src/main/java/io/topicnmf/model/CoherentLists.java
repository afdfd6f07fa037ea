package io.topicnmf.model;

import io.topicnmf.eval.Coherence;
import io.topicnmf.matrix.CsrMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * Candidate term lists of {@code --relevance auto} grown by co-occurrence ({@link TermListChoice}):
 * for each topic, starting from one of its {@value #SEEDS} most frequent words in its own
 * documents (the first terms of the {@code tf}, λ = 1 list), the list adds one term at a time,
 * the term of the topic's pool with the largest sum of NPMI (without ε, {@link
 * Coherence#strictNpmi(int, int, int, int)}) with the terms already listed; ties go to the term
 * met first in the pool. The pool is every term some ranked candidate lists for the topic, so a
 * grown list keeps to the topic's own terms (all with weight in its row of H).
 *
 * <p>Why: when a fitted topic joins two themes (fewer topics than the corpus holds; on the
 * planted corpus at half the planted number, every topic is two planted ones), every ranking by
 * weight interleaves the two themes' words, whose pairs rarely meet, while a list grown from one
 * word keeps to the words that meet it. Only terms in at least {@value #MIN_TOPIC_SHARE} of the
 * topic's own documents are grown (seeds included). The choice still compares these lists with the ranked
 * ones by their own NPMI, under the same coverage and diversity rules (docs/design-notes.md,
 * "Lists grown by co-occurrence").
 *
 * <p>Cost: per topic, the pool's document sets as bit sets (pool × documents / 64 words) and the
 * NPMI of at most {@value #SEEDS} × list length × pool pairs, each an AND and a bit count.
 */
final class CoherentLists {
  /** Grown lists per topic: one from each of the topic's first terms of the {@code tf}, λ = 1 list. */
  static final int SEEDS = 5;

  /** The {@link TermListChoice.Candidate#weights()} of the list grown from the r-th seed (1-based). */
  static String name(int r) {
    return "grown-" + r;
  }
  /**
   * The least share of the topic's own documents (dominant topic, at least 2) a term other than
   * the seed must be in to be grown into a list: without it a list grows into the rare words of one
   * or two documents, whose pairs all meet (NPMI 1) but which say nothing of the topic.
   */
  static final double MIN_TOPIC_SHARE = 0.05;

  private CoherentLists() {}

  /**
   * Appends the {@value #SEEDS} grown candidates ({@code grown-1} … {@code grown-5}: weights
   * named so in the ranking, λ 1, no floor) to {@code cands} and {@code lists}, which hold the
   * ranked candidates of {@link TermListChoice#candidates}. A topic whose r-th seed is missing or
   * in fewer than {@link #MIN_TOPIC_SHARE} of its documents keeps its seed list as its r-th grown
   * list. {@code dominant}: each document's dominant topic (-1 for none).
   */
  static void add(CsrMatrix counts, List<TermListChoice.Candidate> cands, List<int[][]> lists, int k, int top,
      int[] dominant) {
    int seedAt = -1;
    for (int c = 0; c < cands.size(); c++) {
      TermListChoice.Candidate q = cands.get(c);
      if (q.weights().equals("tf") && q.lambda() == 1.0 && q.floor().equals("none")) seedAt = c;
    }
    if (seedAt < 0) throw new IllegalStateException("no tf, λ = 1 candidate to seed the grown lists");
    int m = counts.cols();
    int d = counts.rows();
    int[][] pool = pools(lists, k, m);
    int[] local = new int[m];
    Arrays.fill(local, -1);
    int union = 0;
    for (int[] p : pool) for (int j : p) if (local[j] < 0) local[j] = union++;
    int[] ptr = new int[union + 1];
    int[] post = postings(counts, local, union, ptr);
    int[] size = new int[k];
    for (int i = 0; i < d; i++) if (dominant[i] >= 0) size[dominant[i]]++;
    int[][][] grown = new int[SEEDS][k][];
    int words = (d + 63) / 64;
    for (int t = 0; t < k; t++) {
      int[] seeds = lists.get(seedAt)[t];
      int[] p = common(pool[t], local, ptr, post, dominant, t, Math.max(2, MIN_TOPIC_SHARE * size[t]));
      long[][] bits = new long[p.length][words];
      int[] df = new int[p.length];
      for (int q = 0; q < p.length; q++) {
        int u = local[p[q]];
        for (int e = ptr[u]; e < ptr[u + 1]; e++) bits[q][post[e] >> 6] |= 1L << post[e];
        df[q] = ptr[u + 1] - ptr[u];
      }
      double[][] pair = new double[p.length][p.length];
      for (double[] row : pair) Arrays.fill(row, Double.NaN);
      for (int r = 0; r < SEEDS; r++) {
        int at = r < seeds.length ? indexOf(p, seeds[r]) : -1;
        grown[r][t] = at >= 0 ? grow(p, at, Math.min(top, p.length), bits, df, d, pair) : seeds;
      }
    }
    for (int r = 0; r < SEEDS; r++) {
      cands.add(new TermListChoice.Candidate(name(r + 1), 1.0, "none", 0));
      lists.add(grown[r]);
    }
  }

  /** The list grown from pool entry {@code seed}: n terms, each adding the most NPMI to those before. */
  private static int[] grow(int[] pool, int seed, int n, long[][] bits, int[] df, int d, double[][] pair) {
    int[] chosen = new int[n];
    boolean[] in = new boolean[pool.length];
    double[] sum = new double[pool.length];
    int last = seed;
    chosen[0] = pool[seed];
    in[seed] = true;
    for (int s = 1; s < n; s++) {
      int best = -1;
      for (int q = 0; q < pool.length; q++) {
        if (in[q]) continue;
        sum[q] += npmi(q, last, bits, df, d, pair);
        if (best < 0 || sum[q] > sum[best]) best = q;
      }
      in[best] = true;
      chosen[s] = pool[best];
      last = best;
    }
    return chosen;
  }

  /**
   * The pool's terms in at least {@code floor} of topic t's own documents, in pool order.
   */
  private static int[] common(int[] pool, int[] local, int[] ptr, int[] post, int[] dominant,
      int t, double floor) {
    int[] out = new int[pool.length];
    int c = 0;
    for (int j : pool) {
      int u = local[j];
      int own = 0;
      for (int e = ptr[u]; e < ptr[u + 1]; e++) if (dominant[post[e]] == t) own++;
      if (own >= floor) out[c++] = j;
    }
    return Arrays.copyOf(out, c);
  }

  private static double npmi(int a, int b, long[][] bits, int[] df, int d, double[][] pair) {
    double v = pair[a][b];
    if (Double.isNaN(v)) {
      int co = 0;
      long[] x = bits[a];
      long[] y = bits[b];
      for (int i = 0; i < x.length; i++) co += Long.bitCount(x[i] & y[i]);
      v = Coherence.strictNpmi(co, df[a], df[b], d);
      pair[a][b] = v;
      pair[b][a] = v;
    }
    return v;
  }

  private static int indexOf(int[] pool, int j) {
    for (int q = 0; q < pool.length; q++) if (pool[q] == j) return q;
    return -1;
  }

  /** Each topic's pool: the distinct terms of its ranked candidate lists, in candidate order. */
  private static int[][] pools(List<int[][]> lists, int k, int m) {
    int[][] out = new int[k][];
    int[] stamp = new int[m];
    int[] buf = new int[m];
    for (int t = 0; t < k; t++) {
      int c = 0;
      for (int[][] l : lists) {
        for (int j : l[t]) {
          if (stamp[j] != t + 1) {
            stamp[j] = t + 1;
            buf[c++] = j;
          }
        }
      }
      out[t] = Arrays.copyOf(buf, c);
    }
    return out;
  }

  /** The documents holding each pooled term ({@code counts > 0}), in order, as CSR over local ids. */
  private static int[] postings(CsrMatrix counts, int[] local, int union, int[] ptr) {
    int[] rp = counts.rowPtr();
    int[] ci = counts.colIdx();
    float[] cv = counts.values();
    for (int e = 0; e < counts.nnz(); e++) if (cv[e] > 0 && local[ci[e]] >= 0) ptr[local[ci[e]] + 1]++;
    for (int u = 0; u < union; u++) ptr[u + 1] += ptr[u];
    int[] post = new int[ptr[union]];
    int[] fill = Arrays.copyOf(ptr, union);
    for (int i = 0; i < counts.rows(); i++) {
      for (int e = rp[i]; e < rp[i + 1]; e++) if (cv[e] > 0 && local[ci[e]] >= 0) post[fill[local[ci[e]]]++] = i;
    }
    return post;
  }
}

package io.topicnmf.eval;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.util.Arrays;
import java.util.Objects;

/**
 * Intrinsic quality of topics from their top terms and the corpus they were fitted on: coherence
 * by NPMI and UMass over document co-occurrence, C_V over sliding windows ({@link
 * ContextVectorCoherence}), and the diversity of the top terms. NPMI, UMass and C_V are defined
 * exactly as gensim's {@code CoherenceModel} computes {@code c_npmi} with a whole-document window,
 * {@code u_mass} and {@code c_v} (gensim 4, {@code gensim.topic_coherence}), so the figures can be
 * compared with published ones; {@code bench/coherence_vs_gensim.sh} checks the equality.
 *
 * <h2>Counts</h2>
 *
 * A term is <em>present</em> in a document when the document-term matrix stores a value
 * {@code > 0} for it (counts or TF-IDF weights give the same answer). With {@code D} the number
 * of rows (documents, including any without terms), {@code df(w)} the number of documents in which
 * {@code w} is present and {@code codf(wi, wj)} the number in which both are present;
 * {@code p(w) = df(w)/D}, {@code p(wi,wj) = codf(wi,wj)/D} and {@code ε = }{@value #EPSILON}
 * (gensim's {@code EPSILON}, which keeps the logarithms finite for pairs that never meet). All
 * logarithms are natural.
 *
 * <h2>NPMI</h2>
 *
 * Normalised pointwise mutual information (Bouma 2009) of every pair of top terms, the C_NPMI
 * measure of Röder, Both &amp; Hinneburg (2015, "Exploring the space of topic coherence measures")
 * with boolean <em>document</em> co-occurrence (a window as long as the document):
 *
 * <pre>  NPMI(wi, wj) = log( (p(wi,wj) + ε) / (p(wi) p(wj)) ) / -log( p(wi,wj) + ε )</pre>
 *
 * A topic's NPMI is the arithmetic mean over all ordered pairs of distinct top terms (gensim's
 * {@code s_one_one} segmentation; the measure is symmetric, so this is also the mean over the
 * N(N-1)/2 unordered pairs). A pair lies in [-1, 1]: 1 for terms that always appear together, 0
 * for independent ones; a pair that never meets scores {@code -1 + log(1/(p(wi)p(wj)))/-log ε},
 * slightly above -1, and a pair present in every document scores -1 (the ε convention of gensim).
 * If a term never occurs ({@code df = 0}, possible only when the top terms come from another
 * corpus, as in {@code apply}), the pair scores -1 (gensim would divide by zero).
 *
 * <h2>UMass</h2>
 *
 * Mimno, Wallach, Talley, Leenders &amp; McCallum (2011, "Optimizing semantic coherence in topic
 * models") as gensim computes it: for the top terms {@code v1..vN} in rank order (gensim's {@code
 * s_one_pre} segmentation, the conditioning term {@code vl} being the higher-ranked one),
 *
 * <pre>  UMass = mean over 1 &le; l &lt; m &le; N of log( (p(vm, vl) + ε) / p(vl) )</pre>
 *
 * It is at most 0; closer to zero is more coherent. A pair that never co-occurs scores about
 * {@code log(ε D / df(vl))}, around -20, so a single such pair dominates the topic's mean (this is
 * the published measure; the paper's original "+1" smoothing gives much smaller magnitudes).
 * Convention: if {@code df(vl) = 0} the pair scores 0, as in gensim.
 *
 * <h2>Diversity</h2>
 *
 * Dieng, Ruiz &amp; Blei (2020, "Topic modeling in embedding spaces"): the number of distinct terms
 * among all topics' top-N lists divided by N·k; 1 means no term is shared between topics.
 *
 * <h2>Cost</h2>
 *
 * One pass over the stored entries of the matrix builds, for the union U of the top terms only,
 * the sorted list of documents in which each is present (a binary term × document structure of at
 * most nnz entries; nothing of size docs × terms is formed). Each topic pair is then a merge of two
 * lists: O(nnz + k·N²·maxdf) time and O(cols + nnz(U)) memory.
 */
public final class Coherence {
  /** gensim's {@code direct_confirmation_measure.EPSILON}, added to joint probabilities. */
  public static final double EPSILON = 1e-12;

  private Coherence() {}

  /**
   * NPMI and UMass as {@link #compute(CsrMatrix, int[][])}, and C_V over the sliding windows of
   * {@code texts} ({@link ContextVectorCoherence}, window {@value ContextVectorCoherence#WINDOW}).
   *
   * @param texts the same documents as the matrix rows, as sequences of its columns; null to leave
   *     C_V undefined ({@code NaN})
   * @throws IllegalArgumentException as {@link #compute(CsrMatrix, int[][])}, or if {@code texts}
   *     has another number of documents than the matrix rows
   */
  public static TopicCoherence compute(CsrMatrix docTerm, int[][] topTerms, TokenSequences texts) {
    TopicCoherence direct = compute(docTerm, topTerms);
    if (texts == null) {
      return direct;
    }
    if (texts.documents() != docTerm.rows()) {
      throw new IllegalArgumentException("the texts have " + texts.documents()
          + " documents but the matrix has " + docTerm.rows() + " rows");
    }
    double[] cv = ContextVectorCoherence.cv(texts, topTerms, ContextVectorCoherence.WINDOW);
    return new TopicCoherence(direct.npmi(), direct.umass(), cv, direct.meanNpmi(),
        direct.meanUmass(), TopicCoherence.meanOf(cv));
  }

  /**
   * Scores every topic by NPMI and UMass over document co-occurrence in {@code docTerm} (C_V is
   * left {@code NaN}: it needs the texts, see {@link #compute(CsrMatrix, int[][], TokenSequences)}).
   *
   * @param docTerm documents × terms, any non-negative values; a term is present in a document
   *     when its value is {@code > 0}
   * @param topTerms {@code topTerms[t]} = the column ids of topic t's top terms in rank order (most
   *     important first); lists may differ in length, must not repeat a term
   * @return per-topic scores and their means (see {@link TopicCoherence} for topics with fewer than
   *     two terms)
   * @throws IllegalArgumentException if the matrix has no rows, or a term id is out of range or
   *     repeated within a topic
   */
  public static TopicCoherence compute(CsrMatrix docTerm, int[][] topTerms) {
    return pairScores(docTerm, topTerms, false, Workers.sequential());
  }

  /**
   * Each topic's NPMI as {@link #compute(CsrMatrix, int[][])} but without ε: a pair that never
   * meets scores −1 (NPMI's limit as p(wi,wj) → 0) and a pair present in every document 1, as
   * {@link #strictNpmi(int, int, int, int)}. With ε a pair of two rare terms that never meet scores
   * far above −1 (about −0.4 for two terms in 2 of 10,000 documents), so that lists of rare terms
   * look more coherent than they are; {@code TermListChoice} compares lists by this measure.
   *
   * @return per topic, NaN for a topic of fewer than two terms
   * @throws IllegalArgumentException as {@link #compute(CsrMatrix, int[][])}
   */
  public static double[] strictNpmi(CsrMatrix docTerm, int[][] topTerms) {
    return strictNpmi(docTerm, topTerms, Workers.sequential());
  }

  /**
   * {@link #strictNpmi(CsrMatrix, int[][])} with the pairs' co-occurrence counts merged on {@code
   * workers}: each distinct pair is counted on its own and the sums are formed in the same order,
   * so the scores are the same bits for any thread count.
   */
  public static double[] strictNpmi(CsrMatrix docTerm, int[][] topTerms, Workers workers) {
    return pairScores(docTerm, topTerms, true, workers).npmi();
  }

  private static TopicCoherence pairScores(CsrMatrix docTerm, int[][] topTerms, boolean strict, Workers workers) {
    Objects.requireNonNull(docTerm, "docTerm");
    validate(topTerms, docTerm.cols());
    int docs = docTerm.rows();
    if (docs == 0) {
      throw new IllegalArgumentException("coherence needs at least one document, the matrix has 0 rows");
    }

    // Local index of each top term in the union, -1 for every other column.
    int[] local = new int[docTerm.cols()];
    Arrays.fill(local, -1);
    int union = 0;
    for (int[] topic : topTerms) {
      for (int w : topic) {
        if (local[w] < 0) {
          local[w] = union++;
        }
      }
    }

    // Binary term × document postings for the union only; documents come out sorted.
    int[] ptr = new int[union + 1];
    int[] postings = postings(docTerm, local, ptr);

    int k = topTerms.length;
    // Each pair's co-occurrence count is merged once: the lists of --relevance auto's candidates
    // (thousands, TermListChoice) share most of their pairs. The distinct pairs are numbered in
    // order of first use, then merged in parallel, each on its own; the sums below look each pair
    // up again rather than keep every list's pair numbers (lists of up to 1000 terms share pairs).
    PairIndex pairs = new PairIndex();
    for (int[] topic : topTerms) {
      for (int m = 1; m < topic.length; m++) {
        int um = local[topic[m]];
        for (int l = 0; l < m; l++) pairs.indexOf(pairKey(um, local[topic[l]], union));
      }
    }
    long[] keys = pairs.keys();
    int[] coCounts = new int[keys.length];
    int unionSize = union;
    workers.forEachBlock(keys.length, PAIR_BLOCK, (b, from, to) -> {
      for (int p = from; p < to; p++) {
        int u = (int) (keys[p] / unionSize);
        int v = (int) (keys[p] % unionSize);
        coCounts[p] = intersectionSize(postings, ptr[u], ptr[u + 1], ptr[v], ptr[v + 1]);
      }
    });
    double[] npmi = new double[k];
    double[] umass = new double[k];
    double sumNpmi = 0;
    double sumUmass = 0;
    int scored = 0;
    for (int t = 0; t < k; t++) {
      int[] topic = topTerms[t];
      int n = topic.length;
      if (n < 2) {
        npmi[t] = Double.NaN;
        umass[t] = Double.NaN;
        continue;
      }
      double sN = 0;
      double sU = 0;
      for (int m = 1; m < n; m++) {
        int um = local[topic[m]];
        int dfm = ptr[um + 1] - ptr[um];
        for (int l = 0; l < m; l++) {
          int ul = local[topic[l]];
          int dfl = ptr[ul + 1] - ptr[ul];
          int co = coCounts[pairs.indexOf(pairKey(um, ul, union))];
          sN += strict ? strictNpmi(co, dfm, dfl, docs) : npmi(co, dfm, dfl, docs);
          sU += umass(co, dfl, docs);
        }
      }
      double pairCount = n * (n - 1) / 2.0;
      npmi[t] = sN / pairCount;
      umass[t] = sU / pairCount;
      sumNpmi += npmi[t];
      sumUmass += umass[t];
      scored++;
    }
    double meanNpmi = scored == 0 ? Double.NaN : sumNpmi / scored;
    double meanUmass = scored == 0 ? Double.NaN : sumUmass / scored;
    double[] cv = new double[k];
    Arrays.fill(cv, Double.NaN);
    return new TopicCoherence(npmi, umass, cv, meanNpmi, meanUmass, Double.NaN);
  }

  /**
   * NPMI of one pair from its counts, as gensim's {@code log_ratio_measure(normalize=True)} (see
   * the class documentation); {@code -1} when a term never occurs.
   *
   * @param codf documents (or windows) containing both terms
   * @param dfI documents containing the first term
   * @param dfJ documents containing the second term
   * @param docs number of documents D
   * @return the pair's NPMI, in [-1, 1]
   */
  public static double npmi(int codf, int dfI, int dfJ, int docs) {
    if (codf < 0 || codf > dfI || codf > dfJ || dfI > docs || dfJ > docs) {
      throw new IllegalArgumentException("inconsistent counts codf=" + codf + ", df=" + dfI + ", "
          + dfJ + ", docs=" + docs + " (need 0 <= codf <= df <= docs)");
    }
    if (dfI == 0 || dfJ == 0) {
      return -1.0;
    }
    double d = docs;
    double joint = codf / d + EPSILON;
    double ratio = Math.log(joint / ((dfI / d) * (dfJ / d)));
    return ratio / -Math.log(joint);
  }

  /**
   * NPMI of one pair without ε: {@code log(p(wi,wj)/(p(wi)p(wj))) / −log p(wi,wj)}; −1 when the
   * terms never meet (or one never occurs), 1 when both are in every document.
   *
   * @param codf documents containing both terms
   * @param dfI documents containing the first term
   * @param dfJ documents containing the second term
   * @param docs number of documents D
   * @return the pair's NPMI, in [-1, 1]
   */
  public static double strictNpmi(int codf, int dfI, int dfJ, int docs) {
    npmi(codf, dfI, dfJ, docs); // checks the counts
    if (codf == 0) {
      return -1.0;
    }
    if (codf == docs) {
      return 1.0;
    }
    double d = docs;
    double joint = codf / d;
    return Math.log(joint / ((dfI / d) * (dfJ / d))) / -Math.log(joint);
  }

  /**
   * UMass score of one ordered pair as gensim's {@code log_conditional_probability}: {@code
   * log((codf/D + ε) / (df(vl)/D))} where {@code vl} is the higher-ranked term; 0 when {@code
   * df(vl) = 0}.
   *
   * @param codf documents containing both terms
   * @param dfL documents containing the higher-ranked (conditioning) term
   * @param docs number of documents D
   * @return the pair's UMass score
   */
  public static double umass(int codf, int dfL, int docs) {
    if (codf < 0 || codf > dfL || dfL > docs || docs < 1) {
      throw new IllegalArgumentException("inconsistent counts codf=" + codf + ", df=" + dfL
          + ", docs=" + docs + " (need 0 <= codf <= df <= docs, docs >= 1)");
    }
    if (dfL == 0) {
      return 0.0;
    }
    double d = docs;
    return Math.log((codf / d + EPSILON) / (dfL / d));
  }

  /**
   * Topic diversity: distinct terms over all lists divided by the total length of the lists (N·k
   * when every topic has N terms).
   *
   * @param topTerms {@code topTerms[t]} = term ids of topic t's top terms
   * @return the share of distinct top terms in (0, 1], or {@code NaN} when there are no terms at
   *     all
   */
  public static double diversity(int[][] topTerms) {
    Objects.requireNonNull(topTerms, "topTerms");
    int total = 0;
    for (int[] topic : topTerms) {
      total += Objects.requireNonNull(topic, "topTerms[t]").length;
    }
    if (total == 0) {
      return Double.NaN;
    }
    int[] all = new int[total];
    int p = 0;
    for (int[] topic : topTerms) {
      System.arraycopy(topic, 0, all, p, topic.length);
      p += topic.length;
    }
    Arrays.sort(all);
    int distinct = 1;
    for (int i = 1; i < total; i++) {
      if (all[i] != all[i - 1]) {
        distinct++;
      }
    }
    return (double) distinct / total;
  }

  static void validate(int[][] topTerms, int cols) {
    Objects.requireNonNull(topTerms, "topTerms");
    for (int t = 0; t < topTerms.length; t++) {
      int[] topic = topTerms[t];
      if (topic == null) {
        throw new IllegalArgumentException("topTerms[" + t + "] is null");
      }
      for (int m = 0; m < topic.length; m++) {
        int w = topic[m];
        if (w < 0 || w >= cols) {
          throw new IllegalArgumentException("topic " + t + " has term id " + w
              + " outside the matrix's columns [0, " + cols + ")");
        }
        for (int l = 0; l < m; l++) {
          if (topic[l] == w) {
            throw new IllegalArgumentException("topic " + t + " lists term id " + w + " twice");
          }
        }
      }
    }
  }

  /**
   * The documents in which each union term is present, sorted: term u's are {@code
   * postings[ptr[u] .. ptr[u + 1])}. Fills {@code ptr} (length union + 1) and returns postings.
   */
  private static int[] postings(CsrMatrix docTerm, int[] local, int[] ptr) {
    int union = ptr.length - 1;
    int docs = docTerm.rows();
    int[] rowPtr = docTerm.rowPtr();
    int[] colIdx = docTerm.colIdx();
    float[] values = docTerm.values();
    for (int p = 0, nnz = docTerm.nnz(); p < nnz; p++) {
      int u = local[colIdx[p]];
      if (u >= 0 && values[p] > 0) {
        ptr[u + 1]++;
      }
    }
    for (int u = 0; u < union; u++) {
      ptr[u + 1] += ptr[u];
    }
    int[] next = Arrays.copyOf(ptr, union);
    int[] postings = new int[ptr[union]];
    for (int i = 0; i < docs; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        int u = local[colIdx[p]];
        if (u >= 0 && values[p] > 0) {
          postings[next[u]++] = i;
        }
      }
    }
    return postings;
  }

  /** The key of the pair of union terms {@code u} and {@code v}, in either order. */
  private static long pairKey(int u, int v, int union) {
    return (long) Math.min(u, v) * union + Math.max(u, v);
  }

  /** Distinct pairs a task merges at a time. */
  private static final int PAIR_BLOCK = 64;

  /** Numbers distinct non-negative keys in order of first use: an open-addressing table with linear probing. */
  private static final class PairIndex {
    private long[] slot = new long[1 << 10];
    private int[] id = new int[1 << 10];
    private long[] keys = new long[1 << 9];
    private int size;

    PairIndex() {
      Arrays.fill(slot, -1L);
    }

    int indexOf(long key) {
      int mask = slot.length - 1;
      int i = (int) (key * 0x9E3779B97F4A7C15L >>> 32) & mask;
      while (slot[i] != -1L) {
        if (slot[i] == key) return id[i];
        i = (i + 1) & mask;
      }
      if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
      keys[size] = key;
      slot[i] = key;
      id[i] = size;
      if (++size * 2 > slot.length) grow();
      return size - 1;
    }

    long[] keys() {
      return Arrays.copyOf(keys, size);
    }

    private void grow() {
      long[] oldSlot = slot;
      int[] oldId = id;
      slot = new long[oldSlot.length * 2];
      id = new int[oldSlot.length * 2];
      Arrays.fill(slot, -1L);
      int mask = slot.length - 1;
      for (int s = 0; s < oldSlot.length; s++) {
        if (oldSlot[s] == -1L) continue;
        int i = (int) (oldSlot[s] * 0x9E3779B97F4A7C15L >>> 32) & mask;
        while (slot[i] != -1L) i = (i + 1) & mask;
        slot[i] = oldSlot[s];
        id[i] = oldId[s];
      }
    }
  }

  /** Size of the intersection of two sorted, duplicate-free ranges of {@code a}. */
  private static int intersectionSize(int[] a, int aFrom, int aTo, int bFrom, int bTo) {
    int c = 0;
    int i = aFrom;
    int j = bFrom;
    while (i < aTo && j < bTo) {
      int x = a[i];
      int y = a[j];
      if (x == y) {
        c++;
        i++;
        j++;
      } else if (x < y) {
        i++;
      } else {
        j++;
      }
    }
    return c;
  }
}

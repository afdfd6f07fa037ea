package io.topicnmf.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * The C_V topic coherence of Röder, Both &amp; Hinneburg (2015, "Exploring the space of topic
 * coherence measures"), computed as gensim's {@code CoherenceModel(coherence="c_v")}: segmentation
 * {@code s_one_set}, probabilities from boolean sliding windows of {@value #WINDOW} tokens,
 * indirect confirmation by the cosine of NPMI context vectors (γ = 1), arithmetic mean.
 *
 * <h2>Windows</h2>
 *
 * A document of L tokens gives the windows of {@code W} consecutive tokens starting at positions
 * 0..L-W (L-W+1 of them); a document shorter than W (also an empty one) is one window. The windows
 * of all documents are the "virtual documents" D_w; a term's count is the number of windows in
 * which it occurs, a pair's the number in which both occur. Positions count every analysed token,
 * including those whose term was pruned from the vocabulary.
 *
 * <h2>Measure</h2>
 *
 * For a topic with top terms {@code w1..wN}, with NPMI as {@link Coherence#npmi} over the window
 * counts (so with gensim's ε, and {@code NPMI(w, w)} from the term's own count), the context vector
 * of a term is {@code v(wi) = (NPMI(wi, wj))_{j=1..N}} and that of the whole topic {@code v(T) =
 * Σ_i v(wi)}. Then
 *
 * <pre>  C_V = (1/N) Σ_i cos(v(wi), v(T))</pre>
 *
 * in [-1, 1] (in practice [0, 1]), higher is more coherent; a zero vector gives a cosine of 0.
 *
 * <p>Difference from gensim 4.3: gensim's sliding-window counter ({@code
 * WordOccurrenceAccumulator._slide_window}) forgets a term when one of its occurrences leaves the
 * window even if another occurrence is still inside, so it undercounts terms that repeat within
 * W tokens. This class counts every window that contains the term; {@code
 * bench/coherence_vs_gensim.py} shows both gensim's figure and gensim's pipeline with a correct
 * window counter, which this class matches.
 *
 * <h2>Cost</h2>
 *
 * For each term of the union of the top lists, the windows containing it form a sorted list of
 * disjoint intervals (one pass over the tokens, O(tokens)); a pair's count is the overlap of two
 * such lists. O(tokens + k·N²·occurrences) time, O(occurrences of the top terms) memory.
 */
public final class ContextVectorCoherence {
  /** gensim's sliding window for {@code c_v}. */
  public static final int WINDOW = 110;

  private ContextVectorCoherence() {}

  /**
   * C_V of every topic.
   *
   * @param texts the documents as token columns
   * @param topTerms {@code topTerms[t]} = the columns of topic t's top terms (no repeats)
   * @param window tokens per window, ≥ 1
   * @return per topic its C_V; {@code NaN} for a topic without terms
   */
  public static double[] cv(TokenSequences texts, int[][] topTerms, int window) {
    Objects.requireNonNull(texts, "texts");
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    int maxCol = -1;
    for (int[] topic : Objects.requireNonNull(topTerms, "topTerms")) {
      for (int c : topic) {
        if (c < 0) throw new IllegalArgumentException("negative column " + c + " in topTerms");
        maxCol = Math.max(maxCol, c);
      }
    }
    int[] local = new int[maxCol + 1];
    Arrays.fill(local, -1);
    int union = 0;
    for (int[] topic : topTerms) {
      for (int c : topic) {
        if (local[c] < 0) local[c] = union++;
      }
    }
    Intervals[] windows = new Intervals[union];
    for (int u = 0; u < union; u++) windows[u] = new Intervals();
    int total = windowsOf(texts, window, local, windows);

    double[] cv = new double[topTerms.length];
    for (int t = 0; t < topTerms.length; t++) {
      cv[t] = topic(topTerms[t], local, windows, total);
    }
    return cv;
  }

  /** Fills each union term's window intervals; returns the number of windows of the corpus. */
  private static int windowsOf(TokenSequences texts, int window, int[] local, Intervals[] out) {
    int[] offsets = texts.offsets();
    int[] columns = texts.columns();
    int base = 0;
    for (int d = 0, docs = texts.documents(); d < docs; d++) {
      int from = offsets[d];
      int length = offsets[d + 1] - from;
      int count = Math.max(1, length - window + 1);
      for (int q = 0; q < length; q++) {
        int c = columns[from + q];
        if (c < 0 || c >= local.length || local[c] < 0) continue;
        // Windows starting at s contain position q when s <= q <= s + window - 1.
        out[local[c]].add(base + Math.max(0, q - window + 1), base + Math.min(q, count - 1));
      }
      base = Math.addExact(base, count);
    }
    return base;
  }

  private static double topic(int[] terms, int[] local, Intervals[] windows, int total) {
    int n = terms.length;
    if (n == 0) return Double.NaN;
    double[][] npmi = new double[n][n];
    for (int i = 0; i < n; i++) {
      Intervals a = windows[local[terms[i]]];
      npmi[i][i] = Coherence.npmi(a.covered, a.covered, a.covered, total);
      for (int j = 0; j < i; j++) {
        Intervals b = windows[local[terms[j]]];
        double v = Coherence.npmi(a.overlap(b), a.covered, b.covered, total);
        npmi[i][j] = v;
        npmi[j][i] = v;
      }
    }
    double[] whole = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) whole[j] += npmi[i][j];
    }
    double wholeNorm = 0;
    for (double v : whole) wholeNorm += v * v;
    wholeNorm = Math.sqrt(wholeNorm);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double dot = 0;
      double norm = 0;
      for (int j = 0; j < n; j++) {
        dot += npmi[i][j] * whole[j];
        norm += npmi[i][j] * npmi[i][j];
      }
      double denominator = Math.sqrt(norm) * wholeNorm;
      sum += denominator > 0 ? dot / denominator : 0;
    }
    return sum / n;
  }

  /** Sorted, disjoint, non-adjacent closed intervals of window indices, appended in order. */
  private static final class Intervals {
    int[] starts = new int[8];
    int[] ends = new int[8];
    int size;
    /** Windows covered. */
    int covered;

    void add(int start, int end) {
      if (size > 0 && start <= ends[size - 1] + 1) {
        if (end > ends[size - 1]) {
          covered += end - ends[size - 1];
          ends[size - 1] = end;
        }
        return;
      }
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
      }
      starts[size] = start;
      ends[size] = end;
      size++;
      covered += end - start + 1;
    }

    /** Windows covered by both. */
    int overlap(Intervals o) {
      int c = 0;
      int i = 0;
      int j = 0;
      while (i < size && j < o.size) {
        int lo = Math.max(starts[i], o.starts[j]);
        int hi = Math.min(ends[i], o.ends[j]);
        if (lo <= hi) c += hi - lo + 1;
        if (ends[i] < o.ends[j]) i++; else j++;
      }
      return c;
    }
  }
}

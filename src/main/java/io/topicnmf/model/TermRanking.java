package io.topicnmf.model;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.SparseKernels;
import io.topicnmf.nmf.TopicRefit;
import io.topicnmf.options.InvalidOptionException;
import io.topicnmf.parallel.Workers;

/**
 * Chooses the terms that describe each topic: the {@code top} terms of highest <em>relevance</em>
 * (Sievert &amp; Shirley 2014, "LDAvis: A method for visualizing and interpreting topics"),
 *
 * <pre>  r(w, t) = λ·log φ(t, w) + (1 − λ)·log( φ(t, w) / p(w) )</pre>
 *
 * where {@code φ(t, ·)} is row t of H scaled to sum 1 (the topic's distribution over terms; under
 * the KL loss NMF is PLSA and this is p(w | t)), and {@code p(w)} is term w's share of the total
 * weight of the factorized matrix X (its column sum over the sum of all entries). λ = 1 ranks by
 * weight in H alone, which favours terms frequent everywhere; smaller λ favours terms specific to
 * the topic (lift). λ = 0.5 ranks by φ²/p(w), that is by p(w|t)·p(t|w) up to a factor constant in
 * the topic: terms both probable in the topic and telling of it. Only terms with a positive weight
 * in the topic are candidates; ties go to the lower column.
 *
 * <p>With phrases in the vocabulary ({@code --ngrams} 2 or 3; a phrase is a term of several
 * space-separated words), a list does not say the same thing twice: a term that lies inside a
 * phrase already listed ("rates" after "interest rates") is passed over, a phrase takes the place
 * of the listed terms inside it, and the list is filled up from further down the ranking.
 * Otherwise a phrase and its own words, which co-occur by construction, would fill the list with
 * repetitions (and score a coherence that says nothing about the topic).
 *
 * <p>Cost: O(nnz(X) + k·terms·log top) time, O(terms) memory.
 */
public final class TermRanking {
  private TermRanking() {}

  /**
   * The columns of each topic's {@code top} most relevant terms, most relevant first (fewer when a
   * topic has fewer positive weights).
   *
   * @param h topics × terms, non-negative
   * @param x documents × terms, the matrix H was fitted to (non-negative)
   * @param top terms per topic, ≥ 1
   * @param lambda λ in [0, 1]
   */
  public static int[][] top(DenseMatrix h, CsrMatrix x, int top, double lambda) {
    return top(h, x, top, lambda, null);
  }

  /**
   * {@link #top(DenseMatrix, CsrMatrix, int, double)}, with the terms of the columns so that no
   * listed term lies inside a listed phrase (see the class comment); {@code terms} null or
   * without phrases changes nothing.
   */
  public static int[][] top(DenseMatrix h, CsrMatrix x, int top, double lambda, java.util.List<String> terms) {
    return rank(h, x, top, lambda, terms);
  }

  /**
   * The default ranking of a fit ({@code --term-weights refit}): {@link #top(DenseMatrix,
   * CsrMatrix, int, double, java.util.List)} over the topics' terms re-weighted by least squares
   * with the documents' weights fixed ({@link #leastSquaresTopics}), so that a term is listed for
   * how much of X it explains in the topic's documents. Only terms with a positive weight in the
   * topic's row of {@code h} are candidates. With {@code w} null, over {@code h} itself.
   *
   * @param w documents × topics, the W of the fit (rows = rows of x), or null
   */
  public static int[][] top(DenseMatrix w, DenseMatrix h, CsrMatrix x, int top, double lambda,
      java.util.List<String> terms) {
    if (w == null) {
      return rank(h, x, top, lambda, terms);
    }
    return rank(refitOnSupport(x, w, h), x, top, lambda, terms);
  }

  /**
   * {@link #leastSquaresTopics} restricted to the support of {@code h}: candidates stay the terms
   * with weight in the topic's row of H, so a listed term always has a positive weight in the
   * report; only their order comes from the least-squares weights.
   */
  static DenseMatrix refitOnSupport(CsrMatrix x, DenseMatrix w, DenseMatrix h) {
    DenseMatrix refit = leastSquaresTopics(x, w, h);
    double[] rd = refit.data();
    double[] hd = h.data();
    for (int e = 0; e < rd.length; e++) {
      if (!(hd[e] > 0)) rd[e] = 0;
    }
    return refit;
  }

  /**
   * H re-fitted to X by least squares with the documents' topic mixtures fixed. Each row of W is
   * first rescaled by the factor that makes its reconstruction fit its row of X best in least
   * squares, {@code s_i = ⟨x_i, w_i·H⟩ / ‖w_i·H‖²}, so that every document counts as it would in a
   * Frobenius fit (under the KL loss a row of W grows with the row's L1 mass, so long documents,
   * which hold most of the rare terms, would dominate); then each column of the result is the exact
   * non-negative least-squares solution {@code argmin_{h ≥ 0} ‖x_j − W'·h‖²} (x_j the column of X),
   * by block principal pivoting ({@link DenseKernels#nnlsRows}) from the support of {@code h}'s
   * column. These are the term weights scikit-learn's Frobenius NMF would give the same topic
   * mixtures; their lists co-occur more than those of the KL H, which lifts terms of a few
   * documents (docs/design-notes.md, "Term ranking across corpora"). A topic whose re-fitted row
   * is all zero keeps its own row.
   *
   * <p>Cost: O(nnz(X)·k + n·k² + terms·k² + terms·k³) time, O(terms·k) memory; on the workers of
   * {@link #withWorkers} (else one thread), the same bits for any thread count.
   *
   * @param x documents × terms
   * @param w documents × topics, non-negative
   * @param h topics × terms, non-negative: the starting supports
   */
  public static DenseMatrix leastSquaresTopics(CsrMatrix x, DenseMatrix w, DenseMatrix h) {
    int n = x.rows();
    int m = x.cols();
    int k = h.rows();
    if (w.rows() != n || w.cols() != k || h.cols() != m) {
      throw new IllegalArgumentException("W is " + w.rows() + " x " + w.cols() + ", H is " + h.rows()
          + " x " + h.cols() + " but X is " + n + " x " + m);
    }
    Workers workers = WORKERS.get();
    DenseMatrix refit = workers == null ? TopicRefit.solveH(x, rescaledRows(x, w, h, Workers.sequential()), h)
        : TopicRefit.solveH(x, rescaledRows(x, w, h, workers), h, workers);
    double[] rd = refit.data();
    double[] hd = h.data();
    for (int t = 0; t < k; t++) {
      boolean positive = false;
      for (int j = 0; j < m && !positive; j++) positive = rd[t * m + j] > 0;
      if (!positive) System.arraycopy(hd, t * m, rd, t * m, m);
    }
    return refit;
  }

  /**
   * The workers the least-squares weights use on this thread while {@link #withWorkers} runs: the
   * fit's, so the ranking after a fit uses its threads without every caller between the fit and
   * this class passing them on. Unset: one thread. The result is the same bits either way.
   */
  private static final ThreadLocal<Workers> WORKERS = new ThreadLocal<>();

  /**
   * Runs {@code body} with {@link #leastSquaresTopics} (and so every ranking over re-fitted term
   * weights) on {@code workers}: XᵀW, the rows' rescaling and the terms' NNLS rows in parallel,
   * each of them over fixed blocks, so the lists are those of one thread.
   */
  public static <T> T withWorkers(Workers workers, java.util.function.Supplier<T> body) {
    Workers before = WORKERS.get();
    WORKERS.set(workers);
    try {
      return body.get();
    } finally {
      if (before == null) WORKERS.remove(); else WORKERS.set(before);
    }
  }

  /** The workers {@link #withWorkers} set on this thread, else one thread's. */
  static Workers workers() {
    Workers workers = WORKERS.get();
    return workers == null ? Workers.sequential() : workers;
  }

  /** W with row i scaled by s_i = ⟨x_i, w_i·H⟩ / ‖w_i·H‖² (0 when w_i·H = 0). */
  static double[] rescaledRows(CsrMatrix x, DenseMatrix w, DenseMatrix h) {
    return rescaledRows(x, w, h, Workers.sequential());
  }

  /** {@link #rescaledRows(CsrMatrix, DenseMatrix, DenseMatrix)} over fixed blocks of rows; each row on its own. */
  static double[] rescaledRows(CsrMatrix x, DenseMatrix w, DenseMatrix h, Workers workers) {
    int n = x.rows();
    int m = x.cols();
    int k = h.rows();
    double[] ht = h.transpose().data();
    double[] hht = new double[k * k];
    DenseKernels.gram(ht, m, k, hht);
    double[] wd = w.data();
    double[] out = new double[n * k];
    int[] rp = x.rowPtr();
    int[] ci = x.colIdx();
    float[] v = x.values();
    int[][] nzs = new int[workers.threads()][];
    workers.forEachBlock(n, SparseKernels.ROW_BLOCK, (worker, b, from, to) -> {
      if (nzs[worker] == null) nzs[worker] = new int[k];
      rescale(rp, ci, v, wd, ht, hht, k, nzs[worker], out, from, to);
    });
    return out;
  }

  /** Rows {@code [from, to)} of {@link #rescaledRows}. */
  private static void rescale(int[] rp, int[] ci, float[] v, double[] wd, double[] ht, double[] hht, int k,
      int[] nz, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      int wi = i * k;
      // (w_i·H)_j over the row's non-zero topics only, read from Hᵀ (a term's k weights side by
      // side): the products left out are exact zeros, so the sum keeps its bits.
      int nk = 0;
      for (int t = 0; t < k; t++) if (wd[wi + t] != 0) nz[nk++] = t;
      double num = 0;
      for (int p = rp[i]; p < rp[i + 1]; p++) {
        double r = 0;
        int hj = ci[p] * k;
        for (int c = 0; c < nk; c++) r += wd[wi + nz[c]] * ht[hj + nz[c]];
        num += v[p] * r;
      }
      double den = 0;
      for (int a = 0; a < k; a++) {
        if (wd[wi + a] == 0) continue;
        double r = 0;
        for (int b = 0; b < k; b++) r += hht[a * k + b] * wd[wi + b];
        den += wd[wi + a] * r;
      }
      double scale = den > 0 && num > 0 ? num / den : 0;
      for (int t = 0; t < k; t++) out[wi + t] = wd[wi + t] * scale;
    }
  }

  private static int[][] rank(DenseMatrix h, CsrMatrix x, int top, double lambda, java.util.List<String> terms) {
    if (h.cols() != x.cols()) {
      throw new IllegalArgumentException(
          "H is " + h.rows() + " x " + h.cols() + " but X is " + x.rows() + " x " + x.cols());
    }
    return rank(h, lambda == 1 ? null : logShares(x), top, lambda, null, terms);
  }

  /**
   * The ranking itself: relevance over {@code h} with the log shares {@code logP} of the columns
   * (null when λ = 1), plus {@code penalty[j]} added to every score of column j (null: none; a
   * column whose penalty is −∞ is never listed). {@link TermListChoice} ranks its candidates here.
   */
  static int[][] rank(DenseMatrix h, double[] logP, int top, double lambda, double[] penalty,
      java.util.List<String> terms) {
    if (terms != null && terms.size() != h.cols()) {
      throw new IllegalArgumentException(terms.size() + " terms for " + h.cols() + " columns");
    }
    boolean phrases = terms != null && terms.stream().anyMatch(t -> t.indexOf(' ') >= 0);
    if (top < 1) {
      throw new IllegalArgumentException("top must be >= 1, got " + top);
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new InvalidOptionException("relevance", "{relevance} " + lambda + " must be within [0, 1]");
    }
    int k = h.rows();
    int m = h.cols();
    double[] hd = h.data();
    double[] score = new double[m];
    int[][] result = new int[k][];
    for (int t = 0; t < k; t++) {
      double sum = 0;
      for (int j = 0; j < m; j++) sum += hd[t * m + j];
      double logSum = Math.log(sum);
      for (int j = 0; j < m; j++) {
        double v = hd[t * m + j];
        if (!(v > 0) || (logP != null && logP[j] == Double.NEGATIVE_INFINITY)
            || (penalty != null && penalty[j] == Double.NEGATIVE_INFINITY)) {
          score[j] = Double.NaN;
          continue;
        }
        if (penalty == null) {
          // λ = 1 compares the weights themselves, so near-ties keep their exact order.
          score[j] = logP == null ? v : Math.log(v) - logSum - (1 - lambda) * logP[j];
        } else {
          score[j] = Math.log(v) - logSum - (logP == null ? 0 : (1 - lambda) * logP[j]) + penalty[j];
        }
      }
      result[t] = phrases ? withoutRepeats(score, Math.min(top, m), terms) : largest(score, Math.min(top, m));
    }
    return result;
  }

  /**
   * The {@code n} best-scored columns whose terms do not lie inside one another: walking down the
   * ranking, a term inside a listed phrase is skipped, and a phrase replaces the listed terms
   * inside it (taking the place of the first of them).
   */
  static int[] withoutRepeats(double[] score, int n, java.util.List<String> terms) {
    java.util.List<Integer> listed = new java.util.ArrayList<>(n);
    int pool = Math.min(score.length, 4 * n);
    int seen = 0;
    while (true) {
      int[] ranked = largest(score, pool);
      for (; seen < ranked.length && listed.size() < n; seen++) {
        int c = ranked[seen];
        String term = terms.get(c);
        boolean inside = false;
        for (int q : listed) {
          if (contains(terms.get(q), term)) {
            inside = true;
            break;
          }
        }
        if (inside) {
          continue;
        }
        int first = -1;
        for (int i = listed.size() - 1; i >= 0; i--) {
          if (contains(term, terms.get(listed.get(i)))) {
            first = i;
            listed.remove(i);
          }
        }
        if (first < 0) {
          listed.add(c);
        } else {
          listed.add(first, c);
        }
      }
      if (listed.size() == n || ranked.length < pool || pool == score.length) {
        break;
      }
      pool = (int) Math.min(score.length, 4L * pool);
    }
    int[] out = new int[listed.size()];
    for (int i = 0; i < out.length; i++) out[i] = listed.get(i);
    return out;
  }

  /** Whether the words of {@code part} appear, in order and adjacent, among those of {@code phrase} (and differ from it). */
  static boolean contains(String phrase, String part) {
    if (phrase.length() <= part.length()) {
      return false;
    }
    int from = 0;
    while (true) {
      int at = phrase.indexOf(part, from);
      if (at < 0) {
        return false;
      }
      int end = at + part.length();
      if ((at == 0 || phrase.charAt(at - 1) == ' ') && (end == phrase.length() || phrase.charAt(end) == ' ')) {
        return true;
      }
      from = at + 1;
    }
  }

  /** log p(w) per column: log of the column's sum of X over the sum of all of X. */
  static double[] logShares(CsrMatrix x) {
    double[] col = new double[x.cols()];
    int[] ci = x.colIdx();
    float[] v = x.values();
    double total = 0;
    for (int e = 0; e < x.nnz(); e++) {
      col[ci[e]] += v[e];
      total += v[e];
    }
    double logTotal = Math.log(total);
    for (int j = 0; j < col.length; j++) col[j] = Math.log(col[j]) - logTotal;
    return col;
  }

  /** Indices of the {@code n} largest non-NaN scores, largest first, ties by lower index. */
  static int[] largest(double[] score, int n) {
    return largest(score, 0, score.length, n, j -> !Double.isNaN(score[j]));
  }

  /**
   * The top-n selection of the project (term ranking, the top terms of a row of H, LDAvis's
   * salient and relevant terms): the indices, counted from {@code from}, of the {@code n} largest
   * values of {@code v[from, to)} among those {@code keep} accepts (it is given the index into
   * {@code v}), largest first, ties by lower index. A bounded insertion, O(length · n) at worst,
   * instead of a full sort.
   */
  public static int[] largest(double[] v, int from, int to, int n, java.util.function.IntPredicate keep) {
    int[] best = new int[n];
    int size = 0;
    for (int j = from; j < to; j++) {
      if (!keep.test(j)) continue;
      double x = v[j];
      if (size == n && !(x > v[from + best[size - 1]])) continue;
      int p = size < n ? size++ : size - 1;
      while (p > 0 && v[from + best[p - 1]] < x) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = j - from;
    }
    return java.util.Arrays.copyOf(best, size);
  }
}

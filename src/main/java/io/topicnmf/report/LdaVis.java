package io.topicnmf.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.topicnmf.files.AtomicFiles;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.model.TermRanking;
import io.topicnmf.model.TopicModelResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The prepared data of LDAvis (Sievert &amp; Shirley 2014, "LDAvis: A method for visualizing and
 * interpreting topics") as pyLDAvis's {@code prepare(...).to_json()} writes it, so LDAvis's
 * JavaScript (or {@code pyLDAvis.display} of the loaded JSON) shows an NMF model without Python.
 *
 * <p>Inputs, as pyLDAvis expects them: topic-term distributions φ = the rows of H divided by their
 * sums; document-topic distributions θ = the rows of W divided by their sums (documents without
 * weights contribute nothing); document lengths = the documents' total term counts (the counts
 * matrix, after pruning). Then, exactly as {@code pyLDAvis/_prepare.py}:
 *
 * <ul>
 *   <li>topic frequency {@code f_t = Σ_d θ_dt·len_d}; topics are ordered by decreasing share
 *       ({@code topic.order} lists the original 1-based ids in that order; every other table uses
 *       the new 1-based numbers);
 *   <li>term-topic frequency {@code φ_tw·f_t}; term frequency = its sum over topics (pyLDAvis's fix
 *       of LDAvis issue 41, which replaces the given counts by this; it equals the counts when the
 *       model reproduces them);
 *   <li>{@code mdsDat}: classical multidimensional scaling (PCoA) of the Jensen–Shannon divergences
 *       between the φ rows (natural log), coordinates {@code sqrt(λ)·v} of the two largest
 *       eigenpairs of {@code −½·J·D²·J} (EJML symmetric eigen-decomposition; eigenvalues at most
 *       1e-8 set to 0, as pyLDAvis's {@code np.isclose}; each vector's sign fixed so its
 *       largest-magnitude entry is positive, where pyLDAvis keeps whatever sign LAPACK returns),
 *       and {@code Freq} = 100 × the topic's share;
 *   <li>{@code tinfo}: the R most salient terms ({@code saliency(w) = p(w)·Σ_t p(t|w)·log(p(t|w)/p(t))},
 *       category "Default", Freq and Total the floored term frequency, logprob = loglift = R..1),
 *       then for each topic the union, over λ = 0, 0.01, …, 1, of its R most relevant terms
 *       ({@code relevance = λ·log φ_tw + (1−λ)·log lift}, lift = φ_tw/p(w)), ties to the lower
 *       term id (pandas' {@code nlargest}), with logprob = log φ and loglift = log lift rounded
 *       to 4 decimals half to even (numpy's {@code round}). Lift is computed as the equal
 *       p(t|w)/p(t), so that the terms of one topic alone (p(t|w) = 1) tie exactly, as in exact
 *       arithmetic; pyLDAvis's φ/p(w) leaves them a rounding apart and so picks its λ = 0 terms
 *       among them by rounding noise. Terms with φ_tw = 0 are never listed for topic t (their log
 *       is −∞, which JSON cannot hold; pyLDAvis lists them only for a topic with fewer than R
 *       non-zero terms);
 *   <li>{@code token.table}: for every term listed in tinfo and every topic where its term-topic
 *       frequency is ≥ 0.5, that frequency rounded half to even divided by the term frequency;
 *       sorted by term (Unicode code points, as Python) then topic.
 * </ul>
 *
 * <p>bench/ldavis_check.py compares this, field by field, with a port of pyLDAvis's {@code
 * prepare()} fed the same inputs (bench/RESULTS.md, "LDAvis export against pyLDAvis's
 * algorithm").
 *
 * @param mdsDat columns x, y, topics, cluster, Freq
 * @param tinfo columns Term, Freq, Total, Category, logprob, loglift
 * @param tokenTable columns Topic, Freq, Term
 * @param r terms shown per topic (30, or the vocabulary size if smaller)
 * @param lambdaStep 0.01
 * @param plotOpts axis labels {xlab: PC1, ylab: PC2}
 * @param topicOrder original topic ids (1-based) by decreasing size
 */
@JsonPropertyOrder({"mdsDat", "tinfo", "token.table", "R", "lambda.step", "plot.opts", "topic.order"})
public record LdaVis(
    @JsonProperty("mdsDat") Map<String, List<Object>> mdsDat,
    @JsonProperty("tinfo") Map<String, List<Object>> tinfo,
    @JsonProperty("token.table") Map<String, List<Object>> tokenTable,
    @JsonProperty("R") int r,
    @JsonProperty("lambda.step") double lambdaStep,
    @JsonProperty("plot.opts") Map<String, String> plotOpts,
    @JsonProperty("topic.order") List<Integer> topicOrder) {

  /** pyLDAvis's default number of terms per topic. */
  public static final int DEFAULT_R = 30;

  /** pyLDAvis's default step of λ. */
  public static final double LAMBDA_STEP = 0.01;

  /** Eigenvalues of the MDS at most this are taken as 0, as pyLDAvis's {@code np.isclose(λ, 0)}. */
  static final double EIGENVALUE_ZERO = 1e-8;

  /**
   * {@code of}'s data for {@code result}, computed at the first {@code get} and shared by every
   * later one, from any thread (a second caller waits for the first): {@code fit --ldavis} writes
   * ldavis.json and the page's intertopic map from one computation. An
   * {@link IllegalArgumentException} of {@link #of(TopicModelResult)} is thrown again to every caller.
   */
  public static java.util.function.Supplier<LdaVis> once(TopicModelResult result) {
    return once(() -> of(result));
  }

  /** {@code compute}'s value, computed at the first {@code get} only; see {@link #once(TopicModelResult)}. */
  static java.util.function.Supplier<LdaVis> once(java.util.function.Supplier<LdaVis> compute) {
    return new java.util.function.Supplier<>() {
      private LdaVis value;
      private RuntimeException failure;
      private boolean done;

      @Override
      public synchronized LdaVis get() {
        if (!done) {
          try {
            value = compute.get();
          } catch (RuntimeException e) {
            failure = e;
          }
          done = true;
        }
        if (failure != null) throw failure;
        return value;
      }
    };
  }

  /** The prepared data of a fit's (or an application's) W, H and counts. */
  public static LdaVis of(TopicModelResult result) {
    return of(result.factorization().w(), result.factorization().h(), result.counts(),
        result.vocabulary().terms(), DEFAULT_R);
  }

  /**
   * The prepared data of W (documents × k), H (k × terms) and the counts (documents × terms).
   *
   * @param rMax terms per topic, at least 1 (cut to the vocabulary size)
   * @throws IllegalArgumentException if the shapes disagree or every row of W or H is zero
   */
  public static LdaVis of(DenseMatrix w, DenseMatrix h, CsrMatrix counts, List<String> vocab, int rMax) {
    int n = w.rows();
    int k = h.rows();
    int m = h.cols();
    if (w.cols() != k || counts.rows() != n || counts.cols() != m || vocab.size() != m || rMax < 1) {
      throw new IllegalArgumentException("LDAvis: W is " + n + "x" + w.cols() + ", H " + k + "x" + m
          + ", counts " + counts.rows() + "x" + counts.cols() + ", " + vocab.size() + " terms, R " + rMax);
    }
    int r = Math.min(rMax, m);
    Topics topics = Topics.of(distributions(h), topicFrequencies(w, counts, k), k, m);
    Set<Integer> listed = new LinkedHashSet<>();
    Table tinfo = termInfo(topics, vocab, r, listed);
    Table tokens = tokenTable(topics, vocab, listed);
    double[][] xy = pcoa(jensenShannon(topics.phi, k, m));
    Table mds = new Table("x", "y", "topics", "cluster", "Freq");
    for (int a = 0; a < k; a++) mds.add(xy[a][0], xy[a][1], a + 1, 1, topics.share[a] * 100);
    List<Integer> topicOrder = new ArrayList<>(k);
    for (int a = 0; a < k; a++) topicOrder.add(topics.order[a] + 1);
    Map<String, String> plot = new LinkedHashMap<>();
    plot.put("xlab", "PC1");
    plot.put("ylab", "PC2");
    return new LdaVis(mds.columns, tinfo.columns, tokens.columns, r, LAMBDA_STEP, plot, topicOrder);
  }

  /** φ: the rows of H (k × m) as distributions. */
  private static double[] distributions(DenseMatrix h) {
    int k = h.rows();
    int m = h.cols();
    double[] phi = h.data().clone();
    for (int t = 0; t < k; t++) {
      double s = 0;
      for (int j = 0; j < m; j++) s += phi[t * m + j];
      if (!(s > 0)) throw new IllegalArgumentException("LDAvis: topic " + t + " has an all-zero row of H");
      for (int j = 0; j < m; j++) phi[t * m + j] /= s;
    }
    return phi;
  }

  /** The tokens of each topic: θ (rows of W as distributions) times the document lengths, summed. */
  private static double[] topicFrequencies(DenseMatrix w, CsrMatrix counts, int k) {
    double[] topicFreq = new double[k];
    for (int i = 0; i < w.rows(); i++) {
      double len = 0;
      for (int p = counts.rowPtr()[i]; p < counts.rowPtr()[i + 1]; p++) len += counts.values()[p];
      double s = 0;
      for (int t = 0; t < k; t++) s += w.get(i, t);
      if (!(s > 0) || len == 0) continue;
      for (int t = 0; t < k; t++) topicFreq[t] += w.get(i, t) / s * len;
    }
    return topicFreq;
  }

  /**
   * The topics in LDAvis's order (decreasing share of the tokens), with what every table needs.
   *
   * @param order the original index of each topic, in the new order
   * @param share each topic's share of the tokens
   * @param phi p(w|t), k × m, rows in the new order
   * @param termTopic tokens of each term in each topic, k × m
   * @param termFreq tokens of each term, all topics
   */
  private record Topics(Integer[] order, double[] share, double[] phi, double[] termTopic, double[] termFreq,
      int k, int m) {
    static Topics of(double[] phi, double[] topicFreq, int k, int m) {
      double total = Arrays.stream(topicFreq).sum();
      if (!(total > 0)) throw new IllegalArgumentException("LDAvis: no document has topic weights and terms");
      Integer[] order = new Integer[k];
      for (int t = 0; t < k; t++) order[t] = t;
      // Stable sort by decreasing share, as pandas sort_values (ties keep the original order).
      Arrays.sort(order, Comparator.comparingDouble((Integer t) -> -topicFreq[t]));
      double[] share = new double[k];
      double[] phiO = new double[k * m];
      double[] freqO = new double[k];
      for (int a = 0; a < k; a++) {
        int t = order[a];
        share[a] = topicFreq[t] / total;
        freqO[a] = topicFreq[t];
        System.arraycopy(phi, t * m, phiO, a * m, m);
      }
      double[] termTopic = new double[k * m];
      double[] termFreq = new double[m];
      for (int a = 0; a < k; a++) {
        for (int j = 0; j < m; j++) {
          termTopic[a * m + j] = phiO[a * m + j] * freqO[a];
          termFreq[j] += termTopic[a * m + j];
        }
      }
      return new Topics(order, share, phiO, termTopic, termFreq, k, m);
    }
  }

  /** Saliency of each term (Chuang et al. 2012): p(w) times the KL divergence of p(t|w) from p(t). */
  private static double[] saliency(Topics o) {
    int k = o.k;
    int m = o.m;
    double tfSum = Arrays.stream(o.termFreq).sum();
    double[] termProp = new double[m];
    for (int j = 0; j < m; j++) termProp[j] = o.termFreq[j] / tfSum;
    double[] colPhi = new double[m];
    for (int a = 0; a < k; a++) for (int j = 0; j < m; j++) colPhi[j] += o.phi[a * m + j];
    double[] saliency = new double[m];
    for (int j = 0; j < m; j++) {
      double d = 0;
      for (int a = 0; a < k; a++) {
        double ptw = colPhi[j] > 0 ? o.phi[a * m + j] / colPhi[j] : 0;
        if (ptw > 0) d += ptw * Math.log(ptw / o.share[a]);
      }
      saliency[j] = termProp[j] * d;
    }
    return saliency;
  }

  /**
   * tinfo: the {@code r} most salient terms (the default view), then for each topic the terms
   * that are among its {@code r} most relevant at some λ on the grid; adds every listed term to
   * {@code listed}.
   */
  private static Table termInfo(Topics o, List<String> vocab, int r, Set<Integer> listed) {
    int k = o.k;
    int m = o.m;
    double[] phiO = o.phi;
    int[] salient = topIndices(saliency(o), r, j -> true);
    Table tinfo = new Table("Term", "Freq", "Total", "Category", "logprob", "loglift");
    for (int q = 0; q < salient.length; q++) {
      int j = salient[q];
      double f = Math.floor(o.termFreq[j]);
      tinfo.add(vocab.get(j), f, f, "Default", (double) (r - q), (double) (r - q));
    }
    for (int j : salient) listed.add(j);
    int steps = (int) Math.round(1 / LAMBDA_STEP);
    double[] relevance = new double[m];
    int[] support = new int[m];
    double[] logProb = new double[m];
    double[] logLift = new double[m];
    for (int a = 0; a < k; a++) {
      final int topic = a;
      Set<Integer> terms = new LinkedHashSet<>();
      for (int j = 0; j < m; j++) {
        double p = phiO[a * m + j];
        logProb[j] = p > 0 ? Math.log(p) : Double.NEGATIVE_INFINITY;
        // lift = p(w|t)/p(w) = p(t|w)/p(t), computed the second way so that the terms of one topic
        // alone (p(t|w) = x/x = 1) tie exactly, as they do in exact arithmetic; pyLDAvis's
        // φ/p(w) leaves them one rounding apart, which would pick its λ = 0 terms by noise.
        logLift[j] = p > 0 ? Math.log(o.termTopic[a * m + j] / o.termFreq[j] / o.share[a]) : Double.NEGATIVE_INFINITY;
      }
      // Only the topic's terms (φ > 0) can be selected, so each λ scores them alone, in column
      // order: the selection streams over the kept columns in order, so the terms are the same.
      int ns = 0;
      for (int j = 0; j < m; j++) if (phiO[topic * m + j] > 0) support[ns++] = j;
      for (int s = 0; s <= steps; s++) {
        double lambda = s * LAMBDA_STEP;
        for (int c = 0; c < ns; c++) {
          int j = support[c];
          relevance[c] = lambda * logProb[j] + (1 - lambda) * logLift[j];
        }
        for (int c : TermRanking.largest(relevance, 0, ns, r, c -> true)) terms.add(support[c]);
      }
      for (int j : terms) {
        tinfo.add(vocab.get(j), o.termTopic[a * m + j], o.termFreq[j], "Topic" + (a + 1),
            round4(logProb[j]), round4(logLift[j]));
        listed.add(j);
      }
    }
    return tinfo;
  }

  /** token.table over the {@code listed} terms, sorted by term then topic. */
  private static Table tokenTable(Topics o, List<String> vocab, Set<Integer> listed) {
    List<Integer> tokenTerms = new ArrayList<>(listed);
    tokenTerms.sort((x, y) -> compareCodePoints(vocab.get(x), vocab.get(y)));
    Table tokens = new Table("Topic", "Freq", "Term");
    for (int j : tokenTerms) {
      for (int a = 0; a < o.k; a++) {
        double f = o.termTopic[a * o.m + j];
        if (f >= 0.5) tokens.add(a + 1, Math.rint(f) / o.termFreq[j], vocab.get(j));
      }
    }
    return tokens;
  }

  /** Writes the JSON atomically. */
  public static void write(LdaVis vis, Path file) throws IOException {
    AtomicFiles.write(file, out -> Reports.mapper().writeValue(out, vis));
  }

  /** Pairwise Jensen–Shannon divergences (natural log) of the k rows of {@code p} (k × m). */
  static double[][] jensenShannon(double[] p, int k, int m) {
    double[][] d = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        double s = 0;
        for (int j = 0; j < m; j++) {
          double x = p[a * m + j];
          double y = p[b * m + j];
          double mid = 0.5 * (x + y);
          if (x > 0) s += x * Math.log(x / mid);
          if (y > 0) s += y * Math.log(y / mid);
        }
        d[a][b] = d[b][a] = 0.5 * s;
      }
    }
    return d;
  }

  /**
   * Classical MDS (principal coordinate analysis) in two dimensions: the top two eigenpairs of
   * {@code B = −½·J·D²·J}, {@code J = I − 11ᵀ/k}, coordinates {@code sqrt(max(λ, 0))·v}.
   */
  static double[][] pcoa(double[][] dist) {
    int k = dist.length;
    double[][] out = new double[k][2];
    if (k < 2) return out;
    double[][] sq = new double[k][k];
    double[] rowMean = new double[k];
    double all = 0;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        sq[a][b] = dist[a][b] * dist[a][b];
        rowMean[a] += sq[a][b] / k;
      }
      all += rowMean[a] / k;
    }
    DMatrixRMaj bm = new DMatrixRMaj(k, k);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) bm.set(a, b, -0.5 * (sq[a][b] - rowMean[a] - rowMean[b] + all));
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
    if (!eig.decompose(bm)) throw new IllegalStateException("LDAvis: eigen-decomposition failed");
    Integer[] idx = new Integer[eig.getNumberOfEigenvalues()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -eig.getEigenvalue(i).getReal()));
    for (int c = 0; c < Math.min(2, idx.length); c++) {
      double lambda = eig.getEigenvalue(idx[c]).getReal();
      DMatrixRMaj v = eig.getEigenVector(idx[c]);
      // pyLDAvis zeroes eigenvalues within 1e-8 of 0 (numpy isclose) and negative ones.
      if (v == null || !(lambda > EIGENVALUE_ZERO)) continue;
      double norm = 0;
      int big = 0;
      for (int a = 0; a < k; a++) {
        norm += v.get(a) * v.get(a);
        if (Math.abs(v.get(a)) > Math.abs(v.get(big))) big = a;
      }
      double scale = Math.sqrt(lambda) / Math.sqrt(norm) * Math.signum(v.get(big));
      for (int a = 0; a < k; a++) out[a][c] = v.get(a) * scale;
    }
    return out;
  }

  /** The indices of the {@code r} largest values among those {@code keep} accepts, largest first (ties: lower index). */
  private static int[] topIndices(double[] v, int r, java.util.function.IntPredicate keep) {
    return TermRanking.largest(v, 0, v.length, r, keep);
  }

  /** {@code x} rounded to 4 decimals as numpy's {@code round(4)}: scaled, rounded half to even, scaled back. */
  static double round4(double x) {
    return Math.rint(x * 1e4) / 1e4;
  }

  /**
   * Orders strings by Unicode code points, as Python (and so pandas' sort of the token table) does;
   * {@link String#compareTo} compares UTF-16 units, which puts a character beyond U+FFFF (a
   * surrogate pair, U+D800..U+DFFF) before U+E000..U+FFFF.
   */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Column-oriented table, as pandas {@code to_dict(orient='list')}. */
  private static final class Table {
    final Map<String, List<Object>> columns = new LinkedHashMap<>();
    private final String[] names;

    Table(String... names) {
      this.names = names;
      for (String s : names) columns.put(s, new ArrayList<>());
    }

    void add(Object... values) {
      for (int i = 0; i < names.length; i++) columns.get(names[i]).add(values[i]);
    }
  }
}

package io.topicnmf.model;

import io.topicnmf.eval.Coherence;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --relevance auto}: each topic's terms listed by the ranking, among a fixed set of
 * candidates, under which they co-occur most in the training documents, while the lists stay
 * diverse.
 *
 * <p>Candidates ({@link #CANDIDATES}): the topic's term weights from the least-squares re-fit
 * ({@link TermRanking#leastSquaresTopics}, {@code refit}), from H itself ({@code h}) or the counts
 * of the topic's own documents ({@code tf}, {@link #dominantCounts}) × relevance λ ∈ {0, 0.1, …, 1}
 * ({@link TermRanking}) × a document-frequency floor: none, or with F a share of the documents and
 * T = max(2, F·D), {@code hard} (only terms in ≥ T documents) or {@code soft} (the relevance plus
 * log min(1, df/T): a rarer term is penalised by how far short it falls), F ∈ {0.2 %, 0.5 %, 1 %,
 * 2 %}. Every candidate list is scored by its NPMI over whole-document co-occurrence in {@code
 * counts} without ε ({@link Coherence#strictNpmi}: a pair that never meets scores −1; with the
 * report's ε it would score about −0.5 for two rare terms, which favoured lists of rare terms).
 * Without phrases, each ranking without floor also gives an {@code exclusive} candidate ({@link
 * #exclusive}: each topic's list with the terms the other topics' lists of that ranking hold left
 * out), and five more candidates are lists grown by co-occurrence ({@link CoherentLists}).
 *
 * <p>The choice looks at a list longer than {@value #SCORED} terms through its first {@value
 * #SCORED} ({@link #heads}). It is deterministic: first the one candidate for all topics with the highest mean NPMI
 * among those whose lists have diversity ≥ {@value #MIN_DIVERSITY} (if none has, the most diverse);
 * then, twice over the topics in order, each topic takes the candidate of highest NPMI for its own
 * list provided the diversity of all lists stays ≥ min(0.85, the start's diversity). A candidate's
 * list is eligible for a topic only when it is as long as the list without floor (a floor never
 * shortens a list) and covers at least {@value #MIN_COVERAGE} of what the topic's best-covering
 * candidate covers, coverage being the share of the topic's own documents (dominant topic) that
 * hold one of the listed terms ({@link #coverage}): NPMI alone rewards terms confined to the same
 * two or three documents (a duplicated article's rare words score 1), a list that says nothing of
 * the rest of the topic. (A chosen list that is not eligible gives way to any eligible one.) Chosen on twelve corpora, eight to tune and four held out (docs/design-notes.md,
 * "Term lists chosen by their own coherence" and "… from the topic's own documents").
 *
 * <p>Cost: one least-squares re-fit, 3·11·9 = 297 rankings (O(k·terms) each, the logs taken once)
 * and one coherence pass over the distinct candidate lists (bench/RESULTS.md, "Term lists chosen
 * by their own coherence").
 */
public final class TermListChoice {
  /** The diversity (distinct listed terms / listed terms) the chosen lists keep. */
  public static final double MIN_DIVERSITY = 0.85;
  /**
   * The share of the best candidate's coverage of a topic's documents a list needs to be eligible
   * (the coverage rule of the class comment).
   */
  public static final double MIN_COVERAGE = 0.2;

  /** Terms of a candidate list that the choice measures (NPMI, coverage, diversity; {@link #heads}). */
  public static final int SCORED = 10;

  static final double[] LAMBDAS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
  static final double[] FLOORS = {0.002, 0.005, 0.01, 0.02};
  /** The term weights a candidate ranks by, in candidate order (see the class comment). */
  static final String[] WEIGHTS = {"refit", "h", "tf"};

  /** The number of candidate rankings by weight ({@link #candidates}). */
  public static final int RANKED = WEIGHTS.length * LAMBDAS.length * (1 + 2 * FLOORS.length);
  /**
   * Every {@link Candidate#weights()} a list can be chosen by: {@link #WEIGHTS} and the grown
   * lists' {@code grown-1} … {@code grown-}{@value CoherentLists#SEEDS} (the enum of {@code
   * weights} in docs/report.schema.json and docs/model.schema.json).
   */
  public static List<String> weightNames() {
    List<String> names = new ArrayList<>(List.of(WEIGHTS));
    for (int r = 1; r <= CoherentLists.SEEDS; r++) names.add(CoherentLists.name(r));
    return names;
  }

  /** The number of exclusive candidates, one per weights and λ (not with phrases; {@link #exclusive}). */
  public static final int EXCLUSIVE = WEIGHTS.length * LAMBDAS.length;
  /**
   * The number of candidates: the rankings, their exclusive lists and the lists grown by
   * co-occurrence ({@link CoherentLists}); {@link #RANKED} with phrases.
   */
  public static final int CANDIDATES = RANKED + EXCLUSIVE + CoherentLists.SEEDS;

  private TermListChoice() {}

  /**
   * One ranking of a topic's terms.
   *
   * @param weights {@code refit} (least-squares term weights), {@code h} (the topic's row of H) or
   *     {@code tf} (the counts of the topic's own documents, {@link #dominantCounts})
   * @param lambda λ of the relevance, in [0, 1]
   * @param floor {@code none}, {@code hard} or {@code soft} (see the class comment)
   * @param minDocShare F, the floor's share of the documents (0 with {@code none})
   */
  public record Candidate(String weights, double lambda, String floor, double minDocShare) {}

  /**
   * How a fit's term lists were ranked: {@code quality.ranking} of the report, kept in model.json.
   *
   * @param mode {@code auto} (chosen here) or {@code fixed} (a numeric {@code --relevance})
   * @param candidates the number of candidate rankings compared (1 when fixed)
   * @param topics the ranking of each topic's list, by topic id
   */
  public record Ranking(String mode, int candidates, List<Candidate> topics) {
    public Ranking {
      topics = List.copyOf(topics);
    }

    /** A numeric λ over the least-squares term weights for all {@code k} topics. */
    public static Ranking fixed(double lambda, int k, boolean refit) {
      Candidate c = new Candidate(refit ? "refit" : "h", lambda, "none", 0);
      return new Ranking("fixed", 1, java.util.Collections.nCopies(k, c));
    }
  }

  /** The chosen lists (columns of each topic's terms, best first) and how they were ranked. */
  public record Result(int[][] lists, Ranking ranking) {}

  /**
   * Chooses each topic's list (see the class comment).
   *
   * @param w documents × topics, the fit's W (rows = rows of x)
   * @param h topics × terms, the fit's H
   * @param x documents × terms, the matrix H was fitted to (p(w) of the relevance)
   * @param counts documents × terms, the term counts (document frequencies and co-occurrence)
   * @param top terms per topic
   * @param terms the vocabulary in column order, or null (phrases: {@link TermRanking})
   */
  public static Result choose(DenseMatrix w, DenseMatrix h, CsrMatrix x, CsrMatrix counts, int top,
      List<String> terms) {
    if (counts.rows() != x.rows() || counts.cols() != x.cols()) {
      throw new IllegalArgumentException("counts are " + counts.rows() + " x " + counts.cols()
          + " but X is " + x.rows() + " x " + x.cols());
    }
    int k = h.rows();
    List<Candidate> cands = new ArrayList<>(CANDIDATES);
    List<int[][]> lists = new ArrayList<>(CANDIDATES);
    candidates(w, h, x, counts, top, terms, cands, lists);
    int[] dominant = Described.dominantTopics(w);
    // Grown lists only without phrases: a phrase and its words must not be listed together.
    if (terms == null || terms.stream().noneMatch(s -> s.indexOf(' ') >= 0)) {
      CoherentLists.add(counts, cands, lists, k, top, dominant);
    }
    return choose(cands, lists, counts, k, dominant);
  }

  /**
   * The choice among the given candidates' lists (see the class comment).
   *
   * @param dominant each document's dominant topic (-1 for none), for the coverage rule; null to
   *     leave the rule out
   */
  static Result choose(List<Candidate> cands, List<int[][]> lists, CsrMatrix counts, int k, int[] dominant) {
    // Scored, covered and kept diverse by their heads; eligible by the whole lists' lengths.
    List<int[][]> heads = heads(lists);
    double[][] npmi = scores(counts, heads, k);
    boolean[][] eligible = eligible(lists, k);
    if (dominant != null) covering(coverage(counts, heads, k, dominant), eligible);
    int start = corpusChoice(heads, npmi, eligible);
    int[] pick = new int[k];
    Arrays.fill(pick, start);
    int[][] chosen = new int[k][];
    for (int t = 0; t < k; t++) chosen[t] = heads.get(start)[t];
    double floor = Math.min(MIN_DIVERSITY, Coherence.diversity(chosen));
    ListedTerms listed = new ListedTerms(chosen, counts.cols());
    for (int pass = 0; pass < 2; pass++) {
      for (int t = 0; t < k; t++) {
        int best = pick[t];
        for (int c = 0; c < lists.size(); c++) {
          if (!eligible[c][t] || !(npmi[c][t] > npmi[best][t] + 1e-12 || !eligible[best][t])) continue;
          int[] was = chosen[t];
          int[] now = heads.get(c)[t];
          listed.replace(was, now);
          if (listed.diversity() >= floor) best = c;
          listed.replace(now, was);
        }
        pick[t] = best;
        listed.replace(chosen[t], heads.get(best)[t]);
        chosen[t] = heads.get(best)[t];
      }
    }
    for (int t = 0; t < k; t++) chosen[t] = lists.get(pick[t])[t];
    List<Candidate> per = new ArrayList<>(k);
    for (int t = 0; t < k; t++) per.add(cands.get(pick[t]));
    return new Result(chosen, new Ranking("auto", cands.size(), per));
  }

  /**
   * The lists as the choice sees them: a list longer than {@value #SCORED} terms by its first
   * {@value #SCORED}, the default {@code --top-terms} and the length the choice was tuned on
   * (docs/design-notes.md). Whole long lists were tried: the pairs of a list grow with the square
   * of its length (half a million for {@code --top-terms 1000}, over hundreds of candidate lists:
   * five minutes on bbc), NPMI over dozens of terms favours the vocabulary of a single document
   * (with 50 terms bbc's technology topic listed one article's gadget names), and a diversity of
   * 0.85 over hundreds of terms per topic leaves only such lists. A longer list is thus its
   * chosen ranking continued: its head is what the default length would choose, apart from the
   * candidates that depend on the length (exclusive and grown lists).
   */
  static List<int[][]> heads(List<int[][]> lists) {
    List<int[][]> out = new ArrayList<>(lists.size());
    for (int[][] l : lists) {
      int[][] h = l;
      for (int t = 0; t < l.length; t++) {
        if (l[t].length > SCORED) {
          if (h == l) h = l.clone();
          h[t] = Arrays.copyOf(l[t], SCORED);
        }
      }
      out.add(h);
    }
    return out;
  }

  /**
   * Each topic's list under {@code relevance}: chosen ({@link #choose}) when it is {@link
   * FitOptions#AUTO_RELEVANCE}, else relevance λ over the least-squares term weights ({@link
   * TermRanking#top(DenseMatrix, DenseMatrix, CsrMatrix, int, double, List)}).
   */
  public static Result lists(double relevance, DenseMatrix w, DenseMatrix h, CsrMatrix x, CsrMatrix counts,
      int top, List<String> terms) {
    if (Double.isNaN(relevance)) {
      return choose(w, h, x, counts, top, terms);
    }
    return new Result(TermRanking.top(w, h, x, top, relevance, terms), Ranking.fixed(relevance, h.rows(), w != null));
  }

  /**
   * Every candidate's lists, in the order of the class comment (weights, λ, floor). The logs are
   * taken once: log φ per weights, the floors' penalties per F; each candidate is then a sum and a
   * top-n selection per topic ({@link TermRanking#largest}, or without repeats with phrases).
   */
  static void candidates(DenseMatrix w, DenseMatrix h, CsrMatrix x, CsrMatrix counts, int top,
      List<String> terms, List<Candidate> cands, List<int[][]> lists) {
    int m = h.cols();
    int k = h.rows();
    int d = counts.rows();
    boolean phrases = terms != null && terms.stream().anyMatch(s -> s.indexOf(' ') >= 0);
    double[] logP = TermRanking.logShares(x);
    int[] df = new int[m];
    float[] cv = counts.values();
    int[] ci = counts.colIdx();
    for (int e = 0; e < counts.nnz(); e++) if (cv[e] > 0) df[ci[e]]++;
    double[][] hard = new double[FLOORS.length][m];
    double[][] soft = new double[FLOORS.length][m];
    for (int f = 0; f < FLOORS.length; f++) {
      double threshold = Math.max(2.0, FLOORS[f] * d);
      for (int j = 0; j < m; j++) {
        hard[f][j] = df[j] >= threshold ? 0 : Double.NEGATIVE_INFINITY;
        soft[f][j] = Math.min(0, Math.log(Math.max(df[j], 1) / threshold));
      }
    }
    int n = Math.min(top, m);
    int per = 1 + 2 * FLOORS.length;
    List<Candidate> exclusiveCands = new ArrayList<>();
    List<int[][]> exclusiveLists = new ArrayList<>();
    double[] base = new double[m];
    double[] score = new double[m];
    int[][][] support = new int[WEIGHTS.length][][];
    for (int wi = 0; wi < WEIGHTS.length; wi++) {
      DenseMatrix weights = switch (wi) {
        case 0 -> TermRanking.refitOnSupport(x, w, h);
        case 1 -> h;
        default -> dominantCounts(w, h, counts);
      };
      double[] logPhi = logPhi(weights, logP);
      support[wi] = support(logPhi, k, m);
      String name = WEIGHTS[wi];
      for (double lambda : LAMBDAS) {
        int[][][] l = new int[per][k][];
        int[][] deep = phrases ? null : new int[k][];
        for (int t = 0; t < k; t++) {
          if (!phrases) {
            rank(logPhi, logP, lambda, hard, soft, t, m, n, support[wi][t], base, score, l, deep);
            continue;
          }
          // NaN (never listed) stays NaN through the sums; a hard floor's −∞ is made NaN below.
          for (int j = 0; j < m; j++) base[j] = logPhi[t * m + j] - (1 - lambda) * logP[j];
          l[0][t] = select(base, n, phrases, terms);
          for (int f = 0; f < FLOORS.length; f++) {
            for (int j = 0; j < m; j++) score[j] = hard[f][j] == 0 ? base[j] : Double.NaN;
            l[1 + 2 * f][t] = select(score, n, phrases, terms);
            for (int j = 0; j < m; j++) score[j] = base[j] + soft[f][j];
            l[2 + 2 * f][t] = select(score, n, phrases, terms);
          }
        }
        cands.add(new Candidate(name, lambda, "none", 0));
        lists.add(l[0]);
        for (int f = 0; f < FLOORS.length; f++) {
          cands.add(new Candidate(name, lambda, "hard", FLOORS[f]));
          lists.add(l[1 + 2 * f]);
          cands.add(new Candidate(name, lambda, "soft", FLOORS[f]));
          lists.add(l[2 + 2 * f]);
        }
        if (deep != null) {
          exclusiveLists.add(exclusive(l[0], deep, n, m));
          exclusiveCands.add(new Candidate(name, lambda, "exclusive", 0));
        }
      }
    }
    cands.addAll(exclusiveCands);
    lists.addAll(exclusiveLists);
  }

  /** How deep an exclusive list looks into its topic's ranking: this many times the list's length. */
  static final int EXCLUSIVE_DEPTH = 3;

  /**
   * The {@code exclusive} lists of one ranking: each topic's list with the terms that the other
   * topics' lists of the same ranking ({@code top}; of a list longer than {@value #SCORED} terms,
   * its head, as the choice sees it: {@link #heads}) hold left out, the next terms of its own
   * ranking ({@code deep}, up to {@value #EXCLUSIVE_DEPTH}·n deep) taking their places; shorter than
   * n when the ranking runs out (such a list is never eligible). When two topics share a theme's
   * frequent words (a KL fit at more topics than themes often keeps two near-equal rows of H), the
   * second can then list the theme's next words instead of its rare ones, which the diversity
   * bound otherwise leaves it.
   */
  static int[][] exclusive(int[][] top, int[][] deep, int n, int m) {
    int k = top.length;
    int[] listedBy = new int[m];
    for (int[] list : top) for (int i = 0; i < Math.min(list.length, SCORED); i++) listedBy[list[i]]++;
    int[][] out = new int[k][];
    for (int t = 0; t < k; t++) {
      int head = Math.min(top[t].length, SCORED);
      for (int i = 0; i < head; i++) listedBy[top[t][i]]--; // now: by the other topics
      int[] own = new int[n];
      int c = 0;
      for (int p = 0; p < deep[t].length && c < n; p++) {
        if (listedBy[deep[t][p]] == 0) own[c++] = deep[t][p];
      }
      for (int i = 0; i < head; i++) listedBy[top[t][i]]++;
      out[t] = c == n ? own : Arrays.copyOf(own, c);
    }
    return out;
  }

  /**
   * {@code tf}: topic t's weight of term j is j's count summed over the documents whose dominant
   * topic is t ({@link Described#dominantTopics}, the report's {@code dominantTopic}), for the
   * terms with weight in t's row of H (0 for the others, so that a listed term always has weight
   * in H, as with the other weights): the words the topic's own documents use most.
   */
  static DenseMatrix dominantCounts(DenseMatrix w, DenseMatrix h, CsrMatrix counts) {
    int m = counts.cols();
    int k = h.rows();
    int[] dominant = Described.dominantTopics(w);
    DenseMatrix out = new DenseMatrix(k, m);
    double[] od = out.data();
    int[] rp = counts.rowPtr();
    int[] ci = counts.colIdx();
    float[] cv = counts.values();
    for (int i = 0; i < counts.rows(); i++) {
      int t = dominant[i];
      if (t < 0) continue;
      for (int e = rp[i]; e < rp[i + 1]; e++) if (cv[e] > 0) od[t * m + ci[e]] += cv[e];
    }
    double[] hd = h.data();
    for (int e = 0; e < od.length; e++) if (!(hd[e] > 0)) od[e] = 0;
    return out;
  }

  /**
   * The columns where each topic's log φ is not NaN, increasing: the only terms a ranking can
   * list (a topic's row of H is mostly zeros, and the re-fit keeps to H's support).
   */
  private static int[][] support(double[] logPhi, int k, int m) {
    int[][] out = new int[k][];
    int[] buf = new int[m];
    for (int t = 0; t < k; t++) {
      int c = 0;
      for (int j = 0; j < m; j++) if (!Double.isNaN(logPhi[t * m + j])) buf[c++] = j;
      out[t] = Arrays.copyOf(buf, c);
    }
    return out;
  }

  /**
   * Topic t's lists of one λ, every floor, without phrases: as the full loop over all columns,
   * but over the topic's support only. The columns left out score NaN under every floor and
   * {@link #select} never takes a NaN, so the lists are the same.
   */
  private static void rank(double[] logPhi, double[] logP, double lambda, double[][] hard,
      double[][] soft, int t, int m, int n, int[] sup, double[] base, double[] score, int[][][] l, int[][] deep) {
    for (int j : sup) base[j] = logPhi[t * m + j] - (1 - lambda) * logP[j];
    l[0][t] = select(base, sup, n);
    if (deep != null) deep[t] = select(base, sup, EXCLUSIVE_DEPTH * n);
    for (int f = 0; f < FLOORS.length; f++) {
      for (int j : sup) score[j] = hard[f][j] == 0 ? base[j] : Double.NaN;
      l[1 + 2 * f][t] = select(score, sup, n);
      for (int j : sup) score[j] = base[j] + soft[f][j];
      l[2 + 2 * f][t] = select(score, sup, n);
    }
  }

  /** {@link #select} without phrases over the columns {@code cols} (increasing) only. */
  private static int[] select(double[] score, int[] cols, int n) {
    int[] best = new int[n];
    int size = 0;
    double floor = Double.NEGATIVE_INFINITY;
    for (int j : cols) {
      double v = score[j];
      if (size == n ? !(v > floor) : !(v >= Double.NEGATIVE_INFINITY)) continue;
      int p = size < n ? size++ : size - 1;
      while (p > 0 && score[best[p - 1]] < v) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = j;
      if (size == n) floor = score[best[n - 1]];
    }
    return size == n ? best : Arrays.copyOf(best, size);
  }

  /** The n best non-NaN scores' columns (ties to the lower column), without repeats with phrases. */
  private static int[] select(double[] score, int n, boolean phrases, List<String> terms) {
    if (phrases) return TermRanking.withoutRepeats(score, n, terms);
    int[] best = new int[n];
    int size = 0;
    double floor = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < score.length; j++) {
      double v = score[j];
      // NaN fails both comparisons, so it is never taken.
      if (size == n ? !(v > floor) : !(v >= Double.NEGATIVE_INFINITY)) continue;
      int p = size < n ? size++ : size - 1;
      while (p > 0 && score[best[p - 1]] < v) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = j;
      if (size == n) floor = score[best[n - 1]];
    }
    return size == n ? best : Arrays.copyOf(best, size);
  }

  /**
   * log φ(t, w) of every entry: the log of the weight over its row's sum; NaN where the weight is
   * not positive or the term has no mass in X (never listed).
   */
  private static double[] logPhi(DenseMatrix weights, double[] logP) {
    int k = weights.rows();
    int m = weights.cols();
    double[] wd = weights.data();
    double[] out = new double[k * m];
    for (int t = 0; t < k; t++) {
      double sum = 0;
      for (int j = 0; j < m; j++) sum += wd[t * m + j];
      double logSum = Math.log(sum);
      for (int j = 0; j < m; j++) {
        double v = wd[t * m + j];
        out[t * m + j] = v > 0 && logP[j] != Double.NEGATIVE_INFINITY ? Math.log(v) - logSum : Double.NaN;
      }
    }
    return out;
  }

  /**
   * NPMI of every candidate's list of every topic, each distinct list scored once, the pairs
   * counted on the fit's workers ({@link TermRanking#withWorkers}; the same bits on any number).
   */
  private static double[][] scores(CsrMatrix counts, List<int[][]> lists, int k) {
    Map<List<Integer>, Integer> distinct = new HashMap<>();
    List<int[]> unique = new ArrayList<>();
    int[][] index = new int[lists.size()][k];
    for (int c = 0; c < lists.size(); c++) {
      for (int t = 0; t < k; t++) {
        int[] l = lists.get(c)[t];
        List<Integer> key = Arrays.stream(l).boxed().toList();
        Integer at = distinct.get(key);
        if (at == null) {
          at = unique.size();
          distinct.put(key, at);
          unique.add(l);
        }
        index[c][t] = at;
      }
    }
    double[] npmi = Coherence.strictNpmi(counts, unique.toArray(new int[0][]), TermRanking.workers());
    double[][] out = new double[lists.size()][k];
    for (int c = 0; c < lists.size(); c++) {
      for (int t = 0; t < k; t++) {
        double v = npmi[index[c][t]];
        out[c][t] = Double.isNaN(v) ? -1 : v;
      }
    }
    return out;
  }

  /**
   * Of each candidate's list of each topic, the share of the topic's own documents (those whose
   * dominant topic it is) that hold at least one of its terms ({@code counts > 0}); 0 for a topic
   * without documents. Each distinct list is counted once, over the postings of its terms.
   */
  static double[][] coverage(CsrMatrix counts, List<int[][]> lists, int k, int[] dominant) {
    int d = counts.rows();
    int m = counts.cols();
    int[] local = new int[m];
    Arrays.fill(local, -1);
    int union = 0;
    for (int[][] l : lists) for (int[] topic : l) for (int j : topic) if (local[j] < 0) local[j] = union++;
    // Postings of the listed terms only, of the documents with a dominant topic, each term's in
    // increasing (topic, document): a list's coverage of topic t walks only its terms' postings in
    // topic t, found by binary search (on the wiki proxy 0.5 s instead of 1.0 s for walking whole
    // postings, bench/RESULTS.md "Stop 31").
    int[] size = new int[k];
    for (int i = 0; i < d; i++) if (dominant[i] >= 0) size[dominant[i]]++;
    int[] order = new int[d];
    int[] next = new int[k + 1];
    for (int t = 0; t < k; t++) next[t + 1] = next[t] + size[t];
    for (int i = 0; i < d; i++) if (dominant[i] >= 0) order[next[dominant[i]]++] = i;
    int placed = next[k];
    int[] ptr = new int[union + 1];
    int[] rp = counts.rowPtr();
    int[] ci = counts.colIdx();
    float[] cv = counts.values();
    for (int r = 0; r < placed; r++) {
      int i = order[r];
      for (int e = rp[i]; e < rp[i + 1]; e++) if (cv[e] > 0 && local[ci[e]] >= 0) ptr[local[ci[e]] + 1]++;
    }
    for (int u = 0; u < union; u++) ptr[u + 1] += ptr[u];
    int[] post = new int[ptr[union]];
    int[] fill = Arrays.copyOf(ptr, union);
    for (int r = 0; r < placed; r++) {
      int i = order[r];
      for (int e = rp[i]; e < rp[i + 1]; e++) if (cv[e] > 0 && local[ci[e]] >= 0) post[fill[local[ci[e]]]++] = i;
    }
    int[] stamp = new int[d];
    int[] mark = {0};
    Map<List<Integer>, Double> seen = new HashMap<>();
    double[][] out = new double[lists.size()][k];
    for (int c = 0; c < lists.size(); c++) {
      for (int t = 0; t < k; t++) {
        int[] l = lists.get(c)[t];
        List<Integer> key = new ArrayList<>(l.length + 1);
        key.add(t);
        for (int j : l) key.add(j);
        final int topic = t;
        out[c][t] = seen.computeIfAbsent(key, q -> {
          if (size[topic] == 0) return 0.0;
          int hit = 0;
          mark[0]++;
          for (int j : l) {
            int u = local[j];
            int p1 = ptr[u + 1];
            for (int p = firstOfTopic(post, ptr[u], p1, dominant, topic); p < p1; p++) {
              int i = post[p];
              if (dominant[i] != topic) break;
              if (stamp[i] != mark[0]) {
                stamp[i] = mark[0];
                hit++;
              }
            }
          }
          return hit / (double) size[topic];
        });
      }
    }
    return out;
  }

  /** The first p in [from, to) whose document's dominant topic is at least t (postings in topic order). */
  private static int firstOfTopic(int[] post, int from, int to, int[] dominant, int t) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (dominant[post[mid]] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The coverage rule: a list is eligible for a topic only when it covers at least {@value
   * #MIN_COVERAGE} of what the topic's best-covering candidate list covers.
   */
  private static void covering(double[][] cover, boolean[][] eligible) {
    int k = cover.length == 0 ? 0 : cover[0].length;
    for (int t = 0; t < k; t++) {
      double best = 0;
      for (double[] c : cover) best = Math.max(best, c[t]);
      for (int c = 0; c < cover.length; c++) eligible[c][t] &= cover[c][t] >= MIN_COVERAGE * best - 1e-12;
    }
  }

  /** Whether each candidate's list of each topic is as long as the first candidate's (no floor). */
  private static boolean[][] eligible(List<int[][]> lists, int k) {
    boolean[][] ok = new boolean[lists.size()][k];
    for (int c = 0; c < lists.size(); c++) {
      for (int t = 0; t < k; t++) ok[c][t] = lists.get(c)[t].length >= lists.get(0)[t].length;
    }
    return ok;
  }

  /** The candidate of highest mean NPMI with diverse lists for every topic, else the most diverse. */
  private static int corpusChoice(List<int[][]> lists, double[][] npmi, boolean[][] eligible) {
    int best = -1;
    double bestMean = Double.NEGATIVE_INFINITY;
    int mostDiverse = 0;
    double bestDiv = -1;
    for (int c = 0; c < lists.size(); c++) {
      boolean all = true;
      double sum = 0;
      for (int t = 0; t < npmi[c].length; t++) {
        all &= eligible[c][t];
        sum += npmi[c][t];
      }
      if (!all) continue;
      double div = Coherence.diversity(lists.get(c));
      if (div > bestDiv) {
        bestDiv = div;
        mostDiverse = c;
      }
      double mean = sum / npmi[c].length;
      if (div >= MIN_DIVERSITY && mean > bestMean) {
        bestMean = mean;
        best = c;
      }
    }
    return best >= 0 ? best : mostDiverse;
  }
}

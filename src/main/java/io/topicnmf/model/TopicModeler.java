package io.topicnmf.model;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.analysis.AnalyzedCorpus;
import io.topicnmf.analysis.CorpusAnalyzer;
import io.topicnmf.analysis.Language;
import io.topicnmf.analysis.LanguageCheck;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.corpus.Corpus;
import io.topicnmf.corpus.CorpusReader;
import io.topicnmf.corpus.Document;
import io.topicnmf.eval.Agreement;
import io.topicnmf.eval.ClusterAgreement;
import io.topicnmf.eval.Coherence;
import io.topicnmf.eval.TopicCoherence;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels.Workers;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.DocumentTermMatrix;
import io.topicnmf.matrix.Tfidf;
import io.topicnmf.matrix.TfidfOptions;
import io.topicnmf.matrix.Vocabulary;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.NmfTransform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the topics of a folder of documents: read → analyse → count and prune → TF-IDF → NMF →
 * topics, document weights and clusters. The library's entry point; the command line is a thin
 * layer over it.
 *
 * <pre>{@code
 * TopicModelResult r = new TopicModeler(FitOptions.defaults(5)).fit(Path.of("corpus"));
 * r.topics().forEach(t -> System.out.println(t.id() + " " + t.terms()));
 * }</pre>
 */
public final class TopicModeler {
  private final FitOptions options;
  /** {@code --language auto}: choose the analysis language from the text ({@link LanguageCheck#choice}). */
  private final boolean detectLanguage;
  /** With {@link #detectLanguage}: keep the options' stemmer instead of the chosen language's default. */
  private final boolean keepStem;

  public TopicModeler(FitOptions options) {
    this(options, false, false);
  }

  private TopicModeler(FitOptions options, boolean detectLanguage, boolean keepStem) {
    this.options = options;
    this.detectLanguage = detectLanguage;
    this.keepStem = keepStem;
  }

  /**
   * This modeler, choosing the analysis language from the documents ({@code --language auto}):
   * after reading, the options' language becomes {@link LanguageCheck#choice} and, unless {@code
   * keepStem}, the stemmer that language's default ({@link FitOptions#defaultStem}). The prepared
   * corpus and the result carry the options actually used.
   */
  public TopicModeler detectingLanguage(boolean keepStem) {
    return new TopicModeler(options, true, keepStem);
  }

  public FitOptions options() { return options; }

  /** Fits without progress reports. */
  public TopicModelResult fit(Path input) throws IOException {
    return fit(input, FitListener.NONE);
  }

  /**
   * Fits a model to the documents under {@code input} (a folder, read recursively, or one file):
   * {@link #prepare} then {@link #fit(PreparedCorpus, FitListener)}.
   *
   * @throws java.nio.file.NoSuchFileException if {@code input} does not exist
   * @throws UnusableInputException if no usable document or term is found, or k is larger than
   *     the number of usable documents or terms
   */
  public TopicModelResult fit(Path input, FitListener listener) throws IOException {
    return fit(prepare(input, listener), listener);
  }

  /**
   * Reads, analyses, counts and weights the documents under {@code input} once, so the matrix can
   * be factorized several times (select-k fits every k and subsample on it).
   *
   * @throws UnusableInputException if no usable document or term is found
   */
  public PreparedCorpus prepare(Path input, FitListener listener) throws IOException {
    long t0 = System.nanoTime();
    listener.onStageStart("read");
    Corpus corpus = CorpusReader.read(input, options.corpus(), listener);
    long t1 = System.nanoTime();
    LanguageCheck language = LanguageCheck.of(corpus.documents(), options.analysis().language());
    FitOptions used = options;
    if (detectLanguage) {
      Language chosen = language.choice();
      AnalysisOptions a = options.analysis();
      Stemming stem = keepStem ? a.stem() : FitOptions.defaultStem(chosen);
      if (!chosen.supports(stem)) {
        throw new UnusableInputException("--stem " + stem.name().toLowerCase(java.util.Locale.ROOT)
            + " is not available for the language the text was found to be in ('" + chosen.code()
            + "', --language auto): choose another --stem or give --language");
      }
      used = options.withAnalysis(inLanguage(a, chosen, stem));
      language = LanguageCheck.of(corpus.documents(), chosen).asAutomatic();
    }
    listener.onStageEnd("read", sec(t0, t1),
        corpus.documents().size() + " documents, " + corpus.skipped().size() + " skipped"
            + (language.mismatch() ? "; warning: " + language.advice() : ""));
    if (corpus.documents().isEmpty()) {
      throw new UnusableInputException(
          "no usable document in " + input + ": " + describeSkips(corpus)
              + " (readable files are " + CorpusReader.READABLE_FILES + ")");
    }
    listener.onStageStart("analyse");
    AnalyzedCorpus analyzed =
        CorpusAnalyzer.analyze(corpus.documents(), used.analysis(), options.nmf().threads(), listener);
    long t2 = System.nanoTime();
    listener.onStageEnd("analyse", sec(t1, t2), corpus.documents().size() + " documents analysed");

    listener.onStageStart("matrix");
    DocumentTermMatrix dtm = buildMatrix(analyzed, corpus);
    Vocabulary vocab = dtm.vocabulary();
    int n = corpus.documents().size();
    double[] idf = Tfidf.idf(vocab.documentFrequencies(), n, options.weighting().idf());
    if (options.weighting().weighting() == TfidfOptions.Weighting.TF) Arrays.fill(idf, 1.0);
    CsrMatrix x = Tfidf.transform(dtm.counts(), idf, options.weighting());
    long t3 = System.nanoTime();
    listener.onStageEnd("matrix", sec(t2, t3),
        n + " x " + vocab.size() + ", " + x.nnz() + " non-zeros");
    PreparedCorpus p = new PreparedCorpus(used, corpus, analyzed.surfaceForms(), dtm, idf, x,
        sec(t0, t1), sec(t1, t2), sec(t2, t3), language);
    if (vocab.size() == 0 || p.documentsWithTerms() == 0) {
      throw new UnusableInputException(
          "no term is left after analysis and pruning in " + input + " (" + n + " documents, "
              + dtm.pruning().removedByMinDf() + " terms below --min-df " + options.vocabulary().minDf()
              + ", " + dtm.pruning().removedByMaxDf() + " above --max-df " + options.vocabulary().maxDf()
              + "): try --min-df 1 or a larger corpus");
    }
    return p;
  }

  /**
   * {@code a} with another language and stemmer (through no stemmer, which every language
   * supports, so the options stay valid in between).
   */
  private static AnalysisOptions inLanguage(AnalysisOptions a, Language language, Stemming stem) {
    return a.withStem(Stemming.NONE).withLanguage(language).withStem(stem);
  }

  /**
   * The largest k a prepared corpus allows: its documents with at least one term, or its terms if
   * fewer (a rank-k factorization needs k of each).
   */
  public static int maxTopics(PreparedCorpus p) {
    return Math.min(p.documentsWithTerms(), p.vocabulary().size());
  }

  /**
   * Factorizes a prepared corpus with this modeler's NMF options (its k) and describes the topics.
   * The text-stage options of {@code p} must be this modeler's.
   *
   * <p>After the NMF, W is re-solved for the final H by {@link NmfTransform} to a tight tolerance,
   * so the weights of a document are exactly what {@code apply} gives it with the saved model
   * (a fit stopped by its tolerance leaves W slightly off the optimum for H); the fit's objective
   * and relative error are those of this final (W, H). Documents are then put in clusters as
   * {@link FitOptions#clusters()} says ({@link DocumentClusters} for the default).
   *
   * @throws UnusableInputException if k is larger than the usable documents or terms
   */
  public TopicModelResult fit(PreparedCorpus p, FitListener listener) throws IOException {
    FitOptions po = p.options();
    // With language detection the prepared analysis differs in its language and stemmer only.
    AnalysisOptions mine = detectLanguage
        ? inLanguage(options.analysis(), po.analysis().language(), po.analysis().stem())
        : options.analysis();
    if (!po.corpus().equals(options.corpus()) || !po.analysis().equals(mine)
        || !po.vocabulary().equals(options.vocabulary()) || !po.weighting().equals(options.weighting())) {
      throw new IllegalArgumentException("the corpus was prepared with other text options than this modeler's");
    }
    FitOptions used = options.withAnalysis(po.analysis());
    long t3 = System.nanoTime();
    Corpus corpus = p.corpus();
    Vocabulary vocab = p.vocabulary();
    CsrMatrix x = p.matrix();
    int n = x.rows();
    int withTerms = p.documentsWithTerms();
    String input = corpus.root();
    int k = options.nmf().k();
    if (k > maxTopics(p)) {
      throw new UnusableInputException(
          "-k/--topics " + k + " is larger than the " + withTerms + " usable documents and "
              + vocab.size() + " terms of " + input + ": choose k <= " + Math.min(withTerms, vocab.size()));
    }

    listener.onStageStart("nmf");
    NmfResult nmf = normaliseTopics(finalWeights(x, Nmf.fit(x, options.nmf(), listener), options.nmf()));
    long t4 = System.nanoTime();
    listener.onStageEnd("nmf", sec(t3, t4), nmf.iterations() + " iterations, relative error "
        + String.format(java.util.Locale.ROOT, "%.4f", nmf.relativeError()));

    DocumentClusters.Result clusters = null;
    if (options.clusters() == Clustering.KMEANS) {
      listener.onStageStart("clusters");
      int[] dominant = dominantTopics(nmf.w());
      try (Workers workers = Workers.of(options.nmf().threads())) {
        clusters = DocumentClusters.kmeans(x, dominant, DocumentClusters.topicsContained(nmf.w()), k, workers);
      }
      int moved = 0;
      for (int i = 0; i < n; i++) if (clusters.assignment()[i] != dominant[i]) moved++;
      int rounds = clusters.rounds();
      listener.onStageEnd("clusters", sec(t4, System.nanoTime()), "k-means, " + rounds
          + (rounds == 1 ? " round, " : " rounds, ") + moved + " of " + withTerms
          + " documents moved from their dominant topic");
    }
    Described d = describe(corpus.documents(), p.surfaceForms(), vocab, p.counts().counts(), x, nmf,
        options.topTerms(), options.relevance(), null,
        clusters == null ? null : clusters.assignment(), "no terms after analysis");
    long t5 = System.nanoTime();
    List<Double> idfList = new ArrayList<>(vocab.size());
    for (double v : p.idf()) idfList.add(v);
    List<String> ids = corpus.documents().stream().map(Document::id).toList();
    CorpusStats stats = new CorpusStats(corpus.root(), n, corpus.skipped().size(), corpus.skipped(),
        n - withTerms, vocab.size(), x.nnz(), p.counts().pruning(), corpus.mailCleanup(),
        p.languageCheck(), corpus.htmlBoilerplate());
    double pre = p.readSeconds() + p.analysisSeconds() + p.matrixSeconds();
    Timings timings = new Timings(p.readSeconds(), p.analysisSeconds(), p.matrixSeconds(), sec(t3, t4),
        sec(t4, t5), pre + sec(t3, t5));
    return new TopicModelResult(used, stats, vocab, idfList, ids, p.counts().counts(), x, nmf,
        d.topics(), d.documents(), d.clusters(), clusters == null ? null : clusters.centroids(),
        d.quality(), d.evaluation(), timings);
  }

  /** W re-solved for the fit's H to a tight tolerance, warm-started from the fit's W; figures recomputed. */
  static NmfResult finalWeights(CsrMatrix x, NmfResult r, io.topicnmf.nmf.NmfOptions o) {
    NmfTransform.Result t = NmfTransform.transform(x, r.h(), r.w(), NmfTransform.Options.of(o));
    return new NmfResult(t.w(), r.h(), r.iterations(), r.converged(), r.loss(), t.objective(),
        t.frobeniusObjective(), t.relativeError(), r.trace());
  }

  /** Topics, documents, clusters and their quality, from factors whose H rows have unit norm. */
  record Described(List<Topic> topics, List<DocumentTopics> documents, List<Cluster> clusters,
      Quality quality, Evaluation evaluation) {}

  /**
   * Each document's dominant topic: the largest entry of its row of W (the first on ties), or -1
   * for a zero row. With H's rows at unit length ({@link #normaliseTopics}).
   */
  static int[] dominantTopics(DenseMatrix w) {
    int n = w.rows();
    int k = w.cols();
    int[] best = new int[n];
    for (int i = 0; i < n; i++) {
      best[i] = -1;
      double bestW = 0;
      for (int t = 0; t < k; t++) {
        double v = w.get(i, t);
        if (v > bestW) {
          bestW = v;
          best[i] = t;
        }
      }
    }
    return best;
  }

  /**
   * Describes a factorization of {@code x} (rows = {@code documents}): each document's dominant
   * topic, normalised weights and cluster, each topic's top terms, size (its cluster's), coherence
   * on {@code counts} and majority label, the clusters, and agreement of the clusters with labels.
   *
   * @param relevance λ of the ranking of each topic's terms ({@link TermRanking}), p(w) taken from x
   * @param fixedTopIds each topic's top term columns when they are given (a saved model's own
   *     lists, so that apply shows the model's topics), or null to rank them here
   * @param clusterOf each document's cluster, -1 for none; null: the dominant topics
   * @param noTermsNote the note of a document whose row of x is empty
   */
  static Described describe(List<Document> documents, Map<String, String> surface, Vocabulary vocab,
      CsrMatrix counts, CsrMatrix x, NmfResult nmf, int topTerms, double relevance,
      int[][] fixedTopIds, int[] clusterOf, String noTermsNote) {
    int n = documents.size();
    int k = nmf.h().rows();
    List<Topic> topics = new ArrayList<>();
    List<DocumentTopics> docs = new ArrayList<>(n);
    List<List<Cluster.Member>> members = new ArrayList<>();
    for (int t = 0; t < k; t++) members.add(new ArrayList<>());
    int[] sizes = new int[k];
    DenseMatrix w = nmf.w();
    int[] dominant = dominantTopics(w);
    int[] assigned = new int[n];
    for (int i = 0; i < n; i++) {
      Document d = documents.get(i);
      double sum = 0;
      for (int t = 0; t < k; t++) sum += w.get(i, t);
      int best = dominant[i];
      if (best < 0 || !(sum > 0)) {
        String note = x.rowNnz(i) == 0 ? noTermsNote : "no topic weight";
        docs.add(new DocumentTopics(d.id(), d.label(), null, 0.0, List.of(), null, note));
        assigned[i] = -1;
        continue;
      }
      List<Double> weights = new ArrayList<>(k);
      for (int t = 0; t < k; t++) weights.add(w.get(i, t) / sum);
      double strength = w.get(i, best) / sum;
      int c = clusterOf == null || clusterOf[i] < 0 ? best : clusterOf[i];
      assigned[i] = c;
      docs.add(new DocumentTopics(d.id(), d.label(), best, strength, weights, c, null));
      sizes[c]++;
      members.get(c).add(new Cluster.Member(d.id(), weights.get(c)));
    }
    DenseMatrix h = nmf.h();
    int m = vocab.size();
    int top = Math.min(topTerms, m);
    int[][] topIds = fixedTopIds != null ? fixedTopIds : TermRanking.top(w, h, x, top, relevance, vocab.terms());
    TopicCoherence coherence = Coherence.compute(counts, topIds);
    String[] labels = new String[n];
    boolean labelled = false;
    for (int i = 0; i < n; i++) {
      labels[i] = documents.get(i).label();
      labelled |= labels[i] != null;
    }
    Agreement agreement = labelled ? ClusterAgreement.compute(assigned, labels, k) : null;
    for (int t = 0; t < k; t++) {
      List<TermWeight> terms = new ArrayList<>(top);
      for (int j : topIds[t]) {
        String term = vocab.term(j);
        terms.add(new TermWeight(term, surface.getOrDefault(term, term), h.get(t, j)));
      }
      String majority = agreement == null ? null : agreement.majorityLabelOf(t);
      double share = agreement == null ? 0 : agreement.majorityShare()[t];
      topics.add(new Topic(t, terms, sizes[t], coherence.npmi()[t], coherence.umass()[t], majority, share));
    }
    Quality quality = new Quality(coherence.meanNpmi(), coherence.meanUmass(), Coherence.diversity(topIds), top);
    Evaluation evaluation = agreement == null ? null : evaluation(agreement);
    List<Cluster> clusters = new ArrayList<>(k);
    for (int t = 0; t < k; t++) {
      List<Cluster.Member> ms = members.get(t);
      ms.sort(Comparator.comparingDouble((Cluster.Member mm) -> -mm.strength()).thenComparing(Cluster.Member::id));
      clusters.add(new Cluster(t, ms));
    }
    return new Described(topics, docs, clusters, quality, evaluation);
  }

  /**
   * The columns of the {@code top} largest positive entries of row {@code t} of H, largest first
   * (ties by column), found with a bounded selection instead of a full sort.
   */
  static int[] topColumns(DenseMatrix h, int t, int top) {
    int m = h.cols();
    double[] row = h.data();
    int base = t * m;
    int[] best = new int[top];
    int size = 0;
    for (int j = 0; j < m; j++) {
      double v = row[base + j];
      if (!(v > 0)) continue;
      if (size == top && v <= row[base + best[size - 1]]) continue;
      int p = size < top ? size++ : size - 1;
      while (p > 0 && row[base + best[p - 1]] < v) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = j;
    }
    return Arrays.copyOf(best, size);
  }

  /**
   * Scales each row of H to unit L2 norm and the matching column of W by the inverse, so W·H (and
   * every objective) is unchanged. Topics then compete on equal terms when a document's dominant
   * topic is chosen: with raw factors a topic with a large H row and small W column loses documents
   * it explains well (on bbc, k=5, this raised NMI from about 0.7-0.78 to 0.81).
   */
  static NmfResult normaliseTopics(NmfResult r) {
    DenseMatrix w = r.w().copy();
    DenseMatrix h = r.h().copy();
    int k = h.rows();
    int m = h.cols();
    int n = w.rows();
    double[] hd = h.data();
    double[] wd = w.data();
    for (int t = 0; t < k; t++) {
      double norm = 0;
      for (int j = 0; j < m; j++) norm += hd[t * m + j] * hd[t * m + j];
      norm = Math.sqrt(norm);
      if (!(norm > 0)) continue;
      for (int j = 0; j < m; j++) hd[t * m + j] /= norm;
      for (int i = 0; i < n; i++) wd[i * k + t] *= norm;
    }
    return new NmfResult(w, h, r.iterations(), r.converged(), r.loss(), r.objective(),
        r.frobeniusObjective(), r.relativeError(), r.trace());
  }

  private static Evaluation evaluation(Agreement a) {
    List<List<Integer>> table = new ArrayList<>();
    for (int[] row : a.table()) table.add(Arrays.stream(row).boxed().toList());
    return new Evaluation(a.documents(), a.nmi(), a.ari(), a.purity(), a.labels(), table);
  }

  private DocumentTermMatrix buildMatrix(AnalyzedCorpus analyzed, Corpus corpus) throws UnusableInputException {
    try {
      return DocumentTermMatrix.build(analyzed.documentTerms(), options.vocabulary(), options.nmf().threads());
    } catch (IllegalArgumentException e) {
      throw new UnusableInputException(e.getMessage());
    }
  }

  private static String describeSkips(Corpus corpus) {
    if (corpus.skipped().isEmpty()) return "the folder holds no file";
    Map<String, Long> byReason = new java.util.TreeMap<>();
    corpus.skipped().forEach(s -> byReason.merge(s.reason(), 1L, Long::sum));
    StringBuilder b = new StringBuilder(corpus.skipped().size() + " files skipped (");
    byReason.forEach((r, c) -> b.append(c).append(" ").append(r).append("; "));
    b.setLength(b.length() - 2);
    return b.append(")").toString();
  }

  private static double sec(long a, long b) {
    return (b - a) / 1e9;
  }
}

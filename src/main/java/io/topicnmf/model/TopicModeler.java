package io.topicnmf.model;

import io.topicnmf.analysis.Language;
import io.topicnmf.corpus.Corpus;
import io.topicnmf.corpus.Document;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.vectorize.Vocabulary;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.NmfTransform;
import io.topicnmf.options.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the topics of a folder of documents: read → analyse → count and prune → TF-IDF → NMF →
 * topics, document weights and clusters. The library's entry point; the command line is a thin
 * layer over it.
 *
 * <pre>{@code
 * TopicModelResult r = new TopicModeler(FitOptions.defaults(5)).fit(Path.of("corpus"));
 * r.topics().forEach(t -> System.out.println(t.id() + " " + t.terms()));
 * }</pre>
 *
 * <p>Texts in memory: {@link #fitTexts} and {@link #fitDocuments} give a {@link TopicModel} that
 * transforms new texts and saves {@code model.json}. The number of topics is set once, in the
 * options ({@link FitOptions#defaults(int)}, {@link FitOptions#withTopics}).
 */
public final class TopicModeler {
  private final FitOptions options;

  /**
   * A modeler with these options. With {@link io.topicnmf.analysis.Language#AUTO} the analysis
   * language is chosen from the documents when they are prepared ({@link #prepare}); the prepared
   * corpus and the result carry the options actually used.
   */
  public TopicModeler(FitOptions options) {
    this.options = options;
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
   * Fits a model to texts in memory, numbered by their position ("0", "1", ...): as {@link
   * #fitDocuments}.
   */
  public TopicModel fitTexts(Iterable<String> texts) throws IOException {
    List<TextDocument> docs = new ArrayList<>();
    for (String t : texts) docs.add(TextDocument.of(t));
    return fitDocuments(docs, FitListener.NONE);
  }

  /** Fits a model to documents in memory without progress reports: as {@link #fitDocuments(Iterable, FitListener)}. */
  public TopicModel fitDocuments(Iterable<TextDocument> documents) throws IOException {
    return fitDocuments(documents, FitListener.NONE);
  }

  /**
   * Fits a model to documents in memory with this modeler's options, through the same stages as a
   * folder ({@link #fit(Path, FitListener)}): each text is read as the text of a plain-text file
   * ({@link io.topicnmf.corpus.CorpusReader#of}), then analysed, vectorized, factorized and
   * described. The model's {@link TopicModel#documents()} are in the order given.
   *
   * @throws IllegalArgumentException naming {@code id} if two documents have the same id
   * @throws UnusableInputException if no usable document or term is found, or k ({@code topics})
   *     is larger than the number of usable documents or terms
   * @throws IOException if a stop-word file of the options cannot be read
   */
  public TopicModel fitDocuments(Iterable<TextDocument> documents, FitListener listener) throws IOException {
    List<Document> given = TopicModel.corpusDocuments(documents);
    return TopicModel.fitted(fit(CorpusPreparer.fitting(options, given, listener), listener), given);
  }

  /**
   * Reads, analyses, counts and weights the documents under {@code input} once, so the matrix can
   * be factorized several times (select-k fits every k and subsample on it).
   *
   * @throws UnusableInputException if no usable document or term is found
   * @throws HeapTooSmallException if the heap is below what reading the input needs ({@link
   *     ReadingMemory}, checked before reading), or the reading ran out of heap
   */
  public PreparedCorpus prepare(Path input, FitListener listener) throws IOException {
    return prepare(input, java.util.Set.of(), listener);
  }

  /**
   * As {@link #prepare(Path, FitListener)}, leaving out the folders and files {@code excluded}
   * (real paths: the run's own outputs, never read as documents).
   */
  public PreparedCorpus prepare(Path input, java.util.Set<Path> excluded, FitListener listener) throws IOException {
    return prepare(input, excluded, null, listener);
  }

  /**
   * As {@link #prepare(Path, java.util.Set, FitListener)}, the documents' rows spilling (past their
   * memory budget, {@link io.topicnmf.vectorize.RowStore}) into {@code scratch}: the run's staging
   * folder, so nothing is left behind; null for the system's temporary folder.
   */
  public PreparedCorpus prepare(Path input, java.util.Set<Path> excluded, Path scratch, FitListener listener)
      throws IOException {
    return CorpusPreparer.fitting(options, input, excluded, scratch, listener);
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
    if (!po.corpus().equals(options.corpus()) || !options.analysis().preparedAs(po.analysis())
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
          "{topics} " + k + " is larger than the " + withTerms + " usable documents and "
              + vocab.size() + " terms of " + input + ": choose k <= " + Math.min(withTerms, vocab.size()), "topics");
    }

    listener.onStageStart("nmf");
    NmfResult nmf = factorize(x, options.nmf(), listener, afterFitBytes(n, x.cols(), x.nnz(), k) + p.spilledTextBytes(),
        p.scratch());
    // The batch size the plan chose, and the tolerance that ran (auto resolved for the mode).
    used = used.withNmf(nmf.memory() != null ? nmf.memory().apply(used.nmf()) : used.nmf().withTolResolved());
    long t4 = System.nanoTime();
    listener.onStageEnd("nmf", sec(t3, t4), nmf.iterations() + " iterations, relative error "
        + String.format(java.util.Locale.ROOT, "%.4f", nmf.relativeError()));

    DocumentClusters.Result clusters = null;
    Described d;
    try (Workers workers = Workers.of(options.nmf().threads())) {
      if (options.clusters() == Clustering.KMEANS) {
        listener.onStageStart("clusters");
        int[] dominant = Described.dominantTopics(nmf.w());
        clusters = DocumentClusters.kmeans(DocumentClusters.space(x, p.idf(), DocumentClusters.TF_POWER, workers), dominant,
            DocumentClusters.topicsContained(nmf.w()), k, workers);
        int moved = 0;
        for (int i = 0; i < n; i++) if (clusters.assignment()[i] != dominant[i]) moved++;
        int rounds = clusters.rounds();
        int merged = 0;
        for (int t = 0; t < k; t++) if (clusters.clusterOfTopic()[t] != t) merged++;
        listener.onStageEnd("clusters", sec(t4, System.nanoTime()), "k-means, " + rounds
            + (rounds == 1 ? " round, " : " rounds, ") + moved + " of " + withTerms
            + " documents moved from their dominant topic"
            + (merged == 0 ? "" : ", " + merged + (merged == 1 ? " cluster" : " clusters") + " merged into another"));
      }
      int[] clusterOf = clusters == null ? null : clusters.assignment();
      int[] mergedOf = clusters == null ? null : clusters.clusterOfTopic();
      if (clusters == null) {
        // Dominant topics: the clusters of topics that split one theme are merged as k-means
        // merges its own, no document moving otherwise (Described puts each in its topic's cluster).
        listener.onStageStart("clusters");
        mergedOf = dominantMerged(x, p.idf(), nmf, workers);
        int merged = 0;
        for (int t = 0; t < k; t++) if (mergedOf[t] != t) merged++;
        listener.onStageEnd("clusters", sec(t4, System.nanoTime()), "dominant topics"
            + (merged == 0 ? "" : ", " + merged + (merged == 1 ? " cluster" : " clusters") + " merged into another"));
      }
      int[] clusterOfTopic = mergedOf;
      // The term ranking's least-squares weights on the same workers (the same lists on any count).
      d = TermRanking.withWorkers(workers, () -> Described.of(corpus.documents(), p.surfaceForms(), vocab,
          p.counts().counts(), p.texts(), x, nmf, options.topTerms(), options.relevance(), null, null, clusterOf,
          clusterOfTopic, "no terms after analysis"));
    }
    long t5 = System.nanoTime();
    return result(p, used, nmf, d, clusters == null ? null : clusters.centroids(), sec(t3, t4), sec(t4, t5));
  }

  /**
   * The result of a factorization of a prepared corpus, described.
   *
   * @param used the options to record
   * @param centroids the clusters' centroids, or null
   */
  static TopicModelResult result(PreparedCorpus p, FitOptions used, NmfResult nmf, Described d,
      DenseMatrix centroids, double nmfSeconds, double describeSeconds) {
    Corpus corpus = p.corpus();
    Vocabulary vocab = p.vocabulary();
    CsrMatrix x = p.matrix();
    int n = x.rows();
    List<Double> idfList = new ArrayList<>(vocab.size());
    for (double v : p.idf()) idfList.add(v);
    List<String> ids = corpus.documents().stream().map(Document::id).toList();
    CorpusStats stats = CorpusStats.of(p);
    double pre = p.readSeconds() + p.analysisSeconds() + p.matrixSeconds();
    Timings timings = new Timings(p.readSeconds(), p.analysisSeconds(), p.matrixSeconds(), nmfSeconds,
        describeSeconds, pre + nmfSeconds + describeSeconds);
    return new TopicModelResult(used, stats, vocab, idfList, ids, p.counts().counts(), x, nmf,
        d.topics(), d.documents(), d.clusters(), centroids, d.quality(), d.evaluation(), timings);
  }

  /**
   * fit's factorization of {@code x}: the NMF, W re-solved for its H ({@link #finalWeights}), H's
   * rows scaled to unit length ({@link #normaliseTopics}). select-k fits every k this way too.
   */
  static NmfResult factorize(CsrMatrix x, io.topicnmf.nmf.NmfOptions o, io.topicnmf.nmf.NmfListener listener) {
    return factorize(x, o, listener, 0);
  }

  /**
   * As {@link #factorize(CsrMatrix, io.topicnmf.nmf.NmfOptions, io.topicnmf.nmf.NmfListener)}, the
   * memory plan keeping {@code afterFit} bytes for what the caller allocates after the fit
   * ({@link #afterFitBytes}).
   */
  static NmfResult factorize(CsrMatrix x, io.topicnmf.nmf.NmfOptions o, io.topicnmf.nmf.NmfListener listener,
      long afterFit) {
    return factorize(x, o, listener, afterFit, null);
  }

  /** As above, the compact in-memory fit spilling under {@code scratch} (null: the system's temporary folder). */
  static NmfResult factorize(CsrMatrix x, io.topicnmf.nmf.NmfOptions o, io.topicnmf.nmf.NmfListener listener,
      long afterFit, java.nio.file.Path scratch) {
    NmfResult r = Nmf.fit(x, o, listener, afterFit, scratch);
    boolean miniBatch = r.memory() != null && r.memory().batchSize() > 0;
    // A mini-batch fit has already re-solved W for its final H, batch by batch, to the same tolerance.
    return normaliseTopics(miniBatch ? r : finalWeights(x, r, o));
  }

  /** Bytes per document that {@link #fit} allocates after the factorization ({@link #afterFitBytes}). */
  static final long DOCUMENT_BYTES = 160;
  /** Topics per document the k-means step keeps similarities for, at most (typically 5–15 of 50). */
  static final int TYPICAL_TOPICS_CONTAINED = 20;

  /**
   * The heap {@link #fit} allocates after the factorization of a {@code rows × cols} matrix while
   * it holds W, so the memory plan keeps room for it (a million documents ended in an
   * out-of-memory error after a 75-minute fit before this was planned): the copy of W with unit
   * topics ({@link #normaliseTopics}); per document its {@link DocumentTopics} and cluster member
   * ({@value #DOCUMENT_BYTES} bytes with {@link WeightShares}), the k-means step's allowed topics
   * (k booleans) and the copy of them that a merge of clusters widens (k booleans more, made only
   * when a merge happens, which the plan cannot know beforehand), its similarities (12 bytes for
   * each of up to {@value #TYPICAL_TOPICS_CONTAINED} topics) and four int arrays; per non-zero of X the values of the rows k-means compares ({@link
   * DocumentClusters#space}, 4 bytes); per term and topic the k-means centroids (the working copy
   * in float, 4 bytes, and the result's, 8) and the term-list choice's scores (8 bytes).
   */
  static long afterFitBytes(int rows, int cols, long nnz, int k) {
    long n = rows;
    long perRow = 8L * k + DOCUMENT_BYTES + 2L * k + 12L * Math.min(k, TYPICAL_TOPICS_CONTAINED) + 16;
    return n * perRow + 4L * nnz + (4L + 8 + 8) * k * cols;
  }

  /**
   * fit's cluster of each row of {@code x} (columns weighted by {@code idf}) for a {@link #factorize
   * factorization}: the k-means step ({@link DocumentClusters#kmeans} on {@link
   * DocumentClusters#space}) with {@link Clustering#KMEANS}, else the dominant topic; -1 for a row
   * without topic weight.
   */
  static int[] clusters(CsrMatrix x, double[] idf, NmfResult nmf, Clustering clustering, int threads) {
    int[] dominant = Described.dominantTopics(nmf.w());
    try (Workers workers = Workers.of(threads)) {
      if (clustering != Clustering.KMEANS) {
        int[] of = dominantMerged(x, idf, nmf, workers);
        for (int i = 0; i < dominant.length; i++) if (dominant[i] >= 0) dominant[i] = of[dominant[i]];
        return dominant;
      }
      return DocumentClusters.kmeans(DocumentClusters.space(x, idf, DocumentClusters.TF_POWER, workers), dominant,
          DocumentClusters.topicsContained(nmf.w()), nmf.h().rows(), workers).assignment();
    }
  }

  /**
   * With {@link Clustering#DOMINANT}, each topic's cluster: the dominant topics' clusters merged
   * ({@link DocumentClusters#mergeSimilar}) on the rows k-means would compare ({@link
   * DocumentClusters#space}) at {@link DocumentClusters#MERGE_COSINE}; {@code apply} puts a document
   * in the cluster of its dominant topic's entry.
   */
  static int[] dominantMerged(CsrMatrix x, double[] idf, NmfResult nmf, Workers workers) {
    int k = nmf.h().rows();
    int[] dominant = Described.dominantTopics(nmf.w());
    for (int i = 0; i < dominant.length; i++) if (x.rowNnz(i) == 0) dominant[i] = -1;
    CsrMatrix space = DocumentClusters.space(x, idf, DocumentClusters.TF_POWER, workers);
    return DocumentClusters.mergeSimilar(dominant, DocumentClusters.sums(space, dominant, k),
        DocumentClusters.MERGE_COSINE).clusterOfTopic();
  }

  /** W re-solved for the fit's H to a tight tolerance, warm-started from the fit's W; figures recomputed. */
  static NmfResult finalWeights(CsrMatrix x, NmfResult r, io.topicnmf.nmf.NmfOptions o) {
    NmfTransform.Result t = NmfTransform.transform(x, r.h(), r.w(), NmfTransform.Options.of(o));
    return new NmfResult(t.w(), r.h(), r.iterations(), r.converged(), r.loss(), t.objective(),
        t.frobeniusObjective(), t.relativeError(), r.trace(), r.memory());
  }

  /**
   * The columns of the {@code top} largest positive entries of row {@code t} of H, largest first
   * (ties by column), found with a bounded selection instead of a full sort.
   */
  static int[] topColumns(DenseMatrix h, int t, int top) {
    double[] d = h.data();
    int m = h.cols();
    return TermRanking.largest(d, t * m, (t + 1) * m, top, j -> d[j] > 0);
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
        r.frobeniusObjective(), r.relativeError(), r.trace(), r.memory());
  }

  private static double sec(long a, long b) {
    return CorpusPreparer.sec(a, b);
  }
}

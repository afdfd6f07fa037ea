package io.topicnmf.model;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.analysis.AnalyzedCorpus;
import io.topicnmf.analysis.CorpusAnalyzer;
import io.topicnmf.analysis.LanguageCheck;
import io.topicnmf.corpus.Corpus;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.corpus.CorpusReader;
import io.topicnmf.corpus.Document;
import io.topicnmf.corpus.MailCleanup;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels.Workers;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.matrix.PruningStats;
import io.topicnmf.matrix.Tfidf;
import io.topicnmf.matrix.Vocabulary;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.NmfTransform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a saved model to new documents: reads them with the fit's reading options and the mail
 * clean-up the fit applied, analyses them with the fit's chain (its stop words included, from the
 * model), counts only the model's vocabulary (unknown terms are ignored), weights them with the
 * stored idf and the fit's TF-IDF options, and solves their topic weights with H fixed ({@link
 * NmfTransform}: non-negative least squares per document, or KL for a KL model). Documents with no
 * term of the vocabulary get no topic and the note {@value #NO_KNOWN_TERMS}.
 *
 * <p>Applied to its own training documents a model gives back their weights (to ~1e-6): the fit
 * ends with the same solve.
 */
public final class ModelApplier {
  /** The note of a document with no term of the model's vocabulary. */
  public static final String NO_KNOWN_TERMS = "no known terms";

  private ModelApplier() {}

  /**
   * The topics of the documents under {@code input} under {@code model}. The result's topics are
   * the model's (their sizes, coherence and majority labels measured on the new documents).
   *
   * @param threads worker threads, ≥ 1 (results do not depend on it)
   * @throws UnusableInputException if no usable document is found
   */
  public static TopicModelResult apply(SavedModel model, Path input, int threads, FitListener listener)
      throws IOException {
    FitOptions fo = model.options();
    NmfOptions nmfOptions = fo.nmf().withThreads(threads);
    MailCleanup mc = model.mailCleanup();
    CorpusOptions co = fo.corpus()
        .withStripMailHeaders(fo.corpus().stripMailHeaders() || mc.headersStripped())
        .withStripQuotes(fo.corpus().stripQuotes() || mc.quotesStripped())
        .withAutoMailCleanup(false);
    long t0 = System.nanoTime();
    listener.onStageStart("read");
    Corpus corpus = CorpusReader.read(input, co, listener);
    long t1 = System.nanoTime();
    listener.onStageEnd("read", sec(t0, t1),
        corpus.documents().size() + " documents, " + corpus.skipped().size() + " skipped");
    if (corpus.documents().isEmpty()) {
      throw new UnusableInputException("no usable document in " + input + " ("
          + corpus.skipped().size() + " files skipped; readable files are " + CorpusReader.READABLE_FILES + ")");
    }
    listener.onStageStart("analyse");
    Path stopFile = null;
    AnalyzedCorpus analyzed;
    try {
      AnalysisOptions ao = fo.analysis();
      if (!ao.stopwordFiles().isEmpty()) {
        stopFile = Files.createTempFile("topicnmf-stopwords-", ".txt");
        Files.write(stopFile, model.extraStopwords(), StandardCharsets.UTF_8);
        ao = ao.withStopwordFiles(List.of(stopFile));
      }
      analyzed = CorpusAnalyzer.analyze(corpus.documents(), ao, threads, listener);
    } finally {
      if (stopFile != null) Files.deleteIfExists(stopFile);
    }
    long t2 = System.nanoTime();
    listener.onStageEnd("analyse", sec(t1, t2), corpus.documents().size() + " documents analysed");

    listener.onStageStart("matrix");
    List<String> terms = model.terms();
    Map<String, Integer> column = new HashMap<>(terms.size() * 2);
    for (int j = 0; j < terms.size(); j++) column.put(terms.get(j), j);
    int n = corpus.documents().size();
    int m = terms.size();
    int[] df = new int[m];
    Set<String> seen = new HashSet<>();
    int[] rowPtr = new int[n + 1];
    List<int[]> rowCols = new ArrayList<>(n);
    List<int[]> rowCounts = new ArrayList<>(n);
    int[] count = new int[m];
    for (int i = 0; i < n; i++) {
      List<Integer> touched = new ArrayList<>();
      for (String t : analyzed.documentTerms().get(i)) {
        seen.add(t);
        Integer j = column.get(t);
        if (j == null) continue;
        if (count[j]++ == 0) touched.add(j);
      }
      int[] cols = touched.stream().mapToInt(Integer::intValue).sorted().toArray();
      int[] cnt = new int[cols.length];
      for (int p = 0; p < cols.length; p++) {
        cnt[p] = count[cols[p]];
        count[cols[p]] = 0;
        df[cols[p]]++;
      }
      rowCols.add(cols);
      rowCounts.add(cnt);
      rowPtr[i + 1] = rowPtr[i] + cols.length;
    }
    int[] colIdx = new int[rowPtr[n]];
    double[] values = new double[rowPtr[n]];
    for (int i = 0; i < n; i++) {
      int[] cols = rowCols.get(i);
      int[] cnt = rowCounts.get(i);
      for (int p = 0; p < cols.length; p++) {
        colIdx[rowPtr[i] + p] = cols[p];
        values[rowPtr[i] + p] = cnt[p];
      }
    }
    CsrMatrix counts = new CsrMatrix(n, m, rowPtr, colIdx, values);
    double[] idf = new double[m];
    for (int j = 0; j < m; j++) idf[j] = model.idf().get(j);
    CsrMatrix x = Tfidf.transform(counts, idf, fo.weighting());
    int withTerms = 0;
    for (int i = 0; i < n; i++) if (x.rowNnz(i) > 0) withTerms++;
    Vocabulary vocab = new Vocabulary(terms, df);
    long t3 = System.nanoTime();
    listener.onStageEnd("matrix", sec(t2, t3), n + " x " + m + ", " + x.nnz() + " non-zeros, "
        + (n - withTerms) + " documents without known terms");

    listener.onStageStart("nmf");
    DenseMatrix h = model.h().toDense();
    NmfTransform.Result tr = NmfTransform.transform(x, h, null, NmfTransform.Options.of(nmfOptions));
    NmfResult nmf = new NmfResult(tr.w(), h, tr.maxSweeps(), tr.unconverged() == 0, fo.nmf().loss(),
        tr.objective(), tr.frobeniusObjective(), tr.relativeError(), List.of());
    long t4 = System.nanoTime();
    listener.onStageEnd("nmf", sec(t3, t4), "weights solved with H fixed, relative error "
        + String.format(java.util.Locale.ROOT, "%.4f", tr.relativeError()));

    // The report shows the model's topics: its own top-term lists, not a ranking redone with the
    // new folder's word frequencies.
    int[][] modelTopIds = new int[model.topics().size()][];
    for (int t = 0; t < modelTopIds.length; t++) {
      modelTopIds[t] = model.topics().get(t).terms().stream().mapToInt(tw -> vocab.id(tw.term())).filter(j -> j >= 0).toArray();
    }
    // New documents join the cluster whose saved centroid they are most similar to among the
    // topics they contain, as the training documents did at the end of the fit's k-means.
    int[] clusterOf = null;
    DenseMatrix centroids = fo.clusters() == Clustering.KMEANS && model.centroids() != null
        ? model.centroids().toDense() : null;
    if (centroids != null) {
      try (Workers workers = Workers.of(nmfOptions.threads())) {
        clusterOf = DocumentClusters.nearest(x, centroids, DocumentClusters.topicsContained(nmf.w()), workers);
      }
    }
    TopicModeler.Described d = TopicModeler.describe(corpus.documents(), model.surfaceForms(), vocab,
        counts, TokenColumns.of(analyzed.documentTerms(), vocab), x, nmf, fo.topTerms(), fo.relevance(), modelTopIds, clusterOf, NO_KNOWN_TERMS);
    long t5 = System.nanoTime();
    List<Double> idfList = new ArrayList<>(model.idf());
    List<String> ids = corpus.documents().stream().map(Document::id).toList();
    PruningStats pruning = new PruningStats(seen.size(), 0, n, 0, 0, 0, m, List.of());
    CorpusStats stats = new CorpusStats(corpus.root(), n, corpus.skipped().size(), corpus.skipped(),
        n - withTerms, m, x.nnz(), pruning, corpus.mailCleanup(),
        LanguageCheck.of(corpus.documents(), fo.analysis().language()), corpus.htmlBoilerplate());
    Timings timings = new Timings(sec(t0, t1), sec(t1, t2), sec(t2, t3), sec(t3, t4), sec(t4, t5), sec(t0, t5));
    FitOptions applied = fo.withCorpus(co).withNmf(nmfOptions);
    return new TopicModelResult(applied, stats, vocab, idfList, ids, counts, x, nmf, d.topics(),
        d.documents(), d.clusters(), centroids,
        d.quality(), d.evaluation(), timings);
  }

  private static double sec(long a, long b) {
    return (b - a) / 1e9;
  }
}

package io.topicnmf.model;

import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.corpus.Document;
import io.topicnmf.corpus.MailCleanup;
import io.topicnmf.parallel.Workers;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.NmfTransform;
import io.topicnmf.vectorize.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Applies a saved model to new documents: reads them with the fit's reading options and the mail
 * clean-up the fit applied, analyses them with the fit's chain (its stop words included, carried by
 * the model's options), transforms them with the model's {@link io.topicnmf.vectorize.Vectorizer}
 * (its vocabulary, unknown terms ignored; its idf and weighting), and solves their topic weights
 * with H fixed ({@link NmfTransform}: non-negative least squares per document, or KL for a KL
 * model). Documents with no term of the vocabulary get no topic and the note {@value
 * #NO_KNOWN_TERMS}.
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
    return apply(model, input, threads, listener, corpus -> {});
  }

  /**
   * As {@link #apply(SavedModel, Path, int, FitListener)}, handing the documents read to {@code
   * onRead} first (report.html quotes some of their text).
   */
  public static TopicModelResult apply(SavedModel model, Path input, int threads, FitListener listener,
      java.util.function.Consumer<io.topicnmf.corpus.Corpus> onRead) throws IOException {
    return apply(model, input, java.util.Set.of(), threads, listener, onRead);
  }

  /**
   * As {@link #apply(SavedModel, Path, int, FitListener, java.util.function.Consumer)}, leaving out
   * the folders and files {@code excluded} (real paths: the run's own outputs).
   */
  public static TopicModelResult apply(SavedModel model, Path input, java.util.Set<Path> excluded, int threads,
      FitListener listener, java.util.function.Consumer<io.topicnmf.corpus.Corpus> onRead) throws IOException {
    return apply(model, input, excluded, null, threads, listener, onRead);
  }

  /**
   * As {@link #apply(SavedModel, Path, java.util.Set, int, FitListener, java.util.function.Consumer)},
   * the documents' rows spilling past their memory budget into {@code scratch} (the run's staging
   * folder; null for the system's temporary folder).
   */
  public static TopicModelResult apply(SavedModel model, Path input, java.util.Set<Path> excluded, Path scratch,
      int threads, FitListener listener, java.util.function.Consumer<io.topicnmf.corpus.Corpus> onRead)
      throws IOException {
    FitOptions applied = applied(model, threads);
    PreparedCorpus p = CorpusPreparer.applying(applied, model.vectorizer(), input, excluded, scratch, listener);
    onRead.accept(p.corpus());
    return apply(model, applied, p, listener);
  }

  /**
   * The topics of documents given in memory (read by {@link io.topicnmf.corpus.CorpusReader#of})
   * under {@code model}: as {@link #apply(SavedModel, Path, int, FitListener)} for a folder.
   *
   * @throws UnusableInputException if no usable document is given
   */
  static TopicModelResult apply(SavedModel model, List<Document> texts, int threads, FitListener listener)
      throws IOException {
    FitOptions applied = applied(model, threads);
    return apply(model, applied, CorpusPreparer.applying(applied, model.vectorizer(), texts, listener), listener);
  }

  /** The model's options as apply uses them: the fit's mail clean-up, not detected again; {@code threads}. */
  static FitOptions applied(SavedModel model, int threads) {
    FitOptions fo = model.options();
    MailCleanup mc = model.mailCleanup();
    CorpusOptions co = fo.corpus()
        .withStripMailHeaders(fo.corpus().stripMailHeaders() || mc.headersStripped())
        .withStripQuotes(fo.corpus().stripQuotes() || mc.quotesStripped())
        .withAutoMailCleanup(false);
    return fo.withCorpus(co).withNmf(n -> n.withThreads(threads));
  }

  /** Weights solved with H fixed for a prepared corpus, clusters placed, everything described. */
  private static TopicModelResult apply(SavedModel model, FitOptions applied, PreparedCorpus p,
      FitListener listener) {
    FitOptions fo = model.options();
    NmfOptions nmfOptions = applied.nmf();
    int threads = nmfOptions.threads();
    long t3 = System.nanoTime();
    listener.onStageStart("nmf");
    DenseMatrix h = model.h().toDense();
    NmfTransform.Result tr = NmfTransform.transform(p.matrix(), h, null, NmfTransform.Options.of(nmfOptions));
    NmfResult nmf = new NmfResult(tr.w(), h, tr.maxSweeps(), tr.unconverged() == 0, fo.nmf().loss(),
        tr.objective(), tr.frobeniusObjective(), tr.relativeError(), List.of());
    long t4 = System.nanoTime();
    listener.onStageEnd("nmf", CorpusPreparer.sec(t3, t4), "weights solved with H fixed, relative error "
        + String.format(java.util.Locale.ROOT, "%.4f", tr.relativeError()));

    // New documents join the cluster whose saved centroid they are most similar to among the
    // topics they contain (a topic whose cluster was merged counting for the cluster it joined),
    // as the training documents did at the end of the fit's k-means. Without centroids (dominant
    // topics) a document goes to its dominant topic's cluster, where the fit merged it.
    int[] clusterOf = null;
    DenseMatrix centroids = fo.clusters() == Clustering.KMEANS && model.centroids() != null
        ? model.centroids().toDense() : null;
    if (centroids != null) {
      try (Workers workers = Workers.of(threads)) {
        clusterOf = DocumentClusters.nearest(DocumentClusters.space(p.matrix(), p.idf(), model.clusterTfPower(), workers),
            centroids, DocumentClusters.clustersAllowed(DocumentClusters.topicsContained(nmf.w()), h.rows(),
                model.clusterOfTopicArray()), workers);
      }
    }
    Described d = Described.of(p.corpus().documents(), model.surfaceForms(), p.vocabulary(),
        p.counts().counts(), p.texts(), p.matrix(), nmf, fo.topTerms(), fo.relevance(), modelTopIds(model, p.vocabulary()), model.ranking(),
        clusterOf, model.clusterOfTopicArray(), NO_KNOWN_TERMS).withLabels(model.topicLabels());
    long t5 = System.nanoTime();
    return TopicModeler.result(p, applied, nmf, d, centroids, CorpusPreparer.sec(t3, t4), CorpusPreparer.sec(t4, t5));
  }

  /**
   * Each topic's top-term columns as the model lists them: the report shows the model's topics,
   * not a ranking redone with the new folder's word frequencies.
   */
  private static int[][] modelTopIds(SavedModel model, Vocabulary vocab) {
    int[][] ids = new int[model.topics().size()][];
    for (int t = 0; t < ids.length; t++) {
      ids[t] = model.topics().get(t).terms().stream().mapToInt(tw -> vocab.id(tw.term())).filter(j -> j >= 0).toArray();
    }
    return ids;
  }
}

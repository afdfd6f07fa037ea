package io.topicnmf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.corpus.MailCleanup;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.vectorize.Vectorizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A fitted topic model as saved in {@code model.json} (format {@value #FORMAT}): everything {@code
 * apply} needs to analyse new documents exactly as the training documents were and to give them
 * topic weights, with the provenance of the fit. Written and read by {@link ModelFiles}; applied by
 * {@link ModelApplier}.
 *
 * @param format always {@value #FORMAT}
 * @param toolVersion version of topicnmf that fitted the model
 * @param runId the id of the run that wrote the model, the same as its report.json's (null, left out
 *     of the file, for models written before run ids or through the library without one)
 * @param options every option of the fit (reading, analysis, vocabulary, weighting, NMF, top terms)
 * @param mailCleanup the mail clean-up actually applied at fit time; {@code apply} applies the same
 *     (instead of detecting it again on the new folder)
 * @param extraStopwords the words of the {@code --stopwords} files at fit time, so {@code apply}
 *     does not depend on those files still existing; {@code options} carry them ({@link
 *     io.topicnmf.analysis.StopWordSource#withWords})
 * @param documents number of training documents
 * @param terms the vocabulary, in column order (the columns of H)
 * @param idf the idf of each column (all 1 when idf is off)
 * @param topics each topic's top terms with their readable forms and weights
 * @param h H (topics × terms, each row of unit L2 norm), stored sparsely
 * @param centroids the centroids of the topics' document clusters (topics × terms, unit rows;
 *     {@link DocumentClusters}), stored sparsely; null (left out of the file) when the fit
 *     clustered by dominant topic or was written before clusters had centroids
 * @param reduction how {@code topicnmf reduce} merged the topics of the fitted model into these
 *     ({@link TopicReduction}); null (left out of the file) for a model as fitted
 * @param ranking how the fit ranked the topics' listed terms ({@code quality.ranking} of its
 *     report; {@code apply} lists the model's own terms and reports this); null (left out) for a
 *     reduced model or one written before it was recorded
 * @param centroidTfPower the power of the term frequencies in the rows the centroids were found
 *     for ({@link DocumentClusters#space}); {@code apply} places new documents in that space; null
 *     (left out) without centroids, and in models written before it was recorded, whose centroids
 *     are of X itself (power 1)
 * @param clusterOfTopic for each topic, the cluster the fit merged its cluster into ({@link
 *     DocumentClusters.Result#clusterOfTopic}, {@link DocumentClusters#mergeSimilar}); with
 *     centroids {@code apply} lets a new document join cluster c wherever it contains a topic merged
 *     into c, without (dominant-topic clustering) it puts a document in its dominant topic's entry;
 *     null (left out) when no cluster was merged, and in models written before merges
 */
public record SavedModel(
    String format,
    String toolVersion,
    @JsonInclude(JsonInclude.Include.NON_NULL) String runId,
    FitOptions options,
    MailCleanup mailCleanup,
    List<String> extraStopwords,
    int documents,
    List<String> terms,
    List<Double> idf,
    List<SavedTopic> topics,
    SparseRows h,
    @JsonInclude(JsonInclude.Include.NON_NULL) SparseRows centroids,
    @JsonInclude(JsonInclude.Include.NON_NULL) TopicReduction.Reduction reduction,
    @JsonInclude(JsonInclude.Include.NON_NULL) TermListChoice.Ranking ranking,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double centroidTfPower,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> clusterOfTopic) {
  /** The format tag of {@code model.json}. */
  public static final String FORMAT = "topicnmf-model/1";

  public SavedModel {
    Objects.requireNonNull(options, "options");
    mailCleanup = mailCleanup == null ? MailCleanup.NONE : mailCleanup;
    extraStopwords = List.copyOf(extraStopwords == null ? List.of() : extraStopwords);
    // The analysis carries the saved words, so applying the model needs no stop-word file.
    AnalysisOptions a = options.analysis();
    if (!a.stopwordFiles().isEmpty()) {
      options = options.withAnalysis(a.withStopwordFiles(a.stopwordFiles().withWords(extraStopwords)));
    }
    terms = List.copyOf(terms);
    idf = List.copyOf(idf);
    topics = List.copyOf(topics);
    Objects.requireNonNull(h, "h");
    clusterOfTopic = clusterOfTopic == null ? null : List.copyOf(clusterOfTopic);
  }

  /** A model whose clusters were not merged ({@code clusterOfTopic} null). */
  public SavedModel(String format, String toolVersion, String runId, FitOptions options, MailCleanup mailCleanup,
      List<String> extraStopwords, int documents, List<String> terms, List<Double> idf, List<SavedTopic> topics,
      SparseRows h, SparseRows centroids, TopicReduction.Reduction reduction, TermListChoice.Ranking ranking,
      Double centroidTfPower) {
    this(format, toolVersion, runId, options, mailCleanup, extraStopwords, documents, terms, idf, topics, h,
        centroids, reduction, ranking, centroidTfPower, null);
  }

  /** A model as fitted (no reduction). */
  public SavedModel(String format, String toolVersion, FitOptions options, MailCleanup mailCleanup,
      List<String> extraStopwords, int documents, List<String> terms, List<Double> idf,
      List<SavedTopic> topics, SparseRows h, SparseRows centroids) {
    this(format, toolVersion, null, options, mailCleanup, extraStopwords, documents, terms, idf, topics, h,
        centroids, null, null, centroids == null ? null : DocumentClusters.TF_POWER);
  }

  /**
   * A topic's top terms, as the fit reported them, and its label ({@code --topic-labels}, or the
   * automatic one; null in models written before labels, which then get the automatic one).
   */
  public record SavedTopic(int id, List<TermWeight> terms,
      @JsonInclude(JsonInclude.Include.NON_NULL) String label) {
    public SavedTopic {
      terms = List.copyOf(terms);
    }

    /** A topic without label. */
    public SavedTopic(int id, List<TermWeight> terms) {
      this(id, terms, null);
    }
  }

  /** Each topic's label as the model carries it (null where the model has none). */
  public List<String> topicLabels() {
    List<String> out = new ArrayList<>(topics.size());
    for (SavedTopic t : topics) out.add(t.label());
    return out;
  }

  /**
   * A non-negative matrix stored row by row as its non-zero entries: {@code indices} (increasing
   * column numbers) and {@code values} (the entries there, full double precision).
   *
   * @param rows number of rows (topics)
   * @param cols number of columns (terms)
   * @param data one entry per row
   */
  public record SparseRows(int rows, int cols, List<Row> data) {
    public SparseRows {
      data = List.copyOf(data);
    }

    /** The non-zeros of one row. */
    public record Row(int[] indices, double[] values) {}

    /** The non-zeros of {@code m}. */
    public static SparseRows of(DenseMatrix m) {
      List<Row> rows = new ArrayList<>(m.rows());
      double[] d = m.data();
      for (int i = 0; i < m.rows(); i++) {
        int nz = 0;
        for (int j = 0; j < m.cols(); j++) {
          if (d[i * m.cols() + j] != 0) nz++;
        }
        int[] idx = new int[nz];
        double[] val = new double[nz];
        int p = 0;
        for (int j = 0; j < m.cols(); j++) {
          double v = d[i * m.cols() + j];
          if (v != 0) {
            idx[p] = j;
            val[p++] = v;
          }
        }
        rows.add(new Row(idx, val));
      }
      return new SparseRows(m.rows(), m.cols(), rows);
    }

    /** The dense matrix (validated by {@link ModelFiles#read}). */
    public DenseMatrix toDense() {
      DenseMatrix m = new DenseMatrix(rows, cols);
      for (int i = 0; i < rows; i++) {
        Row r = data.get(i);
        for (int p = 0; p < r.indices().length; p++) m.set(i, r.indices()[p], r.values()[p]);
      }
      return m;
    }
  }

  /**
   * The model of a fit.
   *
   * @param toolVersion the version of the tool writing it
   * @throws IOException if a {@code --stopwords} file of the fit can no longer be read
   */
  public static SavedModel of(TopicModelResult r, String toolVersion) throws IOException {
    return of(r, toolVersion, null);
  }

  /**
   * The model of a fit written by run {@code runId} (null: none).
   *
   * @throws IOException if a {@code --stopwords} file of the fit can no longer be read
   */
  public static SavedModel of(TopicModelResult r, String toolVersion, String runId) throws IOException {
    List<String> stop = r.options().analysis().stopwordFiles().words();
    List<SavedTopic> topics = new ArrayList<>();
    for (Topic t : r.topics()) topics.add(new SavedTopic(t.id(), t.terms(), t.label()));
    return new SavedModel(FORMAT, toolVersion, runId, r.options(), r.corpus().mailCleanup(), stop,
        r.corpus().documentsRead(), r.vocabulary().terms(), r.idf(), topics,
        SparseRows.of(r.factorization().h()),
        r.centroids() == null ? null : SparseRows.of(r.centroids()), null, r.quality().ranking(),
        r.centroids() == null ? null : DocumentClusters.TF_POWER, clusterOfTopic(r.clusters()));
  }

  /** Each topic's cluster as the clusters' {@link Cluster#mergedTopics} say; null when none was merged. */
  static List<Integer> clusterOfTopic(List<Cluster> clusters) {
    Integer[] of = new Integer[clusters.size()];
    boolean merged = false;
    for (Cluster c : clusters) {
      of[c.topic()] = c.topic();
      merged |= !c.mergedTopics().isEmpty();
    }
    if (!merged) return null;
    for (Cluster c : clusters) for (int t : c.mergedTopics()) of[t] = c.topic();
    return List.of(of);
  }

  /** {@link #clusterOfTopic} as an array, or null when the model has none. */
  public int[] clusterOfTopicArray() {
    return clusterOfTopic == null ? null : clusterOfTopic.stream().mapToInt(Integer::intValue).toArray();
  }

  /** This model as written by run {@code runId} (its outputs published together, {@code files.OutputFolder}). */
  public SavedModel withRunId(String runId) {
    return new SavedModel(format, toolVersion, runId, options, mailCleanup, extraStopwords, documents, terms, idf,
        topics, h, centroids, reduction, ranking, centroidTfPower, clusterOfTopic);
  }

  /** The power of the term frequencies in the space of the centroids: 1 (X itself) when not recorded. */
  public double clusterTfPower() {
    return centroidTfPower == null ? 1.0 : centroidTfPower;
  }

  /**
   * The version of this build of topicnmf (the Maven project version, from {@code
   * io/topicnmf/version.properties}), or "unknown": what a model saved by this build records as
   * its {@code toolVersion}.
   */
  public static String currentToolVersion() {
    try (InputStream in = SavedModel.class.getResourceAsStream("/io/topicnmf/version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // "unknown": the version is informative only
    }
    return "unknown";
  }

  /** The vectorizer of the fit: its vocabulary, idf and weighting, which apply transforms new documents with. */
  public Vectorizer vectorizer() {
    double[] v = new double[idf.size()];
    for (int j = 0; j < v.length; j++) v[j] = idf.get(j);
    return new Vectorizer(terms, v, options.weighting());
  }

  /** Number of topics. */
  public int k() {
    return h.rows();
  }

  /** Readable forms of the top terms (stemmed term to its most frequent original word). */
  public Map<String, String> surfaceForms() {
    Map<String, String> m = new LinkedHashMap<>();
    for (SavedTopic t : topics) {
      for (TermWeight tw : t.terms()) {
        if (tw.surface() != null && !tw.surface().equals(tw.term())) m.put(tw.term(), tw.surface());
      }
    }
    return m;
  }
}

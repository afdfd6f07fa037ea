package io.topicnmf.model;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.vectorize.Vocabulary;
import io.topicnmf.nmf.NmfResult;
import java.util.List;

/**
 * The outcome of {@link TopicModeler#fit}: topics, documents and clusters, with the factors and the
 * matrix they were fitted on.
 *
 * @param options the options of the fit
 * @param corpus what was read
 * @param vocabulary the matrix's terms (column order)
 * @param idf the idf of each column (all 1 when idf is off)
 * @param documentIds row order of the matrix and of W
 * @param counts the raw term counts (documents × terms) behind {@code matrix}
 * @param matrix the weighted documents × terms matrix X that was factorized
 * @param factorization W (documents × topics), H (topics × terms) and the fit's figures
 * @param topics one per row of H
 * @param documents one per document, in matrix row order
 * @param clusters one per topic
 * @param centroids the clusters' centroids (topics × terms, unit rows) with {@link
 *     Clustering#KMEANS}, saved with the model so {@code apply} places new documents the same
 *     way; null with {@link Clustering#DOMINANT}
 * @param quality coherence and diversity of the topics
 * @param evaluation agreement with the documents' labels, or null when no document has a label
 * @param timings seconds per stage
 */
public record TopicModelResult(
    FitOptions options,
    CorpusStats corpus,
    Vocabulary vocabulary,
    List<Double> idf,
    List<String> documentIds,
    CsrMatrix counts,
    CsrMatrix matrix,
    NmfResult factorization,
    List<Topic> topics,
    List<DocumentTopics> documents,
    List<Cluster> clusters,
    DenseMatrix centroids,
    Quality quality,
    Evaluation evaluation,
    Timings timings) {
  public TopicModelResult {
    idf = List.copyOf(idf);
    documentIds = List.copyOf(documentIds);
    topics = List.copyOf(topics);
    documents = List.copyOf(documents);
    clusters = List.copyOf(clusters);
  }

  /**
   * This result with its topics named by {@code labels} (by topic id; a null or missing label
   * keeps the topic's current one), as {@code --topic-labels} names them; {@link SavedModel#of}
   * then carries the labels to {@code apply}.
   */
  public TopicModelResult withTopicLabels(List<String> labels) {
    List<Topic> named = new java.util.ArrayList<>(topics.size());
    for (Topic t : topics) {
      String l = t.id() < labels.size() ? labels.get(t.id()) : null;
      named.add(l == null ? t : t.withLabel(l));
    }
    return new TopicModelResult(options, corpus, vocabulary, idf, documentIds, counts, matrix, factorization,
        named, documents, clusters, centroids, quality, evaluation, timings);
  }
}

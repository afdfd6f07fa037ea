package io.topicnmf.model;

import io.topicnmf.corpus.Corpus;
import io.topicnmf.corpus.CorpusReader;
import io.topicnmf.corpus.Document;
import io.topicnmf.corpus.Skipped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted topic model that gives texts in memory their topics: the library's counterpart of {@code
 * model.json} and {@code topicnmf apply}. Made by {@link TopicModeler#fitTexts} or {@link
 * TopicModeler#fitDocuments} (texts in memory), {@link #of} (a fit of a folder) or {@link #load}
 * (a {@code model.json} written by {@code topicnmf fit} or {@link #save}).
 *
 * <pre>{@code
 * TopicModel model = new TopicModeler(FitOptions.defaults(5)).fitTexts(texts);
 * model.topics().forEach(t -> System.out.println(t.id() + " " + t.terms()));
 * DocumentTopics d = model.transform("The striker scored twice before half time");
 * System.out.println(d.dominantTopic() + " " + d.weights());
 * model.save(Path.of("model.json"));   // what topicnmf apply --model reads
 * }</pre>
 *
 * <p>{@link #transform} runs the code of {@code apply} ({@link ModelApplier}): the texts are read
 * as plain-text files are, with the fit's mail clean-up, analysed with the fit's chain, weighted
 * with the fit's vocabulary and idf (unknown terms ignored), and their topic weights are solved
 * with H fixed; they join the cluster of the nearest saved centroid among the topics they contain.
 * A training text gets back its weights of the fit (to ~1e-6). Immutable and safe to share
 * between threads.
 */
public final class TopicModel {
  private final SavedModel saved;
  private final TopicModelResult training;
  private final List<DocumentTopics> documents;
  private final int threads;

  private TopicModel(SavedModel saved, TopicModelResult training, List<DocumentTopics> documents, int threads) {
    this.saved = Objects.requireNonNull(saved, "saved");
    this.training = training;
    this.documents = List.copyOf(documents);
    this.threads = threads;
  }

  /**
   * The model of a fit (of a folder, or of a {@link PreparedCorpus}); its {@link #documents()} are
   * the fit's, in the fit's order.
   *
   * @throws IOException if a stop-word file of the fit can no longer be read (the model keeps its
   *     words)
   */
  public static TopicModel of(TopicModelResult result) throws IOException {
    return new TopicModel(SavedModel.of(result, SavedModel.currentToolVersion()), result, result.documents(),
        result.options().nmf().threads());
  }

  /** A fit of documents given in memory; its documents in the order given, skipped ones with a note. */
  static TopicModel fitted(TopicModelResult result, List<Document> given) throws IOException {
    return new TopicModel(SavedModel.of(result, SavedModel.currentToolVersion()), result,
        inOrder(given, result.documents(), result.corpus().skipped()), result.options().nmf().threads());
  }

  /**
   * Reads a model saved by {@link #save} or by {@code topicnmf fit} ({@code model.json}).
   *
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws ModelFormatException if it is not a usable model, saying why
   */
  public static TopicModel load(Path file) throws IOException {
    SavedModel m = ModelFiles.read(file);
    return new TopicModel(m, null, List.of(), m.options().nmf().threads());
  }

  /**
   * Writes the model to {@code file} as {@code model.json} ({@link SavedModel}, the file {@code
   * topicnmf apply --model} reads), atomically: the file is complete or absent.
   */
  public void save(Path file) throws IOException {
    ModelFiles.write(saved, file);
  }

  /** The same model transforming with {@code threads} worker threads (≥ 1; results do not depend on it). */
  public TopicModel withThreads(int threads) {
    if (threads < 1 || threads > io.topicnmf.nmf.NmfOptions.MAX_THREADS) {
      throw new IllegalArgumentException("threads must be between 1 and " + io.topicnmf.nmf.NmfOptions.MAX_THREADS
          + ", got " + threads);
    }
    return new TopicModel(saved, training, documents, threads);
  }

  /** The number of topics. */
  public int k() {
    return saved.k();
  }

  /** The options of the fit (with {@link io.topicnmf.analysis.Language#AUTO} resolved to the language used). */
  public FitOptions options() {
    return saved.options();
  }

  /** Each topic's top terms with their readable forms and weights in H, as the fit listed them. */
  public List<SavedModel.SavedTopic> topics() {
    return saved.topics();
  }

  /** The model as {@code model.json} holds it. */
  public SavedModel saved() {
    return saved;
  }

  /**
   * The whole result of the fit (W, H, the matrix, topics with their sizes and coherence, clusters,
   * agreement with labels, timings), or empty for a model that was {@link #load loaded}.
   */
  public Optional<TopicModelResult> training() {
    return Optional.ofNullable(training);
  }

  /**
   * The training documents' topics, in the order they were given to {@link TopicModeler#fitTexts}
   * or {@link TopicModeler#fitDocuments} (a skipped document has no topic and the reason as its
   * note), in the fit's order for {@link #of}; empty for a loaded model.
   */
  public List<DocumentTopics> documents() {
    return documents;
  }

  /**
   * The topics of one text: its normalised weights, dominant topic, strength and cluster. A text
   * with no term of the model's vocabulary has no topic and the note {@value
   * ModelApplier#NO_KNOWN_TERMS}; a blank one the note "empty text".
   */
  public DocumentTopics transform(String text) {
    return transform(List.of(text)).get(0);
  }

  /** The topics of each text, in the same order; each text's id is its position ("0", "1", ...). */
  public List<DocumentTopics> transform(List<String> texts) {
    List<TextDocument> docs = new ArrayList<>(texts.size());
    for (String t : texts) docs.add(TextDocument.of(t));
    return transformDocuments(docs);
  }

  /**
   * The topics of each document, in the same order, with the documents' ids and labels.
   *
   * @throws IllegalArgumentException naming {@code id} if two documents have the same id
   */
  public List<DocumentTopics> transformDocuments(List<TextDocument> documents) {
    List<Document> given = corpusDocuments(documents);
    if (given.isEmpty()) return List.of();
    try {
      List<Document> usable = given.stream().filter(d -> !d.text().isBlank()).toList();
      if (usable.isEmpty()) return inOrder(given, List.of(), skipped(given));
      TopicModelResult r;
      try {
        r = ModelApplier.apply(saved, given, threads, FitListener.NONE);
      } catch (UnusableInputException e) {
        // Nothing was left after the reading's clean-up: each document says why.
        return inOrder(given, List.of(), skipped(given));
      }
      return inOrder(given, r.documents(), r.corpus().skipped());
    } catch (IOException e) {
      // The texts are in memory and the model carries its stop words: nothing is read from disk.
      throw new UncheckedIOException(e);
    }
  }

  /** Why each document of {@code given} is skipped when read with the model's options. */
  private List<Skipped> skipped(List<Document> given) {
    Corpus read = CorpusReader.of(CorpusPreparer.IN_MEMORY, given, ModelApplier.applied(saved, threads).corpus());
    return read.skipped();
  }

  /**
   * The corpus documents of {@code docs}, ids given to those without one (their position).
   *
   * @throws IllegalArgumentException naming {@code id} if two documents have the same id
   */
  static List<Document> corpusDocuments(Iterable<TextDocument> docs) {
    List<Document> out = new ArrayList<>();
    Map<String, Integer> positions = new HashMap<>();
    for (TextDocument d : docs) {
      Objects.requireNonNull(d, "document");
      int position = out.size();
      String id = d.id() != null ? d.id() : Integer.toString(position);
      Integer before = positions.putIfAbsent(id, position);
      if (before != null) {
        throw new IllegalArgumentException("id '" + id + "' is given to the documents at positions " + before
            + " and " + position + ": ids must be unique (give null to number a document by its position)");
      }
      out.add(new Document(id, d.label(), d.text()));
    }
    return out;
  }

  /**
   * One entry per document of {@code given}, in its order: its topics from {@code described}, or
   * none and the reason it was skipped.
   */
  static List<DocumentTopics> inOrder(List<Document> given, List<DocumentTopics> described, List<Skipped> skipped) {
    Map<String, DocumentTopics> byId = new HashMap<>();
    for (DocumentTopics d : described) byId.put(d.id(), d);
    Map<String, String> reasons = new HashMap<>();
    for (Skipped s : skipped) reasons.putIfAbsent(s.path(), s.reason());
    List<DocumentTopics> out = new ArrayList<>(given.size());
    for (Document d : given) {
      DocumentTopics t = byId.get(d.id());
      out.add(t != null ? t : new DocumentTopics(d.id(), d.label(), null, 0, List.of(), null,
          reasons.getOrDefault(d.id(), "skipped")));
    }
    return out;
  }
}

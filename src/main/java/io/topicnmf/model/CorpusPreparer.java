package io.topicnmf.model;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.analysis.AnalyzedCorpus;
import io.topicnmf.analysis.CorpusAnalyzer;
import io.topicnmf.analysis.Language;
import io.topicnmf.analysis.LanguageCheck;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.options.InvalidOptionException;
import io.topicnmf.corpus.Corpus;
import io.topicnmf.corpus.CorpusReader;
import io.topicnmf.corpus.CorpusStream;
import io.topicnmf.analysis.StreamingAnalyzer;
import io.topicnmf.corpus.Document;
import io.topicnmf.vectorize.Vectorizer;
import io.topicnmf.vectorize.Vectorizer.Vectorized;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;

/**
 * Read → analyse → vectorize, the stages every command runs before the NMF: {@link #fitting} learns
 * the vectorizer from the documents ({@code fit}, {@code select-k}, {@code vectorize}), {@link
 * #applying} transforms them with a saved one ({@code apply}). {@link Language#AUTO} is resolved
 * here, once, after reading; the prepared corpus records the options actually used and the
 * language check.
 */
final class CorpusPreparer {
  /** The {@code input} of a corpus given in memory, as reports show it. */
  static final String IN_MEMORY = "(texts in memory)";

  private final FitOptions options;
  /** The fitted vectorizer to transform with, or null to fit one. */
  private final Vectorizer fitted;
  private final FitListener listener;
  /** Paths the reading leaves out (the run's outputs). */
  private final Set<Path> excluded;
  /** Where the rows may spill (the run's staging folder), or null for the system's temporary folder. */
  private final Path scratch;

  private CorpusPreparer(FitOptions options, Vectorizer fitted, FitListener listener, Set<Path> excluded,
      Path scratch) {
    this.options = options;
    this.fitted = fitted;
    this.listener = listener;
    this.excluded = excluded;
    this.scratch = scratch;
  }

  /**
   * The documents under {@code input} prepared with {@code options}, the vectorizer fitted to them.
   *
   * @throws UnusableInputException if no usable document or term is found
   */
  static PreparedCorpus fitting(FitOptions options, Path input, Set<Path> excluded, Path scratch,
      FitListener listener) throws IOException {
    return new CorpusPreparer(options, null, listener, excluded, scratch).prepare(input);
  }

  /**
   * The documents under {@code input} prepared with {@code options} (a saved model's, resolved)
   * and transformed by {@code vectorizer}; documents without a term of its vocabulary get empty rows.
   *
   * @throws UnusableInputException if no usable document is found
   */
  static PreparedCorpus applying(FitOptions options, Vectorizer vectorizer, Path input, Set<Path> excluded,
      Path scratch, FitListener listener) throws IOException {
    return new CorpusPreparer(options, vectorizer, listener, excluded, scratch).prepare(input);
  }

  /**
   * Documents given in memory, read by {@link CorpusReader#of} with {@code options} and prepared
   * with them, the vectorizer fitted to them.
   *
   * @throws UnusableInputException if no usable document or term is found
   */
  static PreparedCorpus fitting(FitOptions options, List<Document> texts, FitListener listener) throws IOException {
    return new CorpusPreparer(options, null, listener, Set.of(), null).prepare(texts);
  }

  /**
   * Documents given in memory, read with {@code options} (a saved model's, resolved) and
   * transformed by {@code vectorizer}.
   *
   * @throws UnusableInputException if no usable document is found
   */
  static PreparedCorpus applying(FitOptions options, Vectorizer vectorizer, List<Document> texts,
      FitListener listener) throws IOException {
    return new CorpusPreparer(options, vectorizer, listener, Set.of(), null).prepare(texts);
  }

  private PreparedCorpus prepare(List<Document> texts) throws IOException {
    long t0 = System.nanoTime();
    listener.onStageStart("read");
    return prepare(CorpusReader.of(IN_MEMORY, texts, options.corpus()), t0);
  }

  /**
   * A folder or file read, analysed and counted in one streaming pass ({@link StreamingAnalyzer}):
   * no text is kept, the rows may spill under {@link #scratch}.
   */
  private PreparedCorpus prepare(Path input) throws IOException {
    long t0 = System.nanoTime();
    listener.onStageStart("read");
    CorpusStream.Entries entries = CorpusStream.walk(input, excluded);
    int threads = options.nmf().threads();
    long inputBytes = entries.inputBytes();
    long maxHeap = Runtime.getRuntime().maxMemory();
    ReadingMemory.check(entries.root(), inputBytes, threads, maxHeap);
    java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
    try {
      return prepare(entries, threads, t0, (n, path) -> {
        seen.accumulateAndGet(n, Math::max);
        listener.onFile(n, path);
      });
    } catch (IOException | RuntimeException | Error e) {
      // Out of heap anywhere in reading, analysis or the matrix (a worker's failure arrives
      // wrapped): the memory of the stage is garbage once here, so the refusal can be built.
      if (outOfMemory(e) == null) throw e;
      throw ReadingMemory.ranOut(entries.root(), inputBytes, entries.files(), seen.get(), threads, maxHeap);
    }
  }

  /** The OutOfMemoryError among the causes of {@code e}, or null. */
  private static OutOfMemoryError outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError oom) return oom;
      if (t.getCause() == t) break;
    }
    return null;
  }

  private PreparedCorpus prepare(CorpusStream.Entries entries, int threads, long t0,
      io.topicnmf.corpus.CorpusListener files) throws IOException {
    try (StreamingAnalyzer.Streamed s = StreamingAnalyzer.analyze(entries, options.corpus(), this::resolve,
        threads, scratch, files, listener)) {
      long t1 = System.nanoTime();
      Corpus corpus = s.corpus();
      LanguageCheck language = s.language();
      boolean warn = fitted == null && language.mismatch();
      listener.onStageEnd("read", sec(t0, t1),
          corpus.documents().size() + " documents, " + corpus.skipped().size() + " skipped"
              + (warn ? "; warning: " + language.advice() : ""));
      if (corpus.documents().isEmpty()) throw noDocument(corpus.root(), corpus);
      FitOptions used = options.withAnalysis(s.analysis());
      listener.onStageStart("analyse");
      listener.onStageEnd("analyse", 0.0, corpus.documents().size() + " documents analysed (while reading)");
      listener.onStageStart("matrix");
      Vectorized v;
      try {
        v = fitted == null ? Vectorizer.fit(s.rows(), options.vocabulary(), options.weighting())
            : fitted.transform(s.rows());
      } catch (InvalidOptionException e) {
        throw new UnusableInputException(e);
      } catch (IllegalArgumentException e) {
        throw new UnusableInputException(e.getMessage());
      }
      long t2 = System.nanoTime();
      return prepared(used, corpus, s.surfaceForms(), v, s.tokens(), language, sec(t0, t1), 0.0, sec(t1, t2));
    }
  }

  /** The prepared corpus, after the stage "matrix" ends; refused when no term is left. */
  private PreparedCorpus prepared(FitOptions used, Corpus corpus, Map<String, String> surfaceForms, Vectorized v,
      List<List<String>> tokens, LanguageCheck language, double read, double analysis, double matrix)
      throws UnusableInputException {
    String input = corpus.root();
    PreparedCorpus p = new PreparedCorpus(used, corpus, surfaceForms, v, read, analysis, matrix, language,
        TokenColumns.of(tokens, v.counts().vocabulary()), scratch);
    int n = corpus.documents().size();
    String shape = n + " x " + v.counts().vocabulary().size() + ", " + v.matrix().nnz() + " non-zeros";
    listener.onStageEnd("matrix", matrix, fitted == null ? shape
        : shape + ", " + (n - p.documentsWithTerms()) + " documents without known terms");
    if (fitted == null && (p.vocabulary().size() == 0 || p.documentsWithTerms() == 0)) {
      throw noTerm(input, n, v.counts().pruning().removedByMinDf(), v.counts().pruning().removedByMaxDf());
    }
    return p;
  }

  /**
   * The analysis options and the language check for a sample of the documents' texts: {@link
   * Language#AUTO} resolved as {@link #resolveLanguage} resolves it.
   */
  private StreamingAnalyzer.Resolution resolve(List<String> sample) throws UnusableInputException {
    AnalysisOptions a = options.analysis();
    if (a.language() != Language.AUTO) {
      return new StreamingAnalyzer.Resolution(a, LanguageCheck.ofSample(sample, a.language()));
    }
    Language chosen = LanguageCheck.ofSample(sample, Language.EN).choice();
    Stemming stem = a.stem() != null ? a.stem() : FitOptions.defaultStem(chosen);
    if (!chosen.supports(stem)) {
      throw new UnusableInputException("{stem} " + stem.name().toLowerCase(Locale.ROOT)
          + " is not available for the language the text was found to be in ('" + chosen.code()
          + "', {language} auto): choose another {stem} or give {language}", "stem", "language");
    }
    return new StreamingAnalyzer.Resolution(a.resolved(chosen, stem),
        LanguageCheck.ofSample(sample, chosen).asAutomatic());
  }

  /** The stages after reading, for a corpus whose reading started at {@code t0}. */
  private PreparedCorpus prepare(Corpus corpus, long t0) throws IOException {
    String input = corpus.root();
    long t1 = System.nanoTime();
    Resolved r = resolveLanguage(corpus);
    LanguageCheck language = r.check();
    boolean warn = fitted == null && language.mismatch();
    listener.onStageEnd("read", sec(t0, t1),
        corpus.documents().size() + " documents, " + corpus.skipped().size() + " skipped"
            + (warn ? "; warning: " + language.advice() : ""));
    if (corpus.documents().isEmpty()) throw noDocument(input, corpus);
    FitOptions used = options.withAnalysis(r.analysis());
    int threads = options.nmf().threads();
    listener.onStageStart("analyse");
    AnalyzedCorpus analyzed = CorpusAnalyzer.analyze(corpus.documents(), used.analysis(), threads, listener);
    long t2 = System.nanoTime();
    listener.onStageEnd("analyse", sec(t1, t2), corpus.documents().size() + " documents analysed");

    listener.onStageStart("matrix");
    Vectorized v = fitted == null ? fit(analyzed, threads) : fitted.transform(analyzed.documentTerms(), threads);
    long t3 = System.nanoTime();
    return prepared(used, corpus, analyzed.surfaceForms(), v, analyzed.documentTerms(), language,
        sec(t0, t1), sec(t1, t2), sec(t2, t3));
  }

  /**
   * No term left: the advice names the limit that removed the terms ({@code maxDf} when terms in
   * too many documents were removed, as in a corpus of copies of one text; {@code minDf} when terms
   * in too few were).
   */
  private UnusableInputException noTerm(String input, int n, int byMinDf, int byMaxDf) {
    String advice;
    if (byMaxDf > 0 && byMinDf > 0) {
      advice = "try {minDf} 1 and {maxDf} 1.0 (keep the terms of every document), or a larger corpus";
    } else if (byMaxDf > 0) {
      advice = "the documents share all their terms: try {maxDf} 1.0 (keep the terms found in every document),"
          + " or a larger, more varied corpus";
    } else if (byMinDf > 0) {
      advice = "try {minDf} 1 or a larger corpus";
    } else {
      advice = "the documents hold no word once stop words, numbers and short tokens are removed: check {language}";
    }
    return new UnusableInputException("no term is left after analysis and pruning in " + input + " (" + n
        + " documents, " + byMinDf + " terms below {minDf} " + options.vocabulary().minDf() + ", " + byMaxDf
        + " above {maxDf} " + options.vocabulary().maxDf() + "): " + advice, "minDf", "maxDf", "language");
  }

  /** The analysis options with {@link Language#AUTO} resolved, and the language check of the documents. */
  private record Resolved(AnalysisOptions analysis, LanguageCheck check) {}

  /** {@link #resolve} on the documents' sample ({@link LanguageCheck#sample}). */
  private Resolved resolveLanguage(Corpus corpus) throws UnusableInputException {
    List<String> sample = new java.util.ArrayList<>();
    for (int d : LanguageCheck.sample(corpus.documents().size())) sample.add(corpus.documents().get(d).text());
    StreamingAnalyzer.Resolution r = resolve(sample);
    return new Resolved(r.analysis(), r.check());
  }

  private Vectorized fit(AnalyzedCorpus analyzed, int threads) throws UnusableInputException {
    try {
      return Vectorizer.fit(analyzed.documentTerms(), options.vocabulary(), options.weighting(), threads);
    } catch (InvalidOptionException e) {
      throw new UnusableInputException(e);
    } catch (IllegalArgumentException e) {
      throw new UnusableInputException(e.getMessage());
    }
  }

  private UnusableInputException noDocument(String input, Corpus corpus) {
    if (IN_MEMORY.equals(input)) {
      String skips = corpus.skipped().isEmpty() ? "no text was given" : describeSkips(corpus, "texts");
      return new UnusableInputException("no usable document among the texts given: " + skips
          + " (give at least one text with words in it)");
    }
    if (fitted != null) {
      return new UnusableInputException("no usable document in " + input + " ("
          + corpus.skipped().size() + " files skipped; readable files are " + CorpusReader.READABLE_FILES + ")");
    }
    return new UnusableInputException(
        "no usable document in " + input + ": " + describeSkips(corpus, "files")
            + " (readable files are " + CorpusReader.READABLE_FILES + ")");
  }

  private static String describeSkips(Corpus corpus, String what) {
    if (corpus.skipped().isEmpty()) return "the folder holds no file";
    Map<String, Long> byReason = new java.util.TreeMap<>();
    corpus.skipped().forEach(s -> byReason.merge(s.reason(), 1L, Long::sum));
    StringBuilder b = new StringBuilder(corpus.skipped().size() + " " + what + " skipped (");
    byReason.forEach((r, c) -> b.append(c).append(" ").append(r).append("; "));
    b.setLength(b.length() - 2);
    return b.append(")").toString();
  }

  static double sec(long a, long b) {
    return (b - a) / 1e9;
  }
}

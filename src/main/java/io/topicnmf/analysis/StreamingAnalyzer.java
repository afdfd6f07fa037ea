package io.topicnmf.analysis;

import io.topicnmf.corpus.Corpus;
import io.topicnmf.corpus.CorpusListener;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.corpus.CorpusStream;
import io.topicnmf.corpus.CorpusStream.Decisions;
import io.topicnmf.corpus.CorpusStream.Outcome;
import io.topicnmf.corpus.Document;
import io.topicnmf.corpus.MailCleanup;
import io.topicnmf.options.InvalidOptionException;
import io.topicnmf.vectorize.CountedRows;
import io.topicnmf.vectorize.RowStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Read → analyse → rows of term ids in one streaming pass ({@link CorpusStream}), documents in
 * parallel, no text kept: each document leaves its id, label, metadata and a snippet's worth of
 * text, its token ids (for C_V coherence) and its row of distinct term ids with counts in a {@link
 * RowStore} (spilled under the run's scratch folder past its budget); document frequencies and
 * totals are counted on the way ({@link StreamCounts}). The result equals what {@code
 * CorpusReader.read} then {@link CorpusAnalyzer#analyze} and the vectorizer give.
 *
 * <p>What {@code CorpusReader} decides on the whole corpus is decided ahead on the first {@value
 * #PREFIX_DOCUMENTS} documents (a short prefix pass) and checked on the whole: the mail clean-up
 * (the share of documents with a mail header block), the lines most web pages share (counted by
 * hash over all pages), and, with {@code --language auto}, the language (the check's own evenly
 * spaced sample, re-read at the end: only those documents are decoded again). When a check
 * disagrees with what the pass applied, the pass runs again with the corpus's decision, so the
 * result never depends on the guess; on real corpora the guess holds and one pass is made.
 */
public final class StreamingAnalyzer {
  /** Documents of the prefix on which the clean-up and the language are guessed. */
  static final int PREFIX_DOCUMENTS = 200;
  /** Passes at most (each check can change the decisions once). */
  private static final int MAX_PASSES = 4;

  private StreamingAnalyzer() {}

  /** How the analysis language is chosen from sample texts ({@code --language auto} or given). */
  @FunctionalInterface
  public interface LanguageResolver {
    /** The analysis options to use and the language check, for {@code sample} (texts of a corpus's sample). */
    Resolution resolve(List<String> sample) throws IOException;
  }

  /** The analysis options chosen and the language check they come with. */
  public record Resolution(AnalysisOptions analysis, LanguageCheck check) {}

  /**
   * A corpus streamed: the documents (texts cut to their snippet) and skips, the counted rows, the
   * token ids, the surface forms, the analysis options used and the language check. Close it to
   * delete the rows' spill file.
   */
  public record Streamed(Corpus corpus, CountedRows rows, List<List<String>> tokens,
      Map<String, String> surfaceForms, AnalysisOptions analysis, LanguageCheck language, int passes)
      implements Closeable {
    @Override
    public void close() throws IOException {
      rows.rows().close();
    }
  }

  /**
   * Streams {@code entries}.
   *
   * @param scratch the folder a spill file may be written to (the run's staging folder)
   * @param resolver chooses the analysis options from a sample's texts
   */
  public static Streamed analyze(CorpusStream.Entries entries, CorpusOptions options, LanguageResolver resolver,
      int threads, Path scratch, CorpusListener files, AnalysisListener documents) throws IOException {
    Objects.requireNonNull(resolver, "resolver");
    if (threads < 1) {
      throw new InvalidOptionException("threads", "{threads} must be at least 1, got " + threads);
    }
    // The guess: the decisions and the language of the first documents.
    Outcome prefix = CorpusStream.pass(entries, options, Decisions.none(), threads, text -> null,
        (d, r, kept) -> { }, CorpusListener.NONE, null, PREFIX_DOCUMENTS);
    Decisions decisions = prefix.decided(options, Decisions.none());
    decisions = new Decisions(decisions.stripHeaders(), decisions.stripQuotes(), decisions.sharedLines(), Map.of());
    AnalysisOptions analysis = resolver.resolve(texts(entries, options, decisions, threads, null, PREFIX_DOCUMENTS))
        .analysis();
    for (int pass = 1; ; pass++) {
      StreamCounts counts = new StreamCounts(scratch);
      boolean done = false;
      try {
        Outcome outcome = analysisPass(entries, options, decisions, analysis, threads, counts, files, documents);
        Decisions decided = outcome.decided(options, decisions);
        if (!decided.same(decisions) && pass < MAX_PASSES) {
          decisions = decided;
          continue;
        }
        int[] sample = LanguageCheck.sample(outcome.documents());
        List<String> sampled = texts(entries, options, decisions, threads, outcome.places(sample), Integer.MAX_VALUE);
        Resolution r = resolver.resolve(sampled);
        if (!r.analysis().equals(analysis) && pass < MAX_PASSES) {
          analysis = r.analysis();
          continue;
        }
        MailCleanup mail = outcome.mailCleanup(options);
        Corpus corpus = new Corpus(entries.root(), counts.documents(), outcome.skipped(), mail, outcome.boilerplate());
        done = true;
        return new Streamed(corpus, counts.rows(), counts.tokens(), counts.surfaceForms(), analysis, r.check(), pass);
      } finally {
        if (!done) counts.close();
      }
    }
  }

  private static Outcome analysisPass(CorpusStream.Entries entries, CorpusOptions options, Decisions decisions,
      AnalysisOptions analysis, int threads, StreamCounts counts, CorpusListener files, AnalysisListener documents)
      throws IOException {
    try (TextAnalyzer analyzer = new TextAnalyzer(analysis)) {
      boolean surfaces = analysis.transformsTerms();
      ThreadLocal<StreamCounts.Worker> workers = ThreadLocal.withInitial(counts::newWorker);
      return CorpusStream.pass(entries, options, decisions, threads,
          text -> workers.get().analyse(analyzer, text, surfaces),
          (d, terms, kept) -> {
            counts.add(d, terms, kept);
            if (kept) documents.onDocument(counts.documentCount(), 0);
          },
          files, null, Integer.MAX_VALUE);
    }
  }

  /** The texts (their first {@link LanguageCheck#SAMPLE_CHARS} characters) of some documents, or of a prefix. */
  private static List<String> texts(CorpusStream.Entries entries, CorpusOptions options, Decisions decisions,
      int threads, Map<Integer, int[]> wanted, int stopAfter) throws IOException {
    List<String> texts = new ArrayList<>();
    CorpusStream.pass(entries, options, decisions, threads,
        text -> text.length() <= LanguageCheck.SAMPLE_CHARS ? text : text.substring(0, LanguageCheck.SAMPLE_CHARS),
        (Document d, String text, boolean kept) -> {
          if (kept) texts.add(text);
        },
        CorpusListener.NONE, wanted, stopAfter);
    return texts;
  }
}

package io.topicnmf.spark;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.analysis.Language;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.analysis.StopWordSource;
import io.topicnmf.analysis.TextAnalyzer;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the Spark job calls the core's analysis: the Lucene chain of {@link
 * TextAnalyzer}, built from the same {@link AnalysisOptions} as {@code topicnmf fit}, run on one
 * document at a time inside a partition. Keeping the coupling here means the job follows the core's
 * analysis without copying any of it.
 *
 * <p>One instance per partition (a task): the analyzer keeps one Lucene chain per thread. Close it
 * at the end of the partition.
 */
final class CoreAnalysis implements AutoCloseable {
  private final TextAnalyzer analyzer;
  private final boolean surfaces;

  CoreAnalysis(Spec spec) throws IOException {
    AnalysisOptions options = spec.options();
    this.analyzer = new TextAnalyzer(options);
    this.surfaces = options.transformsTerms();
  }

  /**
   * {@link AnalysisOptions} in a form that travels to the executors: its values, with the words of
   * its {@code --stopwords} files read on the driver.
   */
  static final class Spec implements Serializable {
    private static final long serialVersionUID = 1L;
    final boolean defaultStopwords;
    final ArrayList<String> stopwordFiles;
    final ArrayList<String> extraStopwords;
    final String stem;
    final int minTokenLength;
    final int maxTokenLength;
    final boolean keepNumbers;
    final boolean foldAccents;
    final String language;
    final int ngrams;
    final boolean keepUrls;

    Spec(AnalysisOptions o) throws IOException {
      defaultStopwords = o.defaultStopwords();
      stopwordFiles = new ArrayList<>();
      for (Path p : o.stopwordFiles()) stopwordFiles.add(p.toString());
      extraStopwords = new ArrayList<>(o.stopwordFiles().words());
      stem = o.stem().name();
      minTokenLength = o.minTokenLength();
      maxTokenLength = o.maxTokenLength();
      keepNumbers = o.keepNumbers();
      foldAccents = o.foldAccents();
      language = o.language().name();
      ngrams = o.ngrams();
      keepUrls = o.keepUrls();
    }

    AnalysisOptions options() {
      // The words travel with the task (the executors may not see the driver's files); the
      // core's source carries them, so the files are never read on an executor.
      List<Path> files = new ArrayList<>();
      for (String f : stopwordFiles) files.add(Path.of(f));
      StopWordSource words = StopWordSource.of(files).withWords(extraStopwords);
      return new AnalysisOptions(defaultStopwords, words, Stemming.valueOf(stem),
          minTokenLength, maxTokenLength, keepNumbers, foldAccents, Language.valueOf(language),
          ngrams, keepUrls);
    }
  }

  /** The analysed terms of one document, with counts, and the original forms behind them. */
  static final class Terms {
    /** Term → its count in the document, in first-seen order of the map's iteration. */
    final Map<String, int[]> counts = new HashMap<>();
    /** (term, original form) → count, only when the options transform terms; else empty. */
    final Map<Map.Entry<String, String>, int[]> originals = new HashMap<>();
    int tokens;
  }

  /** Runs the chain over {@code text}. */
  Terms analyze(String text) {
    Terms t = new Terms();
    analyzer.analyze(text == null ? "" : text, (term, surface) -> {
      t.tokens++;
      t.counts.computeIfAbsent(term, x -> new int[1])[0]++;
      if (surfaces) {
        t.originals.computeIfAbsent(Map.entry(term, surface), x -> new int[1])[0]++;
      }
    });
    return t;
  }

  @Override
  public void close() {
    analyzer.close();
  }
}

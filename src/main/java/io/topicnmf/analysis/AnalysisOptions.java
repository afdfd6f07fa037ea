package io.topicnmf.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How text becomes terms. Immutable; build it with {@link #defaults()} and the {@code with...}
 * methods so that new components can be added without breaking callers.
 *
 * @param defaultStopwords use the built-in stop-word list of the language ({@code
 *     --no-default-stopwords} turns it off)
 * @param stopwordFiles extra stop-word files, one word a line, '#' comments ({@code --stopwords
 *     FILE}, repeatable)
 */
public record AnalysisOptions(boolean defaultStopwords, List<Path> stopwordFiles) {
  public AnalysisOptions {
    Objects.requireNonNull(stopwordFiles, "--stopwords: the list of files must not be null");
    for (Path p : stopwordFiles) {
      Objects.requireNonNull(p, "--stopwords: a file name must not be null");
    }
    stopwordFiles = List.copyOf(stopwordFiles);
  }

  /** English analysis with the built-in stop words and no extra stop-word file. */
  public static AnalysisOptions defaults() {
    return new AnalysisOptions(true, List.of());
  }

  /** A copy with {@code defaultStopwords} replaced ({@code --no-default-stopwords} sets false). */
  public AnalysisOptions withDefaultStopwords(boolean defaultStopwords) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles);
  }

  /** A copy with the extra stop-word files replaced ({@code --stopwords FILE}, repeatable). */
  public AnalysisOptions withStopwordFiles(List<Path> stopwordFiles) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles);
  }
}

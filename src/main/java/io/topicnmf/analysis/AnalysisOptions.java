package io.topicnmf.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How text becomes terms. Immutable and validated when built; an invalid value fails with a
 * message naming the flag, the value and the accepted range. Build it with {@link #defaults()} and
 * the {@code with...} methods: components are added over time and the canonical constructor grows.
 *
 * @param defaultStopwords use the built-in stop-word list of the language ({@code
 *     --no-default-stopwords} turns it off)
 * @param stopwordFiles extra stop-word files, one word a line, '#' comments ({@code --stopwords
 *     FILE}, repeatable)
 * @param stem the stemmer ({@code --stem}, default none)
 * @param minTokenLength shortest token kept, in code points ({@code --min-token-length}, 1..255,
 *     default 2)
 * @param maxTokenLength longest token kept, in code points ({@code --max-token-length},
 *     minTokenLength..255, default 255)
 * @param keepNumbers keep tokens made of digits ({@code --keep-numbers}; default false: "2004",
 *     "3.14" are dropped)
 * @param foldAccents fold accented letters to ASCII, "café" → "cafe" ({@code --fold-accents})
 */
public record AnalysisOptions(
    boolean defaultStopwords,
    List<Path> stopwordFiles,
    Stemming stem,
    int minTokenLength,
    int maxTokenLength,
    boolean keepNumbers,
    boolean foldAccents) {

  /** The longest token the tokenizer emits; longer runs are split by Lucene. */
  public static final int MAX_TOKEN_LENGTH = 255;

  public AnalysisOptions {
    Objects.requireNonNull(stopwordFiles, "--stopwords: the list of files must not be null");
    for (Path p : stopwordFiles) {
      Objects.requireNonNull(p, "--stopwords: a file name must not be null");
    }
    stopwordFiles = List.copyOf(stopwordFiles);
    Objects.requireNonNull(stem, "--stem must not be null; accepted: none, light, porter, snowball, kstem");
    if (minTokenLength < 1 || minTokenLength > MAX_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "--min-token-length must be between 1 and " + MAX_TOKEN_LENGTH + ", got " + minTokenLength);
    }
    if (maxTokenLength < minTokenLength || maxTokenLength > MAX_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "--max-token-length must be between --min-token-length (" + minTokenLength + ") and "
              + MAX_TOKEN_LENGTH + ", got " + maxTokenLength);
    }
  }

  /** The step-1 constructor, kept for compatibility: defaults for every later component. */
  public AnalysisOptions(boolean defaultStopwords, List<Path> stopwordFiles) {
    this(defaultStopwords, stopwordFiles, Stemming.NONE, 2, MAX_TOKEN_LENGTH, false, false);
  }

  /** English analysis with the built-in stop words, no stemming, tokens of 2..255 code points. */
  public static AnalysisOptions defaults() {
    return new AnalysisOptions(true, List.of());
  }

  /** A copy with {@code defaultStopwords} replaced ({@code --no-default-stopwords} sets false). */
  public AnalysisOptions withDefaultStopwords(boolean defaultStopwords) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles, stem, minTokenLength,
        maxTokenLength, keepNumbers, foldAccents);
  }

  /** A copy with the extra stop-word files replaced ({@code --stopwords FILE}, repeatable). */
  public AnalysisOptions withStopwordFiles(List<Path> stopwordFiles) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles, stem, minTokenLength,
        maxTokenLength, keepNumbers, foldAccents);
  }

  /** A copy with the stemmer replaced ({@code --stem}; see {@link Stemming#parse}). */
  public AnalysisOptions withStem(Stemming stem) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles, stem, minTokenLength,
        maxTokenLength, keepNumbers, foldAccents);
  }

  /** A copy with the shortest kept token replaced ({@code --min-token-length}). */
  public AnalysisOptions withMinTokenLength(int minTokenLength) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles, stem, minTokenLength,
        maxTokenLength, keepNumbers, foldAccents);
  }

  /** A copy with the longest kept token replaced ({@code --max-token-length}). */
  public AnalysisOptions withMaxTokenLength(int maxTokenLength) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles, stem, minTokenLength,
        maxTokenLength, keepNumbers, foldAccents);
  }

  /** A copy with {@code keepNumbers} replaced ({@code --keep-numbers}). */
  public AnalysisOptions withKeepNumbers(boolean keepNumbers) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles, stem, minTokenLength,
        maxTokenLength, keepNumbers, foldAccents);
  }

  /** A copy with {@code foldAccents} replaced ({@code --fold-accents}). */
  public AnalysisOptions withFoldAccents(boolean foldAccents) {
    return new AnalysisOptions(defaultStopwords, stopwordFiles, stem, minTokenLength,
        maxTokenLength, keepNumbers, foldAccents);
  }

  /** Whether analysis changes words beyond lower-casing, so terms need surface forms. */
  public boolean transformsTerms() {
    return stem != Stemming.NONE || foldAccents;
  }
}

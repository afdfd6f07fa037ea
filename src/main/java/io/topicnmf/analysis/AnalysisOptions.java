package io.topicnmf.analysis;

import io.topicnmf.options.InvalidOptionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How text becomes terms. Immutable and validated when built; an invalid value fails with a
 * message naming the flag, the value and the accepted range. Build it with {@link #defaults()} and
 * the {@code with...} methods: components are added over time and the canonical constructor grows.
 *
 * @param defaultStopwords use the built-in stop-word list of the language ({@code
 *     --no-default-stopwords} sets false)
 * @param stopwordFiles the extra stop words: the files they come from, one word a line, '#'
 *     comments ({@code --stopwords FILE}, repeatable), and the words once known ({@link
 *     StopWordSource}; a list of files is taken as such a source)
 * @param stem the stemmer ({@code --stem none|light|porter|snowball|kstem}, default none; porter
 *     and kstem are English only, standard takes none); with {@link Language#AUTO} it may be null:
 *     the default stemmer of the language chosen
 * @param minTokenLength shortest token kept, in code points ({@code --min-token-length}, 1..255,
 *     default 2)
 * @param maxTokenLength longest token kept, in code points ({@code --max-token-length},
 *     minTokenLength..255, default 255)
 * @param keepNumbers keep tokens made of digits ({@code --keep-numbers}; by default "2004", "3.14"
 *     are dropped)
 * @param foldAccents fold accented letters to ASCII, "café" → "cafe" ({@code --fold-accents})
 * @param language the language: its stop words and stemmers ({@code --language}, default en; {@code
 *     standard} is language-neutral with CJK bigrams; {@link Language#AUTO} is chosen from the
 *     documents when they are prepared, {@link #resolved})
 * @param ngrams longest phrase, in words ({@code --ngrams}, 1..3, default 1): 2 adds two-word
 *     phrases such as "interest rates", never across a removed stop word or sentence punctuation
 * @param keepUrls keep URLs and e-mail addresses as whole terms ({@code --keep-urls}; by default
 *     they are dropped)
 */
public record AnalysisOptions(
    boolean defaultStopwords,
    StopWordSource stopwordFiles,
    Stemming stem,
    int minTokenLength,
    int maxTokenLength,
    boolean keepNumbers,
    boolean foldAccents,
    Language language,
    int ngrams,
    boolean keepUrls) {

  /** The longest token the tokenizer emits; longer runs are split by Lucene. */
  public static final int MAX_TOKEN_LENGTH = 255;

  /** The longest phrase {@code --ngrams} accepts. */
  public static final int MAX_NGRAMS = 3;

  public AnalysisOptions {
    Objects.requireNonNull(
        language, "language must not be null; accepted: " + Language.accepted());
    stopwordFiles = StopWordSource.of(stopwordFiles);
    if (language != Language.AUTO) {
      Objects.requireNonNull(
          stem, "stem must not be null; accepted: none, light, porter, snowball, kstem");
    }
    if (stem != null && !language.supports(stem)) {
      throw new InvalidOptionException("stem", "{stem} " + stem.flag()
          + " is not available for {language} " + language.code()
          + (language == Language.STANDARD
              ? "; the language-neutral analysis takes {stem} none"
              : "; porter and kstem are English only, use light or snowball"), "language");
    }
    if (minTokenLength < 1 || minTokenLength > MAX_TOKEN_LENGTH) {
      throw new InvalidOptionException(
          "minTokenLength", "{minTokenLength} must be between 1 and " + MAX_TOKEN_LENGTH + ", got "
              + minTokenLength);
    }
    if (maxTokenLength < minTokenLength || maxTokenLength > MAX_TOKEN_LENGTH) {
      throw new InvalidOptionException(
          "maxTokenLength", "{maxTokenLength} must be between {minTokenLength} (" + minTokenLength + ") and "
              + MAX_TOKEN_LENGTH + ", got " + maxTokenLength, "minTokenLength");
    }
    if (ngrams < 1 || ngrams > MAX_NGRAMS) {
      throw new InvalidOptionException(
          "ngrams", "{ngrams} must be between 1 and " + MAX_NGRAMS + ", got " + ngrams);
    }
  }

  /** The step-1 constructor, kept for compatibility: defaults for every later component. */
  public AnalysisOptions(boolean defaultStopwords, List<Path> stopwordFiles) {
    this(
        defaultStopwords, StopWordSource.of(stopwordFiles), Stemming.NONE, 2, MAX_TOKEN_LENGTH, false, false,
        Language.EN, 1, false);
  }

  /**
   * English analysis: the built-in stop words, no stemming, tokens of 2..255 code points,
   * numbers and URLs dropped, single words.
   */
  public static AnalysisOptions defaults() {
    return new AnalysisOptions(true, List.of());
  }

  /** A copy with {@code defaultStopwords} replaced ({@code --no-default-stopwords}). */
  public AnalysisOptions withDefaultStopwords(boolean defaultStopwords) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code stopwordFiles} replaced ({@code --stopwords}; a {@link StopWordSource} is kept as it is). */
  public AnalysisOptions withStopwordFiles(List<Path> stopwordFiles) {
    return new AnalysisOptions(
        defaultStopwords, StopWordSource.of(stopwordFiles), stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code stem} replaced ({@code --stem}). */
  public AnalysisOptions withStem(Stemming stem) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code minTokenLength} replaced ({@code --min-token-length}). */
  public AnalysisOptions withMinTokenLength(int minTokenLength) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code maxTokenLength} replaced ({@code --max-token-length}). */
  public AnalysisOptions withMaxTokenLength(int maxTokenLength) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code keepNumbers} replaced ({@code --keep-numbers}). */
  public AnalysisOptions withKeepNumbers(boolean keepNumbers) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code foldAccents} replaced ({@code --fold-accents}). */
  public AnalysisOptions withFoldAccents(boolean foldAccents) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code language} replaced ({@code --language}). */
  public AnalysisOptions withLanguage(Language language) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code ngrams} replaced ({@code --ngrams}). */
  public AnalysisOptions withNgrams(int ngrams) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /** A copy with {@code keepUrls} replaced ({@code --keep-urls}). */
  public AnalysisOptions withKeepUrls(boolean keepUrls) {
    return new AnalysisOptions(
        defaultStopwords, stopwordFiles, stem, minTokenLength, maxTokenLength, keepNumbers,
        foldAccents, language, ngrams, keepUrls);
  }

  /**
   * These options with {@link Language#AUTO} resolved: {@code language} and {@code stem} in place
   * of this language and stemmer (through no stemmer, which every language supports, so the
   * options stay valid in between).
   *
   * @throws IllegalArgumentException if {@code language} does not support {@code stem}
   */
  public AnalysisOptions resolved(Language language, Stemming stem) {
    return withStem(Stemming.NONE).withLanguage(language).withStem(stem);
  }

  /**
   * Whether {@code prepared} are these options as a corpus was prepared with them: equal, or with
   * {@link Language#AUTO} resolved to some language and stemmer ({@link #resolved}).
   */
  public boolean preparedAs(AnalysisOptions prepared) {
    AnalysisOptions mine = language == Language.AUTO
        ? resolved(prepared.language(), prepared.stem()) : this;
    return mine.equals(prepared);
  }

  /** Whether analysis changes words beyond lower-casing, so terms need surface forms. */
  public boolean transformsTerms() {
    return stem != Stemming.NONE || foldAccents;
  }
}

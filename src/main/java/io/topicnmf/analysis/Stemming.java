package io.topicnmf.analysis;

import io.topicnmf.options.InvalidOptionException;
import java.util.Locale;

/**
 * Which stemmer reduces words to a common stem ({@code --stem}). Stems are for matching only:
 * reports show the most frequent original form behind each stem.
 */
public enum Stemming {
  /** No stemming: terms are the lower-cased words. */
  NONE,
  /**
   * The language's light stemmer: English plural removal ({@code EnglishMinimalStemFilter}), the
   * {@code *LightStemFilter} of de, fr, es, it, pt, sv, no, fi, ru; Snowball for nl and da, which
   * have no light stemmer in Lucene.
   */
  LIGHT,
  /** The classic Porter stemmer (English only). */
  PORTER,
  /** The language's Snowball stemmer (English: Porter2). */
  SNOWBALL,
  /** Krovetz's dictionary-based stemmer, which produces real words (English only). */
  KSTEM;

  /** The flag value, e.g. "light". */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The stemmer named by a {@code --stem} value (case-insensitive).
   *
   * @throws IllegalArgumentException naming the flag, the value and the accepted values
   */
  public static Stemming parse(String value) {
    for (Stemming s : values()) {
      if (s.flag().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return s;
      }
    }
    throw new InvalidOptionException(
        "stem", "{stem}: unknown value '" + value + "'; accepted: none, light, porter, snowball, kstem");
  }
}

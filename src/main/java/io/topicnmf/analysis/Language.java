package io.topicnmf.analysis;

import io.topicnmf.options.InvalidOptionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.German2Stemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * The language of the text ({@code --language}): its Lucene stop words and stemmers. {@link
 * #STANDARD} is language-neutral: no stop words, no stemming, CJK text as overlapping bigrams.
 */
public enum Language {
  EN(
      () -> EnglishAnalyzer.ENGLISH_STOP_WORDS_SET,
      EnglishMinimalStemFilter::new,
      EnglishStemmer::new),
  DE(GermanAnalyzer::getDefaultStopSet, GermanLightStemFilter::new, German2Stemmer::new),
  FR(FrenchAnalyzer::getDefaultStopSet, FrenchLightStemFilter::new, FrenchStemmer::new),
  ES(SpanishAnalyzer::getDefaultStopSet, SpanishLightStemFilter::new, SpanishStemmer::new),
  IT(ItalianAnalyzer::getDefaultStopSet, ItalianLightStemFilter::new, ItalianStemmer::new),
  PT(PortugueseAnalyzer::getDefaultStopSet, PortugueseLightStemFilter::new, PortugueseStemmer::new),
  NL(DutchAnalyzer::getDefaultStopSet, null, DutchStemmer::new),
  SV(SwedishAnalyzer::getDefaultStopSet, SwedishLightStemFilter::new, SwedishStemmer::new),
  DA(DanishAnalyzer::getDefaultStopSet, null, DanishStemmer::new),
  NO(NorwegianAnalyzer::getDefaultStopSet, NorwegianLightStemFilter::new, NorwegianStemmer::new),
  FI(FinnishAnalyzer::getDefaultStopSet, FinnishLightStemFilter::new, FinnishStemmer::new),
  RU(RussianAnalyzer::getDefaultStopSet, RussianLightStemFilter::new, RussianStemmer::new),
  STANDARD(() -> CharArraySet.EMPTY_SET, null, null),
  /**
   * Chosen from the documents ({@code --language auto}): a value of the options, resolved once
   * when a corpus is prepared (from {@link LanguageCheck#choice}) into one of the others, which
   * the result records. Until then it stands for English (its stop words, its stemmers).
   */
  AUTO(() -> EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, EnglishMinimalStemFilter::new, EnglishStemmer::new);

  private final Supplier<CharArraySet> luceneStopwords;
  private final Function<TokenStream, TokenStream> lightStemmer;
  private final Supplier<SnowballStemmer> snowball;

  Language(
      Supplier<CharArraySet> luceneStopwords,
      Function<TokenStream, TokenStream> lightStemmer,
      Supplier<SnowballStemmer> snowball) {
    this.luceneStopwords = luceneStopwords;
    this.lightStemmer = lightStemmer;
    this.snowball = snowball;
  }

  /** The flag value, e.g. "de". */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Lucene's stop words for this language (empty for {@link #STANDARD}); read-only. */
  public CharArraySet luceneStopwords() {
    return luceneStopwords.get();
  }

  /** Whether {@code stem} is available for this language. */
  public boolean supports(Stemming stem) {
    switch (stem) {
      case NONE:
        return true;
      case LIGHT:
      case SNOWBALL:
        return snowball != null;
      case PORTER:
      case KSTEM:
        return this == EN || this == AUTO;
      default:
        throw new AssertionError(stem);
    }
  }

  /**
   * {@code in} followed by this language's light stemmer; Snowball where Lucene has no light
   * stemmer for the language (nl, da).
   */
  TokenStream lightStem(TokenStream in) {
    return lightStemmer != null ? lightStemmer.apply(in) : snowballStem(in);
  }

  /** {@code in} followed by this language's Snowball stemmer (de: German2, en: Porter2). */
  TokenStream snowballStem(TokenStream in) {
    return new SnowballFilter(in, snowball.get());
  }

  /**
   * The language named by a {@code --language} value (case-insensitive).
   *
   * @throws IllegalArgumentException naming the flag, the value and the accepted values
   */
  public static Language parse(String value) {
    for (Language l : values()) {
      if (l.code().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return l;
      }
    }
    throw new InvalidOptionException(
        "language", "{language}: unknown value '" + value + "'; accepted: " + accepted());
  }

  /** The languages text is analysed in (every value but {@link #AUTO}), comma-separated. */
  public static String accepted() {
    return Arrays.stream(values()).filter(l -> l != AUTO).map(Language::code)
        .collect(Collectors.joining(", "));
  }
}

package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random text in many scripts, with punctuation, digits, emoji, URLs and broken surrogates, through
 * every language, stemmer and phrase length: analysis never fails and every term respects the
 * options.
 */
class RandomTextTest {
  private static final String[] PIECES = {
    "the", "interest", "rates", "Café", "naïve", "Straße", "Häuser", "l'avion", "дети", "городов",
    "東京大学", "日本語", "한국어", "ｆｕｌｌ", "🎉", "👍🏽", "👨\u200D👩\u200D👧", "2004", "3.14", "1,000",
    "https://example.com/a?b=c", "jane@example.org", "...", "?!", ";", ":", "\n\n", "\t", " ",
    "-", "_", "\uD800", "\uDC00", "x", "a", "don't", "bank's", "ÀÉÎÕÜ", "\u0301", "ǅ", "ﬁ"
  };

  private static String randomText(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(0, 30);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[rnd.nextInt(PIECES.length)]);
      if (rnd.nextInt(3) > 0) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  @Test
  void everyOptionCombinationSurvivesRandomText() throws IOException {
    SplittableRandom rnd = new SplittableRandom(42);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      texts.add(randomText(rnd));
    }
    for (Language language : Language.values()) {
      if (language == Language.AUTO) continue; // chosen from the documents, never analysed in
      for (Stemming stem : Stemming.values()) {
        if (!language.supports(stem)) {
          continue;
        }
        for (int ngrams = 1; ngrams <= 3; ngrams++) {
          boolean flags = rnd.nextBoolean();
          AnalysisOptions options = AnalysisOptions.defaults().withLanguage(language)
              .withStem(stem).withNgrams(ngrams).withFoldAccents(flags).withKeepNumbers(!flags)
              .withKeepUrls(flags).withMinTokenLength(1 + rnd.nextInt(3));
          check(options, texts);
        }
      }
    }
  }

  private static void check(AnalysisOptions options, List<String> texts) throws IOException {
    try (TextAnalyzer analyzer = new TextAnalyzer(options)) {
      for (String text : texts) {
        List<String> terms = new ArrayList<>();
        analyzer.analyze(text, (term, surface) -> {
          terms.add(term);
          assertFalse(term.isEmpty(), options + " on " + text);
          assertFalse(term.startsWith(" ") || term.endsWith(" ") || term.contains("  "),
              "'" + term + "' " + options);
          int words = term.split(" ").length;
          assertTrue(words <= options.ngrams(), term);
          if (options.transformsTerms()) {
            assertNotNull(surface, term);
            assertEquals(words, surface.split(" ").length, term + " <- " + surface);
          }
          if (words == 1 && !options.foldAccents() && options.stem() == Stemming.NONE) {
            int cps = term.codePointCount(0, term.length());
            assertTrue(cps >= options.minTokenLength() && cps <= options.maxTokenLength(), term);
          }
        });
        // The same analyzer gives the same terms again (chain state is reset between texts).
        assertEquals(terms, analyzer.terms(text), options + " on " + text);
      }
    }
  }
}

package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.topicnmf.options.InvalidOptionException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzz target (Jazzer) for the analysis chain on random Unicode with options drawn
 * from the input. The contract: options out of range are refused with an {@link
 * InvalidOptionException}; valid ones give terms that are non-empty, free of white space inside a
 * word, within the token-length limits (exactly so when no stemmer, accent folding or phrases change
 * a token after the length filter), the same on a second run, and the same whether steps 2 to 9
 * run fused into one filter or as Lucene's own filters. Regression inputs: {@code
 * src/test/resources/io/topicnmf/analysis/AnalysisFuzzTestInputs/analysisChain/}.
 */
class AnalysisFuzzTest {
  private static final int[] MAX_LENGTHS = {1, 2, 3, 5, 10, 20, 255};

  /** Analyzers by options, the most recent few kept: building one reads stop-word lists. */
  private static final Map<AnalysisOptions, TextAnalyzer[]> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AnalysisOptions, TextAnalyzer[]> eldest) {
          if (size() > 32) {
            eldest.getValue()[0].close();
            eldest.getValue()[1].close();
            return true;
          }
          return false;
        }
      };

  @FuzzTest
  void analysisChain(FuzzedDataProvider data) throws IOException {
    Language[] languages = {Language.EN, Language.DE, Language.FR, Language.ES, Language.IT,
        Language.PT, Language.NL, Language.SV, Language.DA, Language.NO, Language.FI, Language.RU,
        Language.STANDARD};
    Language language = data.pickValue(languages);
    Stemming stem = data.pickValue(Stemming.values());
    boolean outOfRange = data.consumeProbabilityDouble() < 0.05;
    int min = outOfRange ? data.consumeInt() : data.consumeInt(1, 4);
    int max = outOfRange ? data.consumeInt() : MAX_LENGTHS[data.consumeInt(0, MAX_LENGTHS.length - 1)];
    int ngrams = outOfRange ? data.consumeInt() : data.consumeInt(1, 3);
    boolean defaultStopwords = data.consumeBoolean();
    boolean keepNumbers = data.consumeBoolean();
    boolean foldAccents = data.consumeBoolean();
    boolean keepUrls = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    AnalysisOptions options;
    try {
      options = new AnalysisOptions(defaultStopwords, StopWordSource.of(List.of()), stem, min, max,
          keepNumbers, foldAccents, language, ngrams, keepUrls);
    } catch (InvalidOptionException e) {
      assertFalse(e.getMessage().isBlank(), "a refused option says why");
      return;
    }
    TextAnalyzer[] pair = CACHE.get(options);
    if (pair == null) {
      pair = new TextAnalyzer[] {new TextAnalyzer(options, true), new TextAnalyzer(options, false)};
      CACHE.put(options, pair);
    }
    List<String> terms = pair[0].terms(text);
    boolean exact = stem == Stemming.NONE && !foldAccents && ngrams == 1;
    for (String t : terms) {
      assertFalse(t.isEmpty(), "a term is never empty");
      int length = t.codePointCount(0, t.length());
      if (exact) {
        assertTrue(length >= min && length <= max,
            "term '" + t + "' of " + length + " code points outside " + min + ".." + max);
      } else {
        // Folding may spell a character as up to four ("⑽" → "(10)"); phrases join words by spaces.
        assertTrue(length <= ngrams * (4 * max + 1), "term '" + t + "' too long");
      }
      if (ngrams == 1) {
        assertFalse(t.chars().anyMatch(Character::isWhitespace), "a word has no white space: '" + t + "'");
      }
    }
    assertEquals(terms, pair[0].terms(text), "the same terms on a second run");
    assertEquals(terms, pair[1].terms(text), "the fused chain equals Lucene's own filters");
  }
}

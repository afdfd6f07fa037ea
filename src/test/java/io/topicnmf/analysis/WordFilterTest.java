package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/**
 * {@link WordFilter} against the chain of Lucene filters it replaces (the same chain definition,
 * {@link TextAnalyzer} built without fusing): the same terms, offsets and
 * position increments, for every option it takes, on random text mixing ASCII, possessives,
 * accented and supplementary letters, digits, punctuation, emoji, URLs and stop words.
 */
class WordFilterTest {
  private static final String[] PIECES = {
    "The", "the", "AND", "and", "bank's", "BANK'S", "James’s", "Ｂａｎｋ＇ｓ", "'s", "s's", "it's",
    "Straße", "ÉCOLE", "İstanbul", "ΣΟΦΙΑ", "Ǆemal", "𐐀𐐁𐐂", "𝐀𝐁𝐂", "naïve", "日本語", "한국어",
    "2004", "3.14", "1,000", "x2", "_", "__init__", "🎉", "👍🏽", "a", "ab", "abc", "I", "Hello",
    "http://example.com/Pages", "www.Example.org", "john.DOE@example.com", "e-mail", "can't",
    "O'Neil", "rock'n'roll", "Ω", "µ", "ﬁne", "ǅ", "\u0130", "\u212A", "supercalifragilistic",
    "é", "e\u0301", "ZEBRA", "Zürich", "QUIZ", "\u200D", "۳۴", "٣", "Ⅻ", "½",
  };
  private static final String[] GLUE = {" ", "  ", "\n", ", ", ". ", "; ", " - ", "'", "’", "/", ""};

  @Test
  void sameTokensAsTheChainOfLuceneFilters() throws IOException {
    Random random = new Random(42);
    List<String> texts = new ArrayList<>();
    texts.add("");
    texts.add("   \n\t ");
    texts.add("The bank's rates rose; John's AND Mary’s houses at http://x.org/A's and 1,000 cats 🎉.");
    for (int t = 0; t < 1500; t++) {
      StringBuilder sb = new StringBuilder();
      int words = 1 + random.nextInt(30);
      for (int w = 0; w < words; w++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
        if (random.nextInt(4) == 0) {
          sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        sb.append(GLUE[random.nextInt(GLUE.length)]);
      }
      texts.add(sb.toString());
    }
    for (Language language : List.of(Language.EN, Language.DE)) {
      for (boolean keepUrls : new boolean[] {false, true}) {
        for (boolean keepNumbers : new boolean[] {false, true}) {
          for (int[] lengths : new int[][] {{2, 255}, {1, 3}, {4, 6}, {3, 3}}) {
            AnalysisOptions options = AnalysisOptions.defaults().withStem(Stemming.NONE)
                .withLanguage(language).withKeepUrls(keepUrls).withKeepNumbers(keepNumbers)
                .withMinTokenLength(lengths[0]).withMaxTokenLength(lengths[1]);
            try (TextAnalyzer analyzer = new TextAnalyzer(options);
                TextAnalyzer unfused = new TextAnalyzer(options, false)) {
              Analyzer reference = unfused.analyzer();
              int tokens = 0;
              for (String text : texts) {
                List<String> expected = tokens(reference, text);
                assertEquals(expected, tokens(analyzer.analyzer(), text),
                    () -> options + " on \"" + text + "\"");
                tokens += expected.size();
              }
              assertTrue(tokens > 1000, "the texts give tokens: " + tokens);
            }
          }
        }
      }
    }
  }

  /** Each token as "term@start-end+positionIncrement". */
  private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute pos = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "+"
            + pos.getPositionIncrement());
      }
      ts.end();
    }
    return out;
  }
}

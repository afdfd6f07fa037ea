package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.HtmlText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextAnalyzerTest {
  @TempDir Path dir;

  private static List<String> terms(AnalysisOptions options, String text) throws IOException {
    try (TextAnalyzer a = new TextAnalyzer(options)) {
      return a.terms(text);
    }
  }

  private static List<String> terms(String text) throws IOException {
    return terms(AnalysisOptions.defaults(), text);
  }

  @Test
  void emptyAndWhitespaceOnlyTextGiveNoTerms() throws IOException {
    assertEquals(List.of(), terms(""));
    assertEquals(List.of(), terms("   \n\t\r\n  "));
  }

  @Test
  void lowerCasesAndDropsStopWords() throws IOException {
    assertEquals(List.of("quick", "brown", "fox", "jumps", "lazy", "dog"),
        terms("The Quick Brown Fox jumps over the lazy DOG."));
  }

  @Test
  void contractionsAndPossessivesAreHandled() throws IOException {
    assertEquals(List.of("think", "bank", "rates", "rise"),
        terms("Don't think the bank's rates won\u2019t rise; it's what they'll do."));
  }

  @Test
  void dropsDigitsPunctuationAndOneCharacterTokens() throws IOException {
    assertEquals(List.of("rose", "covid19", "b2b", "x86"),
        terms("In 2004, 3.14 and 1,000 rose by 5% _ x y z covid19 b2b x86 ... 42"));
  }

  @Test
  void keepsAccentedLettersAndCountsCodePointsNotChars() throws IOException {
    assertEquals(List.of("café", "naïve", "über", "ö\u0308x"),
        terms("Café naïve ÜBER ö\u0308x"));
  }

  @Test
  void extraStopwordFileAddsWords() throws IOException {
    Path extra = dir.resolve("extra.txt");
    Files.writeString(extra, "# project words\nFox   \n\nlazy # trailing comment\n");
    AnalysisOptions options = AnalysisOptions.defaults().withStopwordFiles(List.of(extra));
    assertEquals(List.of("quick", "brown", "jumps", "dog"),
        terms(options, "The quick brown fox jumps over the lazy dog"));
  }

  @Test
  void noDefaultStopwordsKeepsFunctionWords() throws IOException {
    AnalysisOptions options = AnalysisOptions.defaults().withDefaultStopwords(false);
    assertEquals(List.of("the", "quick", "fox", "is", "over", "the", "dog"),
        terms(options, "The quick fox is over the dog"));
    Path extra = dir.resolve("only.txt");
    Files.writeString(extra, "the\n");
    assertEquals(List.of("quick", "fox", "is", "over", "dog"),
        terms(options.withStopwordFiles(List.of(extra)), "The quick fox is over the dog"));
  }

  @Test
  void missingStopwordFileNamesTheFile() {
    Path missing = dir.resolve("missing-stops.txt");
    AnalysisOptions options = AnalysisOptions.defaults().withStopwordFiles(List.of(missing));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> new TextAnalyzer(options));
    assertTrue(e.getMessage().contains("missing-stops.txt"), e.getMessage());
    assertTrue(e.getMessage().contains("stop-word file"), e.getMessage());
  }

  @Test
  void builtInListIsOnTheClassPathAndSized() throws IOException {
    List<String> en = StopWords.builtIn("en");
    assertTrue(en.size() > 300, "size " + en.size());
    assertTrue(en.contains("the") && en.contains("don") && en.contains("ll") && en.contains("ve"));
    assertTrue(!en.contains("interest"), "topic word 'interest' must not be a stop word");
  }

  @Test
  void htmlStrippedTextAnalysesToItsWords() throws IOException {
    String text = HtmlText.strip("<html><style>p{color:red}</style><body><h1>Interest Rates</h1>"
        + "<p>Central&nbsp;banks <i>raise</i> rates</p></body></html>");
    assertEquals(List.of("interest", "rates", "central", "banks", "raise", "rates"), terms(text));
  }

  @Test
  void optionsRejectNulls() {
    assertThrows(NullPointerException.class, () -> new AnalysisOptions(true, null));
  }

  @Test
  void anOverLongTokenIsDroppedNotCutIntoPieces() throws IOException {
    String word = "abcdefghij".repeat(100); // 1,000 letters
    assertEquals(List.of("garden", "soil"), terms("garden " + word + " soil"));
    String fused = "garden " + "x".repeat(300) + " soil";
    assertEquals(List.of("garden", "soil"), terms(AnalysisOptions.defaults().withMaxTokenLength(20), fused));
    String fits = "y".repeat(255);
    assertEquals(List.of(fits), terms(fits));
  }
}

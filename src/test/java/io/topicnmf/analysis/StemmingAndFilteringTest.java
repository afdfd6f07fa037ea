package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StemmingAndFilteringTest {
  private static final String TEXT = "Companies raised interest rates; the company's rating is running";

  private static List<String> terms(AnalysisOptions options, String text) throws IOException {
    try (TextAnalyzer a = new TextAnalyzer(options)) {
      return a.terms(text);
    }
  }

  private static List<String> stem(Stemming s) throws IOException {
    return terms(AnalysisOptions.defaults().withStem(s), TEXT);
  }

  @Test
  void eachStemmerGivesItsOwnStems() throws IOException {
    assertEquals(List.of("companies", "raised", "interest", "rates", "company", "rating",
        "running"), stem(Stemming.NONE));
    assertEquals(List.of("company", "raised", "interest", "rate", "company", "rating", "running"),
        stem(Stemming.LIGHT));
    assertEquals(List.of("compani", "rais", "interest", "rate", "compani", "rate", "run"),
        stem(Stemming.PORTER));
    assertEquals(List.of("compani", "rais", "interest", "rate", "compani", "rate", "run"),
        stem(Stemming.SNOWBALL));
    assertEquals(List.of("company", "raise", "interest", "rate", "company", "rating", "running"),
        stem(Stemming.KSTEM));
  }

  @Test
  void analyzeReportsOriginalFormsBesideStems() throws IOException {
    List<String> pairs = new ArrayList<>();
    try (TextAnalyzer a = new TextAnalyzer(AnalysisOptions.defaults().withStem(Stemming.PORTER))) {
      a.analyze("Rates rose; RATING agencies", (t, s) -> pairs.add(t + "<" + s));
    }
    assertEquals(List.of("rate<rates", "rose<rose", "rate<rating", "agenc<agencies"), pairs);
    List<String> none = new ArrayList<>();
    try (TextAnalyzer a = new TextAnalyzer(AnalysisOptions.defaults())) {
      a.analyze("Rates rose", (t, s) -> none.add(t + "<" + s));
    }
    assertEquals(List.of("rates<null", "rose<null"), none);
  }

  @Test
  void surfaceFormIsMostFrequentOriginalWithLexicographicTieBreak() throws IOException {
    List<Document> docs = List.of(
        new Document("a", null, "rates rates rate rating"),
        new Document("b", null, "Rates policies policy"),
        new Document("c", null, "running runs"));
    AnalysisOptions porter = AnalysisOptions.defaults().withStem(Stemming.PORTER);
    for (int threads : new int[] {1, 3}) {
      AnalyzedCorpus c = CorpusAnalyzer.analyze(docs, porter, threads, AnalysisListener.NONE);
      Map<String, String> forms = c.surfaceForms();
      assertEquals("rates", forms.get("rate"), forms.toString()); // 3 x rates, 1 rate, 1 rating
      assertEquals("policies", forms.get("polici"), forms.toString()); // tie: "policies" < "policy"
      assertEquals("running", forms.get("run"), forms.toString()); // tie: "running" < "runs"
      assertEquals("rates", c.surfaceForm("rate"));
      assertEquals("unknown", c.surfaceForm("unknown"));
      assertEquals(List.of("rate", "rate", "rate", "rate"), c.documentTerms().get(0));
    }
  }

  @Test
  void tokenLengthBounds() throws IOException {
    String text = "a ab abc abcd abcde abcdef";
    assertEquals(List.of("ab", "abc", "abcd", "abcde", "abcdef"),
        terms(AnalysisOptions.defaults().withDefaultStopwords(false), text));
    assertEquals(List.of("a", "ab", "abc", "abcd", "abcde", "abcdef"),
        terms(AnalysisOptions.defaults().withDefaultStopwords(false).withMinTokenLength(1), text));
    assertEquals(List.of("abc", "abcd"),
        terms(AnalysisOptions.defaults().withMinTokenLength(3).withMaxTokenLength(4), text));
    // Lengths count code points: these two mathematical letters are 2 code points (4 chars).
    assertEquals(List.of("\uD835\uDC9C\uD835\uDCB7"),
        terms(AnalysisOptions.defaults().withMaxTokenLength(2), "\uD835\uDC9C\uD835\uDCB7"));
  }

  @Test
  void keepNumbersKeepsDigitsButStillDropsPunctuation() throws IOException {
    String text = "In 2004 prices rose 3.14 percent, 1,000 times _ ___";
    assertEquals(List.of("prices", "rose", "percent", "times"), terms(AnalysisOptions.defaults(), text));
    assertEquals(List.of("2004", "prices", "rose", "3.14", "percent", "1,000", "times"),
        terms(AnalysisOptions.defaults().withKeepNumbers(true), text));
  }

  @Test
  void foldAccentsFoldsAndKeepsTheAccentedSurface() throws IOException {
    AnalysisOptions fold = AnalysisOptions.defaults().withFoldAccents(true);
    assertEquals(List.of("cafe", "naive", "uber", "resume"), terms(fold, "Café naïve Über résumé"));
    AnalyzedCorpus c = CorpusAnalyzer.analyze(
        List.of(new Document("x", null, "café café cafe")), fold, 1, AnalysisListener.NONE);
    assertEquals(Map.of("cafe", "café"), c.surfaceForms());
  }

  @Test
  void invalidLengthsNameTheFlag() {
    IllegalArgumentException min = assertThrows(IllegalArgumentException.class,
        () -> AnalysisOptions.defaults().withMinTokenLength(0));
    assertTrue(min.getMessage().contains("minTokenLength") && min.getMessage().contains("0"),
        min.getMessage());
    IllegalArgumentException max = assertThrows(IllegalArgumentException.class,
        () -> AnalysisOptions.defaults().withMinTokenLength(5).withMaxTokenLength(3));
    assertTrue(max.getMessage().contains("maxTokenLength") && max.getMessage().contains("3"),
        max.getMessage());
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> AnalysisOptions.defaults().withMaxTokenLength(256));
    assertTrue(big.getMessage().contains("255"), big.getMessage());
  }

  @Test
  void stemParsing() {
    assertEquals(Stemming.KSTEM, Stemming.parse("KStem"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Stemming.parse("lancaster"));
    assertTrue(e.getMessage().contains("stem") && e.getMessage().contains("lancaster")
        && e.getMessage().contains("kstem"), e.getMessage());
  }
}

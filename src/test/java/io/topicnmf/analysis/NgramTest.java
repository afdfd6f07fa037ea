package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.Document;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgramTest {
  private static List<String> terms(AnalysisOptions options, String text) throws IOException {
    try (TextAnalyzer a = new TextAnalyzer(options)) {
      return a.terms(text);
    }
  }

  @Test
  void bigramsStopAtStopWordsAndSentencePunctuation() throws IOException {
    String text = "The central bank raised interest rates. Bank of England expects rates rise; "
        + "markets fell";
    assertEquals(List.of("central", "central bank", "bank", "bank raised", "raised",
            "raised interest", "interest", "interest rates", "rates", "bank", "england",
            "england expects", "expects", "expects rates", "rates", "rates rise", "rise",
            "markets", "markets fell", "fell"),
        terms(AnalysisOptions.defaults().withNgrams(2), text));
  }

  @Test
  void trigramsAndBlankLinesAndQuestionMarks() throws IOException {
    String text = "Cheap solar panels installed\n\nWind farms? Offshore wind power grows";
    assertEquals(List.of("cheap", "cheap solar", "cheap solar panels", "solar", "solar panels",
            "solar panels installed", "panels", "panels installed", "installed", "wind",
            "wind farms", "farms", "offshore", "offshore wind", "offshore wind power", "wind",
            "wind power", "wind power grows", "power", "power grows", "grows"),
        terms(AnalysisOptions.defaults().withNgrams(3), text));
  }

  @Test
  void singleLineBreakDoesNotBreakAPhrase() throws IOException {
    assertEquals(List.of("interest", "interest rates", "rates"),
        terms(AnalysisOptions.defaults().withNgrams(2), "interest\nrates"));
  }

  @Test
  void droppedNumbersAndShortTokensAlsoBreakPhrases() throws IOException {
    assertEquals(List.of("profits", "rose", "percent"),
        terms(AnalysisOptions.defaults().withNgrams(2), "profits 2004 rose 5 percent"));
  }

  @Test
  void ngramsOfOneIsUnigramsAndEmptyTextIsEmpty() throws IOException {
    assertEquals(List.of("interest", "rates"),
        terms(AnalysisOptions.defaults().withNgrams(1), "interest rates"));
    assertEquals(List.of(), terms(AnalysisOptions.defaults().withNgrams(3), ""));
    assertEquals(List.of(), terms(AnalysisOptions.defaults().withNgrams(3), "the of and. "));
  }

  @Test
  void stemmedPhrasesShowTheirOriginalWords() throws IOException {
    AnalysisOptions options = AnalysisOptions.defaults().withNgrams(2).withStem(Stemming.PORTER);
    assertEquals(List.of("interest", "interest rate", "rate", "rate rise", "rise"),
        terms(options, "Interest rates rise"));
    AnalyzedCorpus c = CorpusAnalyzer.analyze(List.of(
            new Document("a", null, "Interest rates rise. Interest rates rise."),
            new Document("b", null, "interest rate")),
        options, 2, AnalysisListener.NONE);
    assertEquals("interest rates", c.surfaceForm("interest rate"));
    assertEquals("rates rise", c.surfaceForm("rate rise"));
    assertEquals("rates", c.surfaceForm("rate"));
  }

  @Test
  void ngramsOutOfRangeNameTheFlag() {
    for (int bad : new int[] {0, 4}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AnalysisOptions.defaults().withNgrams(bad));
      assertTrue(e.getMessage().contains("ngrams") && e.getMessage().contains("1 and 3")
          && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }
}

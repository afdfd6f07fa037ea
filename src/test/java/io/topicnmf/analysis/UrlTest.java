package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlTest {
  private static final String TEXT = "Mail jane.doe@example.org or see https://www.example.com/docs/"
      + "page.html and www.lucene.apache.org for budget details.";

  private static List<String> terms(AnalysisOptions options, String text) throws IOException {
    try (TextAnalyzer a = new TextAnalyzer(options)) {
      return a.terms(text);
    }
  }

  @Test
  void urlsAndEmailAddressesAreDroppedByDefault() throws IOException {
    assertEquals(List.of("mail", "budget", "details"), terms(AnalysisOptions.defaults(), TEXT));
  }

  @Test
  void keepUrlsKeepsThemWhole() throws IOException {
    assertEquals(List.of("mail", "jane.doe@example.org", "https://www.example.com/docs/page.html",
            "www.lucene.apache.org", "budget", "details"),
        terms(AnalysisOptions.defaults().withKeepUrls(true), TEXT));
  }

  @Test
  void stemmersLeaveKeptUrlsWhole() throws IOException {
    assertEquals(List.of("read", "http://example.com/pages", "page"),
        terms(AnalysisOptions.defaults().withKeepUrls(true).withStem(Stemming.PORTER),
            "Read http://example.com/pages pages"));
  }

  @Test
  void droppedUrlDoesNotJoinItsNeighboursIntoAPhrase() throws IOException {
    assertEquals(List.of("read", "carefully"),
        terms(AnalysisOptions.defaults().withNgrams(2), "read http://example.com carefully"));
    // A dot inside a URL is not a sentence break when the URL is kept.
    assertEquals(List.of("visit", "visit example.com", "example.com", "example.com today", "today"),
        terms(AnalysisOptions.defaults().withNgrams(2).withKeepUrls(true),
            "visit example.com today"));
  }
}

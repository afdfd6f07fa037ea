package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorpusAnalyzerTest {
  private static final String[] WORDS = {
    "market", "rates", "football", "goal", "election", "vote", "film", "actor", "the", "of", "2024"
  };

  private static List<Document> randomDocs(int n) {
    SplittableRandom rnd = new SplittableRandom(7);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(0, 40);
      for (int j = 0; j < len; j++) {
        sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
      }
      docs.add(new Document("d" + i, null, sb.toString()));
    }
    return docs;
  }

  @Test
  void parallelResultEqualsSequentialAndIsAligned() throws IOException {
    List<Document> docs = randomDocs(500);
    AnalyzedCorpus one = CorpusAnalyzer.analyze(docs, AnalysisOptions.defaults(), 1,
        AnalysisListener.NONE);
    AnalyzedCorpus four = CorpusAnalyzer.analyze(docs, AnalysisOptions.defaults(), 4,
        AnalysisListener.NONE);
    assertEquals(one, four);
    assertEquals(500, one.documentTerms().size());
    try (TextAnalyzer a = new TextAnalyzer(AnalysisOptions.defaults())) {
      for (int i = 0; i < docs.size(); i += 37) {
        assertEquals(a.terms(docs.get(i).text()), four.documentTerms().get(i));
      }
    }
    assertTrue(one.documentTerms().stream().flatMap(List::stream)
        .noneMatch(t -> t.equals("the") || t.equals("2024")));
    assertTrue(one.surfaceForms().isEmpty());
  }

  @Test
  void listenerCountsEveryDocument() throws IOException {
    List<Document> docs = randomDocs(200);
    List<Integer> seen = new ArrayList<>();
    CorpusAnalyzer.analyze(docs, AnalysisOptions.defaults(), 3, (done, total) -> {
      assertEquals(200, total);
      seen.add(done);
    });
    assertEquals(200, seen.size());
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(i + 1, seen.get(i));
    }
  }

  @Test
  void emptyCorpusAndBadThreads() throws IOException {
    assertEquals(List.of(), CorpusAnalyzer.analyze(List.of(), AnalysisOptions.defaults(), 2,
        AnalysisListener.NONE).documentTerms());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorpusAnalyzer.analyze(List.of(), AnalysisOptions.defaults(), 0,
            AnalysisListener.NONE));
    assertTrue(e.getMessage().contains("threads"));
  }

  @Test
  void termIdsGiveEveryDocumentsTermsInOrderOnEveryPath() throws IOException {
    List<Document> docs = randomDocs(300);
    docs.add(new Document("x", null, "The bank's RATES rose; rates fall. Ünïcode wörds, 日本語 🎉"));
    for (AnalysisOptions options : List.of(AnalysisOptions.defaults().withStem(Stemming.NONE),
        AnalysisOptions.defaults().withStem(Stemming.LIGHT),
        AnalysisOptions.defaults().withLanguage(Language.FR).withStem(Stemming.NONE))) {
      try (TextAnalyzer a = new TextAnalyzer(options)) {
        for (int threads : new int[] {1, 3}) {
          AnalyzedCorpus c = CorpusAnalyzer.analyze(docs, options, threads, AnalysisListener.NONE);
          assertTrue(c.documentTerms() instanceof io.topicnmf.vectorize.TermIdDocuments);
          for (int d = 0; d < docs.size(); d++) {
            assertEquals(a.terms(docs.get(d).text()), c.documentTerms().get(d), options + " doc " + d);
          }
          int[] offsets = ((io.topicnmf.vectorize.TermIdDocuments) c.documentTerms()).offsets();
          assertEquals(docs.size() + 1, offsets.length);
          assertThrows(UnsupportedOperationException.class, () -> c.documentTerms().get(0).add("x"));
          assertThrows(UnsupportedOperationException.class, () -> c.documentTerms().remove(0));
        }
      }
    }
  }
}

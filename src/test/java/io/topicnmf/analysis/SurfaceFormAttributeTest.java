package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The original form carried as {@link SurfaceFormAttribute} on the chain's own token stream. */
class SurfaceFormAttributeTest {
  /** Each token as "term<-original", read from the stream's attributes. */
  private static List<String> tokens(TextAnalyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.analyzer().tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      SurfaceFormAttribute surface = ts.getAttribute(SurfaceFormAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        int words = term.toString().split(" ").length;
        Originals o = surface.originals();
        int i = o.index(surface.originalIndex(), words);
        out.add(term + "<-" + new String(o.originalChars(i, words), o.originalFrom(i, words), o.originalLength(i, words)));
      }
      ts.end();
    }
    return out;
  }

  @Test
  void stemmedWordsAndPhrasesKeepTheirOriginalsOnTheStream() throws IOException {
    AnalysisOptions o = AnalysisOptions.defaults().withStem(Stemming.LIGHT).withNgrams(2).withFoldAccents(true);
    try (TextAnalyzer a = new TextAnalyzer(o)) {
      assertEquals(List.of("interest<-interest", "interest rate<-interest rates", "rate<-rates",
          "rate cafe<-rates cafés", "cafe<-cafés"), tokens(a, "Interest rates cafés"));
      // A second text on the same (reused) chain starts a fresh record.
      assertEquals(List.of("bank<-banks"), tokens(a, "Banks."));
    }
  }

  @Test
  void chainsThatDoNotTransformTermsCarryNoAttribute() throws IOException {
    try (TextAnalyzer a = new TextAnalyzer(AnalysisOptions.defaults());
        TokenStream ts = a.analyzer().tokenStream("text", "banks")) {
      assertFalse(ts.hasAttribute(SurfaceFormAttribute.class));
    }
  }
}

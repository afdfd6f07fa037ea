package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.Document;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageCheckTest {
  private static final String EN = "The council said that it would raise the rates for the first time in a decade, "
      + "and the markets were not surprised by the decision of the bank.";
  private static final String DE = "Der Rat hat gesagt, dass er die Zinsen zum ersten Mal seit zehn Jahren erhöhen "
      + "wird, und die Märkte waren von der Entscheidung der Bank nicht überrascht.";
  private static final String FR = "Le conseil a dit qu'il allait relever les taux pour la première fois depuis dix "
      + "ans, et les marchés n'ont pas été surpris par la décision de la banque.";
  private static final String ES = "El consejo dijo que subiría los tipos por primera vez en una década, y los "
      + "mercados no se sorprendieron por la decisión del banco.";
  private static final String RU = "Совет заявил, что впервые за десять лет повысит ставки, и рынки не были "
      + "удивлены решением банка.";
  private static final String JA = "理事会は十年ぶりに金利を引き上げると述べ、市場は銀行の決定に驚かなかった。";

  private static List<Document> docs(String text, int n) {
    List<Document> d = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      d.add(new Document("d" + i, null, text));
    }
    return d;
  }

  @Test
  void textInTheConfiguredLanguageRaisesNothing() {
    LanguageCheck c = LanguageCheck.of(docs(EN, 5), Language.EN);
    assertEquals("en", c.detected());
    assertFalse(c.mismatch());
    assertNull(c.advice());
    assertTrue(c.configuredShare() > 0.25, "function words of English text: " + c.configuredShare());
    assertFalse(LanguageCheck.of(docs(DE, 5), Language.DE).mismatch());
  }

  @Test
  void anotherLanguageIsNamedWithTheFlagToUse() {
    for (String[] t : new String[][] {{DE, "de"}, {FR, "fr"}, {ES, "es"}, {RU, "ru"}}) {
      LanguageCheck c = LanguageCheck.of(docs(t[0], 3), Language.EN);
      assertEquals(t[1], c.detected(), t[0]);
      assertTrue(c.mismatch(), t[0]);
      assertTrue(c.advice().endsWith("try --language " + t[1]), c.advice());
      assertTrue(c.detectedShare() >= 2 * c.configuredShare());
    }
  }

  @Test
  void cjkTextPointsToTheStandardAnalysis() {
    LanguageCheck c = LanguageCheck.of(docs(JA, 3), Language.EN);
    assertEquals("standard", c.detected());
    assertTrue(c.mismatch());
    assertTrue(c.advice().contains("--language standard"), c.advice());
    assertFalse(LanguageCheck.of(docs(JA, 3), Language.STANDARD).mismatch());
  }

  @Test
  void aFewForeignDocumentsInAnEnglishCorpusAreNotAMismatch() {
    List<Document> d = docs(EN, 40);
    d.addAll(docs(DE, 5));
    LanguageCheck c = LanguageCheck.of(d, Language.EN);
    assertEquals("en", c.detected());
    assertFalse(c.mismatch());
  }

  @Test
  void nothingToJudgeGivesNoGuess() {
    LanguageCheck c = LanguageCheck.of(docs("1234 5678 !!!", 2), Language.EN);
    assertNull(c.detected());
    assertFalse(c.mismatch());
    assertFalse(LanguageCheck.of(List.of(), Language.EN).mismatch());
  }

  @Test
  void theStandardAnalysisIsNeverCalledWrongForWesternText() {
    assertFalse(LanguageCheck.of(docs(DE, 3), Language.STANDARD).mismatch());
  }

  @Test
  void autoChoosesTheDetectedLanguageOnlyWhenTheTextSaysSo() {
    assertEquals(Language.DE, LanguageCheck.of(docs(DE, 3), Language.EN).choice());
    assertEquals(Language.EN, LanguageCheck.of(docs(EN, 3), Language.EN).choice());
    assertEquals(Language.STANDARD, LanguageCheck.of(docs(JA, 3), Language.EN).choice());
    // No words, or too few function words to tell (a list of keywords): keep the configured one.
    assertEquals(Language.EN, LanguageCheck.of(docs("1234 5678 !!!", 2), Language.EN).choice());
    assertEquals(Language.EN,
        LanguageCheck.of(docs("invoice printer toner cartridge warranty refund password", 4), Language.EN).choice());
    LanguageCheck auto = LanguageCheck.of(docs(DE, 3), Language.DE).asAutomatic();
    assertTrue(auto.automatic());
    assertFalse(auto.mismatch());
    assertFalse(LanguageCheck.of(docs(DE, 3), Language.DE).automatic());
  }
}

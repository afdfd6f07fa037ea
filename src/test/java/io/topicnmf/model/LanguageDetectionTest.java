package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.analysis.Language;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.vectorize.DfLimit;
import io.topicnmf.vectorize.VocabularyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Language#AUTO} in the options: the library's {@code --language auto}. */
class LanguageDetectionTest {
  @TempDir Path tmp;

  private Path folder(String[] texts) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("docs"));
    for (int i = 0; i < 8; i++) {
      Files.writeString(dir.resolve("d" + i + ".txt"), texts[i % texts.length] + " " + texts[(i + 1) % texts.length]);
    }
    return dir;
  }

  private static FitOptions options() {
    FitOptions o = FitOptions.defaults(2);
    return o.withVocabulary(new VocabularyOptions(DfLimit.parse("1", "minDf"), o.vocabulary().maxDf(),
        o.vocabulary().maxFeatures(), o.vocabulary().vocabulary()));
  }

  static final String[] FRENCH = {
    "Le gouvernement a annoncé que les impôts seront baissés pour les familles dans la plupart des régions.",
    "Les joueurs de l'équipe ont gagné le match dans les dernières minutes, et les supporters étaient ravis.",
    "Le nouveau téléphone a un meilleur appareil photo, mais la batterie ne dure pas aussi longtemps.",
    "La banque centrale a relevé ses taux pour la première fois depuis dix ans, selon le conseil.",
  };

  @Test
  void fittingThroughTheSameModelerUsesAndReportsTheDetectedLanguage() throws IOException {
    FitOptions o = options();
    FitOptions auto = o.withAnalysis(o.analysis().withLanguage(Language.AUTO).withStem(null));
    TopicModelResult r = new TopicModeler(auto).fit(folder(FRENCH));
    assertEquals(Language.FR, r.options().analysis().language());
    assertEquals(Stemming.NONE, r.options().analysis().stem(), "French's default stemmer");
    assertEquals("fr", r.corpus().language().configured());
    assertTrue(r.corpus().language().automatic());
    for (Topic t : r.topics()) {
      for (TermWeight w : t.terms()) {
        assertTrue(!List.of("le", "la", "les", "des", "et").contains(w.term()), w.term());
      }
    }
  }

  @Test
  void aStemmerTheDetectedLanguageLacksIsAClearError() throws IOException {
    String[] dutch = {
      "De regering heeft gezegd dat de belastingen voor de meeste gezinnen in het land omlaag gaan.",
      "Het team heeft de wedstrijd in de laatste minuut gewonnen en de fans waren er erg blij mee.",
    };
    FitOptions o = options();
    FitOptions kstem = o.withAnalysis(o.analysis().withStem(Stemming.KSTEM).withLanguage(Language.AUTO));
    UnusableInputException e = assertThrows(UnusableInputException.class,
        () -> new TopicModeler(kstem).fit(folder(dutch)));
    assertTrue(e.getMessage().contains("stem kstem is not available") && e.getMessage().contains("'nl'"),
        e.getMessage());
  }

  @Test
  void autoIsResolvedWhenPreparedAndTheModelerFitsThePreparedCorpus() throws IOException {
    FitOptions o = options();
    FitOptions auto = o.withAnalysis(o.analysis().withLanguage(Language.AUTO).withStem(null));
    TopicModeler modeler = new TopicModeler(auto);
    PreparedCorpus p = modeler.prepare(folder(FRENCH), FitListener.NONE);
    assertEquals(Language.FR, p.options().analysis().language());
    assertTrue(p.languageCheck().automatic());
    assertEquals(Language.FR, modeler.fit(p, FitListener.NONE).options().analysis().language());
    assertThrows(IllegalArgumentException.class,
        () -> new TopicModeler(o).fit(p, FitListener.NONE), "prepared in French, not English");
  }
}

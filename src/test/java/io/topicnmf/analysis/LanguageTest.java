package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {
  private static List<String> terms(String language, Stemming stem, String text) throws IOException {
    AnalysisOptions options =
        AnalysisOptions.defaults().withLanguage(Language.parse(language)).withStem(stem);
    try (TextAnalyzer a = new TextAnalyzer(options)) {
      return a.terms(text);
    }
  }

  private static List<String> split(String s) {
    return List.of(s.split(" "));
  }

  /** Per language: text, terms without stemming, with the light stemmer, with Snowball. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "de|Die Häuser der Straßen wurden schneller gebaut als die Brücken"
        + "|häuser straßen wurden schneller gebaut brücken"
        + "|haus strass wurd schnell gebaut bruck|haus strass wurd schnell gebaut bruck",
    "fr|L'avion et les chevaux traversaient rapidement les montagnes d'Europe"
        + "|avion chevaux traversaient rapidement montagnes europe"
        + "|avion cheval traversaient rapid montagn europ|avion cheval travers rapid montagn europ",
    "es|Los niños comían manzanas en las bibliotecas nacionales"
        + "|niños comían manzanas bibliotecas nacionales"
        + "|niñ comian manzan bibliotec nacional|niñ com manzan bibliotec nacional",
    "it|Dell'arte e delle città italiane parlavano gli studenti"
        + "|arte città italiane parlavano studenti"
        + "|arte città italian parlavan student|arte citt italian parl student",
    "pt|As crianças comeram maçãs nas bibliotecas nacionais"
        + "|crianças comeram maçãs bibliotecas nacionais"
        + "|crianc comeram maca bibliotec nacional|crianc com maçãs bibliotec nacion",
    "nl|De kinderen liepen door de mooie straten van steden"
        + "|kinderen liepen mooie straten steden"
        + "|kinder liep mooi strat sted|kinder liep mooi strat sted",
    "sv|Barnen sprang genom de vackra gatorna i städerna"
        + "|barnen sprang genom vackra gatorna städerna"
        + "|barn sprang genom vackr gat städ|barn sprang genom vackr gat städ",
    "da|Børnene løb gennem de smukke gader i byerne"
        + "|børnene løb gennem smukke gader byerne"
        + "|børn løb gennem smuk gad byern|børn løb gennem smuk gad byern",
    "no|Barna løp gjennom de vakre gatene i byene"
        + "|barna løp gjennom vakre gatene byene"
        + "|barn løp gjennom vakr gat byen|barn løp gjennom vakr gat byen",
    "fi|Lapset juoksivat kaupunkien kauniilla kaduilla"
        + "|lapset juoksivat kaupunkien kauniilla kaduilla"
        + "|lapse juoksiv kaupunk kaun kadu|laps juoksiv kaupunk kauni kadu",
    "ru|Дети бегали по красивым улицам больших городов"
        + "|дети бегали красивым улицам больших городов"
        + "|дет бегал красив улиц больш город|дет бега красив улиц больш город",
    "en|The companies are raising interest rates"
        + "|companies raising interest rates"
        + "|company raising interest rate|compani rais interest rate",
  })
  void stopWordsAndStemmersPerLanguage(String lang, String text, String none, String light,
      String snowball) throws IOException {
    assertEquals(split(none), terms(lang, Stemming.NONE, text));
    assertEquals(split(light), terms(lang, Stemming.LIGHT, text));
    assertEquals(split(snowball), terms(lang, Stemming.SNOWBALL, text));
  }

  @Test
  void emptyTextInEveryLanguage() throws IOException {
    for (Language l : Language.values()) {
      if (l == Language.AUTO) continue; // chosen from the documents, never analysed in
      assertEquals(List.of(), terms(l.code(), Stemming.NONE, ""), l.code());
      assertEquals(List.of(), terms(l.code(), Stemming.NONE, " \n\t "), l.code());
    }
  }

  @Test
  void standardMakesCjkBigramsAndKeepsOtherScripts() throws IOException {
    assertEquals(List.of("東京", "京大", "大学", "学の", "の研", "研究", "究者", "者は", "は日", "日本",
            "本語", "語を", "を話", "話す", "hello", "the", "world", "한국", "국어"),
        terms("standard", Stemming.NONE, "東京大学の研究者は日本語を話す Hello the World 한국어"));
    // Full-width Latin letters are folded to their ASCII form by CJKWidthFilter.
    assertEquals(List.of("lucene"), terms("standard", Stemming.NONE, "Ｌｕｃｅｎｅ"));
  }

  @Test
  void emojiAreDroppedWhetherAloneOrInSequences() throws IOException {
    assertEquals(List.of("emoji", "party", "flags", "family"),
        terms("en", Stemming.NONE,
            "Emoji 🎉 party 👍🏽 and 😀😀 flags 🇫🇷 family 👨\u200D👩\u200D👧 ❤\uFE0F"));
  }

  @Test
  void otherLanguagesUseLuceneStopSets() throws IOException {
    try (TextAnalyzer de = new TextAnalyzer(
        AnalysisOptions.defaults().withLanguage(Language.DE))) {
      assertTrue(de.stopwords().contains("und") && de.stopwords().contains("der"));
      assertTrue(!de.stopwords().contains("the"));
    }
    try (TextAnalyzer std = new TextAnalyzer(
        AnalysisOptions.defaults().withLanguage(Language.STANDARD))) {
      assertTrue(std.stopwords().isEmpty());
    }
  }

  @Test
  void englishOnlyStemmersAreRejectedElsewhere() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AnalysisOptions.defaults().withLanguage(Language.DE).withStem(Stemming.PORTER));
    assertTrue(e.getMessage().contains("stem porter") && e.getMessage().contains("de"),
        e.getMessage());
    IllegalArgumentException std = assertThrows(IllegalArgumentException.class,
        () -> AnalysisOptions.defaults().withStem(Stemming.LIGHT).withLanguage(Language.STANDARD));
    assertTrue(std.getMessage().contains("language standard"), std.getMessage());
    IllegalArgumentException parse = assertThrows(IllegalArgumentException.class,
        () -> Language.parse("klingon"));
    assertTrue(parse.getMessage().contains("language") && parse.getMessage().contains("klingon")
        && parse.getMessage().contains("standard"), parse.getMessage());
    assertEquals(Language.FR, Language.parse(" FR "));
  }
}

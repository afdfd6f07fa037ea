package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CorpusReader#of}: texts in memory read exactly as the same texts in plain-text files. */
class InMemoryCorpusTest {
  @TempDir Path tmp;

  /** Writes each text to {@code id}.txt and reads the folder, then the same texts in memory. */
  private void assertReadAlike(List<String> texts, CorpusOptions options) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("f" + texts.hashCode()));
    List<Document> given = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String id = "d" + i + ".txt";
      Files.writeString(dir.resolve(id), texts.get(i));
      given.add(new Document(id, null, texts.get(i)));
    }
    Corpus files = CorpusReader.read(dir, options, CorpusListener.NONE);
    Corpus memory = CorpusReader.of("(memory)", given, options);
    assertEquals(files.documents(), memory.documents());
    assertEquals(files.skipped(), memory.skipped());
    assertEquals(files.mailCleanup(), memory.mailCleanup());
    assertEquals(files.htmlBoilerplate(), memory.htmlBoilerplate());
    assertEquals("(memory)", memory.root());
  }

  @Test
  void mailIsCleanedAsInFilesWhenMostTextsAreMail() throws IOException {
    List<String> mail = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      mail.add("From: someone" + i + "@example.org\nSubject: Re: the engine " + i + "\nDate: Mon, 1 Jan 2024\n\n"
          + "The engine stalls when cold.\n> quoted reply line\n-- \nsignature " + i + "\n");
    }
    mail.add("A plain note about engines and their oil.");
    assertReadAlike(mail, CorpusOptions.defaults());
    Corpus c = CorpusReader.of("m", mail.stream().map(t -> new Document("x" + t.hashCode(), null, t)).toList(),
        CorpusOptions.defaults());
    assertTrue(c.mailCleanup().automatic());
    assertFalse(c.documents().get(0).text().contains("From:"));
    assertFalse(c.documents().get(0).text().contains("quoted reply"));
  }

  @Test
  void forcedHtmlIsStrippedAndSharedLinesRemovedAsInFiles() throws IOException {
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pages.add("<html><body><div>Home | About | Contact</div><p>Page " + i + " tells of <b>sailing</b> boat "
          + i + ".</p><footer>Cookies and privacy</footer></body></html>");
    }
    CorpusOptions html = CorpusOptions.defaults().withForceHtml(true);
    assertReadAlike(pages, html);
    Corpus c = CorpusReader.of("h", List.of(new Document("a", null, pages.get(0)), new Document("b", null, pages.get(1)),
        new Document("c", null, pages.get(2)), new Document("d", null, pages.get(3))), html);
    assertTrue(c.htmlBoilerplate().sharedLines() > 0);
    assertFalse(c.documents().get(0).text().contains("<b>"));
    assertFalse(c.documents().get(0).text().contains("Cookies"));
  }

  @Test
  void blankTextsAndRepeatedIdsAreSkippedWithTheirReason() {
    Corpus c = CorpusReader.of("m", List.of(new Document("a", "x", "some words"), new Document("b", null, "  \n"),
        new Document("a", null, "other words")), CorpusOptions.defaults());
    assertEquals(List.of(new Document("a", "x", "some words")), c.documents());
    assertEquals(List.of(new Skipped("b", "empty text"),
        new Skipped("a", CorpusReader.DUPLICATE_ID + "; the first is kept")), c.skipped());
  }
}

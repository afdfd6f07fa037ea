package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlBoilerplateTest {
  @TempDir Path dir;

  /** A page of a small site: a menu and a footer on every page, a banner on some, its own story. */
  private static String page(int i, boolean banner) {
    return "<html><head><title>Story " + i + " | Acme</title></head><body>\n"
        + "<nav><ul><li><a href='/'>Home</a></li><li><a href='/about'>About   us</a></li></ul></nav>\n"
        + (banner ? "<div>We use cookies to improve your experience.</div>\n" : "")
        + "<main><h1>Story " + i + "</h1><p>Story " + i + " tells of rates, banks and loans number " + i + ".</p>"
        + "<p>Home</p></main>\n"
        + "<footer>Copyright Acme Ltd. Privacy policy</footer></body></html>";
  }

  private Corpus read(Path folder) throws IOException {
    return CorpusReader.read(folder, CorpusOptions.defaults(), CorpusListener.NONE);
  }

  @Test
  void linesMostPagesShareAreRemovedAndTheStoriesKept() throws IOException {
    Path site = Files.createDirectories(dir.resolve("site"));
    for (int i = 0; i < 6; i++) {
      Files.writeString(site.resolve("p" + i + ".html"), page(i, i < 3)); // the banner on 3 of 6 pages
    }
    Files.writeString(site.resolve("notes.txt"), "Home\nPrivacy policy\nA plain text file keeps every line.");
    Corpus c = read(site);
    // Shared: "Home", "About us" (whitespace runs compared as one space), the banner (3 of 6 = half),
    // and the footer; not the titles or stories, which differ.
    assertEquals(new HtmlBoilerplate(6, 4, 6 * 3 + 3 + 6), c.htmlBoilerplate(),
        "the menu's two lines and the footer on 6 pages, the banner on 3, and the story's own 'Home' line on 6");
    for (Document d : c.documents()) {
      if (d.id().endsWith(".html")) {
        assertFalse(d.text().contains("About") || d.text().contains("cookies") || d.text().contains("Privacy"), d.text());
        assertTrue(d.text().contains("tells of rates, banks and loans"), d.text());
      } else {
        assertEquals("Home\nPrivacy policy\nA plain text file keeps every line.", d.text(), "only web pages are touched");
      }
    }
  }

  @Test
  void fewPagesOrLinesInFewPagesAreLeftAlone() throws IOException {
    Path three = Files.createDirectories(dir.resolve("three"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(three.resolve("p" + i + ".html"), page(i, true));
    }
    Corpus c = read(three);
    assertEquals(new HtmlBoilerplate(3, 0, 0), c.htmlBoilerplate(), "fewer than 4 pages: nothing removed");
    assertTrue(c.documents().get(0).text().contains("Privacy policy"));

    Path eight = Files.createDirectories(dir.resolve("eight"));
    for (int i = 0; i < 8; i++) {
      Files.writeString(eight.resolve("p" + i + ".html"), page(i, i < 3)); // banner on 3 of 8: under half
    }
    Corpus e = read(eight);
    assertEquals(3, e.htmlBoilerplate().sharedLines(), "menu (2 lines) and footer; not the banner");
    assertTrue(e.documents().get(0).text().contains("cookies"));
    assertEquals(4, HtmlBoilerplate.threshold(8));
    assertEquals(3, HtmlBoilerplate.threshold(4), "at least 3 pages even when half is 2");
  }

  @Test
  void aPageOfNothingButBoilerplateIsSkippedWithTheReason() throws IOException {
    Path site = Files.createDirectories(dir.resolve("site"));
    for (int i = 0; i < 4; i++) {
      Files.writeString(site.resolve("p" + i + ".html"), page(i, false));
    }
    Files.writeString(site.resolve("z-empty.html"),
        "<html><body><nav><ul><li>Home</li><li>About us</li></ul></nav><footer>Copyright Acme Ltd. Privacy policy</footer></body></html>");
    Corpus c = read(site);
    assertEquals(4, c.documents().size());
    assertEquals(List.of(new Skipped("z-empty.html", HtmlBoilerplate.ONLY_BOILERPLATE)), c.skipped());
  }
}

package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentTextTest {
  static {
    DocumentText.handles("pdf"); // silences PDFBox's log before the PDFs below are made
  }

  @TempDir Path tmp;

  /** A PDF with one page per entry of {@code pages}, each line written with a standard font. */
  static byte[] pdf(List<List<String>> pages, String userPassword) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (List<String> lines : pages) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          float y = 700;
          for (String line : lines) {
            cs.beginText();
            cs.setFont(font, 12);
            cs.newLineAtOffset(72, y);
            cs.showText(line);
            cs.endText();
            y -= 20;
          }
        }
      }
      if (userPassword != null) {
        StandardProtectionPolicy p = new StandardProtectionPolicy("owner", userPassword, new AccessPermission());
        p.setEncryptionKeyLength(128);
        doc.protect(p);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static final String DOCX_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
      + "<w:p><w:r><w:t>Interest rates</w:t></w:r><w:r><w:t xml:space=\"preserve\"> rose</w:t></w:r></w:p>"
      + "<w:p><w:r><w:t>again</w:t><w:tab/><w:t>today</w:t><w:br/><w:t>&amp; markets fell</w:t></w:r></w:p>"
      + "<w:sectPr><w:pgSz w:w=\"12240\"/></w:sectPr></w:body></w:document>";

  static final String ODT_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
      + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
      + "<office:font-face-decls><style:font-face xmlns:style=\"s\" style:name=\"Liberation\"/></office:font-face-decls>"
      + "<office:body><office:text><text:h>Gardening</text:h>"
      + "<text:p>Tomatoes<text:s text:c=\"3\"/>need <text:span>sun</text:span><text:tab/>and water</text:p>"
      + "</office:text></office:body></office:document-content>";

  @Test
  void pdfTextComesOutPageByPage() throws Exception {
    byte[] bytes = pdf(List.of(List.of("Central banks raise interest rates", "as inflation climbs"),
        List.of("The second page talks about gardens")), null);
    String text = DocumentText.text("pdf", bytes);
    assertTrue(text.contains("Central banks raise interest rates"), text);
    assertTrue(text.indexOf("as inflation climbs") < text.indexOf("The second page talks about gardens"), text);
  }

  @Test
  void pdfFontsAreNotLookedUpAmongTheMachinesFonts() throws Exception {
    // Helvetica is not embedded: PDFBox would scan the system fonts for it and write ~/.pdfbox.cache.
    Path home = Files.createTempDirectory("fontcache");
    String before = System.getProperty("pdfbox.fontcache");
    System.setProperty("pdfbox.fontcache", home.toString());
    try {
      assertTrue(DocumentText.handles("pdf")); // the reader's set-up runs before any font is made
      String text = DocumentText.text("pdf", pdf(List.of(List.of("Helvetica words come out whole")), null));
      assertTrue(text.contains("Helvetica words come out whole"), text);
      var mapper = org.apache.pdfbox.pdmodel.font.FontMappers.instance();
      var provider = mapper.getClass().getMethod("getProvider");
      provider.setAccessible(true);
      assertEquals(DocumentText.NO_SYSTEM_FONTS,
          ((org.apache.pdfbox.pdmodel.font.FontProvider) provider.invoke(mapper)).toDebugString());
      try (var files = Files.list(home)) {
        assertEquals(0, files.count(), "no font cache written");
      }
    } finally {
      if (before == null) System.clearProperty("pdfbox.fontcache"); else System.setProperty("pdfbox.fontcache", before);
    }
  }

  @Test
  void wordsHyphenatedAcrossPdfLinesAreJoined() throws Exception {
    byte[] bytes = pdf(List.of(List.of("International coopera-", "tion keeps growing in well-", "known fields", "of UK-",
        "based firms and the Anglo-", "Saxon world")), null);
    String text = DocumentText.text("pdf", bytes);
    assertTrue(text.contains("cooperation keeps"), text);
    assertTrue(text.contains("wellknown fields"), text);
    assertTrue(text.contains("UK-"), "a capital letter before the hyphen: kept " + text);
    assertTrue(text.contains("Anglo-"), "a capital letter after the line break: kept " + text);
    assertEquals("a-\n\nb", DocumentText.joinHyphenatedLines("a-\n\nb"), "a paragraph break is not a line break");
    assertEquals("co-op and re-\n", DocumentText.joinHyphenatedLines("co-op and re-\n"));
    assertEquals("soft hyphens", DocumentText.joinHyphenatedLines("soft hy\u00AD\r\n  phens"));
  }

  @Test
  void unreadablePdfsSayWhy() throws Exception {
    var encrypted = assertThrows(DocumentText.UnreadableDocumentException.class,
        () -> DocumentText.text("pdf", pdf(List.of(List.of("secret plans")), "user-password")));
    assertEquals("encrypted PDF (it needs a password)", encrypted.getMessage());

    var noText = assertThrows(DocumentText.UnreadableDocumentException.class,
        () -> DocumentText.text("pdf", pdf(List.of(List.of()), null)));
    assertTrue(noText.getMessage().startsWith("no text in the PDF (scanned pages?"), noText.getMessage());

    var damaged = assertThrows(DocumentText.UnreadableDocumentException.class,
        () -> DocumentText.text("pdf", "%PDF-1.4\nthis is not really a PDF\n".getBytes(StandardCharsets.US_ASCII)));
    assertTrue(damaged.getMessage().startsWith("damaged or unsupported PDF"), damaged.getMessage());
  }

  @Test
  void docxParagraphsRunsTabsAndBreaks() throws Exception {
    String text = DocumentText.text("docx", zip(Map.of("[Content_Types].xml", "<Types/>", "word/document.xml", DOCX_XML)));
    assertEquals("Interest rates rose\nagain\ttoday\n& markets fell\n", text);
  }

  @Test
  void odtParagraphsHeadingsAndSpaces() throws Exception {
    String text = DocumentText.text("odt", zip(Map.of("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", ODT_XML)));
    assertEquals("Gardening\nTomatoes   need sun\tand water\n", text);
  }

  @Test
  void brokenOfficeFilesSayWhy() {
    var notZip = assertThrows(DocumentText.UnreadableDocumentException.class,
        () -> DocumentText.text("docx", "plain text, not a zip".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("not a Word document (no word/document.xml inside)", notZip.getMessage());
    var badXml = assertThrows(DocumentText.UnreadableDocumentException.class,
        () -> DocumentText.text("odt", zip(Map.of("content.xml", "<office:document-content><unclosed>"))));
    assertTrue(badXml.getMessage().startsWith("damaged .odt file (content.xml:"), badXml.getMessage());
    // An external entity is not resolved: a document cannot make the reader open other files.
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>a &x; b</w:t></w:r></w:p></w:body></w:document>";
    var entity = assertThrows(DocumentText.UnreadableDocumentException.class,
        () -> DocumentText.text("docx", zip(Map.of("word/document.xml", xxe))));
    assertTrue(entity.getMessage().startsWith("damaged .docx file"), entity.getMessage());
  }

  @Test
  void aFolderOfOfficeFilesIsReadAndTheBadOnesListed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("papers"));
    Files.write(dir.resolve("a.pdf"), pdf(List.of(List.of("Topic models for text")), null));
    Files.write(dir.resolve("b.docx"), zip(Map.of("word/document.xml", DOCX_XML)));
    Files.write(dir.resolve("c.odt"), zip(Map.of("content.xml", ODT_XML)));
    Files.write(dir.resolve("d.pdf"), pdf(List.of(List.of("locked")), "pw"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(pdf(List.of(List.of("Compressed papers too")), null));
    }
    Files.write(dir.resolve("e.pdf.gz"), gz.toByteArray());
    Corpus c = CorpusReader.read(dir, CorpusOptions.defaults(), CorpusListener.NONE);
    assertEquals(List.of("a.pdf", "b.docx", "c.odt", "e.pdf.gz"), c.documents().stream().map(Document::id).toList());
    assertTrue(c.documents().get(0).text().contains("Topic models for text"));
    assertTrue(c.documents().get(3).text().contains("Compressed papers too"));
    assertEquals(1, c.skipped().size());
    assertEquals("d.pdf", c.skipped().get(0).path());
    assertEquals("encrypted PDF (it needs a password)", c.skipped().get(0).reason());
  }

  @Test
  void manyPdfsReadInParallelKeepTheirOwnText() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("many"));
    for (int i = 0; i < 24; i++) {
      Files.write(dir.resolve(String.format("p%02d.pdf", i)),
          pdf(List.of(List.of("Document number " + i + " about topic" + (char) ('a' + i))), null));
    }
    Corpus c = CorpusReader.read(dir, CorpusOptions.defaults(), CorpusListener.NONE);
    assertEquals(24, c.documents().size());
    for (int i = 0; i < 24; i++) {
      Document d = c.documents().get(i);
      assertEquals(String.format("p%02d.pdf", i), d.id());
      assertTrue(d.text().contains("Document number " + i + " about topic" + (char) ('a' + i)), d.text());
    }
  }
}

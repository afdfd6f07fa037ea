package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.topicnmf.corpus.CorpusReader.FileReading;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Coverage-guided fuzz targets (Jazzer) for every document reader: text decoding, HTML, .eml,
 * .mbox, .jsonl, .csv, .docx/.odt, .pdf, and a whole file through {@link CorpusReader} (with
 * gzip). Each asserts the reader's contract: no exception but the documented ones (a skip reason,
 * {@link MimeText.MalformedMessageException}, {@link DocumentText.UnreadableDocumentException}),
 * and outputs that hold together: every document has an id and non-blank text within the
 * document-size limit, every skip has a reason.
 *
 * <p>A plain {@code mvn test} replays the inputs under {@code
 * src/test/resources/io/topicnmf/corpus/ReadersFuzzTestInputs/<method>/} (seeds and every crash
 * found); {@code -Pfuzz} fuzzes one target (docs/reliability.md).
 */
class ReadersFuzzTest {
  /** Small limits, so that a fuzzed input reaches them and nothing can grow large. */
  static final ReadLimits LIMITS = new ReadLimits(64 * 1024, 1 << 20, 100);

  static final CorpusOptions OPTIONS = CorpusOptions.defaults().withLimits(LIMITS);

  @FuzzTest
  void textDecoder(byte[] bytes) throws IOException {
    TextDecoder.looksBinary(bytes);
    String text = TextDecoder.decode(bytes);
    assertNotNull(text);
    assertTrue(text.length() <= bytes.length, "decoding never makes more chars than bytes");
    boolean bom = bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
        || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE);
    boolean utf8Bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF;
    String utf8 = strictUtf8(bytes);
    if (!bom && !utf8Bom && utf8 != null) {
      assertEquals(utf8, text, "valid UTF-8 is decoded as UTF-8");
    }
    // A record file is decoded line by line: each line as the whole-file rule decodes it alone.
    if (!bom) {
      String lines = readAll(new LineDecodingReader(new ByteArrayInputStream(bytes)));
      StringBuilder expected = new StringBuilder();
      int start = utf8Bom ? 3 : 0;
      for (int i = start; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          int end = Math.min(i + 1, bytes.length);
          byte[] line = java.util.Arrays.copyOfRange(bytes, start, end);
          if (line.length <= LineDecodingReader.CHUNK) {
            expected.append(TextDecoder.decodeUtf8OrWindows1252(line));
          } else {
            expected = null;
            break;
          }
          start = end;
        }
      }
      if (expected != null) {
        assertEquals(expected.toString(), lines, "line-by-line decoding");
      }
    }
  }

  @FuzzTest
  void html(byte[] bytes) {
    String html = TextDecoder.decode(bytes);
    String text = HtmlText.strip(html);
    assertNotNull(text);
    checkReading(FileReaders.fromBytes("page.html", null, "html", bytes, OPTIONS), false);
  }

  @FuzzTest
  void eml(byte[] bytes) {
    try {
      MimeText.Message m = MimeText.read(bytes);
      assertNotNull(m.text());
      for (MimeText.BrokenPart b : m.brokenParts()) {
        assertFalse(b.number().isBlank(), "a broken part has a number");
        assertFalse(b.reason().isBlank(), "a broken part has a reason");
      }
    } catch (MimeText.MalformedMessageException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a malformed message says why");
    }
    if (!TextDecoder.looksBinary(bytes)) {
      checkReading(FileReaders.fromBytes("mail.eml", null, "eml", bytes, OPTIONS), false);
    }
  }

  @FuzzTest
  void mbox(byte[] bytes) throws IOException {
    FileReading r = MboxFile.read("box.mbox", "label", new ByteArrayInputStream(bytes), LIMITS);
    checkReading(r, true);
    for (Document d : r.documents()) {
      assertTrue(d.id().startsWith("box.mbox#"), "a message's id names its mailbox: " + d.id());
    }
  }

  @FuzzTest
  void jsonl(FuzzedDataProvider data) throws IOException {
    CorpusOptions options = recordOptions(data);
    byte[] bytes = data.consumeRemainingAsBytes();
    FileReading r = RecordFiles.jsonl("r.jsonl", null, reader(bytes), options);
    checkReading(r, options.idField() == null);
  }

  @FuzzTest
  void csv(FuzzedDataProvider data) throws IOException {
    CorpusOptions options = recordOptions(data);
    byte[] bytes = data.consumeRemainingAsBytes();
    FileReading r = RecordFiles.csv("r.csv", null, reader(bytes), options);
    checkReading(r, options.idField() == null);
  }

  @FuzzTest
  void docx(byte[] bytes) {
    office("docx", bytes);
  }

  @FuzzTest
  void odt(byte[] bytes) {
    office("odt", bytes);
  }

  @FuzzTest
  void pdf(byte[] bytes) {
    office("pdf", bytes);
  }

  /** A whole file as the corpus reader meets it: its type, optionally gzipped, then its bytes. */
  @FuzzTest
  void anyFile(FuzzedDataProvider data) throws IOException {
    String[] types = {"txt", "html", "eml", "mbox", "jsonl", "csv", "md", "docx", "odt", "pdf"};
    String ext = data.pickValue(types);
    boolean gzip = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    Path dir = Files.createTempDirectory("fuzz-reader");
    Path file = dir.resolve("doc." + ext + (gzip ? ".gz" : ""));
    try {
      if (gzip) {
        // Raw bytes after a gzip header half the time, so corrupt streams are tried too.
        byte[] zipped = gzip(bytes);
        Files.write(file, bytes.length % 2 == 0 ? zipped : bytes);
      } else {
        Files.write(file, bytes);
      }
      Corpus corpus = CorpusReader.read(file, OPTIONS, CorpusListener.NONE);
      Set<String> ids = new HashSet<>();
      for (Document d : corpus.documents()) {
        checkDocument(d);
        assertTrue(ids.add(d.id()), "ids are unique: " + d.id());
      }
      for (Skipped s : corpus.skipped()) {
        assertFalse(s.reason() == null || s.reason().isBlank(), "a skip has a reason");
      }
      assertTrue(!corpus.documents().isEmpty() || !corpus.skipped().isEmpty(),
          "a file gives documents or a skip reason");
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static void office(String ext, byte[] bytes) {
    try {
      String text = DocumentText.text(ext, bytes);
      assertFalse(text.isBlank(), "an office document's text is never blank");
    } catch (DocumentText.UnreadableDocumentException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "an unreadable document says why");
    }
  }

  /** Record options drawn from the input: the text field, and optionally id and label fields. */
  private static CorpusOptions recordOptions(FuzzedDataProvider data) {
    CorpusOptions o = OPTIONS;
    if (data.consumeBoolean()) {
      o = o.withIdField("id");
    }
    if (data.consumeBoolean()) {
      o = o.withLabelField("label");
    }
    if (data.consumeBoolean()) {
      o = o.withForceHtml(true);
    }
    return o;
  }

  private static Reader reader(byte[] bytes) {
    return new BufferedReader(new LineDecodingReader(new ByteArrayInputStream(bytes)), 65536);
  }

  /** The contract of one file's reading. */
  static void checkReading(FileReading r, boolean uniqueIds) {
    assertNotNull(r);
    Set<String> ids = new HashSet<>();
    for (Document d : r.documents()) {
      checkDocument(d);
      if (uniqueIds) {
        assertTrue(ids.add(d.id()), "ids are unique: " + d.id());
      }
    }
    for (Skipped s : r.skipped()) {
      assertFalse(s.path() == null || s.path().isEmpty(), "a skip names what it skips");
      assertFalse(s.reason() == null || s.reason().isBlank(), "a skip has a reason");
    }
    assertTrue(!r.documents().isEmpty() || !r.skipped().isEmpty(),
        "a file gives documents or a skip reason");
  }

  static void checkDocument(Document d) {
    assertFalse(d.id() == null || d.id().isEmpty(), "a document has an id");
    assertNotNull(d.text());
    assertFalse(d.text().isBlank(), "a document's text is not blank: " + d.id());
    assertTrue(d.text().length() <= LIMITS.maxDocumentBytes(),
        "a document is within --max-document-size: " + d.text().length());
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String readAll(Reader r) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[4096];
    int n;
    while ((n = r.read(buf)) != -1) {
      sb.append(buf, 0, n);
    }
    return sb.toString();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }
}

package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private Corpus read(CorpusOptions options) throws IOException {
    return CorpusReader.read(dir, options, CorpusListener.NONE);
  }

  private static Map<String, String> skips(Corpus c) {
    Map<String, String> m = new TreeMap<>();
    c.skipped().forEach(s -> m.put(s.path(), s.reason()));
    return m;
  }

  private static final String JSONL = String.join("\n",
      "{\"text\": \"Rates rose again\", \"id\": \"r1\", \"cat\": \"business\"}",
      "",
      "{\"text\": \"Goal in extra time\", \"cat\": \"sport\"}",
      "{\"text\": broken json",
      "[1, 2, 3]",
      "{\"body\": \"no text field\"}",
      "{\"text\": \"   \"}",
      "{\"text\": \"No category here\", \"id\": 7}");

  @Test
  void jsonlRecordsWithDefaultIdsAndFolderLabels() throws IOException {
    write("news/a.jsonl", JSONL);
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(List.of(
            new Document("news/a.jsonl#1", "news", "Rates rose again", Map.of("id", "r1", "cat", "business")),
            new Document("news/a.jsonl#3", "news", "Goal in extra time", Map.of("cat", "sport")),
            new Document("news/a.jsonl#8", "news", "No category here", Map.of("id", "7"))),
        c.documents(), "the fields not read as text, id or label are metadata");
    Map<String, String> skipped = skips(c);
    assertTrue(skipped.get("news/a.jsonl#4").startsWith("malformed JSON"), skipped.toString());
    assertEquals("not a JSON object", skipped.get("news/a.jsonl#5"));
    assertEquals("no \"text\" field (--text-field)", skipped.get("news/a.jsonl#6"));
    assertEquals("empty text", skipped.get("news/a.jsonl#7"));
    assertEquals(4, skipped.size());
  }

  @Test
  void jsonlWithIdAndLabelFields() throws IOException {
    write("a.ndjson", JSONL);
    Corpus c = read(CorpusOptions.defaults().withIdField("id").withLabelField("cat"));
    assertEquals(List.of(
            new Document("r1", "business", "Rates rose again"),
            new Document("a.ndjson#3", "sport", "Goal in extra time"),
            new Document("7", null, "No category here")),
        c.documents());
  }

  @Test
  void aFileOverTheDocumentLimitIsSkippedWithoutBeingRead() throws IOException {
    write("small.txt", "a small note");
    // Sparse files: 3 GB by their size, next to nothing on disk. One starts with 9 KB of text, so
    // it passes the binary test and only its size stops it; the other is all zeros.
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("huge.txt").toFile(), "rw")) {
      f.write("word ".repeat(1900).getBytes(StandardCharsets.US_ASCII));
      f.setLength(3L << 30);
    }
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("zeros.txt").toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(List.of("small.txt"), c.documents().stream().map(Document::id).toList());
    assertEquals("file too large (over 32 MB, --max-document-size): 3072 MB", skips(c).get("huge.txt"));
    assertEquals("binary file (NUL byte in first 8 KB)", skips(c).get("zeros.txt"));
  }

  @Test
  void duplicateIdsAreSkippedWithTheirReasonAndTheFirstIsKept() throws IOException {
    write("a.jsonl", "{\"id\": \"x\", \"text\": \"first x\"}\n"
        + "{\"id\": \"y\", \"text\": \"only y\"}\n"
        + "{\"id\": \"x\", \"text\": \"second x\"}\n");
    write("b.csv", "id,text\ny,another y\nz,only z\n");
    Corpus c = read(CorpusOptions.defaults().withIdField("id"));
    assertEquals(List.of(
            new Document("x", null, "first x"),
            new Document("y", null, "only y"),
            new Document("z", null, "only z")),
        c.documents());
    Map<String, String> skipped = skips(c);
    assertEquals(2, skipped.size(), skipped.toString());
    assertEquals(CorpusReader.DUPLICATE_ID + ": 'x' is also record 1, which is kept",
        skipped.get("a.jsonl#3"));
    assertEquals(CorpusReader.DUPLICATE_ID + " in an earlier file; the first is kept",
        skipped.get("b.csv (id y)"));
  }

  @Test
  void csvWithQuotesNewlinesAndBadRows() throws IOException {
    write("data.csv", "id,body,label\r\n"
        + "1,\"Plain, with comma\",x\r\n"
        + "2,\"Quoted \"\"word\"\" and\nnew line\",y\r\n"
        + "3,too,many,fields\r\n"
        + "\r\n"
        + "4,,z\r\n"
        + "5,last row,w");
    Corpus c = read(CorpusOptions.defaults().withTextField("body").withIdField("id")
        .withLabelField("label"));
    assertEquals(List.of(
            new Document("1", "x", "Plain, with comma"),
            new Document("2", "y", "Quoted \"word\" and\nnew line"),
            new Document("5", "w", "last row")),
        c.documents());
    Map<String, String> skipped = skips(c);
    assertEquals("expected 3 fields, found 4", skipped.get("data.csv#3"));
    assertEquals("empty text", skipped.get("data.csv#5"));
  }

  @Test
  void csvWithoutTheTextColumnOrWithAnOpenQuote() throws IOException {
    write("a.csv", "title,summary\nx,y\n");
    write("b.csv", "text\nfine row\n\"never closed\n");
    Corpus c = read(CorpusOptions.defaults());
    Map<String, String> skipped = skips(c);
    assertEquals("no column \"text\" (--text-field) in the CSV header; columns: title, summary",
        skipped.get("a.csv"));
    assertEquals("malformed record: the quoted field that starts on line 3 is never closed; the reading goes on"
        + " with line 4", skipped.get("b.csv#2"));
    assertEquals(List.of(new Document("b.csv#1", null, "fine row")), c.documents());
  }

  @Test
  void csvStrayQuoteThatSwallowsLinesIsReportedAsAMalformedRecordAndTheRestIsRead() throws IOException {
    // Row 2's text starts with a quote that is never meant to be closed: it swallows rows 3 to
    // 200 up to the quote that opens row 201's text, which is then followed by other text. Only
    // row 2 is lost; the reading resumes on the line after it (issue 14, item 4).
    StringBuilder csv = new StringBuilder("id,text,label\n1,first row,a\n2,\"stray quote,b\n");
    for (int i = 3; i <= 200; i++) {
      csv.append(i).append(",row ").append(i).append(",c\n");
    }
    csv.append("201,\"quoted\" text,d\n202,after,e\n");
    write("data.csv", csv.toString());
    Corpus c = read(CorpusOptions.defaults().withIdField("id").withLabelField("label"));
    assertEquals(201, c.documents().size());
    assertEquals(new Document("1", "a", "first row"), c.documents().get(0));
    assertEquals(new Document("3", "c", "row 3"), c.documents().get(1));
    assertEquals(new Document("201", "d", "quoted text"), c.documents().get(199));
    assertEquals(new Document("202", "e", "after"), c.documents().get(200));
    Map<String, String> skipped = skips(c);
    assertEquals(1, skipped.size(), skipped.toString());
    assertEquals("malformed record: the quoted field that starts on line 3 ends on line 202 with a quote followed"
        + " by other text (a stray quote?); the reading goes on with line 4", skipped.get("data.csv#2"));
  }

  @Test
  void csvQuotedFieldsOverSeveralLinesFollowedByTextOnOneLineStillRead() throws IOException {
    // Text after a closing quote is kept as before when the quoted part is on one line.
    write("data.csv", "id,text\n1,\"quoted\" tail\n2,\"two\nlines\"\n");
    Corpus c = read(CorpusOptions.defaults().withIdField("id"));
    assertEquals(List.of(new Document("1", null, "quoted tail"), new Document("2", null, "two\nlines")),
        c.documents());
  }

  @Test
  void gzipOfEachFormat() throws IOException {
    write("t/notes.txt.gz", gzip("compressed plain text"));
    write("t/page.html.gz", gzip("<p>compressed &amp; marked up</p>"));
    write("t/r.jsonl.gz", gzip("{\"text\": \"compressed record\"}\n"));
    write("t/bare.gz", gzip("no inner extension"));
    write("t/bad.txt.gz", "not gzip at all".getBytes(StandardCharsets.UTF_8));
    write("t/img.png.gz", gzip("whatever"));
    Corpus c = read(CorpusOptions.defaults());
    Map<String, String> texts = new TreeMap<>();
    c.documents().forEach(d -> texts.put(d.id(), d.text().strip()));
    assertEquals(Map.of("t/notes.txt.gz", "compressed plain text",
        "t/page.html.gz", "compressed & marked up",
        "t/r.jsonl.gz#1", "compressed record",
        "t/bare.gz", "no inner extension"), texts);
    Map<String, String> skipped = skips(c);
    assertTrue(skipped.get("t/bad.txt.gz").startsWith("corrupt gzip file"), skipped.toString());
    assertEquals("unsupported file type .png.gz", skipped.get("t/img.png.gz"));
  }

  static final String MULTIPART = String.join("\r\n",
      "From: Ann <ann@example.org>",
      "To: bob@example.org",
      "Subject: =?UTF-8?B?Q2Fmw6k=?= =?ISO-8859-1?Q?_na=EFve?= plans",
      "MIME-Version: 1.0",
      "Content-Type: multipart/mixed; boundary=\"outer\"",
      "",
      "This is a multi-part message in MIME format.",
      "--outer",
      "Content-Type: multipart/alternative; boundary=inner",
      "",
      "--inner",
      "Content-Type: text/plain; charset=ISO-8859-1",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "Le caf=E9 est pr=EAt, long line that is soft=",
      " broken.",
      "--inner",
      "Content-Type: text/html; charset=UTF-8",
      "",
      "<p>HTML duplicate that must not appear</p>",
      "--inner--",
      "--outer",
      "Content-Type: text/html; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      Base64.getMimeEncoder().encodeToString(
          "<div>Second <b>part</b> in HTML</div>".getBytes(StandardCharsets.UTF_8)),
      "--outer",
      "Content-Type: application/pdf; name=x.pdf",
      "Content-Disposition: attachment; filename=x.pdf",
      "Content-Transfer-Encoding: base64",
      "",
      "JVBERi0xLjQK",
      "--outer",
      "Content-Type: text/plain",
      "Content-Disposition: attachment; filename=notes.txt",
      "",
      "attached text that must not appear",
      "--outer--",
      "");

  @Test
  void emlMultipartDecodesPartsAndSkipsAttachments() throws IOException {
    write("mail/m1.eml", MULTIPART);
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(1, c.documents().size(), c.skipped().toString());
    String text = c.documents().get(0).text();
    assertTrue(text.startsWith("Café naïve plans\n\n"), text);
    assertTrue(text.contains("Le café est prêt, long line that is soft broken."), text);
    assertTrue(text.contains("Second part in HTML"), text);
    assertFalse(text.contains("duplicate") || text.contains("attached text")
        || text.contains("multi-part message") || text.contains("JVBER")
        || text.contains("bob@example.org"), text);
    assertEquals("mail", c.documents().get(0).label());
  }

  @Test
  void emlSimpleAndMalformed() throws IOException {
    write("plain.eml", "From: a@b.c\nSubject: Re: hello\nContent-Type: text/plain; charset=utf-8\n"
        + "\nBody with ümlaut.\n");
    write("nohead.eml", "just some text without headers\n");
    write("noboundary.eml", "From: a@b.c\nContent-Type: multipart/mixed\n\nbody\n");
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(List.of(new Document("plain.eml", null, "Re: hello\n\nBody with ümlaut.\n", Map.of("From", "a@b.c"))),
        c.documents());
    Map<String, String> skipped = skips(c);
    assertEquals("malformed message (no header block)", skipped.get("nohead.eml"));
    assertEquals("malformed message (multipart body without a boundary)",
        skipped.get("noboundary.eml"));
  }

  @Test
  void mboxIsSplitIntoOneDocumentPerMessage() throws IOException {
    String mbox = "From alice@example.org Mon Jan  1 10:00:00 2024\n"
        + "From: alice@example.org\nSubject: budget\nContent-Type: text/plain\n\n"
        + "Numbers for the budget.\n>From the archive: old figures.\n\n"
        + "From bob@example.org Tue Jan  2 11:00:00 2024\n"
        + "From: bob@example.org\nSubject: lunch\nContent-Type: text/html\n\n"
        + "<p>Pizza &amp; salad at noon</p>\n\n"
        + "From carol@example.org Wed Jan  3 12:00:00 2024\n"
        + "no header block here\n\n"
        + "From dave@example.org Thu Jan  4 13:00:00 2024\n"
        + "From: dave@example.org\nSubject: \nContent-Type: application/pdf\n\nJVBERi0=\n";
    write("box/inbox.mbox", mbox);
    write("box/crlf.mbox.gz", gzip(("From x Mon Jan  1 10:00:00 2024\r\nFrom: x@y.z\r\nSubject: one\r\n\r\n"
        + "First.\r\n\r\nFrom y Mon Jan  1 10:00:00 2024\r\nFrom: y@y.z\r\nSubject: two\r\n\r\nSecond.\r\n")));
    write("box/fake.mbox", "Hello, this is not a mailbox.\n");
    Corpus c = read(CorpusOptions.defaults().withStripQuotes(false));
    List<String> ids = c.documents().stream().map(Document::id).toList();
    assertEquals(List.of("box/crlf.mbox.gz#1", "box/crlf.mbox.gz#2", "box/inbox.mbox#1", "box/inbox.mbox#2"), ids);
    assertEquals("budget\n\nNumbers for the budget.\nFrom the archive: old figures.\n",
        c.documents().get(2).text());
    assertTrue(c.documents().get(3).text().contains("Pizza & salad at noon"), c.documents().get(3).text());
    assertTrue(c.documents().get(0).text().contains("First."), c.documents().get(0).text());
    assertTrue(c.documents().get(1).text().contains("Second."), c.documents().get(1).text());
    assertEquals("box", c.documents().get(0).label());
    Map<String, String> skipped = skips(c);
    assertEquals("malformed message (no header block)", skipped.get("box/inbox.mbox#3"));
    assertEquals("empty message (no text part)", skipped.get("box/inbox.mbox#4"));
    assertEquals("not an mbox file (it does not start with a \"From \" line)", skipped.get("box/fake.mbox"));
    assertEquals(3, skipped.size(), skipped.toString());
    assertTrue(c.mailCleanup().automatic(), "messages of a mailbox count as mail");
  }

  @Test
  void emlCorpusTurnsQuoteStrippingOn() throws IOException {
    write("r1.eml", "From: a@b.c\nSubject: budget\n\nOn Monday Jane wrote:\n> old text\n"
        + "New figures attached.\n-- \nA. Signature\n");
    write("r2.eml", "From: a@b.c\nSubject: again\n\nSecond message.\n");
    write("note.txt", "A plain note.");
    Corpus c = read(CorpusOptions.defaults());
    assertTrue(c.mailCleanup().automatic() && c.mailCleanup().quotesStripped());
    assertEquals(2.0 / 3, c.mailCleanup().headerShare(), 1e-12);
    assertEquals("budget\n\nNew figures attached.\n", c.documents().get(1).text());
  }

  @Test
  void quotedPrintableAndEncodedWords() {
    assertEquals("a=b c\u00e9",
        new String(MimeText.quotedPrintable("a=3Db=\r\n c=E9"), StandardCharsets.ISO_8859_1));
    assertEquals("Ünïcode subject", MimeText.decodeWords("=?utf-8?q?=C3=9Cn=C3=AFcode_subject?="));
    assertEquals("plain", MimeText.decodeWords("plain"));
  }

  @Test
  void blankTextFieldIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorpusOptions.defaults().withTextField(" "));
    assertTrue(e.getMessage().contains("textField"), e.getMessage());
  }
}

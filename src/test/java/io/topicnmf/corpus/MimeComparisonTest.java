package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@link MimeText} against Apache James mime4j 0.8.15 on the same mails: every
 * well-formed mail must give the same text (same words in the same order) with both; the broken
 * ones show what each does (docs/design-notes.md, "MIME: hand-written parser or mime4j").
 */
class MimeComparisonTest {
  private static final String HEAD = "From: a@example.org\nTo: b@example.org\n"
      + "Date: Mon, 1 Jan 2024 10:00:00 +0000\nMIME-Version: 1.0\n";

  private static String b64(String text, Charset cs) {
    return Base64.getMimeEncoder().encodeToString(text.getBytes(cs)).replace("\r\n", "\n");
  }

  /** Well-formed mails (RFC 2045/2046), each with the words its text must hold. */
  static Map<String, String> wellFormed() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("plain-utf8", HEAD + "Subject: rates\nContent-Type: text/plain; charset=utf-8\n\n"
        + "Bank rates rose in März.\n");
    m.put("qp-latin1", HEAD + "Subject: =?iso-8859-1?q?caf=E9?=\nContent-Type: text/plain;"
        + " charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        + "Le caf=E9 est tr=E8s bon, and a soft=\n break.\n");
    m.put("base64-utf8", HEAD + "Subject: b64\nContent-Type: text/plain; charset=utf-8\n"
        + "Content-Transfer-Encoding: base64\n\n" + b64("Grüße aus Köln, garden soil.\n", StandardCharsets.UTF_8) + "\n");
    m.put("windows-1252", HEAD + "Subject: cp\nContent-Type: text/plain; charset=windows-1252\n"
        + "Content-Transfer-Encoding: base64\n\n"
        + b64("It\u2019s \u201cquoted\u201d \u2013 fine.\n", Charset.forName("windows-1252")) + "\n");
    m.put("alternative", HEAD + "Subject: alt\nContent-Type: multipart/alternative; boundary=\"xyz\"\n\n"
        + "preamble text ignored\n--xyz\nContent-Type: text/plain; charset=us-ascii\n\nPlain version of rates.\n"
        + "--xyz\nContent-Type: text/html\n\n<p>HTML version of rates.</p>\n--xyz--\nepilogue ignored\n");
    m.put("html-only", HEAD + "Subject: html\nContent-Type: text/html; charset=utf-8\n\n"
        + "<html><body><p>Only <b>HTML</b> here.</p></body></html>\n");
    m.put("nested-prefix-boundary", HEAD + "Subject: nested\nContent-Type: multipart/mixed; boundary=\"abc\"\n\n"
        + "--abc\nContent-Type: multipart/alternative; boundary=\"abcZ\"\n\n"
        + "--abcZ\nContent-Type: text/plain\n\nInner plain text about mortgages.\n"
        + "--abcZ\nContent-Type: text/html\n\n<p>Inner html</p>\n--abcZ--\n"
        + "--abc\nContent-Type: text/plain\n\nSecond outer part about gardens.\n"
        + "--abc\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=a.pdf\n"
        + "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--abc--\n");
    m.put("padding-after-delimiter", HEAD + "Subject: pad\nContent-Type: multipart/mixed; boundary=pad\n\n"
        + "--pad  \t\nContent-Type: text/plain\n\nFirst padded part.\n--pad\t\n\nSecond part, default type.\n--pad--   \n");
    m.put("forwarded-rfc822", HEAD + "Subject: Fwd: budget\nContent-Type: multipart/mixed; boundary=\"out\"\n\n"
        + "--out\nContent-Type: text/plain\n\nSee below.\n--out\nContent-Type: message/rfc822\n\n"
        + "From: c@example.org\nSubject: budget\nContent-Type: text/plain\n\nThe budget for soil.\n--out--\n");
    m.put("crlf", (HEAD + "Subject: crlf\nContent-Type: multipart/mixed; boundary=\"c\"\n\n--c\n"
        + "Content-Type: text/plain\n\nLine one.\nLine two.\n--c--\n").replace("\n", "\r\n"));
    return m;
  }

  /** Mails that break the RFC somewhere, and what the kept text must (not) hold. */
  static Map<String, String> broken() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("inner-multipart-without-boundary", HEAD + "Subject: half\nContent-Type: multipart/mixed; boundary=\"o\"\n\n"
        + "--o\nContent-Type: text/plain\n\nGood first part.\n--o\nContent-Type: multipart/alternative\n\n"
        + "lost body\n--o\nContent-Type: text/plain\n\nGood third part.\n--o--\n");
    m.put("bad-base64-part", HEAD + "Subject: b\nContent-Type: multipart/mixed; boundary=\"o\"\n\n"
        + "--o\nContent-Type: text/plain\n\nGood part.\n--o\nContent-Type: text/plain\n"
        + "Content-Transfer-Encoding: base64\n\nQUJD=RA\n--o--\n");
    m.put("inner-boundary-with-dashes", HEAD + "Subject: dashes\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n"
        + "--b1\nContent-Type: multipart/mixed; boundary=\"b1--x\"\n\n"
        + "--b1--x\nContent-Type: text/plain\n\nDeep text one.\n--b1--x--\n"
        + "--b1\nContent-Type: text/plain\n\nOuter text two.\n--b1--\n");
    m.put("no-closing-delimiter", HEAD + "Subject: open\nContent-Type: multipart/mixed; boundary=\"o\"\n\n"
        + "--o\nContent-Type: text/plain\n\nOnly part, never closed.\n");
    return m;
  }

  /** The text mime4j finds, by the same rules as MimeText (Subject, plain over HTML, no attachments). */
  static String mime4jText(byte[] mail) throws IOException {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
    Message message = builder.parseMessage(new ByteArrayInputStream(mail));
    StringBuilder out = new StringBuilder();
    if (message.getSubject() != null) {
      out.append(message.getSubject().strip()).append("\n\n");
    }
    append(message, out);
    return out.toString();
  }

  private static void append(Entity e, StringBuilder out) throws IOException {
    if ("attachment".equalsIgnoreCase(e.getDispositionType())) {
      return;
    }
    Body body = e.getBody();
    String type = e.getMimeType().toLowerCase(java.util.Locale.ROOT);
    if (body instanceof Multipart mp) {
      List<Entity> parts = mp.getBodyParts();
      if (type.equals("multipart/alternative")) {
        Entity chosen = parts.stream().filter(p -> p.getMimeType().equals("text/plain")).findFirst()
            .orElse(parts.stream().filter(p -> p.getMimeType().equals("text/html")
                || p.getMimeType().startsWith("multipart/")).findFirst().orElse(null));
        if (chosen != null) {
          append(chosen, out);
        }
        return;
      }
      for (Entity p : parts) {
        append(p, out);
      }
    } else if (body instanceof Message inner) {
      append(inner, out);
    } else if (body instanceof TextBody text && (type.equals("text/plain") || type.equals("text/html"))) {
      StringBuilder s = new StringBuilder();
      try (Reader r = text.getReader()) {
        char[] buf = new char[4096];
        int n;
        while ((n = r.read(buf)) != -1) {
          s.append(buf, 0, n);
        }
      }
      String t = type.equals("text/html") ? HtmlText.strip(s.toString()) : s.toString();
      if (!t.isBlank()) {
        out.append(t).append("\n\n");
      }
    }
  }

  /** The words of a text in order, to compare texts regardless of line breaks and spacing. */
  static List<String> words(String text) {
    List<String> w = new ArrayList<>();
    for (String t : text.split("[^\\p{L}\\p{N}]+")) {
      if (!t.isEmpty()) {
        w.add(t);
      }
    }
    return w;
  }

  @Test
  void bothParsersReadEveryWellFormedMailAlike() throws Exception {
    for (Map.Entry<String, String> e : wellFormed().entrySet()) {
      byte[] mail = e.getValue().getBytes(StandardCharsets.UTF_8);
      List<String> mine = words(MimeText.read(mail).text());
      List<String> theirs = words(mime4jText(mail));
      assertEquals(theirs, mine, e.getKey());
      assertTrue(mine.size() > 2, e.getKey() + ": " + mine);
      assertEquals(List.of(), MimeText.read(mail).brokenParts(), e.getKey());
    }
  }

  @Test
  void anInnerBoundaryStartingWithTheOuterOneIsItsOwnBoundary() throws Exception {
    String mail = wellFormed().get("nested-prefix-boundary");
    String text = MimeText.text(mail.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("nested", "Inner", "plain", "text", "about", "mortgages", "Second", "outer",
        "part", "about", "gardens"), words(text));
  }

  @Test
  void aBrokenPartLeavesOutOnlyItself() throws Exception {
    MimeText.Message m = MimeText.read(broken().get("inner-multipart-without-boundary")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("half", "Good", "first", "part", "Good", "third", "part"), words(m.text()));
    assertEquals(List.of(new MimeText.BrokenPart("2", "multipart body without a boundary")),
        m.brokenParts());
    assertEquals(List.of(new Skipped("x.eml (part 2)", "broken MIME part left out (multipart body"
        + " without a boundary); the rest of the message is kept")), m.partial("x.eml"));

    MimeText.Message b = MimeText.read(broken().get("bad-base64-part").getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("b", "Good", "part"), words(b.text()));
    assertEquals("2", b.brokenParts().get(0).number());
    assertTrue(b.brokenParts().get(0).reason().startsWith("base64 body does not decode"));

    MimeText.Message open = MimeText.read(broken().get("no-closing-delimiter").getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("open", "Only", "part", "never", "closed"), words(open.text()));
  }

  @Test
  void aBrokenMessageBodyStillSkipsTheMessage() {
    assertThrows(MimeText.MalformedMessageException.class, () -> MimeText.read(
        (HEAD + "Subject: x\nContent-Type: multipart/mixed\n\nbody\n").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void mime4jOnTheBrokenMails() throws Exception {
    // What mime4j (permissive) makes of them, for the design notes. A multipart without a
    // boundary it reads as a text body ("lost body"), where MimeText leaves the part out and
    // reports it.
    assertEquals(List.of("half", "Good", "first", "part", "lost", "body", "Good", "third", "part"),
        words(mime4jText(broken().get("inner-multipart-without-boundary").getBytes(StandardCharsets.UTF_8))));
    // Base64 with padding inside ("QUJD=RA") it decodes leniently up to the padding ("ABC");
    // MimeText leaves the part out and reports it.
    assertEquals(List.of("b", "Good", "part", "ABC"), words(mime4jText(
        broken().get("bad-base64-part").getBytes(StandardCharsets.UTF_8))));
    // An inner boundary "b1--x" in an outer "b1": the grammar of RFC 2046 makes "--b1--x" no
    // delimiter (a close delimiter is followed only by white space), though its implementors'
    // note asks composers not to choose a boundary that has the outer one as a prefix. mime4j
    // takes the line as the outer close and keeps only the Subject; MimeText reads both parts.
    byte[] dashes = broken().get("inner-boundary-with-dashes").getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("dashes"), words(mime4jText(dashes)));
    assertEquals(List.of("dashes", "Deep", "text", "one", "Outer", "text", "two"),
        words(MimeText.text(dashes)));
    assertEquals(List.of("open", "Only", "part", "never", "closed"),
        words(mime4jText(broken().get("no-closing-delimiter").getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void anMboxOfTheseMailsGivesEachMessage() throws Exception {
    StringBuilder mbox = new StringBuilder();
    List<String> names = new ArrayList<>(wellFormed().keySet());
    for (String name : names) {
      String mail = wellFormed().get(name).replace("\r\n", "\n");
      mbox.append("From sender@example.org Mon Jan  1 10:00:00 2024\n")
          .append(mail.replaceAll("(?m)^(>*From )", ">$1")).append("\n");
    }
    CorpusReader.FileReading r = MboxFile.read("box.mbox", null,
        mbox.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(names.size(), r.documents().size(), r.skipped().toString());
    for (int i = 0; i < names.size(); i++) {
      byte[] mail = wellFormed().get(names.get(i)).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
      assertEquals(words(mime4jText(mail)), words(r.documents().get(i).text()), names.get(i));
    }
  }

  @Test
  void mboxSplitsOnlyAtAFromLineAfterAnEmptyLine() {
    // Python's mailbox.mbox (mboxo) splits this file into 4 messages, the second a bogus one
    // starting at the body line "From here on"; MboxFile gives the 3 the writer meant.
    String mbox = "From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody one\n"
        + "From here on, a body line\n>From escaped line\n\n"
        + "From b@x Mon Jan  1 00:00:00 2024\nSubject: two\n\nbody two\n\n"
        + "From c@x Mon Jan  1 00:00:00 2024\r\nSubject: three\r\n\r\nbody three\r\n";
    CorpusReader.FileReading r = MboxFile.read("t.mbox", null, mbox.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(
        new Document("t.mbox#1", null, "one\n\nbody one\nFrom here on, a body line\nFrom escaped line\n"),
        new Document("t.mbox#2", null, "two\n\nbody two\n"),
        new Document("t.mbox#3", null, "three\n\nbody three\r\n")), r.documents());
  }

  @Test
  void anEmlWithABrokenPartIsKeptAndThePartListed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Files.writeString(dir.resolve("x.eml"), broken().get("inner-multipart-without-boundary"));
    Corpus c = CorpusReader.read(dir, CorpusOptions.defaults().withAutoMailCleanup(false),
        CorpusListener.NONE);
    assertEquals(List.of("x.eml"), c.documents().stream().map(Document::id).toList());
    assertEquals(List.of(new Skipped("x.eml (part 2)", "broken MIME part left out (multipart body"
        + " without a boundary); the rest of the message is kept")), c.skipped());
  }
}

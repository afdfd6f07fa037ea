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

class MailTextTest {
  @TempDir Path dir;

  static final String NEWS_POST = String.join("\n",
      "From: jdoe@cs.example.edu (John Doe)",
      "Subject: Re: Orbital launch costs",
      "Organization: Example University, Dept. of Physics",
      "Lines: 14",
      "NNTP-Posting-Host: cs.example.edu",
      "",
      "In article <1993Apr5.1234@nasa.gov> smith@nasa.gov (Al Smith) writes:",
      "> The shuttle costs far too much per launch.",
      ">> Nested quote about budgets.",
      "| Another quoting style.",
      "",
      "Reusable boosters would lower the launch price.",
      "Fuel is a small part of it.",
      "",
      "-- ",
      "John Doe   | Physics, Example University",
      "\"Quote of the day\"");

  static final String REPLY_MAIL = String.join("\r\n",
      "Received: from mx.example.org by example.com",
      "Date: Mon, 5 Apr 1993 10:00:00 GMT",
      "To: list@example.org",
      "Subject: Fwd: RE: budget",
      "  meeting notes",
      "",
      "On Mon, Apr 5, 1993 Jane wrote:",
      "> earlier text",
      "The budget meeting moved to Friday.",
      "");

  @Test
  void detectsHeaderBlocks() {
    assertTrue(MailText.startsWithHeaderBlock(NEWS_POST));
    assertTrue(MailText.startsWithHeaderBlock(REPLY_MAIL));
    assertTrue(MailText.startsWithHeaderBlock("From MAILER-DAEMON Mon Apr  5 1993\nFrom: a@b\nTo: c@d\n\nbody"));
    assertFalse(MailText.startsWithHeaderBlock("Plain prose. Nothing here: at all.\n\nMore."));
    assertFalse(MailText.startsWithHeaderBlock("Note: one field\n\nbody"));
    assertFalse(MailText.startsWithHeaderBlock("Note: x\nWarning: y\n\nneither is a mail field"));
    assertFalse(MailText.startsWithHeaderBlock("Subject: ok\nthis line is prose\n\nbody"));
    assertFalse(MailText.startsWithHeaderBlock(""));
  }

  @Test
  void stripHeadersKeepsSubjectTextAndBody() {
    String s = MailText.stripHeaders(NEWS_POST);
    assertTrue(s.startsWith("Orbital launch costs\n\nIn article"), s);
    assertFalse(s.contains("Organization") || s.contains("NNTP") || s.contains("Lines:"), s);
    String r = MailText.stripHeaders(REPLY_MAIL);
    assertTrue(r.startsWith("budget meeting notes\r\n\r\n") || r.startsWith("budget meeting notes\n\n"), r);
    assertFalse(r.contains("Received"), r);
    assertEquals("no header here\n", MailText.stripHeaders("no header here\n"));
  }

  @Test
  void stripQuotesDropsQuotesAttributionsAndSignature() {
    String s = MailText.stripQuotes(MailText.stripHeaders(NEWS_POST));
    assertEquals("Orbital launch costs\n\n\nReusable boosters would lower the launch price.\n"
        + "Fuel is a small part of it.\n\n", s);
    String r = MailText.stripQuotes(MailText.stripHeaders(REPLY_MAIL));
    assertFalse(r.contains("wrote") || r.contains("earlier text"), r);
    assertTrue(r.contains("The budget meeting moved to Friday."), r);
  }

  @Test
  void corpusTurnsCleanupOnWhenMostFilesAreMail() throws IOException {
    Files.createDirectories(dir.resolve("sci.space"));
    Files.writeString(dir.resolve("sci.space/1"), NEWS_POST);
    Files.writeString(dir.resolve("sci.space/2"), REPLY_MAIL);
    Files.writeString(dir.resolve("sci.space/3"), "Plain note about rockets.");
    Files.writeString(dir.resolve("sci.space/4"), "From: a@b.c\nSubject: \n\n> only quoted\n");

    Corpus c = CorpusReader.read(dir, CorpusOptions.defaults(), CorpusListener.NONE);
    assertTrue(c.mailCleanup().automatic());
    assertTrue(c.mailCleanup().headersStripped() && c.mailCleanup().quotesStripped());
    assertEquals(0.75, c.mailCleanup().headerShare(), 1e-12);
    assertEquals(List.of("sci.space/1", "sci.space/2", "sci.space/3"),
        c.documents().stream().map(Document::id).toList());
    assertFalse(c.documents().get(0).text().contains("Organization"));
    assertFalse(c.documents().get(0).text().contains("shuttle"));
    assertEquals("Plain note about rockets.\n", c.documents().get(2).text());
    assertEquals(List.of(new Skipped("sci.space/4", "empty after mail clean-up")), c.skipped());

    Corpus off = CorpusReader.read(dir, CorpusOptions.defaults().withAutoMailCleanup(false),
        CorpusListener.NONE);
    assertEquals(MailCleanup.NONE, off.mailCleanup());
    assertTrue(off.documents().get(0).text().contains("Organization"));

    Corpus quotesOnly = CorpusReader.read(dir, CorpusOptions.defaults()
        .withAutoMailCleanup(false).withStripQuotes(true), CorpusListener.NONE);
    assertFalse(quotesOnly.mailCleanup().automatic());
    assertTrue(quotesOnly.documents().get(0).text().contains("Organization"));
    assertFalse(quotesOnly.documents().get(0).text().contains("shuttle"));
  }

  @Test
  void plainCorpusIsLeftAlone() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "Subject: maths\nTopic: algebra\n\n> not a quote here");
    Files.writeString(dir.resolve("b.txt"), "Ordinary text.");
    Files.writeString(dir.resolve("c.txt"), "More ordinary text.");
    Corpus c = CorpusReader.read(dir, CorpusOptions.defaults(), CorpusListener.NONE);
    assertEquals(MailCleanup.NONE, c.mailCleanup());
    assertTrue(c.documents().get(0).text().contains("> not a quote"));
  }

  @Test
  void subjectJoinsContinuationLinesAndDropsEveryReplyPrefix() {
    assertEquals("launch costs\n\nbody\n", MailText.stripHeaders(
        "From: a@b\nSubject: Re: RE:re : Fwd: fw:AW:  sv:launch costs\nLines: 1\n\nbody\n"));
    // Continuation lines (space or tab first) are joined with one space, each part stripped.
    assertEquals("first second third\n\nbody", MailText.stripHeaders(
        "From: a@b\r\nSubject:  first \r\n   second\r\n\tthird \r\nLines: 1\r\n\r\nbody"));
    // "fwdx:" and "fw d:" are no prefixes.
    assertEquals("fwdx: y\n\nbody", MailText.stripHeaders("From: a@b\nSubject: fwdx: y\nDate: x\n\nbody"));
    assertEquals("Fw d: y\n\nb", MailText.stripHeaders("From: a@b\nSubject: Fw d: y\n\nb"));
    // Only prefixes: nothing left, so no subject line; no Subject field at all: body only.
    assertEquals("body", MailText.stripHeaders("From: a@b\nSubject: Re: \n\nbody"));
    assertEquals("body", MailText.stripHeaders("From: a@b\nDate: today\n\nbody"));
    // The regex flag (?i) folds ASCII letters only; \\s includes vertical tab and form feed.
    assertEquals("y\n\nb", MailText.stripHeaders("From: a@b\nSubject: rE\u000B:\f y\n\nb"));
  }

  @Test
  void stripQuotesKeepsTextUnchangedWhenNothingIsDropped() {
    String plain = "line one\nline two\n";
    assertTrue(plain == MailText.stripQuotes(plain));
    assertEquals("line one\nline two\n", MailText.stripQuotes("line one\nline two"));
    assertEquals("a\nc\n", MailText.stripQuotes("a\r\n> b\r\nc\r\n-- \r\nsig\r\n"));
    assertEquals("a\n\n", MailText.stripQuotes("a\n\n--\nsig"));
    assertEquals("", MailText.stripQuotes(""));
    assertEquals("", MailText.stripQuotes("> only a quote"));
  }

  @Test
  void cleanupDoneDuringTheReadFollowsTheFinalDecision() throws IOException {
    // One mail file of three: detection stays off, so with --strip-mail-headers alone the mail
    // file loses its headers but keeps its quotes (the read may clean it ahead with both).
    Files.writeString(dir.resolve("a.txt"), NEWS_POST);
    Files.writeString(dir.resolve("b.txt"), "Ordinary text.\n> a quoted line\n");
    Files.writeString(dir.resolve("c.txt"), "More ordinary text.");
    Corpus headersOnly = CorpusReader.read(dir, CorpusOptions.defaults().withStripMailHeaders(true),
        CorpusListener.NONE);
    assertFalse(headersOnly.mailCleanup().automatic());
    assertTrue(headersOnly.mailCleanup().headersStripped() && !headersOnly.mailCleanup().quotesStripped());
    assertEquals(MailText.stripHeaders(NEWS_POST), headersOnly.documents().get(0).text());
    assertEquals("Ordinary text.\n> a quoted line\n", headersOnly.documents().get(1).text());
    Corpus auto = CorpusReader.read(dir, CorpusOptions.defaults(), CorpusListener.NONE);
    assertEquals(NEWS_POST, auto.documents().get(0).text());
    // Both explicit: every file cleaned, whatever detection would say.
    Corpus both = CorpusReader.read(dir, CorpusOptions.defaults().withStripMailHeaders(true)
        .withStripQuotes(true), CorpusListener.NONE);
    assertEquals(MailText.stripQuotes(MailText.stripHeaders(NEWS_POST)), both.documents().get(0).text());
    assertEquals("Ordinary text.\n", both.documents().get(1).text());
  }

  @Test
  void encodedBinaryLinesAreDroppedWithTheQuotesButTextIsKept() {
    String post = String.join("\n",
        "Here is the driver you asked for, uuencoded:",
        "begin 644 driver.zip",
        "M4$L#!!0````(`'11>R*V]^P4M0(``.X$```(````1%))5D52+D1,3.U4S6L3",
        "MAX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX",
        "end",
        "and the key as base64:",
        "  mQENBFxyz0gBCAC7kP2r9vQ1a+Zt/3HcR8wq5yLmN0pB4sT1uVxW2dE6fJ7gKh9i  ",
        "=4Lk2",
        "A long sentence with spaces between its words stays, however long it happens to be in all.",
        "http://www.example.com/a/very/long/path/to/some/document/index.html",
        "Pneumonoultramicroscopicsilicovolcanoconiosis",
        "Rindfleischetikettierungsueberwachungsaufgabenuebertragungsgesetz",
        "Thanks!");
    String s = MailText.stripQuotes(post);
    assertEquals(String.join("\n",
        "Here is the driver you asked for, uuencoded:",
        "begin 644 driver.zip",
        "end",
        "and the key as base64:",
        "=4Lk2",
        "A long sentence with spaces between its words stays, however long it happens to be in all.",
        "http://www.example.com/a/very/long/path/to/some/document/index.html",
        "Pneumonoultramicroscopicsilicovolcanoconiosis",
        "Rindfleischetikettierungsueberwachungsaufgabenuebertragungsgesetz",
        "Thanks!"), s.strip());
    assertTrue(MailText.isEncodedLine("-".repeat(60), 0, 60), "a rule of dashes holds no text either");
    assertFalse(MailText.isEncodedLine("M4$L#!!0````(`'11>R*V", 0, 21), "shorter than a uuencoded line");
  }
}

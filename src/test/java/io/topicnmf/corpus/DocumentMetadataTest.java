package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extra record fields and mail Date/From headers become document metadata. */
class DocumentMetadataTest {
  @TempDir Path dir;

  private Corpus read(CorpusOptions options) throws IOException {
    return CorpusReader.read(dir, options, CorpusListener.NONE);
  }

  private Map<String, Map<String, String>> metadataById(Corpus c) {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    c.documents().forEach(d -> m.put(d.id(), d.metadata()));
    return m;
  }

  @Test
  void metadataIsCopiedOnceInOrderUnmodifiableAndItsKeysAndTheLabelShared() {
    LinkedHashMap<String, String> given = new LinkedHashMap<>();
    given.put(new String("date"), "2004-05-01");
    given.put(new String("source"), "wire");
    given.put("empty", null);
    Document d = new Document("a", new String("sport"), "text", given);
    given.put("late", "x");
    assertEquals(List.of("date", "source", "empty"), List.copyOf(d.metadata().keySet()));
    assertEquals("2004-05-01", d.metadata().get("date"));
    assertTrue(d.metadata().containsKey("empty"));
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> d.metadata().put("a", "b"));
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
        () -> d.metadata().entrySet().iterator().next().setValue("b"));
    org.junit.jupiter.api.Assertions.assertSame(d.metadata(), Document.frozen(d.metadata()));
    org.junit.jupiter.api.Assertions.assertSame("sport", d.label());
    org.junit.jupiter.api.Assertions.assertSame("date", d.metadata().keySet().iterator().next());
    Document one = new Document("b", null, "text", new LinkedHashMap<>(Map.of(new String("id"), "doc1")));
    assertEquals(Map.of("id", "doc1"), one.metadata());
    org.junit.jupiter.api.Assertions.assertSame(one.metadata(), Document.frozen(one.metadata()));
    assertEquals(Map.of(), new Document("c", null, "t", null).metadata());
  }

  @Test
  void jsonlRecordsKeepTheirOtherFieldsInOrderAsStrings() throws IOException {
    Files.writeString(dir.resolve("r.jsonl"),
        "{\"id\":\"a\",\"text\":\"cocoa showers\",\"date\":\"1987-02-26\",\"year\":1987,\"topics\":[\"cocoa\",\"grain\"],\"none\":null}\n"
            + "{\"text\":\"wheat exports\",\"author\":\"X\"}\n");
    Corpus c = read(CorpusOptions.defaults().withIdField("id"));
    Map<String, Map<String, String>> m = metadataById(c);
    assertEquals(List.of("date", "year", "topics"), List.copyOf(m.get("a").keySet()));
    assertEquals("1987-02-26", m.get("a").get("date"));
    assertEquals("1987", m.get("a").get("year"));
    assertEquals("[\"cocoa\",\"grain\"]", m.get("a").get("topics"));
    assertEquals(Map.of("author", "X"), m.get("r.jsonl#2"));
  }

  @Test
  void jsonlIdAndLabelFieldsAreNotMetadata() throws IOException {
    Files.writeString(dir.resolve("r.jsonl"),
        "{\"id\":\"a\",\"label\":\"sport\",\"body\":\"cup final\",\"date\":\"2004-05-01\"}\n"
            + "{\"label\":\"tech\",\"id\":7,\"body\":\"new phones\",\"author\":\"Y\"}\n");
    Corpus c = read(CorpusOptions.defaults().withTextField("body").withIdField("id").withLabelField("label"));
    Map<String, Map<String, String>> m = metadataById(c);
    assertEquals(List.of("a", "7"), List.copyOf(m.keySet()));
    assertEquals(Map.of("date", "2004-05-01"), m.get("a"));
    assertEquals(Map.of("author", "Y"), m.get("7"));
    assertEquals(List.of("sport", "tech"), c.documents().stream().map(Document::label).toList());
  }

  @Test
  void csvRecordsKeepTheirOtherColumnsButNotTextIdOrLabel() throws IOException {
    Files.writeString(dir.resolve("r.csv"), "id,text,label,published,source\n1,oil prices,energy,2001-03-04,\"Wire, Inc\"\n");
    Corpus c = read(CorpusOptions.defaults().withIdField("id").withLabelField("label"));
    Document d = c.documents().get(0);
    assertEquals("energy", d.label());
    assertEquals(new LinkedHashMap<>(Map.of("published", "2001-03-04", "source", "Wire, Inc")), new LinkedHashMap<>(d.metadata()));
    assertEquals(List.of("published", "source"), List.copyOf(d.metadata().keySet()));
  }

  @Test
  void longValuesAreCut() throws IOException {
    String longValue = "x".repeat(Document.MAX_METADATA_CHARS + 100);
    Files.writeString(dir.resolve("r.jsonl"), "{\"text\":\"some words\",\"blob\":\"" + longValue + "\"}\n");
    String v = read(CorpusOptions.defaults()).documents().get(0).metadata().get("blob");
    assertEquals(Document.MAX_METADATA_CHARS, v.length());
    assertTrue(v.endsWith("…"));
  }

  @Test
  void mailDateAndFromSurviveTheHeaderCleanup() throws IOException {
    for (int i = 0; i < 3; i++) {
      Files.writeString(dir.resolve("post" + i), "From: user" + i + "@example.org (User " + i + ")\n"
          + "Subject: engines\nDate: Mon, 5 Apr 1993 1" + i + ":32:10\n  GMT\nLines: 3\n\nThe engine of the car.\n",
          StandardCharsets.UTF_8);
    }
    Corpus c = read(CorpusOptions.defaults());
    assertTrue(c.mailCleanup().headersStripped());
    Document d = c.documents().get(1);
    assertTrue(!d.text().contains("Date:"), d.text());
    assertEquals(List.of("Date", "From"), List.copyOf(d.metadata().keySet()));
    assertEquals("Mon, 5 Apr 1993 11:32:10 GMT", d.metadata().get("Date"), "folded lines are joined");
    assertEquals("user1@example.org (User 1)", d.metadata().get("From"));
  }

  @Test
  void emlAndMboxMessagesKeepDateAndDecodedFrom() throws IOException {
    String eml = "From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.org>\r\nTo: x@example.org\r\nSubject: hello\r\n"
        + "Date: Tue, 3 Jun 2008 11:05:30 +0200\r\nContent-Type: text/plain\r\n\r\nBody text here.\r\n";
    Files.writeString(dir.resolve("m.eml"), eml, StandardCharsets.US_ASCII);
    String mbox = "From a@b Sat Jan  1 00:00:00 2000\nFrom: a@b\nSubject: one\nDate: 1 Jan 2000 10:00 +0000\n\nfirst body\n\n"
        + "From c@d Sun Jan  2 00:00:00 2000\nFrom: c@d\nSubject: two\n\nsecond body\n";
    Files.writeString(dir.resolve("box.mbox"), mbox, StandardCharsets.US_ASCII);
    Map<String, Map<String, String>> m = metadataById(read(CorpusOptions.defaults()));
    assertEquals("Jürgen <j@example.org>", m.get("m.eml").get("From"));
    assertEquals("Tue, 3 Jun 2008 11:05:30 +0200", m.get("m.eml").get("Date"));
    assertEquals(Map.of("Date", "1 Jan 2000 10:00 +0000", "From", "a@b"), m.get("box.mbox#1"));
    assertEquals(Map.of("From", "c@d"), m.get("box.mbox#2"));
  }

  @Test
  void plainTextWithoutHeadersHasNoMetadata() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "Date: not a header block, one line only\nand text\n");
    assertEquals(Map.of(), read(CorpusOptions.defaults()).documents().get(0).metadata());
  }
}

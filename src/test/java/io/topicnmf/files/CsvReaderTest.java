package io.topicnmf.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared CSV record reader: RFC 4180, and the resumption after a stray quote (issue 14, item 4). */
class CsvReaderTest {
  /** A record as read, with its line and, when malformed, "!" and why. */
  private static List<String> records(String text, long maxChars) throws IOException {
    List<String> out = new ArrayList<>();
    try (CsvReader r = new CsvReader(new StringReader(text), ',', false).maxRecordChars(maxChars)) {
      List<String> fields = new ArrayList<>();
      while (r.next(fields)) {
        out.add(r.recordLine() + ":" + (r.malformed() != null ? "!" + r.malformed() : String.join("|", fields)));
      }
    }
    return out;
  }

  private static List<String> records(String text) throws IOException {
    return records(text, Long.MAX_VALUE);
  }

  @Test
  void quotedFieldsHoldDelimitersLineBreaksAndDoubledQuotes() throws IOException {
    assertEquals(List.of("1:a|b,c", "2:x|two\nlines", "4:q|say \"hi\"", "5:"),
        records("a,\"b,c\"\nx,\"two\nlines\"\nq,\"say \"\"hi\"\"\"\n\n"));
  }

  @Test
  void aStrayQuoteClosedByAQuoteFollowedByTextSkipsOnlyItsRecord() throws IOException {
    StringBuilder csv = new StringBuilder("1,first\n2,\"stray quote\n");
    for (int i = 3; i <= 200; i++) csv.append(i).append(",row ").append(i).append('\n');
    csv.append("201,\"quoted\" text\n202,after\n");
    List<String> r = records(csv.toString());
    assertEquals(202, r.size(), "every record but the broken one read as itself");
    assertEquals("1:1|first", r.get(0));
    assertEquals("2:!the quoted field that starts on line 2 ends on line 201 with a quote followed by other"
        + " text (a stray quote?); the reading goes on with line 3", r.get(1));
    assertEquals("3:3|row 3", r.get(2));
    assertEquals("200:200|row 200", r.get(199));
    assertEquals("201:201|quoted text", r.get(200));
    assertEquals("202:202|after", r.get(201));
  }

  @Test
  void aStrayQuoteNeverClosedSkipsOnlyItsRecord() throws IOException {
    StringBuilder csv = new StringBuilder("id,text\n");
    for (int i = 0; i < 300; i++) csv.append('r').append(i).append(i == 50 ? ",\"oops " : ",text ").append(i).append('\n');
    List<String> r = records(csv.toString());
    assertEquals(301, r.size());
    assertEquals("52:!the quoted field that starts on line 52 is never closed; the reading goes on with line 53",
        r.get(51));
    assertEquals("53:r51|text 51", r.get(52));
    assertEquals("301:r299|text 299", r.get(300));
  }

  @Test
  void aQuotedFieldOverTheLengthBoundAfterALineBreakResumes() throws IOException {
    List<String> r = records("a,\"open\nb,1\nc,2\nd,3\n", 8);
    assertEquals("1:!the quoted field that starts on line 1 is still open after 8 characters (a stray quote?);"
        + " the reading goes on with line 2", r.get(0));
    assertEquals(List.of("2:b|1", "3:c|2", "4:d|3"), r.subList(1, 4));
    // a record over the bound without a quote still ends the reading
    assertThrows(CsvReader.RecordTooLongException.class, () -> records("abcdefghijkl\n", 8));
  }

  @Test
  void twoStrayQuotesEachSkipOnlyTheirRecordWhenTheSecondIsAmongTheSwallowedLines() throws IOException {
    List<String> r = records("1,\"a\n2,b\n3,\"c\n4,d\n5,e\n");
    assertEquals(5, r.size(), r.toString());
    assertTrue(r.get(0).startsWith("1:!"), r.toString());
    assertEquals("2:2|b", r.get(1));
    assertTrue(r.get(2).startsWith("3:!"), r.toString());
    assertEquals(List.of("4:4|d", "5:5|e"), r.subList(3, 5));
  }

  @Test
  void aQuoteOpenOnTheLastLineIsAnUnclosedQuote() {
    CsvReader.UnclosedQuoteException e =
        assertThrows(CsvReader.UnclosedQuoteException.class, () -> records("a,b\nc,\"d"));
    assertEquals(2, e.line());
  }

  @Test
  void aByteOrderMarkIsSkippedAndCrLfEndsRecords() throws IOException {
    try (CsvReader r = new CsvReader(new StringReader("\uFEFFa,b\r\nc,d\r\n"), ',', false)) {
      r.skipByteOrderMark();
      List<String> f = new ArrayList<>();
      assertTrue(r.next(f));
      assertEquals(List.of("a", "b"), f);
      assertNull(r.malformed());
      assertTrue(r.next(f));
      assertEquals(List.of("c", "d"), f);
      assertEquals(2, r.recordLine());
    }
  }
}

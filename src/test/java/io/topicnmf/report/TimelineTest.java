package io.topicnmf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.model.DocumentTopics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dates in several formats are read as UTC days and bucketed into periods; undated documents are counted. */
class TimelineTest {
  @Test
  void readsIsoMailAndUnixDates() {
    LocalDate d = LocalDate.of(2024, 3, 5);
    assertEquals(d, DateParsing.parse("2024-03-05"));
    assertEquals(d, DateParsing.parse(" 2024-03-05T10:15:30Z "));
    assertEquals(d, DateParsing.parse("2024-03-05T10:15:30.123+01:00"));
    assertEquals(d, DateParsing.parse("2024-03-05 10:15"));
    assertEquals(d, DateParsing.parse("2024-03-05T00:30:00+0100").plusDays(1), "converted to UTC: the day before");
    assertEquals(LocalDate.of(2024, 3, 6), DateParsing.parse("2024-03-05T23:30:00-02:00"));
    assertEquals(LocalDate.of(2024, 3, 1), DateParsing.parse("2024-03"));
    assertEquals(LocalDate.of(2024, 1, 1), DateParsing.parse("2024"));
    assertEquals(LocalDate.of(2008, 6, 3), DateParsing.parse("Tue, 3 Jun 2008 11:05:30 +0200"));
    assertEquals(LocalDate.of(2008, 6, 3), DateParsing.parse("Tue, 03 Jun 2008 11:05:30 GMT"));
    assertEquals(LocalDate.of(1993, 4, 5), DateParsing.parse("Mon, 5 Apr 93 14:32:10 GMT"));
    assertEquals(LocalDate.of(2049, 4, 5), DateParsing.parse("5 Apr 49 14:32"));
    assertEquals(LocalDate.of(1993, 4, 6), DateParsing.parse("5 Apr 1993 21:00:00 PDT"), "PDT is -7 h");
    assertEquals(LocalDate.of(1993, 4, 5), DateParsing.parse("Mon, 5 Apr 1993 14:32:10 -0400 (EDT)"));
    assertEquals(LocalDate.of(1993, 4, 5), DateParsing.parse("5 Apr 1993"));
    assertEquals(LocalDate.of(2000, 1, 2), DateParsing.parse("Sun Jan  2 00:00:00 2000"));
    assertEquals(LocalDate.of(2023, 11, 14), DateParsing.parse("1700000000"));
    assertEquals(LocalDate.of(2023, 11, 14), DateParsing.parse("1700000000000"));
    for (String bad : new String[] {"", "yesterday", "12/03/2024", "2024-13-01", "31 Foo 2020", "123", "Tue, 3 Jun"}) {
      assertNull(DateParsing.parse(bad), bad);
    }
  }

  private static DocumentTopics doc(String id, String date, double w0) {
    Map<String, String> m = date == null ? Map.of() : Map.of("when", date);
    return new DocumentTopics(id, null, w0 >= 0.5 ? 0 : 1, Math.max(w0, 1 - w0), List.of(w0, 1 - w0),
        w0 >= 0.5 ? 0 : 1, null, m);
  }

  @Test
  void bucketsByMonthAndCountsUndatedDocuments() {
    List<DocumentTopics> docs = new ArrayList<>();
    docs.add(doc("a", "2020-01-15", 1.0));
    docs.add(doc("b", "Wed, 29 Jan 2020 10:00:00 +0000", 0.5));
    docs.add(doc("c", "2020-04-01T12:00:00Z", 0.0));
    docs.add(doc("d", null, 1.0));
    docs.add(doc("e", "someday", 1.0));
    docs.add(new DocumentTopics("f", null, null, 0, List.of(), null, "no terms after analysis", Map.of("when", "2020-04-20")));
    Timeline t = Timeline.of(docs, 2, "when", Timeline.Unit.MONTH);
    assertEquals("month", t.period());
    assertEquals("given", t.periodChosen());
    assertEquals(4, t.documentsDated());
    assertEquals(2, t.documentsUndated());
    assertEquals(1, t.documentsUnparsed());
    assertEquals(List.of("someday"), t.unparsedExamples());
    assertEquals("2020-01-15", t.first());
    assertEquals("2020-04-20", t.last());
    assertEquals(List.of("2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01"),
        t.periods().stream().map(Timeline.Period::start).toList());
    Timeline.Period jan = t.periods().get(0);
    assertEquals(2, jan.documents());
    assertEquals(List.of(0.75, 0.25), jan.shares());
    assertEquals(List.of(2, 0), jan.clusters());
    assertEquals(0, t.periods().get(1).documents(), "empty periods are listed");
    assertEquals(List.of(0.0, 0.0), t.periods().get(1).shares());
    Timeline.Period apr = t.periods().get(3);
    assertEquals(2, apr.documents());
    assertEquals(1, apr.withTopics(), "a document without topics is dated but has no share");
    assertEquals(List.of(0.0, 1.0), apr.shares());
  }

  @Test
  void choosesThePeriodFromTheSpan() {
    assertEquals("day", Timeline.of(List.of(doc("a", "2020-01-01", 1), doc("b", "2020-02-15", 0)), 2, "when", null).period());
    Timeline weeks = Timeline.of(List.of(doc("a", "2020-01-01", 1), doc("b", "2020-12-31", 0)), 2, "when", null);
    assertEquals("week", weeks.period());
    assertEquals("automatic", weeks.periodChosen());
    assertEquals("2019-12-30", weeks.periods().get(0).start(), "ISO weeks start on Monday");
    assertEquals("month", Timeline.of(List.of(doc("a", "2010-01-01", 1), doc("b", "2020-12-31", 0)), 2, "when", null).period());
    Timeline years = Timeline.of(List.of(doc("a", "1950-06-01", 1), doc("b", "2020-12-31", 0)), 2, "when", null);
    assertEquals("year", years.period());
    assertEquals(71, years.periods().size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Timeline.of(List.of(doc("a", "1900-01-01", 1), doc("b", "2020-12-31", 0)), 2, "when", Timeline.Unit.DAY));
    assertTrue(e.getMessage().startsWith("--period day makes"), e.getMessage());
  }

  @Test
  void noDatedDocumentGivesAnEmptyTimeline() {
    Timeline t = Timeline.of(List.of(doc("a", null, 1), doc("b", "nope", 0)), 2, "when", null);
    assertEquals(0, t.documentsDated());
    assertEquals(2, t.documentsUndated());
    assertNull(t.first());
    assertTrue(t.periods().isEmpty());
  }
}

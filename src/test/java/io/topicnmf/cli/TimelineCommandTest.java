package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit writes topics over time from mail Date headers and from --date-field; undated documents are counted. */
class TimelineCommandTest {
  @TempDir Path tmp;

  private static final String[] CATS = {"cat", "kitten", "whiskers", "purr", "meow", "feline", "fur", "paws"};
  private static final String[] CARS = {"car", "engine", "wheels", "brake", "tyre", "motor", "garage", "fuel"};

  private static String words(String[] w, int d) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20; i++) b.append(w[(i * (d + 1) + d) % w.length]).append(' ');
    return b.toString();
  }

  /** The schema's complaints about a report. */
  static java.util.Set<com.networknt.schema.ValidationMessage> schemaErrors(JsonNode report) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(Path.of("docs", "report.schema.json"))) {
      return com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
          .getSchema(in).validate(report);
    }
  }

  @Test
  void mailDatesGiveATimelineByDefault() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("mail"));
    // Cats in 1993 weeks 1-2, cars later; dates in mail forms, one unreadable, one missing.
    String[] dates = {"Mon, 4 Jan 1993 10:00:00 GMT", "5 Jan 93 12:00 -0500", "Tue, 12 Jan 1993 09:00:00 +0000",
        "Wed, 20 Jan 1993 09:00:00 PST", "Thu, 21 Jan 1993 09:00:00 GMT", "sometime", null};
    for (int d = 0; d < dates.length; d++) {
      String body = d < 3 ? words(CATS, d) : words(CARS, d);
      String header = "From: user" + d + "@example.org\nSubject: post " + d + "\n"
          + (dates[d] == null ? "" : "Date: " + dates[d] + "\n") + "Lines: 2\n\n";
      Files.writeString(in.resolve("post" + d + ".txt"), header + body + "\n", StandardCharsets.UTF_8);
    }
    Path out = tmp.resolve("out");
    CliRun fit = CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "-o", out.toString(), "-q");
    assertEquals(0, fit.code(), fit.err());
    JsonNode mailReport = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals(java.util.Set.of(), schemaErrors(mailReport));
    assertEquals(java.util.Set.of(), SchemaFields.undeclared(mailReport, "report.schema.json"));
    JsonNode t = mailReport.get("timeline");
    assertEquals("Date", t.get("field").asText());
    assertEquals("day", t.get("period").asText());
    assertEquals(5, t.get("documentsDated").asInt());
    assertEquals(2, t.get("documentsUndated").asInt());
    assertEquals(1, t.get("documentsUnparsed").asInt());
    assertEquals("sometime", t.get("unparsedExamples").get(0).asText());
    assertEquals("1993-01-04", t.get("first").asText());
    assertEquals("1993-01-21", t.get("last").asText());
    assertEquals(18, t.get("periods").size());
    JsonNode first = t.get("periods").get(0);
    assertEquals(1, first.get("documents").asInt());
    double sum = 0;
    for (JsonNode s : first.get("shares")) sum += s.asDouble();
    assertEquals(1.0, sum, 1e-9);

    Path weekly = tmp.resolve("weekly");
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "-o", weekly.toString(), "-q",
        "--period", "week").code());
    JsonNode w = Reports.mapper().readTree(weekly.resolve("report.json").toFile()).get("timeline");
    assertEquals("given", w.get("periodChosen").asText());
    assertEquals("1993-01-04", w.get("periods").get(0).get("start").asText());
    assertEquals(2, w.get("periods").get(0).get("documents").asInt(), "4 and 5 January (17:00 UTC)");
    assertEquals(3, w.get("periods").size());
  }

  @Test
  void dateFieldOfRecordsAndBadPeriod() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("records"));
    StringBuilder b = new StringBuilder();
    String[] dates = {"2019-01-10", "2019-06-01T08:00:00Z", "1577836800", "2020-02-02", ""};
    for (int d = 0; d < dates.length; d++) {
      b.append("{\"text\":\"").append(words(d % 2 == 0 ? CATS : CARS, d)).append("\",\"published\":\"")
          .append(dates[d]).append("\"}\n");
    }
    Files.writeString(in.resolve("r.jsonl"), b.toString(), StandardCharsets.UTF_8);
    Path plain = tmp.resolve("plain");
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "-o", plain.toString(), "-q").code());
    assertFalse(Reports.mapper().readTree(plain.resolve("report.json").toFile()).has("timeline"),
        "no timeline without --date-field for records");
    Path out = tmp.resolve("out");
    CliRun fit = CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "-o", out.toString(), "-q",
        "--date-field", "published", "--keep-fields", "none");
    assertEquals(0, fit.code(), fit.err());
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals(java.util.Set.of(), schemaErrors(report));
    JsonNode t = report.get("timeline");
    assertEquals("published", t.get("field").asText());
    assertEquals("week", t.get("period").asText(), "2019-01-10 to 2020-02-02: 388 days");
    assertEquals(4, t.get("documentsDated").asInt());
    assertEquals(1, t.get("documentsUndated").asInt());
    assertEquals("published", report.get("parameters").get("report").get("dateField").asText());
    assertFalse(report.get("documents").get(0).has("metadata"), "--keep-fields none still dates the documents");
    CliRun bad = CliRun.of("fit", in.toString(), "-k", "2", "-o", tmp.resolve("bad").toString(), "-q", "--period", "hour");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--period 'hour'"), bad.err());
  }
}

package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.report.FlatExports;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit and apply write doc-topics and topic-keys tables that parse with the documented columns and agree with report.json. */
class FlatExportsCommandTest {
  @TempDir Path tmp;

  /** The rows of a TSV file written by FlatExports: split on tabs, cells unescaped. */
  static List<List<String>> readTsv(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n"));
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      List<String> cells = new ArrayList<>();
      for (String c : line.split("\t", -1)) cells.add(FlatExports.tsvUnescape(c));
      rows.add(cells);
    }
    return rows;
  }

  /** The rows of an RFC 4180 CSV file (quoted fields, doubled quotes, CRLF line ends). */
  static List<List<String>> readCsv(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    assertTrue(row.isEmpty() && cell.length() == 0, "the file ends with a line break");
    return rows;
  }

  private static void assertAgree(List<List<String>> docs, List<List<String>> keys, JsonNode report) {
    int k = report.get("topics").size();
    List<String> header = new ArrayList<>(List.of("id", "label", "cluster"));
    for (int t = 0; t < k; t++) header.add("topic_" + t);
    assertEquals(header, docs.get(0).subList(0, 3 + k));
    JsonNode documents = report.get("documents");
    assertEquals(documents.size() + 1, docs.size());
    for (int i = 0; i < documents.size(); i++) {
      JsonNode d = documents.get(i);
      List<String> row = docs.get(i + 1);
      assertEquals(docs.get(0).size(), row.size());
      assertEquals(d.get("id").asText(), row.get(0));
      assertEquals(d.get("label").isNull() ? "" : d.get("label").asText(), row.get(1));
      assertEquals(d.get("cluster").isNull() ? "" : d.get("cluster").asText(), row.get(2));
      for (int t = 0; t < k; t++) {
        String cell = row.get(3 + t);
        if (d.get("weights").isEmpty()) {
          assertEquals("", cell);
        } else {
          assertEquals(d.get("weights").get(t).asDouble(), Double.parseDouble(cell), 0.0);
        }
      }
    }
    assertEquals(List.of("topic", "label", "size", "npmi", "umass", "cv", "terms"), keys.get(0));
    JsonNode topics = report.get("topics");
    assertEquals(k + 1, keys.size());
    int labelShift = 1;
    for (int t = 0; t < k; t++) {
      JsonNode topic = topics.get(t);
      List<String> row = keys.get(t + 1);
      assertEquals(topic.get("id").asText(), row.get(0));
      assertEquals(topic.get("label").asText(), row.get(1));
      assertEquals(topic.get("documents").asInt(), Integer.parseInt(row.get(1 + labelShift)));
      assertEquals(topic.get("npmi").asDouble(), Double.parseDouble(row.get(2 + labelShift)), 0.0);
      assertEquals(topic.get("umass").asDouble(), Double.parseDouble(row.get(3 + labelShift)), 0.0);
      assertEquals(topic.get("cv").asDouble(), Double.parseDouble(row.get(4 + labelShift)), 0.0);
      List<String> surfaces = new ArrayList<>();
      topic.get("terms").forEach(tw -> surfaces.add(tw.get("surface").asText()));
      assertEquals(String.join(", ", surfaces), row.get(5 + labelShift));
    }
  }

  @Test
  void fitWritesTsvByDefaultThatAgreesWithTheReport() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("out");
    CliRun fit = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q");
    assertEquals(0, fit.code(), fit.err());
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertAgree(readTsv(out.resolve("doc-topics.tsv")), readTsv(out.resolve("topic-keys.tsv")), report);
    assertFalse(Files.exists(out.resolve("doc-topics.csv")));
  }

  @Test
  void idsWithTabsNewlinesCommasAndQuotesSurviveBothFormats() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    String[] ids = {"tab\there", "line\nbreak", "comma, \"quoted\"", "back\\slash", " spaced ", "plain"};
    String[] texts = {"cat kitten whiskers purr meow feline", "car engine wheels brake tyre motor",
        "cat kitten fur paws litter feline", "car engine garage fuel driver motor",
        "cat whiskers purr paws feline litter", "car wheels brake garage driver fuel"};
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      jsonl.append(Reports.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(java.util.Map.of("id", ids[i], "text", texts[i]))).append('\n');
    }
    Files.writeString(in.resolve("docs.jsonl"), jsonl.toString(), StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");
    CliRun fit = CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "--id-field", "id",
        "--export", "tsv,csv", "-o", out.toString(), "-q");
    assertEquals(0, fit.code(), fit.err());
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    List<List<String>> tsv = readTsv(out.resolve("doc-topics.tsv"));
    List<List<String>> csv = readCsv(out.resolve("doc-topics.csv"));
    assertAgree(tsv, readTsv(out.resolve("topic-keys.tsv")), report);
    assertAgree(csv, readCsv(out.resolve("topic-keys.csv")), report);
    List<String> tsvIds = new ArrayList<>();
    for (List<String> row : tsv.subList(1, tsv.size())) tsvIds.add(row.get(0));
    assertEquals(List.of(ids), tsvIds);
    assertEquals(tsv, csv);
    assertEquals(7, Files.readString(out.resolve("doc-topics.tsv")).split("\n").length,
        "a tab or line break inside an id never splits a row");
  }

  @Test
  void exportNoneWritesNoTableAndAWrongFormatIsAUsageError() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("out");
    CliRun none = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", out.toString(), "-q", "--export", "none");
    assertEquals(0, none.code(), none.err());
    assertFalse(Files.exists(out.resolve("doc-topics.tsv")));
    CliRun bad = CliRun.of("fit", corpus.toString(), "-k", "3", "-o", tmp.resolve("bad").toString(), "-q", "--export", "xlsx");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--export 'xlsx'"), bad.err());
    assertFalse(Files.exists(tmp.resolve("bad").resolve("report.json")));
  }

  @Test
  void applyWritesTheTablesOfTheNewDocuments() throws IOException {
    Path corpus = ThemedCorpus.write(tmp);
    Path fitOut = tmp.resolve("fit");
    assertEquals(0, CliRun.of("fit", corpus.toString(), "-k", "3", "-o", fitOut.toString(), "-q").code());
    Path out = tmp.resolve("apply");
    CliRun apply = CliRun.of("apply", "--model", fitOut.resolve("model.json").toString(), corpus.resolve("cats").toString(),
        "-o", out.toString(), "-q", "--export", "csv");
    assertEquals(0, apply.code(), apply.err());
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertAgree(readCsv(out.resolve("doc-topics.csv")), readCsv(out.resolve("topic-keys.csv")), report);
    assertFalse(Files.exists(out.resolve("doc-topics.tsv")));
  }

  private Path recordsWithMetadata() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("records"));
    StringBuilder b = new StringBuilder();
    String[] texts = {"cat kitten whiskers purr meow", "car engine wheels brake tyre", "cat kitten fur paws litter",
        "car engine garage fuel driver"};
    for (int i = 0; i < texts.length; i++) {
      b.append("{\"text\":\"").append(texts[i]).append("\",\"date\":\"2020-0").append(i + 1)
          .append("-15\",\"author\":\"writer ").append(i % 2).append("\"}\n");
    }
    Files.writeString(in.resolve("r.jsonl"), b.toString(), StandardCharsets.UTF_8);
    return in;
  }

  @Test
  void recordFieldsAreKeptAsMetadataInTheReportAndTheTable() throws IOException {
    Path in = recordsWithMetadata();
    Path out = tmp.resolve("out");
    CliRun fit = CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "-o", out.toString(), "-q");
    assertEquals(0, fit.code(), fit.err());
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    JsonNode first = report.get("documents").get(0);
    assertEquals("2020-01-15", first.get("metadata").get("date").asText());
    assertEquals("writer 0", first.get("metadata").get("author").asText());
    List<List<String>> tsv = readTsv(out.resolve("doc-topics.tsv"));
    assertEquals(List.of("id", "label", "cluster", "topic_0", "topic_1", "date", "author"), tsv.get(0));
    assertEquals(List.of("2020-01-15", "writer 0"), tsv.get(1).subList(5, 7));
    assertAgree(tsv, readTsv(out.resolve("topic-keys.tsv")), report);
    assertTrue(report.get("parameters").get("report").get("keepFields").isNull());
  }

  @Test
  void keepFieldsChoosesTheFieldsOrNone() throws IOException {
    Path in = recordsWithMetadata();
    Path out = tmp.resolve("some");
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "-o", out.toString(), "-q",
        "--keep-fields", "author").code());
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals(List.of("author"), fieldNames(report.get("documents").get(0).get("metadata")));
    assertEquals("author", report.get("parameters").get("report").get("keepFields").get(0).asText());
    Path none = tmp.resolve("none");
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "-o", none.toString(), "-q",
        "--keep-fields", "none").code());
    JsonNode bare = Reports.mapper().readTree(none.resolve("report.json").toFile());
    assertFalse(bare.get("documents").get(0).has("metadata"), "no metadata object when nothing is kept");
    assertEquals(5, readTsv(none.resolve("doc-topics.tsv")).get(0).size());
    CliRun bad = CliRun.of("fit", in.toString(), "-k", "2", "-o", tmp.resolve("bad").toString(), "-q",
        "--keep-fields", "all,author");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--keep-fields all"), bad.err());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

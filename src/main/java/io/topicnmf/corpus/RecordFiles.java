package io.topicnmf.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicnmf.corpus.CorpusReader.FileReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files holding one document per record: JSON Lines (.jsonl, .ndjson: one JSON object a line) and
 * CSV (.csv: RFC 4180, a header row naming the columns, quoted fields may hold commas, doubled
 * quotes and line breaks). The text, id and label come from the fields named in {@link
 * CorpusOptions}. A malformed record (bad JSON, wrong number of columns, no text) is skipped with
 * its reason; the other records are still read. Non-instantiable.
 */
final class RecordFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordFiles() {}

  /** The records of a JSON Lines file; blank lines are ignored, record ids end in "#line". */
  static FileReading jsonl(String fileId, String folderLabel, String text, CorpusOptions options) {
    Records out = new Records(fileId, folderLabel, options);
    int lineNo = 0;
    int pos = 0;
    int n = text.length();
    while (pos < n) {
      int eol = text.indexOf('\n', pos);
      int end = eol < 0 ? n : eol;
      lineNo++;
      String line = text.substring(pos, end).strip();
      pos = end + 1;
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        out.skip(lineNo, "malformed JSON (" + e.getOriginalMessage() + ")");
        continue;
      }
      if (node == null || !node.isObject()) {
        out.skip(lineNo, "not a JSON object");
        continue;
      }
      out.add(lineNo, value(node, options.textField()), value(node, options.idField()),
          value(node, options.labelField()), metadata(node, options));
    }
    return out.result();
  }

  private static String value(JsonNode object, String field) {
    if (field == null) {
      return null;
    }
    JsonNode v = object.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** The fields of a record other than its text, id and label fields, as strings, in their order. */
  private static Map<String, String> metadata(JsonNode object, CorpusOptions options) {
    Map<String, String> m = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> {
      String v = e.getValue().isNull() ? null : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
      if (v != null && !isDocumentField(e.getKey(), options)) m.put(e.getKey(), Document.boundedValue(v));
    });
    return m;
  }

  /** Whether a field is the record's text, id or label field (not metadata). */
  private static boolean isDocumentField(String name, CorpusOptions options) {
    return name.equals(options.textField()) || name.equals(options.idField()) || name.equals(options.labelField());
  }

  /** The records of a CSV file with a header row; record ids end in "#row" (first data row: 1). */
  static FileReading csv(String fileId, String folderLabel, String text, CorpusOptions options) {
    Records out = new Records(fileId, folderLabel, options);
    CsvParser parser = new CsvParser(text);
    List<String> header = parser.next();
    if (header == null) {
      return FileReading.skip(fileId, "empty CSV file (no header row)");
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i).strip(), i);
    }
    Integer textCol = columns.get(options.textField());
    if (textCol == null) {
      return FileReading.skip(fileId, "no column \"" + options.textField()
          + "\" (--text-field) in the CSV header; columns: " + String.join(", ", header));
    }
    Integer idCol = options.idField() == null ? null : columns.get(options.idField());
    Integer labelCol = options.labelField() == null ? null : columns.get(options.labelField());
    int row = 0;
    while (true) {
      List<String> fields;
      try {
        fields = parser.next();
      } catch (IllegalStateException unterminated) {
        out.skip(row + 1, unterminated.getMessage());
        break;
      }
      if (fields == null) {
        break;
      }
      row++;
      if (fields.size() == 1 && fields.get(0).isEmpty()) {
        continue; // a blank line
      }
      if (fields.size() != header.size()) {
        out.skip(row, "expected " + header.size() + " fields, found " + fields.size());
        continue;
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i).strip();
        if (!isDocumentField(name, options) && !metadata.containsKey(name)) {
          metadata.put(name, Document.boundedValue(fields.get(i)));
        }
      }
      out.add(row, fields.get(textCol), idCol == null ? null : fields.get(idCol),
          labelCol == null ? null : fields.get(labelCol), metadata);
    }
    return out.result();
  }

  /** Collects the documents and skips of one record file. */
  private static final class Records {
    private final String fileId;
    private final String folderLabel;
    private final CorpusOptions options;
    private final List<Document> documents = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final java.util.Map<String, Integer> firstRecord = new java.util.HashMap<>();

    Records(String fileId, String folderLabel, CorpusOptions options) {
      this.fileId = fileId;
      this.folderLabel = folderLabel;
      this.options = options;
    }

    void skip(int number, String reason) {
      skipped.add(new Skipped(fileId + "#" + number, reason));
    }

    void add(int number, String text, String id, String label, Map<String, String> metadata) {
      if (text == null) {
        skip(number, "no \"" + options.textField() + "\" field (--text-field)");
        return;
      }
      if (options.forceHtml()) {
        text = HtmlText.strip(text);
      }
      if (text.isBlank()) {
        skip(number, "empty text");
        return;
      }
      String docId = id == null || id.isBlank() ? fileId + "#" + number : id;
      Integer first = firstRecord.putIfAbsent(docId, number);
      if (first != null) {
        skip(number, CorpusReader.DUPLICATE_ID + ": '" + docId + "' is also record " + first
            + ", which is kept");
        return;
      }
      String docLabel = label == null || label.isBlank() ? folderLabel : label;
      documents.add(new Document(docId, docLabel, text, metadata));
    }

    FileReading result() {
      if (documents.isEmpty() && skipped.isEmpty()) {
        return FileReading.skip(fileId, "no records");
      }
      return new FileReading(List.copyOf(documents), List.copyOf(skipped));
    }
  }

  /** An RFC 4180 CSV record reader over a String. */
  static final class CsvParser {
    private final String s;
    private int pos;

    CsvParser(String s) {
      this.s = s;
    }

    /**
     * The next record's fields, or {@code null} at the end.
     *
     * @throws IllegalStateException when a quoted field is not closed before the end
     */
    List<String> next() {
      if (pos >= s.length()) {
        return null;
      }
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      while (true) {
        if (pos >= s.length()) {
          if (quoted) {
            pos = s.length();
            throw new IllegalStateException("unterminated quoted field");
          }
          fields.add(field.toString());
          return fields;
        }
        char c = s.charAt(pos++);
        if (quoted) {
          if (c == '"') {
            if (pos < s.length() && s.charAt(pos) == '"') {
              field.append('"');
              pos++;
            } else {
              quoted = false;
            }
          } else {
            field.append(c);
          }
        } else if (c == '"' && field.length() == 0) {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && pos < s.length() && s.charAt(pos) == '\n') {
            pos++;
          }
          fields.add(field.toString());
          return fields;
        } else {
          field.append(c);
        }
      }
    }
  }
}

package io.topicnmf.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicnmf.corpus.CorpusReader.FileReading;
import io.topicnmf.files.CsvReader;
import java.io.IOException;
import java.io.Reader;
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

  /**
   * The records of a JSON Lines file, read line by line from {@code text}; blank lines are
   * ignored, record ids end in "#line". A line longer than {@link ReadLimits#maxDocumentBytes()}
   * characters is skipped without being held. When the stream fails part way (a corrupt or
   * over-expanding .gz), the records read so far are kept and the failure is reported for the file.
   */
  static FileReading jsonl(String fileId, String folderLabel, Reader text, CorpusOptions options)
      throws IOException {
    Records out = new Records(fileId, folderLabel, options);
    String whole = jsonl(text, options, out);
    return whole != null ? FileReading.skip(fileId, whole) : out.result();
  }

  /**
   * The records of a JSON Lines stream handed to {@code out} in line order (see {@link
   * #jsonl(String, String, Reader, CorpusOptions)}).
   *
   * @return the reason to skip the whole file (a likely bomb), or null
   */
  static String jsonl(Reader text, CorpusOptions options, RecordSink out) throws IOException {
    long max = options.limits().maxDocumentBytes();
    BoundedLines lines = new BoundedLines(text, max);
    int lineNo = 0;
    try {
      String raw;
      while ((raw = lines.next()) != null) {
        lineNo++;
        if (lines.overflowed()) {
          out.skip(lineNo, FileInput.tooLarge("record", max));
          continue;
        }
        jsonlLine(lineNo, raw, options, out);
      }
    } catch (FileInput.SkipException e) {
      if (e.wholeFile()) {
        return e.getMessage();
      }
      out.stopped(lineNo, e.getMessage());
    }
    return null;
  }

  /** One line of a JSON Lines file (without its line break) handed to {@code out}: a record, a skip or nothing (blank). */
  static void jsonlLine(int lineNo, String raw, CorpusOptions options, RecordSink out) throws IOException {
    String line = raw.strip();
    if (line.isEmpty()) {
      return;
    }
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      out.skip(lineNo, "malformed JSON (" + e.getOriginalMessage() + ")");
      return;
    }
    if (node == null || !node.isObject()) {
      out.skip(lineNo, "not a JSON object");
      return;
    }
    out.record(lineNo, value(node, options.textField()), value(node, options.idField()),
        value(node, options.labelField()), metadata(node, options));
  }

  /** Where the records of a record file go, in file order. */
  interface RecordSink {
    /** Record {@code number} as read: its text (null when the text field is missing), id, label and other fields. */
    void record(int number, String text, String id, String label, Map<String, String> metadata) throws IOException;

    /** Record {@code number} is skipped for {@code reason}. */
    void skip(int number, String reason) throws IOException;

    /** The rest of the file could not be read (after record {@code number}). */
    void stopped(int number, String reason) throws IOException;
  }

  /** The lines of a Reader without their line breaks, each held up to a bound. */
  static final class BoundedLines extends LineBuffer {
    private final Reader in;
    private final char[] buffer = new char[8192];
    private boolean overflowed;

    BoundedLines(Reader in, long max) {
      super(max);
      this.in = in;
    }

    @Override
    int fill() throws IOException {
      return in.read(buffer, 0, buffer.length);
    }

    /** The next line ("" for a line over the bound, see {@link #overflowed}), null at the end. */
    String next() throws IOException {
      StringBuilder line = new StringBuilder();
      overflowed = false;
      boolean any = false;
      while (true) {
        if (!more()) {
          return any ? finish(line) : null;
        }
        any = true;
        int start = pos;
        while (pos < end && buffer[pos] != '\n') {
          pos++;
        }
        if (!overflowed) {
          if (line.length() + (long) (pos - start) > max) {
            overflowed = true;
            line = new StringBuilder();
          } else {
            line.append(buffer, start, pos - start);
          }
        }
        if (pos < end) {
          pos++; // the '\n'
          return finish(line);
        }
      }
    }

    private String finish(StringBuilder line) {
      int n = line.length();
      if (n > 0 && line.charAt(n - 1) == '\r') {
        line.setLength(n - 1);
      }
      return line.toString();
    }

    /** Whether the last line was over the bound (and so dropped). */
    boolean overflowed() {
      return overflowed;
    }
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
  static FileReading csv(String fileId, String folderLabel, Reader text, CorpusOptions options)
      throws IOException {
    Records out = new Records(fileId, folderLabel, options);
    String whole = csv(text, options, out);
    return whole != null ? FileReading.skip(fileId, whole) : out.result();
  }

  /**
   * The records of a CSV stream handed to {@code out} in row order.
   *
   * @return the reason to skip the whole file (no usable header, a likely bomb), or null
   */
  static String csv(Reader text, CorpusOptions options, RecordSink out) throws IOException {
    CsvParser parser = new CsvParser(text, options.limits().maxDocumentBytes());
    List<String> header;
    try {
      header = parser.next();
    } catch (IllegalStateException e) {
      return "unreadable CSV header (" + e.getMessage() + ")";
    } catch (FileInput.SkipException e) {
      return e.getMessage();
    }
    if (header == null) {
      return "empty CSV file (no header row)";
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i).strip(), i);
    }
    Integer textCol = columns.get(options.textField());
    if (textCol == null) {
      return "no column \"" + options.textField()
          + "\" (--text-field) in the CSV header; columns: " + String.join(", ", header);
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
      } catch (FileInput.SkipException e) {
        if (e.wholeFile()) {
          return e.getMessage();
        }
        out.stopped(row, e.getMessage());
        break;
      }
      if (fields == null) {
        break;
      }
      row++;
      if (fields.size() == 1 && fields.get(0).isEmpty()) {
        continue; // a blank line
      }
      if (parser.malformed() != null) {
        out.skip(row, "malformed record: " + parser.malformed());
        continue;
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
      out.record(row, fields.get(textCol), idCol == null ? null : fields.get(idCol),
          labelCol == null ? null : fields.get(labelCol), metadata);
    }
    return null;
  }

  /**
   * The document of record {@code number} of file {@code fileId}, or the reason to skip it (no
   * text field, empty text), before the check for an id the file already gave: its id is the
   * record's id field or "fileId#number", its label the label field or the folder's label.
   */
  static Object document(String fileId, String folderLabel, int number, String text, String id, String label,
      Map<String, String> metadata, CorpusOptions options) {
    if (text == null) {
      return "no \"" + options.textField() + "\" field (--text-field)";
    }
    if (options.forceHtml()) {
      text = HtmlText.strip(text);
    }
    if (text.isBlank()) {
      return "empty text";
    }
    String docId = id == null || id.isBlank() ? fileId + "#" + number : id;
    String docLabel = label == null || label.isBlank() ? folderLabel : label;
    return new Document(docId, docLabel, text, metadata);
  }

  /**
   * The reason to skip record {@code number} when an earlier record of the file has the id
   * {@code docId} (the first is kept), else null; {@code firstRecord} remembers the file's ids.
   */
  static String duplicate(Map<String, Integer> firstRecord, String docId, int number) {
    Integer first = firstRecord.putIfAbsent(docId, number);
    return first == null ? null
        : CorpusReader.DUPLICATE_ID + ": '" + docId + "' is also record " + first + ", which is kept";
  }

  /** Collects the documents and skips of one record file. */
  private static final class Records implements RecordSink {
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

    @Override
    public void skip(int number, String reason) {
      skipped.add(new Skipped(fileId + "#" + number, reason));
    }

    @Override
    public void record(int number, String text, String id, String label, Map<String, String> metadata) {
      Object d = document(fileId, folderLabel, number, text, id, label, metadata, options);
      if (d instanceof String reason) {
        skip(number, reason);
        return;
      }
      Document doc = (Document) d;
      String duplicate = duplicate(firstRecord, doc.id(), number);
      if (duplicate != null) {
        skip(number, duplicate);
        return;
      }
      documents.add(doc);
    }

    /** The rest of the file could not be read (after record {@code number}): reported for the file. */
    @Override
    public void stopped(int number, String reason) {
      skipped.add(new Skipped(fileId, "read up to record " + number + " only: " + reason));
    }

    FileReading result() {
      if (documents.isEmpty() && skipped.isEmpty()) {
        return FileReading.skip(fileId, "no records");
      }
      return new FileReading(List.copyOf(documents), List.copyOf(skipped));
    }
  }

  /** The records of a CSV stream through the shared {@link CsvReader} (comma, fields as they are), one held at a time. */
  static final class CsvParser {
    private final CsvReader csv;
    private final long maxRecord;

    CsvParser(Reader in, long maxRecord) {
      this.csv = new CsvReader(in, ',', false).maxRecordChars(maxRecord);
      this.maxRecord = maxRecord;
    }

    /**
     * The next record's fields, or {@code null} at the end.
     *
     * @throws IllegalStateException when a quoted field is not closed before the end, or a record
     *     is longer than the bound (the rest of the file is then not read)
     */
    List<String> next() throws IOException {
      List<String> fields = new ArrayList<>();
      try {
        return csv.next(fields) ? fields : null;
      } catch (CsvReader.UnclosedQuoteException e) {
        throw new IllegalStateException("unterminated quoted field");
      } catch (CsvReader.RecordTooLongException e) {
        throw new IllegalStateException(FileInput.tooLarge("record", maxRecord)
            + " from line " + csv.recordLine() + "; an unbalanced quote? the rest of the file is not read");
      }
    }

    /** Why the record just returned looks malformed (a stray quote that swallowed lines), or null. */
    String malformed() {
      return csv.malformed();
    }
  }
}

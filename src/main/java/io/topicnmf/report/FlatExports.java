package io.topicnmf.report;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.topicnmf.files.AtomicFiles;
import io.topicnmf.model.DocumentTopics;
import io.topicnmf.model.TermWeight;
import io.topicnmf.model.Topic;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report as flat tables, as MALLET's {@code --output-doc-topics} and {@code
 * --output-topic-keys} give them, for spreadsheets, pandas and R: {@code doc-topics} (one row per
 * document: id, label, cluster, the k weights, then the document's kept metadata fields) and {@code
 * topic-keys} (one row per topic: topic, label, size, npmi, umass, cv, terms). Written from a {@link
 * Report}, so the tables hold exactly the values of report.json (numbers in the same shortest
 * round-trip form). README.md, "Flat exports", documents the columns and the escaping.
 */
public final class FlatExports {
  /** The table formats {@code --export} chooses from. */
  public enum Format {
    /**
     * Tab-separated values, UTF-8, a header row, '\n' line ends; a backslash, tab, line feed or
     * carriage return inside a value is written as {@code \\}, {@code \t}, {@code \n}, {@code \r}
     * (the "linear TSV" convention of PostgreSQL's and MySQL's text formats).
     */
    TSV("tsv"),
    /**
     * Comma-separated values as RFC 4180 says (UTF-8, a header row, "\r\n" line ends; a value
     * holding a comma, a quote, a line break or leading/trailing spaces is quoted, quotes doubled).
     */
    CSV("csv");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** The file extension, without the dot. */
    public String extension() {
      return extension;
    }

    /**
     * The formats of a {@code --export} value list: "tsv", "csv" (any case) or "none" alone.
     *
     * @throws IllegalArgumentException naming {@code --export} for any other value
     */
    public static Set<Format> parse(Collection<String> values) {
      Set<Format> out = new LinkedHashSet<>();
      for (String raw : values) {
        String v = raw.strip().toLowerCase(Locale.ROOT);
        if (v.equals("none")) {
          if (values.size() > 1) {
            throw new IllegalArgumentException("--export none cannot be combined with other formats");
          }
          return Set.of();
        }
        switch (v) {
          case "tsv" -> out.add(TSV);
          case "csv" -> out.add(CSV);
          default -> throw new IllegalArgumentException(
              "--export '" + raw + "' is not a table format: give tsv, csv, both (tsv,csv) or none");
        }
      }
      return out;
    }
  }

  /** Name of the per-document table, without extension. */
  public static final String DOC_TOPICS = "doc-topics";

  /** Name of the per-topic table, without extension. */
  public static final String TOPIC_KEYS = "topic-keys";

  private FlatExports() {}

  /**
   * Writes {@code doc-topics.EXT} and {@code topic-keys.EXT} into {@code dir} for each format, each
   * file atomically (complete or absent).
   *
   * @return the files written, in order
   */
  public static List<Path> write(Report report, Path dir, Set<Format> formats) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Format f : formats) {
      Path docs = dir.resolve(DOC_TOPICS + "." + f.extension());
      AtomicFiles.writeText(docs, w -> writeDocTopics(report, f, w));
      written.add(docs);
      Path keys = dir.resolve(TOPIC_KEYS + "." + f.extension());
      AtomicFiles.writeText(keys, w -> writeTopicKeys(report, f, w));
      written.add(keys);
    }
    return written;
  }

  /**
   * The header of doc-topics: id, label, cluster, topic_0 … topic_{k-1}, then the metadata fields
   * of the documents in order of first appearance (a field named like a fixed column is prefixed
   * with "meta_").
   */
  static List<String> docTopicsHeader(Report report) {
    List<String> header = new ArrayList<>(List.of("id", "label", "cluster"));
    for (Topic t : report.topics()) header.add("topic_" + t.id());
    for (String field : metadataFields(report)) {
      header.add(header.contains(field) ? "meta_" + field : field);
    }
    return header;
  }

  /** The metadata field names of the report's documents, in order of first appearance. */
  static List<String> metadataFields(Report report) {
    Set<String> fields = new LinkedHashSet<>();
    for (DocumentTopics d : report.documents()) fields.addAll(d.metadata().keySet());
    return List.copyOf(fields);
  }

  static void writeDocTopics(Report report, Format f, Writer w) throws IOException {
    List<String> fields = metadataFields(report);
    int k = report.topics().size();
    row(f, w, docTopicsHeader(report));
    List<String> cells = new ArrayList<>();
    for (DocumentTopics d : report.documents()) {
      cells.clear();
      cells.add(d.id());
      cells.add(d.label() == null ? "" : d.label());
      cells.add(d.cluster() == null ? "" : Integer.toString(d.cluster()));
      for (int t = 0; t < k; t++) {
        cells.add(d.weights().isEmpty() ? "" : number(d.weights().get(t)));
      }
      for (String field : fields) {
        String v = d.metadata().get(field);
        cells.add(v == null ? "" : v);
      }
      row(f, w, cells);
    }
  }

  /** The header of topic-keys. */
  static final List<String> TOPIC_KEYS_HEADER = List.of("topic", "label", "size", "npmi", "umass", "cv", "terms");

  /** The separator of the terms in topic-keys' terms column. */
  public static final String TERM_SEPARATOR = ", ";

  static void writeTopicKeys(Report report, Format f, Writer w) throws IOException {
    row(f, w, TOPIC_KEYS_HEADER);
    for (Topic t : report.topics()) {
      List<String> surfaces = new ArrayList<>(t.terms().size());
      for (TermWeight tw : t.terms()) surfaces.add(tw.surface());
      row(f, w, List.of(Integer.toString(t.id()), t.label(), Integer.toString(t.documents()),
          number(t.npmi()), number(t.umass()), number(t.cv()), String.join(TERM_SEPARATOR, surfaces)));
    }
  }

  /**
   * A number as report.json writes it: the shortest text that parses back to the same double (by
   * Schubfach, as {@link Reports#mapper()}; the format of {@link Double#toString}), "NaN" for an
   * undefined one.
   */
  static String number(double v) {
    return NumberOutput.toString(v, true);
  }

  private static void row(Format f, Writer w, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) w.write(f == Format.TSV ? '\t' : ',');
      w.write(f == Format.TSV ? tsvEscape(cells.get(i)) : csvQuote(cells.get(i)));
    }
    w.write(f == Format.TSV ? "\n" : "\r\n");
  }

  /** A TSV cell: backslash, tab, line feed and carriage return written as \\, \t, \n, \r. */
  public static String tsvEscape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '\\' -> "\\\\";
        case '\t' -> "\\t";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        default -> null;
      };
      if (rep != null && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b != null) {
        if (rep != null) b.append(rep);
        else b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** The value of a TSV cell written by {@link #tsvEscape}. */
  public static String tsvUnescape(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        b.append(switch (e) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> e;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A CSV cell quoted as RFC 4180 requires, and also when it has leading or trailing spaces. */
  public static String csvQuote(String s) {
    boolean quote = !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
        || Character.isWhitespace(s.charAt(s.length() - 1)));
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}

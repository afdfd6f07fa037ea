package io.topicnmf.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.topicnmf.files.AtomicFiles;
import io.topicnmf.model.DocumentTopics;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.nmf.NmfResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds reports from fits and reads and writes them as JSON. */
public final class Reports {
  // Doubles by Schubfach (Jackson's fast writer), not Double.toString: the shortest text that
  // parses back to the same double, several times faster (JDK 17's FloatingDecimal took most of
  // the time of writing report.json at 200,000 documents; DoubleRoundTripTest).
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .build();

  private Reports() {}

  /**
   * The Jackson mapper used for every JSON file the tool writes (indented, UTF-8, doubles in their
   * shortest round-trip form).
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The report of a fit. */
  public static Report of(TopicModelResult r, String command) {
    return of(r, command, (String) null);
  }

  /** The report of a fit written by run {@code runId} (null: none). */
  public static Report of(TopicModelResult r, String command, String runId) {
    return new Report(
        Report.FORMAT,
        ToolInfo.current(),
        command,
        runId,
        parameters(r.options()),
        r.corpus(),
        r.timings(),
        fitSummary(r.factorization(), r.options()),
        r.quality(),
        r.evaluation(),
        r.topics(),
        r.documents(),
        r.clusters(),
        null,
        null);
  }

  /**
   * The report of a fit with its report options: the documents' metadata reduced to the fields
   * kept, the topics over time ({@link Timeline}) when documents have dates, and the options
   * recorded as {@code parameters.report}.
   *
   * @throws IllegalArgumentException naming {@code --period} when it makes too many periods
   */
  public static Report of(TopicModelResult r, String command, ReportOptions options) {
    Report base = of(r, command);
    Map<String, Object> parameters = new LinkedHashMap<>(base.parameters());
    parameters.put("report", Parameters.of(options));
    return new Report(base.format(), base.tool(), base.command(), parameters, base.corpus(), base.timings(),
        base.fit(), base.quality(), base.evaluation(), base.topics(), keptMetadata(base.documents(), options),
        base.clusters(), timeline(base.documents(), base.topics().size(), options));
  }

  /**
   * The timeline of the documents by {@code --date-field}, or by mail's Date header when some
   * document has one; null when neither applies.
   *
   * @throws IllegalArgumentException naming {@code --period} when it makes too many periods
   */
  static Timeline timeline(java.util.List<DocumentTopics> docs, int k, ReportOptions o) {
    String field = o.dateField();
    if (field == null) {
      boolean mail = docs.stream().anyMatch(d -> d.metadata().containsKey(ReportOptions.MAIL_DATE));
      if (!mail) return null;
      field = ReportOptions.MAIL_DATE;
    }
    return Timeline.of(docs, k, field, o.period());
  }

  private static java.util.List<DocumentTopics> keptMetadata(java.util.List<DocumentTopics> docs, ReportOptions o) {
    if (o.keepFields() == null) return docs;
    java.util.List<DocumentTopics> out = new java.util.ArrayList<>(docs.size());
    for (DocumentTopics d : docs) {
      Map<String, String> kept = new LinkedHashMap<>();
      d.metadata().forEach((k, v) -> {
        if (o.keeps(k)) kept.put(k, v);
      });
      out.add(kept.size() == d.metadata().size() ? d : d.withMetadata(kept));
    }
    return out;
  }

  /** Every option of a fit, grouped by stage, the factorization's first. */
  public static Map<String, Object> parameters(FitOptions o) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("k", o.nmf().k());
    p.put("topTerms", o.topTerms());
    p.put("relevance", o.autoRelevance() ? "auto" : (Object) o.relevance());
    p.put("clusters", o.clusters().name().toLowerCase(Locale.ROOT));
    p.put("nmf", Parameters.of(o.nmf()));
    p.put("vocabulary", Parameters.of(o.vocabulary()));
    p.put("weighting", Parameters.of(o.weighting()));
    p.put("analysis", Parameters.of(o.analysis()));
    p.put("corpus", Parameters.of(o.corpus()));
    return p;
  }

  static FitSummary fitSummary(NmfResult n, FitOptions o) {
    String solver = o.nmf().effectiveSolver().name().toLowerCase(Locale.ROOT);
    return new FitSummary(
        n.loss().name().toLowerCase(Locale.ROOT),
        solver,
        o.nmf().mode(),
        n.iterations(),
        n.converged(),
        n.objective(),
        n.frobeniusObjective(),
        n.relativeError(),
        n.trace(),
        n.memory() == null ? null : n.memory().reason());
  }

  /** Writes {@code report} to {@code file} atomically: the file is complete or absent. */
  public static void write(Object report, Path file) throws IOException {
    AtomicFiles.write(file, out -> MAPPER.writeValue(out, report));
  }

  /** Reads a report written by {@link #write}. */
  public static Report read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), Report.class);
  }
}

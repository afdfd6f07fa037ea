package io.topicnmf.report;

import io.topicnmf.model.CorpusStats;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.PreparedCorpus;
import java.util.Map;

/**
 * {@code vectorize.json}, format {@value #FORMAT}: how a folder was turned into the matrix files
 * written beside it. docs/vectorize.schema.json is its schema; README.md documents every field.
 *
 * @param format always {@value #FORMAT}
 * @param tool name and version of the tool that wrote it
 * @param command always "vectorize"
 * @param parameters the options of the text stages
 * @param corpus what was read and skipped, and the matrix's size (as in report.json)
 * @param files the names of the files written
 * @param timings seconds per stage
 */
public record VectorizeReport(
    String format,
    ToolInfo tool,
    String command,
    Settings parameters,
    CorpusStats corpus,
    Files files,
    Timings timings) {
  public static final String FORMAT = "topicnmf-vectorize/1";

  /**
   * The options, by stage, as report.json writes them.
   *
   * @param threads worker threads
   * @param vocabulary document-frequency limits and a fixed vocabulary
   * @param weighting TF-IDF weighting
   * @param analysis the analysis chain
   * @param corpus reading the documents
   */
  public record Settings(int threads, Map<String, Object> vocabulary, Map<String, Object> weighting,
      Map<String, Object> analysis, Map<String, Object> corpus) {}

  /**
   * The files written, relative to vectorize.json.
   *
   * @param matrix the weighted documents × terms matrix (Matrix Market)
   * @param counts the raw counts (Matrix Market)
   * @param terms one term a line, in column order
   * @param documents one document id a line, in row order
   */
  public record Files(String matrix, String counts, String terms, String documents) {
    /** The names vectorize writes. */
    public static final Files STANDARD = new Files("matrix.mtx", "counts.mtx", "terms.txt", "documents.txt");
  }

  /**
   * Wall-clock seconds.
   *
   * @param readSeconds reading the documents
   * @param analysisSeconds analysis
   * @param matrixSeconds counting and weighting
   * @param prepareSeconds the three above, as measured around them
   * @param writeSeconds writing the files
   * @param totalSeconds preparation and writing
   */
  public record Timings(double readSeconds, double analysisSeconds, double matrixSeconds, double prepareSeconds,
      double writeSeconds, double totalSeconds) {}

  /** The report of a prepared corpus written as matrix files. */
  public static VectorizeReport of(PreparedCorpus p, FitOptions options, double prepareSeconds, double writeSeconds) {
    Settings settings = new Settings(options.nmf().threads(), Parameters.of(options.vocabulary()),
        Parameters.of(options.weighting()), Parameters.of(options.analysis()), Parameters.of(options.corpus()));
    Timings timings = new Timings(p.readSeconds(), p.analysisSeconds(), p.matrixSeconds(), prepareSeconds,
        writeSeconds, prepareSeconds + writeSeconds);
    return new VectorizeReport(FORMAT, ToolInfo.current(), "vectorize", settings, CorpusStats.of(p), Files.STANDARD,
        timings);
  }
}

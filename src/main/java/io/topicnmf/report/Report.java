package io.topicnmf.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.topicnmf.model.Cluster;
import io.topicnmf.model.CorpusStats;
import io.topicnmf.model.DocumentTopics;
import io.topicnmf.model.Evaluation;
import io.topicnmf.model.Quality;
import io.topicnmf.model.Timings;
import io.topicnmf.model.Topic;
import io.topicnmf.model.TopicReduction;
import java.util.List;
import java.util.Map;

/**
 * The JSON report, format {@value #FORMAT}; README.md documents every field.
 *
 * @param format always {@value #FORMAT}
 * @param tool name and version of the tool that wrote it
 * @param command the command that produced it ("fit" or "apply")
 * @param runId the id of the run that wrote it; a fit's report.json and model.json carry the same
 *     (null, left out, for reports built through the library without one)
 * @param parameters every option of the run, by CLI flag name (camelCase)
 * @param corpus what was read and skipped, and the matrix's size
 * @param timings seconds per stage
 * @param fit how the factorization went
 * @param quality coherence (NPMI, UMass) and diversity of the topics
 * @param evaluation agreement of the clusters with the labels (sub-folders), or null without labels
 * @param topics one per topic
 * @param documents one per document
 * @param clusters one per topic: its documents by descending strength
 * @param timeline topics over time when documents have dates ({@code --date-field}, or mail's Date
 *     header), else null and left out of the JSON
 * @param reduction with a model reduced by {@code topicnmf reduce}, how its topics were merged
 *     (the merge order, for a dendrogram); else null and left out of the JSON
 */
public record Report(
    String format,
    ToolInfo tool,
    String command,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String runId,
    Map<String, Object> parameters,
    CorpusStats corpus,
    Timings timings,
    FitSummary fit,
    Quality quality,
    Evaluation evaluation,
    List<Topic> topics,
    List<DocumentTopics> documents,
    List<Cluster> clusters,
    @JsonInclude(JsonInclude.Include.NON_NULL) Timeline timeline,
    @JsonInclude(JsonInclude.Include.NON_NULL) TopicReduction.Reduction reduction) {
  public static final String FORMAT = "topicnmf-report/1";

  /** A report without timeline. */
  public Report(String format, ToolInfo tool, String command, Map<String, Object> parameters,
      CorpusStats corpus, Timings timings, FitSummary fit, Quality quality, Evaluation evaluation,
      List<Topic> topics, List<DocumentTopics> documents, List<Cluster> clusters) {
    this(format, tool, command, null, parameters, corpus, timings, fit, quality, evaluation, topics,
        documents, clusters, null, null);
  }

  /** A report with a timeline and without reduction. */
  public Report(String format, ToolInfo tool, String command, Map<String, Object> parameters,
      CorpusStats corpus, Timings timings, FitSummary fit, Quality quality, Evaluation evaluation,
      List<Topic> topics, List<DocumentTopics> documents, List<Cluster> clusters, Timeline timeline) {
    this(format, tool, command, null, parameters, corpus, timings, fit, quality, evaluation, topics,
        documents, clusters, timeline, null);
  }

  /** This report with {@code r} as its reduction (the model's, with {@code apply} and {@code reduce}). */
  public Report withReduction(TopicReduction.Reduction r) {
    return new Report(format, tool, command, runId, parameters, corpus, timings, fit, quality, evaluation, topics,
        documents, clusters, timeline, r);
  }

  /** This report as written by run {@code id} (the id its model.json carries too). */
  public Report withRunId(String id) {
    return new Report(format, tool, command, id, parameters, corpus, timings, fit, quality, evaluation, topics,
        documents, clusters, timeline, reduction);
  }

  public Report {
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    topics = List.copyOf(topics);
    documents = List.copyOf(documents);
    clusters = List.copyOf(clusters);
  }
}

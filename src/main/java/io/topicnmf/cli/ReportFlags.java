package io.topicnmf.cli;

import io.topicnmf.report.FlatExports;
import io.topicnmf.report.Report;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.TopicLabels;
import io.topicnmf.model.TopicModelResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.topicnmf.report.ReportOptions;
import io.topicnmf.report.Reports;
import io.topicnmf.report.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Flags of what fit and apply write besides report.json (shared by both). */
final class ReportFlags {
  @Option(names = "--export", split = ",", hideParamSyntax = true, defaultValue = "tsv", paramLabel = "tsv,csv|none",
      description = "Also write the report as flat tables OUTPUT/doc-topics.EXT and OUTPUT/topic-keys.EXT in these formats: tsv, csv, both (tsv,csv) or none (default: ${DEFAULT-VALUE}).")
  List<String> export = new ArrayList<>(List.of("tsv"));

  @Option(names = "--keep-fields", split = ",", hideParamSyntax = true, defaultValue = "all", paramLabel = "all|none|NAME,...",
      description = "Metadata kept per document in the report and the doc-topics table: the other fields of .jsonl/.csv records and the Date and From headers of mail; all (default), none, or these names.")
  List<String> keepFields = new ArrayList<>(List.of("all"));

  @Option(names = "--date-field", paramLabel = "NAME",
      description = "Metadata field holding the documents' dates (a field of .jsonl/.csv records); the report then holds each topic's share per period. Default: the Date header of mail, no dates otherwise.")
  String dateField;

  @Option(names = "--period", paramLabel = "day|week|month|year",
      description = "Period of the topics over time (default: chosen from the span of the dates: day up to 62 days, week up to 2 years, month up to 15 years, else year).")
  String period;

  @Option(names = "--topic-labels", paramLabel = "FILE",
      description = "Name the topics: one line per topic, ID<TAB>LABEL, or (in a file without tabs) one label a line for topics 0, 1, 2, ... in order ('-' keeps the automatic label); '#' comments. Saved in model.json and carried to 'apply'. Default: the first 3 words of each topic.")
  Path topicLabels;

  /** Fails before the work on a bad --export, --keep-fields or --period, or a --topic-labels that names no file. */
  void check() throws UserException {
    exportFormats();
    options();
    checkFiles();
  }

  /** Fails early when --topic-labels names no file. */
  private void checkFiles() throws UserException {
    if (topicLabels != null && !Files.isRegularFile(topicLabels)) {
      throw new UserException("--topic-labels " + topicLabels + ": no such file (give a text file, one label per topic)");
    }
  }

  /** {@code result} with the topics named by {@code --topic-labels}; unchanged without it. */
  TopicModelResult named(TopicModelResult result) throws UserException {
    if (topicLabels == null) return result;
    return result.withTopicLabels(parseLabels(result.topics().size()));
  }

  /** {@code model} with its topics named by {@code --topic-labels}; unchanged without it. */
  SavedModel labelled(SavedModel model) throws UserException {
    if (topicLabels == null) return model;
    List<String> labels = parseLabels(model.k());
    List<SavedModel.SavedTopic> topics = new ArrayList<>();
    for (SavedModel.SavedTopic t : model.topics()) {
      String l = labels.get(t.id());
      topics.add(l == null ? t : new SavedModel.SavedTopic(t.id(), t.terms(), l));
    }
    return new SavedModel(model.format(), model.toolVersion(), model.runId(), model.options(), model.mailCleanup(),
        model.extraStopwords(), model.documents(), model.terms(), model.idf(), topics, model.h(),
        model.centroids(), model.reduction(), model.ranking(), model.centroidTfPower(), model.clusterOfTopic());
  }

  private List<String> parseLabels(int k) throws UserException {
    List<String> lines;
    try {
      lines = Files.readAllLines(topicLabels, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException("--topic-labels " + topicLabels + ": cannot read it as UTF-8 text (" + e.getMessage() + ")");
    }
    try {
      return TopicLabels.parse(lines, k, "--topic-labels " + topicLabels);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  /** The report options of these flags. */
  ReportOptions options() throws UserException {
    try {
      return new ReportOptions(ReportOptions.parseKeepFields(keepFields), dateField,
          period == null ? null : Timeline.Unit.parse(period));
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  /** The formats of {@code --export}. */
  Set<FlatExports.Format> exportFormats() throws UserException {
    try {
      return FlatExports.Format.parse(export);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  /** The report of {@code result} with these flags' options. */
  Report report(TopicModelResult result, String command) throws UserException {
    try {
      return Reports.of(result, command, options());
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  /**
   * Claims the flat tables of the chosen {@code --export} formats in {@code output} and marks those
   * of the other formats (an earlier run's) for removal at publishing.
   *
   * @return the staging folder to write them into, or null with {@code --export none}
   */
  Path claimExports(Outputs outputs, Path output) throws UserException {
    Set<FlatExports.Format> chosen = exportFormats();
    Path dir = null;
    for (FlatExports.Format f : FlatExports.Format.values()) {
      for (String name : List.of(FlatExports.DOC_TOPICS, FlatExports.TOPIC_KEYS)) {
        String file = name + "." + f.extension();
        if (chosen.contains(f)) dir = outputs.claim(output.resolve(file), file).getParent();
        else outputs.removeWhenPublishing(file);
      }
    }
    return dir;
  }

  /** Writes the flat tables of {@code report} into {@code dir}; the files written. */
  List<Path> writeExports(Report report, Path dir) throws IOException, UserException {
    return FlatExports.write(report, dir, exportFormats());
  }
}

package io.topicnmf.cli;

import io.topicnmf.model.ModelApplier;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.ModelFormatException;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicReduction;
import io.topicnmf.corpus.Document;
import io.topicnmf.report.FlatExports;
import io.topicnmf.report.Report;
import io.topicnmf.report.ReportPage;
import io.topicnmf.report.Snippets;
import io.topicnmf.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code topicnmf reduce}: a saved model in, the same model with its most similar topics merged out. */
@Command(
    name = "reduce",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Merges the most similar topics of a model saved by 'topicnmf fit' (cosine similarity of their rows of H; "
          + "merged rows summed) until --topics remain, and writes OUTPUT/model.json with the merge order "
          + "(for a dendrogram of the topics). With FOLDER it also gives those documents weights under the "
          + "merged topics (re-solved with H fixed, as 'apply') and writes OUTPUT/report.json, the flat tables "
          + "and OUTPUT/report.html, whose topic hierarchy draws the merges. The outputs are published as one unit."
    })
final class ReduceCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE",
      description = "The model.json written by 'topicnmf fit' (or by an earlier 'reduce').")
  Path model;

  @Option(names = {"-k", "--topics"}, required = true, paramLabel = "N",
      description = "Topics to keep, from 1 to the model's.")
  int topics;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER",
      description = "Optional: documents (e.g. the training folder) to give weights under the reduced model.")
  Path input;

  @Option(names = {"-o", "--output"}, defaultValue = "output", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}/); model.json (and with FOLDER report.json, report.html and the flat tables) are written there.")
  Path output;

  @Option(names = "--no-html", description = "With FOLDER, do not write OUTPUT/report.html (the report as a self-contained page, with the topic hierarchy).")
  boolean noHtml;

  @Mixin ReportFlags reportFlags;

  @Mixin ModelCommandFlags run;

  @Override
  public Integer call() throws Exception {
    int nThreads = run.threads(spec);
    reportFlags.check();
    if (!Files.isRegularFile(model)) {
      throw new UserException("--model " + model + ": no such file (give the model.json written by 'topicnmf fit')");
    }
    if (input != null && !Files.exists(input)) {
      throw new UserException("no such file or folder: " + input + " (give a folder of documents)");
    }
    SavedModel m;
    try {
      m = ModelFiles.read(model);
    } catch (ModelFormatException e) {
      throw new UserException("--model " + e.getMessage());
    }
    SavedModel reduced;
    try {
      reduced = TopicReduction.reduce(m, topics);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    reduced = reportFlags.labelled(reduced);
    try (Outputs outputs = Outputs.open(output, input)) {
      Path modelTarget = outputs.claim(output.resolve("model.json"), "model.json");
      Path page = outputs.claimPage(output, "report.html", input == null || noHtml);
      Targets t = input == null ? null : new Targets(outputs.claim(output.resolve("report.json"), "report.json"),
          reportFlags.claimExports(outputs, output), page);
      if (input == null) removeEarlierReport(outputs);
      // Model, report and page carry this run's id; a report of another run is never left beside them.
      SavedModel saved = reduced.withRunId(outputs.runId());
      if (!run.quiet) printMerges(spec.commandLine().getOut(), m, saved);
      String reportNote = input == null ? "" : applyTo(saved, outputs, t, nThreads);
      outputs.write(() -> ModelFiles.write(saved, modelTarget));
      outputs.publish();
      PrintWriter err = spec.commandLine().getErr();
      err.println(String.format(Locale.ROOT, "topicnmf: %d topics of %s merged into %d; model: %s%s",
          m.k(), model, saved.k(), output.resolve("model.json"), reportNote));
      err.flush();
    }
    return 0;
  }

  /**
   * Without FOLDER only model.json is written: an earlier run's report.json and flat tables in
   * {@code -o} are removed when publishing, so the folder never holds a report of another model.
   */
  private static void removeEarlierReport(Outputs outputs) {
    outputs.removeWhenPublishing("report.json");
    for (FlatExports.Format f : FlatExports.Format.values()) {
      outputs.removeWhenPublishing(FlatExports.DOC_TOPICS + "." + f.extension());
      outputs.removeWhenPublishing(FlatExports.TOPIC_KEYS + "." + f.extension());
    }
  }

  /** Where the outputs of FOLDER go (staging paths): report.json, the flat tables' folder or null, the page or null. */
  private record Targets(Path report, Path exports, Path page) {}

  /** Gives FOLDER's documents weights under {@code reduced} and writes their report, tables and page; the note for the summary. */
  private String applyTo(SavedModel reduced, Outputs outputs, Targets t, int nThreads) throws Exception {
    outputs.requireSpace(input, FitCommand.SPACE_PER_INPUT_BYTE, FitCommand.SPACE_FIXED);
    Progress progress = new Progress(spec.commandLine().getErr(), Progress.mode(run.quiet));
    List<Document> read = new ArrayList<>();
    TopicModelResult result = ModelApplier.apply(reduced, input, outputs.excluded(), nThreads, progress,
        c -> read.addAll(c.documents()));
    Report report = reportFlags.report(result, "apply").withReduction(reduced.reduction()).withRunId(outputs.runId());
    var formats = reportFlags.exportFormats();
    outputs.write(() -> {
      Reports.write(report, t.report());
      if (t.exports() != null) FlatExports.write(report, t.exports(), formats);
      if (t.page() != null) ReportPage.write(report, result, Snippets.of(read, ReportPage.quotedDocuments(report)), t.page());
    });
    if (!run.quiet) FitCommand.printTopics(spec.commandLine().getOut(), result);
    return ", report: " + output.resolve("report.json") + (t.page() != null ? ", page: " + output.resolve("report.html") : "");
  }

  private static void printMerges(PrintWriter out, SavedModel before, SavedModel reduced) {
    var merges = reduced.reduction().merges();
    int earlier = before.reduction() == null ? 0 : before.reduction().merges().size();
    for (int i = earlier; i < merges.size(); i++) {
      TopicReduction.Merge g = merges.get(i);
      out.printf(Locale.ROOT, "merge %2d  nodes %d + %d -> %d  similarity %.3f  (%d topics)%n",
          i + 1, g.left(), g.right(), g.node(), g.similarity(), g.size());
    }
    for (SavedModel.SavedTopic t : reduced.topics()) {
      out.printf(Locale.ROOT, "topic %2d  %s  (topics %s of the fit)%n", t.id(),
          t.label() != null ? t.label() : io.topicnmf.model.Topic.automaticLabel(t.terms()),
          reduced.reduction().members().get(t.id()));
    }
    out.flush();
  }
}

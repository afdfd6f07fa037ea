package io.topicnmf.cli;

import io.topicnmf.corpus.Document;
import io.topicnmf.files.OutputFolder;
import io.topicnmf.model.ModelApplier;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.ModelFormatException;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.report.FlatExports;
import io.topicnmf.report.Report;
import io.topicnmf.report.ReportPage;
import io.topicnmf.report.Reports;
import io.topicnmf.report.Snippets;
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

/** {@code topicnmf apply}: a saved model and a folder of new documents in, {@code report.json} out. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Gives the documents of FOLDER topic weights under a model saved by 'topicnmf fit' (model.json) "
          + "and writes OUTPUT/report.json (\"command\": \"apply\"): the model's topics, the new documents and clusters, "
          + "and OUTPUT/report.html, the same as a page to explore in a browser. "
          + "Documents are analysed exactly as at fit time; terms outside the model's vocabulary are ignored, "
          + "and a document with none of its terms gets no topic (note \"no known terms\")."
    })
final class ApplyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|DIR",
      description = "The model.json written by 'topicnmf fit', or the fit's output folder holding it. A report.json"
          + " of a fit beside it must come from the same run (the same runId), else the model is refused.")
  Path model;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "Folder (read recursively) or single file of new documents.")
  Path input;

  @Option(names = {"-o", "--output"}, defaultValue = "output", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}/); report.json is written there.")
  Path output;

  @Option(names = "--no-html", description = "Do not write OUTPUT/report.html (the report as a self-contained page to explore in a browser).")
  boolean noHtml;

  @Mixin ReportFlags reportFlags;

  @Mixin ModelCommandFlags run;

  @Override
  public Integer call() throws Exception {
    int nThreads = run.threads(spec);
    reportFlags.check();
    Path modelFile = Files.isDirectory(model) ? model.resolve("model.json") : model;
    if (!Files.isRegularFile(modelFile)) {
      throw new UserException("--model " + modelFile + ": no such file (give the model.json written by 'topicnmf fit', or its folder)");
    }
    if (!Files.exists(input)) {
      throw new UserException("no such file or folder: " + input + " (give a folder of documents)");
    }
    SavedModel m = readModel(modelFile);
    try (Outputs outputs = Outputs.open(output, input)) {
      Path reportTarget = outputs.claim(output.resolve("report.json"), "report.json");
      Path exportsTarget = reportFlags.claimExports(outputs, output);
      Path pageTarget = outputs.claimPage(output, "report.html", noHtml);
      outputs.requireSpace(input, FitCommand.SPACE_PER_INPUT_BYTE, FitCommand.SPACE_FIXED);
      PrintWriter err = spec.commandLine().getErr();
      Progress progress = new Progress(err, Progress.mode(run.quiet));
      List<Document> read = new ArrayList<>();
      TopicModelResult result = reportFlags.named(ModelApplier.apply(m, input, outputs.excluded(), outputs.scratch(), nThreads,
          progress, c -> read.addAll(c.documents())));
      Report report = reportFlags.report(result, "apply").withReduction(m.reduction()).withRunId(outputs.runId());
      Path page = pageTarget;
      var formats = reportFlags.exportFormats();
      outputs.write(() -> {
        Reports.write(report, reportTarget);
        if (exportsTarget != null) FlatExports.write(report, exportsTarget, formats);
        if (page != null) ReportPage.write(report, result, Snippets.of(read, ReportPage.quotedDocuments(report)), page);
      });
      outputs.publish();
      summarize(result, page != null);
    }
    return 0;
  }

  /** Reads the model, after completing a publish into its folder that a crash interrupted, and checks its run against the fit's report beside it. */
  static SavedModel readModel(Path modelFile) throws UserException, java.io.IOException {
    Path dir = modelFile.toAbsolutePath().getParent();
    if (OutputFolder.publishPending(dir)) {
      try {
        OutputFolder.recover(dir);
      } catch (OutputFolder.FolderInUseException e) {
        throw new UserException("--model " + modelFile + ": a topicnmf run is publishing into " + dir
            + " right now: try again when it has ended");
      }
    }
    try {
      return ModelFiles.readOfRun(modelFile);
    } catch (ModelFormatException e) {
      throw new UserException("--model " + e.getMessage());
    }
  }

  private void summarize(TopicModelResult result, boolean page) {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Path reportFile = output.resolve("report.json");
    if (!run.quiet) FitCommand.printTopics(out, result);
    int noTopic = 0;
    for (var d : result.documents()) if (d.dominantTopic() == null) noTopic++;
    err.println(String.format(Locale.ROOT,
        "topicnmf: %d documents (%d skipped, %d without a topic) given weights on %d topics of %s; report: %s",
        result.corpus().documentsRead(), result.corpus().documentsSkipped(), noTopic,
        result.topics().size(), model, reportFile) + (page ? ", page: " + output.resolve("report.html") : ""));
    err.flush();
  }
}

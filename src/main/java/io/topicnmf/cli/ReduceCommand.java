package io.topicnmf.cli;

import io.topicnmf.model.ModelApplier;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicReduction;
import io.topicnmf.report.FlatExports;
import io.topicnmf.report.Report;
import io.topicnmf.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
          + "merged topics (re-solved with H fixed, as 'apply') and writes OUTPUT/report.json."
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
      description = "Output folder (default: ${DEFAULT-VALUE}/); model.json (and with FOLDER report.json) are written there.")
  Path output;

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
    SavedModel m = ApplyCommand.readModel(model);
    SavedModel reduced;
    try {
      reduced = TopicReduction.reduce(m, topics);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    reduced = reportFlags.labelled(reduced);
    try (Outputs outputs = Outputs.open(output, input)) {
      return run(m, reduced.withRunId(outputs.runId()), outputs, nThreads);
    }
  }

  /**
   * Writes the reduced model (and with FOLDER its report and flat tables) as one unit into {@code -o}:
   * claimed before reading, published together. Outputs of an earlier run there that this one does
   * not write (report.json without FOLDER, report.html) are removed when publishing, so the folder
   * never holds a report of another model beside this one.
   */
  private int run(SavedModel m, SavedModel reduced, Outputs outputs, int nThreads) throws Exception {
    Path modelTarget = outputs.claim(output.resolve("model.json"), "model.json");
    Path reportTarget = null;
    Path exportsTarget = null;
    outputs.claimPage(output, "report.html", true);
    if (input != null) {
      reportTarget = outputs.claim(output.resolve("report.json"), "report.json");
      exportsTarget = reportFlags.claimExports(outputs, output);
      outputs.requireSpace(input, FitCommand.SPACE_PER_INPUT_BYTE, FitCommand.SPACE_FIXED);
    } else {
      outputs.removeWhenPublishing("report.json");
      for (FlatExports.Format f : FlatExports.Format.values()) {
        outputs.removeWhenPublishing(FlatExports.DOC_TOPICS + "." + f.extension());
        outputs.removeWhenPublishing(FlatExports.TOPIC_KEYS + "." + f.extension());
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Report report = null;
    TopicModelResult result = null;
    if (input != null) {
      Progress progress = new Progress(err, Progress.mode(run.quiet));
      result = ModelApplier.apply(reduced, input, outputs.excluded(), nThreads, progress, c -> {});
      report = reportFlags.report(result, "apply").withReduction(reduced.reduction()).withRunId(outputs.runId());
    }
    Report r = report;
    Path rt = reportTarget;
    Path et = exportsTarget;
    var formats = reportFlags.exportFormats();
    outputs.write(() -> {
      ModelFiles.write(reduced, modelTarget);
      if (r != null) {
        Reports.write(r, rt);
        if (et != null) FlatExports.write(r, et, formats);
      }
    });
    outputs.publish();
    if (!run.quiet) printMerges(out, m, reduced);
    if (result != null && !run.quiet) FitCommand.printTopics(out, result);
    err.println(String.format(Locale.ROOT, "topicnmf: %d topics of %s merged into %d; model: %s%s",
        m.k(), model, reduced.k(), output.resolve("model.json"),
        report != null ? ", report: " + output.resolve("report.json") : ""));
    err.flush();
    return 0;
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

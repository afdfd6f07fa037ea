package io.topicnmf.cli;

import io.topicnmf.model.ModelApplier;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.ModelFormatException;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicReduction;
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
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Path modelFile = output.resolve("model.json");
    ModelFiles.write(reduced, modelFile);
    if (!run.quiet) printMerges(out, m, reduced);
    String reportNote = "";
    if (input != null) {
      Progress progress = new Progress(err, Progress.mode(run.quiet));
      TopicModelResult result = ModelApplier.apply(reduced, input, nThreads, progress);
      Report report = reportFlags.report(result, "apply").withReduction(reduced.reduction());
      Path reportFile = output.resolve("report.json");
      Reports.write(report, reportFile);
      reportFlags.writeExports(report, output);
      if (!run.quiet) FitCommand.printTopics(out, result);
      reportNote = ", report: " + reportFile;
    }
    err.println(String.format(Locale.ROOT, "topicnmf: %d topics of %s merged into %d; model: %s%s",
        m.k(), model, reduced.k(), modelFile, reportNote));
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

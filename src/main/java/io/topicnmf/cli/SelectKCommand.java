package io.topicnmf.cli;

import io.topicnmf.eval.KSelection;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.KSweep;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.options.InvalidOptionException;
import io.topicnmf.report.Reports;
import io.topicnmf.report.SelectKPage;
import io.topicnmf.report.SelectKReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topicnmf select-k}: fits several k on one matrix, measures each and recommends one. */
@Command(
    name = "select-k",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Fits each number of topics given by -k/--k on the same matrix as fit would (same loss, same clustering) and "
          + "measures it: mean NPMI, UMass and C_V, diversity, objective, and the stability of its terms and of its "
          + "clusters across random subsamples (Greene, O'Callaghan & Cunningham 2014). "
          + "Recommends a k, prints a table and writes OUTPUT/select-k.json and OUTPUT/select-k.html (charts of the measures against k)."
    })
final class SelectKCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin CorpusArgument corpus;

  @Option(names = {"-k", "--k"}, defaultValue = "2:20", paramLabel = "START:END:STEP|K1,K2,...",
      description = "Candidate numbers of topics: a range with a step (ends included) or a list (default: ${DEFAULT-VALUE}).")
  String k;

  @Option(names = "--samples", defaultValue = "5",
      description = "Subsample fits per k for stability (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--sample-fraction", defaultValue = "0.8",
      description = "Share of the documents in each subsample (default: ${DEFAULT-VALUE}).")
  double sampleFraction;

  @Option(names = "--stability-terms", defaultValue = "20",
      description = "Top terms compared between runs for stability (default: ${DEFAULT-VALUE}).")
  int stabilityTerms;

  @Option(names = "--top-terms", defaultValue = "10",
      description = "Top terms per topic for NPMI and diversity (default: ${DEFAULT-VALUE}).")
  int topTerms;

  @Option(names = {"-o", "--output"}, defaultValue = "output", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}/); select-k.json is written there.")
  Path output;

  @Option(names = "--no-html", description = "Do not write OUTPUT/select-k.html (the measures against k as charts, the recommended k marked).")
  boolean noHtml;

  @Mixin TextFlags text;

  @Mixin NmfFlags nmfFlags;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    List<Integer> ks = parseKs(k);
    // fit's defaults, its loss included, so that every k is fitted as fit would fit it.
    FitOptions defaults = FitOptions.defaults(ks.get(0));
    FitOptions options = text.applyTo(defaults)
        .withNmf(nmfFlags.options(defaults.nmf(), common))
        .withTopTerms(topTerms);
    KSweep.Options sweep = new KSweep.Options(ks, samples, sampleFraction, stabilityTerms);
    Path in = corpus.existing(null);
    try (Outputs outputs = Outputs.open(output, in)) {
      Path jsonTarget = outputs.claim(output.resolve("select-k.json"), "select-k.json");
      Path pageTarget = outputs.claimPage(output, "select-k.html", noHtml);
      outputs.requireSpace(in, 0, FitCommand.SPACE_FIXED);
      return run(options, ks, sweep, in, outputs, jsonTarget, pageTarget);
    }
  }

  private int run(FitOptions options, List<Integer> ks, KSweep.Options sweep, Path in, Outputs outputs,
      Path jsonTarget, Path pageTarget) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = new Progress(err, Progress.mode(common.quiet));
    long t0 = System.nanoTime();
    PreparedCorpus prepared = new TopicModeler(options).prepare(in, outputs.excluded(), outputs.scratch(), progress);
    options = prepared.options(); // with --language auto, the language the documents were read in
    long t1 = System.nanoTime();
    int limit = KSweep.maxK(prepared, sampleFraction);
    if (ks.get(ks.size() - 1) > limit && !spec.commandLine().getParseResult().hasMatchedOption("--k")) {
      // The default range only: a range the user gave is an error naming the limit (KSweep.run).
      List<Integer> fitting = ks.stream().filter(c -> c <= limit).toList();
      if (!fitting.isEmpty()) {
        err.println("topicnmf: note: the corpus supports at most k = " + limit + " (subsamples of "
            + sampleFraction + "), so the default range " + k + " is cut to " + fitting + " (--k chooses)");
        ks = fitting;
        sweep = new KSweep.Options(ks, samples, sampleFraction, stabilityTerms);
      }
    }
    out.println(String.format(Locale.ROOT, "%5s  %9s  %9s  %9s  %9s  %9s  %9s  %12s  %8s",
        "k", "stability", "min", "clusters", "min", "mean NPMI", "diversity", "objective", "seconds"));
    out.flush();
    KSweep.Result result = KSweep.run(prepared, options, sweep, row -> {
      out.println(String.format(Locale.ROOT, "%5d  %9.4f  %9.4f  %9.4f  %9.4f  %9.4f  %9.4f  %12.6g  %8.1f",
          row.k(), row.stability(), row.stabilityMin(), row.clusterStability(), row.clusterStabilityMin(),
          row.meanNpmi(), row.diversity(), row.objective(), row.seconds()));
      out.flush();
    });
    long t2 = System.nanoTime();
    out.println("recommended k: " + result.recommendedK());
    String edgeNote = KSelection.edgeNote(result.recommendedK(), ks);
    if (edgeNote != null) out.println("note: " + edgeNote);
    out.flush();

    SelectKReport json = SelectKReport.of(prepared, options, sweep, result,
        new SelectKReport.Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9));
    outputs.write(() -> {
      Reports.write(json, jsonTarget);
      if (pageTarget != null) SelectKPage.write(json, pageTarget);
    });
    outputs.publish();
    Path file = output.resolve("select-k.json");
    Path page = pageTarget == null ? null : output.resolve("select-k.html");
    err.println(String.format(Locale.ROOT,
        "topicnmf: recommended k = %d among %s (%d documents, %d terms, %d fits) in %.1f s; report: %s",
        result.recommendedK(), ks, prepared.corpus().documents().size(), prepared.vocabulary().size(),
        ks.size() * (1 + samples), (t2 - t0) / 1e9, file) + (page != null ? ", page: " + page : ""));
    err.flush();
    return 0;
  }

  /**
   * Parses "4:40:4" (start:end:step, end included if reached), "4:40" (step 1), "5,10,20" or "10".
   *
   * @throws InvalidOptionException naming {@code k} (--k) and the accepted forms
   */
  static List<Integer> parseKs(String text) {
    String t = text.strip();
    String forms = "; give start:end:step (e.g. 4:40:4) or a list (e.g. 5,10,20) of numbers >= 1";
    List<Integer> ks = new ArrayList<>();
    try {
      if (t.contains(":")) {
        String[] p = t.split(":", -1);
        if (p.length < 2 || p.length > 3) throw new InvalidOptionException("k", "{k} '" + text + "' is not a range" + forms);
        int start = Integer.parseInt(p[0].strip());
        int end = Integer.parseInt(p[1].strip());
        int step = p.length == 3 ? Integer.parseInt(p[2].strip()) : 1;
        if (start < 1 || end < start || step < 1) {
          throw new InvalidOptionException("k", "{k} '" + text + "': need 1 <= start <= end and step >= 1" + forms);
        }
        for (long v = start; v <= end; v += step) ks.add((int) v);
      } else {
        for (String s : t.split(",")) {
          int v = Integer.parseInt(s.strip());
          if (v < 1) throw new InvalidOptionException("k", "{k} '" + text + "': " + v + " is below 1" + forms);
          if (ks.contains(v)) throw new InvalidOptionException("k", "{k} '" + text + "': " + v + " is repeated" + forms);
          ks.add(v);
        }
      }
    } catch (NumberFormatException e) {
      throw new InvalidOptionException("k", "{k} '" + text + "' is not understood" + forms);
    }
    if (ks.size() > 200) throw new InvalidOptionException("k", "{k} '" + text + "' gives " + ks.size() + " values, at most 200" + forms);
    ks.sort(null);
    return ks;
  }
}

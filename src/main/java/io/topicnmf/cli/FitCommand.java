package io.topicnmf.cli;

import io.topicnmf.matrix.io.MatrixExport;
import io.topicnmf.model.Clustering;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.Topic;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.report.LdaVis;
import io.topicnmf.report.FlatExports;
import io.topicnmf.report.Report;
import io.topicnmf.report.ReportPage;
import io.topicnmf.report.Reports;
import io.topicnmf.report.Snippets;
import io.topicnmf.report.ToolInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topicnmf fit}: a folder of documents in, {@code report.json} out. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Finds the topics of a folder of documents and writes OUTPUT/report.json, OUTPUT/model.json",
      "(the model, for 'topicnmf apply') and OUTPUT/report.html (the report as a page to explore in a browser).",
      "Without FOLDER it runs on the sample corpus shipped in corpora/sample."
    })
final class FitCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin CorpusArgument corpus;

  @Option(names = {"-k", "--topics"}, defaultValue = "10", description = "Number of topics (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = {"-o", "--output"}, defaultValue = "output", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}/); report.json and model.json are written there.")
  Path output;

  @Option(names = "--top-terms", defaultValue = "10", description = "Terms listed per topic (default: ${DEFAULT-VALUE}).")
  int topTerms;

  @Option(names = "--relevance", defaultValue = "auto", paramLabel = "auto|LAMBDA",
      description = "How each topic's terms are ranked. LAMBDA in [0, 1]: by LAMBDA·log p(w|t) + (1-LAMBDA)·log(p(w|t)/p(w)), p(w|t) from the terms' least-squares weights in the topic (documents' topic mixtures fixed); 1 ranks by that weight alone, lower favours terms specific to the topic. auto: for each topic, the ranking among 297 candidates (LAMBDA 0-1 by 0.1; least-squares weights, H's, or the counts of the topic's own documents; with or without a document-frequency floor) whose terms co-occur most in the documents (NPMI), among the lists found in at least a fifth as many of the topic's documents as the best-covering one, keeping the lists' diversity >= 0.85; the choice is in report.json's quality.ranking (default: ${DEFAULT-VALUE}).")
  String relevance;

  @Option(names = "--clusters", defaultValue = "kmeans", paramLabel = "kmeans|dominant",
      description = "How documents are put in the topics' clusters: kmeans (spherical k-means on the documents' TF-IDF rows, seeded with their dominant topics: each joins, among the topics it contains, the one whose documents it is most similar to; default) or dominant (the topic with the largest weight).")
  Clustering clusters;

  @Option(names = "--save-matrix", paramLabel = "DIR",
      description = "Also write the weighted matrix (matrix.mtx), raw counts (counts.mtx), terms (terms.txt) and document ids (documents.txt) there.")
  Path saveMatrix;

  @Option(names = "--ldavis", paramLabel = "FILE",
      description = "Also write the topics as LDAvis/pyLDAvis prepared-data JSON to FILE.")
  Path ldavis;

  @Option(names = "--no-html", description = "Do not write OUTPUT/report.html (the report as a self-contained page to explore in a browser).")
  boolean noHtml;

  @Mixin TextFlags text;

  @Mixin ReportFlags reportFlags;

  @Mixin NmfFlags nmfFlags;

  @Mixin BatchFlags batchFlags;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    FitOptions options = options();
    reportFlags.check();
    Path in = corpus.existing("topicnmf fit ~/papers");
    try (Outputs outputs = Outputs.open(output, in)) {
      Targets t = claim(outputs);
      outputs.requireSpace(in, saveMatrix != null ? SPACE_PER_INPUT_BYTE_WITH_MATRIX : SPACE_PER_INPUT_BYTE, SPACE_FIXED);
      return run(options, in, outputs, t);
    }
  }

  /** Rough size of the outputs per byte of input, measured on bbc (docs/design-notes.md, "Outputs published as one unit"). */
  static final double SPACE_PER_INPUT_BYTE = 0.25;
  static final double SPACE_PER_INPUT_BYTE_WITH_MATRIX = 1.0;
  static final long SPACE_FIXED = 1 << 20;

  /** Where each output of a fit is written (staging paths), claimed before reading. */
  record Targets(Path report, Path exports, Path page, Path ldavis, Path matrixDir, Path model) {}

  /** Claims every output, model.json last (it is renamed into place last when publishing). */
  private Targets claim(Outputs outputs) throws UserException {
    Path report = outputs.claim(output.resolve("report.json"), "report.json");
    Path exports = reportFlags.claimExports(outputs, output);
    Path page = outputs.claimPage(output, "report.html", noHtml);
    Path vis = ldavis == null ? null : outputs.claim(ldavis, "--ldavis");
    Path matrixDir = null;
    if (saveMatrix != null) {
      Path dir = outputs.folder(saveMatrix, "--save-matrix");
      for (String name : MatrixExport.FILES) {
        matrixDir = outputs.claim(dir.resolve(name), "--save-matrix " + name).getParent();
      }
    }
    Path model = outputs.claim(output.resolve("model.json"), "model.json");
    return new Targets(report, exports, page, vis, matrixDir, model);
  }

  private int run(FitOptions options, Path in, Outputs outputs, Targets t) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = new Progress(err, Progress.mode(common.quiet));
    PreparedCorpus prepared = new TopicModeler(options).prepare(in, outputs.excluded(), outputs.scratch(), progress);
    options = prepared.options(); // with --language auto, the language the documents were read in
    String kNote = null;
    int most = TopicModeler.maxTopics(prepared);
    if (options.nmf().k() > most && !spec.commandLine().getParseResult().hasMatchedOption("--topics")) {
      // The default k only: a k the user asked for is an error that names the limit (TopicModeler).
      kNote = "the corpus supports at most " + count(most, "topic") + ", so " + most
          + " were fitted instead of the default " + options.nmf().k() + " (-k chooses)";
      options = options.withTopics(most);
    }
    TopicModelResult result = reportFlags.named(new TopicModeler(options).fit(prepared, progress));
    Report report = reportFlags.report(result, "fit").withRunId(outputs.runId());
    int threads = options.nmf().threads();
    var formats = reportFlags.exportFormats();
    // Two halves of about the same work, written side by side when there are two threads:
    // report.json, which grows fastest with the documents, against the tables, the page (at most
    // ReportPage.MAX_DOCUMENTS documents) and the model (k rows of the vocabulary). At 199,170
    // documents report.json took 4.4 s and the rest 4.3 s (docs/design-notes.md, "Writing the
    // outputs of a large fit").
    // --ldavis and the page's intertopic map share one computation, by whichever half needs it first.
    var vis = LdaVis.once(result);
    outputs.write(threads, () -> {
      Reports.write(report, t.report());
      if (t.ldavis() != null) LdaVis.write(vis.get(), t.ldavis());
      if (t.matrixDir() != null) {
        MatrixExport.write(result.matrix(), result.counts(), result.vocabulary().terms(),
            result.documentIds(), t.matrixDir(), threads);
      }
    }, () -> {
      if (t.exports() != null) FlatExports.write(report, t.exports(), formats);
      if (t.page() != null) {
        ReportPage.write(report, vis, Snippets.of(prepared.corpus().documents(), ReportPage.quotedDocuments(report)), t.page());
      }
      ModelFiles.write(SavedModel.of(result, ToolInfo.current().version(), outputs.runId()), t.model());
    });
    outputs.publish();
    Path reportFile = output.resolve("report.json");
    Path modelFile = output.resolve("model.json");
    Path page = t.page() == null ? null : output.resolve("report.html");
    if (!common.quiet) printTopics(out, result);
    err.println(String.format(Locale.ROOT,
        "topicnmf: %s from %s (%d skipped, %d without terms), %s, %s in %.1f s; report: %s, model: %s",
        count(result.topics().size(), "topic"), count(result.corpus().documentsRead(), "document"),
        result.corpus().documentsSkipped(), result.corpus().documentsWithoutTerms(),
        count(result.corpus().terms(), "term"),
        result.factorization().converged() ? "converged" : "not converged",
        result.timings().totalSeconds(), reportFile, modelFile)
        + (page != null ? ", page: " + page : "")
        + (kNote != null ? "; note: " + kNote : "")
        + (result.corpus().language().mismatch() ? "; warning: " + result.corpus().language().advice() : ""));
    err.flush();
    return 0;
  }

  FitOptions options() throws UserException {
    FitOptions defaults = FitOptions.defaults(k);
    return text.applyTo(defaults)
        .withNmf(batchFlags.apply(nmfFlags.options(defaults.nmf(), common)))
        .withTopTerms(topTerms)
        .withRelevance(relevance())
        .withClusters(clusters);
  }

  /** {@code --relevance}: auto, or a number (range checked by {@link FitOptions}). */
  private double relevance() throws UserException {
    String v = relevance.trim();
    if (v.equalsIgnoreCase("auto")) return FitOptions.AUTO_RELEVANCE;
    try {
      double lambda = Double.parseDouble(v);
      if (!Double.isNaN(lambda)) return lambda;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserException("--relevance " + relevance + ": give auto or a number in [0, 1]");
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static void printTopics(PrintWriter out, TopicModelResult r) {
    for (Topic t : r.topics()) {
      out.printf(Locale.ROOT, "topic %2d  %4d docs  %s%n", t.id(), t.documents(),
          t.terms().stream().map(tw -> tw.surface()).collect(Collectors.joining(" ")));
    }
    out.flush();
  }
}

package io.topicnmf.cli;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.matrix.DfLimit;
import io.topicnmf.matrix.TfidfOptions;
import io.topicnmf.matrix.VocabularyOptions;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.Topic;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.report.Report;
import io.topicnmf.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code topicnmf fit}: a folder of documents in, {@code report.json} out. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Finds the topics of a folder of documents and writes OUTPUT/report.json.",
      "Without FOLDER it runs on the sample corpus shipped in corpora/sample."
    })
final class FitCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER",
      description = "Folder (read recursively) or single file. Default: the sample corpus.")
  Path input;

  @Option(names = {"-k", "--topics"}, defaultValue = "10", description = "Number of topics (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = {"-o", "--output"}, defaultValue = "output", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}/); report.json is written there.")
  Path output;

  @Option(names = "--top-terms", defaultValue = "10", description = "Terms listed per topic (default: ${DEFAULT-VALUE}).")
  int topTerms;

  @Option(names = "--min-df", defaultValue = "2", paramLabel = "N|SHARE",
      description = "Keep terms in at least N documents, or a share of them if written with a point (default: ${DEFAULT-VALUE}).")
  String minDf;

  @Option(names = "--max-df", defaultValue = "0.95", paramLabel = "N|SHARE",
      description = "Keep terms in at most N documents, or a share of them if written with a point (default: ${DEFAULT-VALUE}).")
  String maxDf;

  @Option(names = "--max-features", defaultValue = "0", paramLabel = "N",
      description = "Keep only the N most frequent terms (default: 0, no limit).")
  int maxFeatures;

  @Option(names = "--stopwords", paramLabel = "FILE",
      description = "More stop words, one a line, '#' comments (repeatable).")
  List<Path> stopwords = new ArrayList<>();

  @Option(names = "--no-default-stopwords", description = "Do not use the built-in English stop words.")
  boolean noDefaultStopwords;

  @Option(names = "--weighting", defaultValue = "tfidf", paramLabel = "tfidf|tf",
      description = "tfidf (default) or tf: raw counts, no idf, no normalisation.")
  TfidfOptions.Weighting weighting;

  @Option(names = "--idf", defaultValue = "smooth", paramLabel = "smooth|plain|none",
      description = "smooth: ln((1+n)/(1+df))+1 (default); plain: ln(n/df)+1; none.")
  TfidfOptions.Idf idf;

  @Option(names = "--sublinear-tf", description = "Use 1+ln(tf) instead of tf.")
  boolean sublinearTf;

  @Option(names = "--norm", defaultValue = "l2", paramLabel = "l2|l1|none",
      description = "Row normalisation of the weighted matrix (default: ${DEFAULT-VALUE}).")
  TfidfOptions.Norm norm;

  @Option(names = "--max-iter", defaultValue = "200", description = "Maximum NMF iterations (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(names = "--tol", defaultValue = "1e-4",
      description = "Stop when the objective's relative decrease falls below this (default: ${DEFAULT-VALUE}).")
  double tol;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    FitOptions options = options();
    Path in = input != null ? input : defaultCorpus();
    if (!Files.exists(in)) {
      throw new UserException("no such file or folder: " + in + " (give a folder of documents, e.g. 'topicnmf fit ~/papers')");
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = new Progress(err, Progress.mode(common.quiet));
    TopicModelResult result = new TopicModeler(options).fit(in, progress);
    Report report = Reports.of(result, "fit");
    Path reportFile = output.resolve("report.json");
    Reports.write(report, reportFile);
    if (!common.quiet) printTopics(out, result);
    err.println(String.format(Locale.ROOT,
        "topicnmf: %d topics from %d documents (%d skipped, %d without terms), %d terms, %s in %.1f s; report: %s",
        result.topics().size(), result.corpus().documentsRead(), result.corpus().documentsSkipped(),
        result.corpus().documentsWithoutTerms(), result.corpus().terms(),
        result.factorization().converged() ? "converged" : "not converged",
        result.timings().totalSeconds(), reportFile));
    err.flush();
    return 0;
  }

  FitOptions options() throws UserException {
    try {
      VocabularyOptions vocab = new VocabularyOptions(
          DfLimit.parse(minDf, "--min-df"), DfLimit.parse(maxDf, "--max-df"), maxFeatures);
      TfidfOptions w = new TfidfOptions(weighting, idf, sublinearTf, norm);
      for (Path p : stopwords) {
        if (!Files.isRegularFile(p)) {
          throw new UserException("--stopwords " + p + ": no such file");
        }
      }
      AnalysisOptions analysis = AnalysisOptions.defaults()
          .withDefaultStopwords(!noDefaultStopwords)
          .withStopwordFiles(stopwords);
      NmfOptions nmf = NmfOptions.defaults(k)
          .withMaxIter(maxIter)
          .withTol(tol)
          .withSeed(common.seed)
          .withThreads(common.threads());
      return FitOptions.defaults(k)
          .withVocabulary(vocab)
          .withWeighting(w)
          .withAnalysis(analysis)
          .withNmf(nmf)
          .withTopTerms(topTerms);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  static void printTopics(PrintWriter out, TopicModelResult r) {
    for (Topic t : r.topics()) {
      out.printf(Locale.ROOT, "topic %2d  %4d docs  %s%n", t.id(), t.documents(),
          t.terms().stream().map(tw -> tw.surface()).collect(Collectors.joining(" ")));
    }
    out.flush();
  }

  /** The sample corpus: under the installation folder the launcher names, else under the current folder. */
  static Path defaultCorpus() {
    String home = System.getProperty("topicnmf.home");
    Path base = home != null ? Path.of(home) : Path.of("");
    return base.resolve("corpora").resolve("sample");
  }
}

package io.topicnmf.cli;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixExport;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.report.Reports;
import io.topicnmf.report.ToolInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code topicnmf vectorize}: reads, analyses, counts and weights a folder exactly as {@code fit}
 * does, but stops before the factorization and writes the matrices, for users who factorize (or
 * classify, or cluster) elsewhere: {@code matrix.mtx} (the weighted matrix), {@code counts.mtx}
 * (raw counts), {@code terms.txt}, {@code documents.txt} (the files {@code fit --save-matrix}
 * writes) and {@code vectorize.json} (format {@value #FORMAT}: parameters, corpus statistics,
 * timings).
 */
@Command(
    name = "vectorize",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Reads, analyses and weights a folder of documents as fit does, without the factorization, and writes "
          + "OUTPUT/matrix.mtx (weighted, documents x terms), counts.mtx, terms.txt, documents.txt and vectorize.json.",
      "Without FOLDER it runs on the sample corpus shipped in corpora/sample."
    })
final class VectorizeCommand implements Callable<Integer> {
  /** Format tag of vectorize.json. */
  static final String FORMAT = "topicnmf-vectorize/1";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER",
      description = "Folder (read recursively) or single file. Default: the sample corpus.")
  Path input;

  @Option(names = {"-o", "--output"}, defaultValue = "output", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}/); the matrix files and vectorize.json are written there.")
  Path output;

  @Mixin TextFlags text;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    FitOptions options = options();
    Path in = input != null ? input : FitCommand.defaultCorpus();
    if (!Files.exists(in)) {
      throw new UserException("no such file or folder: " + in + " (give a folder of documents, e.g. 'topicnmf vectorize ~/papers')");
    }
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, Progress.mode(common.quiet));
    long t0 = System.nanoTime();
    PreparedCorpus p = new TopicModeler(options).prepare(in, progress);
    options = p.options(); // with --language auto, the language the documents were read in
    long t1 = System.nanoTime();
    writeMatrices(p, output, options.nmf().threads());
    long t2 = System.nanoTime();
    Path json = output.resolve("vectorize.json");
    Reports.write(summary(p, options, (t1 - t0) / 1e9, (t2 - t1) / 1e9), json);
    CsrMatrix x = p.matrix();
    int n = p.corpus().documents().size();
    err.println(String.format(Locale.ROOT,
        "topicnmf: %s x %s, %d non-zeros (%d skipped, %d without terms) in %.1f s; matrix: %s",
        FitCommand.count(n, "document"), FitCommand.count(x.cols(), "term"), x.nnz(),
        p.corpus().skipped().size(), n - p.documentsWithTerms(), (t2 - t0) / 1e9,
        output.resolve("matrix.mtx")));
    err.flush();
    return 0;
  }

  /** The text-stage options from the flags; the NMF part only carries {@code --threads}. */
  FitOptions options() throws UserException {
    try {
      FitOptions base = FitOptions.defaults(1);
      return text.applyTo(base).withNmf(base.nmf().withThreads(common.threads()));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Writes matrix.mtx, counts.mtx, terms.txt and documents.txt into {@code dir} ({@link MatrixExport}). */
  static void writeMatrices(PreparedCorpus p, Path dir, int threads) throws IOException {
    MatrixExport.write(p.matrix(), p.counts().counts(), p.vocabulary().terms(),
        p.corpus().documents().stream().map(io.topicnmf.corpus.Document::id).toList(), dir, threads);
  }

  /** The content of vectorize.json. */
  static Map<String, Object> summary(PreparedCorpus p, FitOptions options, double prepareSeconds, double writeSeconds) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("tool", ToolInfo.current());
    json.put("command", "vectorize");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("threads", options.nmf().threads());
    params.put("vocabulary", io.topicnmf.report.Parameters.of(options.vocabulary()));
    params.put("weighting", io.topicnmf.report.Parameters.of(options.weighting()));
    params.put("analysis", io.topicnmf.report.Parameters.of(options.analysis()));
    params.put("corpus", io.topicnmf.report.Parameters.of(options.corpus()));
    json.put("parameters", params);
    Map<String, Object> corpus = new LinkedHashMap<>();
    int n = p.corpus().documents().size();
    corpus.put("root", p.corpus().root());
    corpus.put("documentsRead", n);
    corpus.put("documentsSkipped", p.corpus().skipped().size());
    corpus.put("skipped", p.corpus().skipped());
    corpus.put("documentsWithoutTerms", n - p.documentsWithTerms());
    corpus.put("terms", p.vocabulary().size());
    corpus.put("nonZeros", p.matrix().nnz());
    corpus.put("pruning", p.counts().pruning());
    corpus.put("mailCleanup", p.corpus().mailCleanup());
    corpus.put("language", p.languageCheck());
    corpus.put("htmlBoilerplate", p.corpus().htmlBoilerplate());
    json.put("corpus", corpus);
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("matrix", "matrix.mtx");
    files.put("counts", "counts.mtx");
    files.put("terms", "terms.txt");
    files.put("documents", "documents.txt");
    json.put("files", files);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("readSeconds", p.readSeconds());
    timings.put("analysisSeconds", p.analysisSeconds());
    timings.put("matrixSeconds", p.matrixSeconds());
    timings.put("prepareSeconds", prepareSeconds);
    timings.put("writeSeconds", writeSeconds);
    timings.put("totalSeconds", prepareSeconds + writeSeconds);
    json.put("timings", timings);
    return json;
  }
}

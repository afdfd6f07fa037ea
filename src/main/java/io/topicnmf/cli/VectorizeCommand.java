package io.topicnmf.cli;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.io.MatrixExport;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.report.Reports;
import io.topicnmf.report.VectorizeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code topicnmf vectorize}: reads, analyses, counts and weights a folder exactly as {@code fit}
 * does, but stops before the factorization and writes the matrices, for users who factorize (or
 * classify, or cluster) elsewhere: {@code matrix.mtx} (the weighted matrix), {@code counts.mtx}
 * (raw counts), {@code terms.txt}, {@code documents.txt} (the files {@code fit --save-matrix}
 * writes) and {@code vectorize.json} ({@link VectorizeReport}: parameters, corpus statistics,
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
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin CorpusArgument corpus;

  @Option(names = {"-o", "--output"}, defaultValue = "output", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}/); the matrix files and vectorize.json are written there.")
  Path output;

  @Mixin TextFlags text;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    FitOptions options = options();
    Path in = corpus.existing("topicnmf vectorize ~/papers");
    try (Outputs outputs = Outputs.open(output, in)) {
      Path dir = null;
      for (String name : MatrixExport.FILES) dir = outputs.claim(output.resolve(name), name).getParent();
      Path jsonTarget = outputs.claim(output.resolve("vectorize.json"), "vectorize.json");
      outputs.requireSpace(in, FitCommand.SPACE_PER_INPUT_BYTE_WITH_MATRIX, FitCommand.SPACE_FIXED);
      return run(options, in, outputs, dir, jsonTarget);
    }
  }

  private int run(FitOptions options, Path in, Outputs outputs, Path dir, Path jsonTarget) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, Progress.mode(common.quiet));
    long t0 = System.nanoTime();
    PreparedCorpus p = new TopicModeler(options).prepare(in, outputs.excluded(), outputs.scratch(), progress);
    FitOptions used = p.options(); // with --language auto, the language the documents were read in
    long t1 = System.nanoTime();
    outputs.write(() -> writeMatrices(p, dir, used.nmf().threads()));
    long t2 = System.nanoTime();
    outputs.write(() -> Reports.write(VectorizeReport.of(p, used, (t1 - t0) / 1e9, (t2 - t1) / 1e9), jsonTarget));
    outputs.publish();
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
    FitOptions base = FitOptions.defaults(1);
    return text.applyTo(base).withNmf(base.nmf().withThreads(common.threads()));
  }

  /** Writes matrix.mtx, counts.mtx, terms.txt and documents.txt into {@code dir} ({@link MatrixExport}). */
  static void writeMatrices(PreparedCorpus p, Path dir, int threads) throws IOException {
    MatrixExport.write(p.matrix(), p.counts().counts(), p.vocabulary().terms(),
        p.corpus().documents().stream().map(io.topicnmf.corpus.Document::id).toList(), dir, threads);
  }

  /** A write that may fail with an IOException. */
  @FunctionalInterface
  private interface IoTask {
    void run() throws IOException;
  }
}

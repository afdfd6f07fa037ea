package io.topicnmf.spark;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.analysis.Language;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.corpus.ReadLimits;
import io.topicnmf.vectorize.DfLimit;
import io.topicnmf.vectorize.TfidfOptions;
import io.topicnmf.vectorize.VocabularyOptions;
import io.topicnmf.model.Clustering;
import io.topicnmf.model.FitOptions;
import io.topicnmf.nmf.Init;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.Solver;
import io.topicnmf.options.NamesParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark-submit --class io.topicnmf.spark.SparkFit topicnmf-spark.jar INPUT -o OUTPUT -k N}:
 * the topics of a corpus on a Spark cluster (or {@code local[*]}), written as the report.json and
 * model.json of {@code topicnmf fit}, plus every document's weights as Parquet.
 */
@Command(name = "topicnmf-spark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Fits topics on a Spark cluster: INPUT is any Hadoop path (a folder of text files, "
        + ".jsonl files, or Parquet with a text column); OUTPUT receives report.json, model.json "
        + "(for `topicnmf apply`) and documents.parquet.")
public final class SparkFit implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "INPUT", description = "Hadoop path of the corpus")
  String input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Hadoop path of the output folder")
  String output;

  @Option(names = {"-k", "--topics"}, defaultValue = "10", description = "number of topics (default: ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--format", defaultValue = "auto", description = "auto, text, jsonl or parquet (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--text-field", defaultValue = "text", description = "field of the text in .jsonl/Parquet records")
  String textField;

  @Option(names = "--id-field", description = "field of the record id (default FILE#N)")
  String idField;

  @Option(names = "--label-field", description = "field of the record label (default: the first sub-folder of a text file)")
  String labelField;

  @Option(names = "--min-df", defaultValue = "2", description = "keep terms in at least N documents, or that share (default: ${DEFAULT-VALUE})")
  String minDf;

  @Option(names = "--max-df", defaultValue = "0.95", description = "keep terms in at most N documents, or that share (default: ${DEFAULT-VALUE})")
  String maxDf;

  @Option(names = "--max-features", defaultValue = "0", description = "keep the N most frequent terms, 0 for all")
  int maxFeatures;

  @Option(names = "--language", defaultValue = "en", description = "analysis language, as topicnmf fit's")
  String language;

  @Option(names = "--stem", description = "none, light, porter, snowball, kstem (default: light for en, none otherwise)")
  String stem;

  @Option(names = "--ngrams", defaultValue = "1", description = "longest phrase, 1-3")
  int ngrams;

  @Option(names = "--stopwords", paramLabel = "FILE", description = "more stop words (a file on the driver), repeatable")
  List<Path> stopwords = new ArrayList<>();

  @Option(names = "--no-default-stopwords", description = "do not use the built-in list")
  boolean noDefaultStopwords;

  @Option(names = "--loss", defaultValue = "kl", description = "kl or frobenius (default: ${DEFAULT-VALUE})")
  String loss;

  @Option(names = "--max-iter", defaultValue = "200", description = "outer iterations at most (default: ${DEFAULT-VALUE})")
  int maxIter;

  @Option(names = "--tol", defaultValue = "1e-4", description = "relative tolerance, in topicnmf fit's rule (default: ${DEFAULT-VALUE} for either loss: the job's"
      + " H updates are HALS and multiplicative, not the KL coordinate descent that fit's --tol auto loosens)")
  double tol;

  @Option(names = "--seed", defaultValue = "0", description = "seed of the initialisation (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--top-terms", defaultValue = "10", description = "terms listed per topic (default: ${DEFAULT-VALUE})")
  int topTerms;

  @Option(names = "--relevance", defaultValue = "0.5", description = "λ of the term ranking (default: ${DEFAULT-VALUE})")
  double relevance;

  @Option(names = "--init-sample", defaultValue = "20000", description = "rows of the driver-side fit that starts H (default: ${DEFAULT-VALUE})")
  int initSample;

  @Option(names = "--partitions", defaultValue = "0", description = "repartition the input into N partitions (0: as read, spread over the default parallelism when it has fewer partitions)")
  int partitions;

  @Option(names = "--report-documents", defaultValue = "100000",
      description = "list documents and clusters in report.json up to this many documents; above it each cluster lists its strongest members, this many in all; all are in documents.parquet (default: ${DEFAULT-VALUE})")
  int reportDocuments;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  SparkSession session;

  public static void main(String[] args) {
    int code = new CommandLine(new SparkFit()).execute(args);
    System.exit(code);
  }

  /** Runs the job in an existing session (tests, notebooks); returns the exit code. */
  public static int run(SparkSession session, String... args) {
    SparkFit job = new SparkFit();
    job.session = session;
    return new CommandLine(job).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    FitOptions options;
    Inputs.Format fmt;
    try {
      if (partitions < 0) {
        throw new IllegalArgumentException("--partitions must be 0 (as read) or a positive count, got " + partitions);
      }
      if (reportDocuments < 0) {
        throw new IllegalArgumentException("--report-documents must be 0 or more, got " + reportDocuments);
      }
      options = options();
      fmt = Inputs.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("topicnmf-spark: " + message(e));
      return 2;
    }
    SparkSession spark = session != null ? session : SparkSession.builder().appName("topicnmf").getOrCreate();
    try {
      SparkJob.Summary s = new SparkJob(spark, options, quiet).run(input, fmt, output, initSample,
          partitions, reportDocuments);
      System.err.println("topicnmf-spark: " + s.line());
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("topicnmf-spark: " + message(e));
      return 2;
    } catch (Exception | OutOfMemoryError e) {
      String oom = outOfMemory(e, Runtime.getRuntime().maxMemory());
      if (oom == null) throw e;
      // Spark has logged the failed task; the last line says what to do, as the core's CLI does.
      System.err.println("topicnmf-spark: " + oom);
      return 1;
    } finally {
      if (session == null) spark.stop();
    }
  }

  /**
   * The one-line message for a job that ran out of heap ({@code e} or one of its causes is an
   * {@link OutOfMemoryError}, as Spark wraps a task's failure), or null for any other failure.
   */
  static String outOfMemory(Throwable e, long maxHeap) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        long mb = maxHeap >> 20;
        String more = mb >= 512 ? (2 * mb + 1023) / 1024 + "g" : Math.max(2 * mb, 64) + "m";
        return "out of memory (the JVM's heap holds at most " + mb + " MB): give the driver and the executors more"
            + " memory (spark-submit --driver-memory " + more + " --executor-memory " + more + "; in local mode java -Xmx"
            + more + "), or more partitions (--partitions) so that each task holds less";
      }
    }
    return null;
  }

  /**
   * The message of a refusal, the core's parameters written as this command's flags ({@code
   * minDf} → {@code --min-df}: every flag here is its parameter in kebab case).
   */
  static String message(IllegalArgumentException e) {
    if (e instanceof NamesParameters named) {
      return named.message(p -> "--" + p.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
    }
    return e.getMessage();
  }

  /** The options of the fit, validated by the core's records (messages name the flags). */
  FitOptions options() throws java.io.IOException {
    Language lang = Language.parse(language);
    if (lang == Language.AUTO) {
      throw new IllegalArgumentException("--language auto is not supported by the Spark job:"
          + " name the corpus language (en, de, fr, ...); the report's corpus.language says when"
          + " the text looks like another one");
    }
    Stemming st = stem == null ? FitOptions.defaultStem(lang) : Stemming.valueOf(stem.toUpperCase(Locale.ROOT));
    AnalysisOptions analysis = AnalysisOptions.defaults().withDefaultStopwords(!noDefaultStopwords)
        .withStopwordFiles(stopwords).withLanguage(lang).withStem(st).withNgrams(ngrams);
    CorpusOptions corpus = new CorpusOptions(false, false, false, false, textField, idField, labelField,
        ReadLimits.defaults());
    VocabularyOptions vocab = new VocabularyOptions(DfLimit.parse(minDf, "minDf"),
        DfLimit.parse(maxDf, "maxDf"), maxFeatures, List.of());
    Loss l = Loss.valueOf(loss.toUpperCase(Locale.ROOT));
    NmfOptions nmf = new NmfOptions(k, l, Solver.AUTO, Init.NNDSVDA, maxIter, tol, seed, 1, 0, 0, 0, false, 0);
    return new FitOptions(corpus, analysis, vocab, TfidfOptions.defaults(), nmf, topTerms, relevance,
        Clustering.DOMINANT);
  }
}

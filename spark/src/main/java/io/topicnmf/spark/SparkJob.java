package io.topicnmf.spark;

import io.topicnmf.analysis.LanguageCheck;
import io.topicnmf.corpus.Document;
import io.topicnmf.corpus.HtmlBoilerplate;
import io.topicnmf.corpus.MailCleanup;
import io.topicnmf.corpus.Skipped;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.model.CorpusStats;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.TermRanking;
import io.topicnmf.model.Timings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/** The stages of the Spark job, in order, with their timings. */
final class SparkJob {
  /** Documents the language check reads (as the core's check samples 200). */
  private static final int LANGUAGE_SAMPLE = 200;
  private final SparkSession spark;
  private final JavaSparkContext sc;
  private final FitOptions options;
  private final boolean quiet;

  SparkJob(SparkSession spark, FitOptions options, boolean quiet) {
    this.spark = spark;
    this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.options = options;
    this.quiet = quiet;
  }

  /** What the summary line says. */
  record Summary(int documents, int terms, long nonZeros, int k, int iterations, double objective, double seconds) {
    String line() {
      return String.format(Locale.ROOT, "%d documents, %d terms, %d non-zeros; k = %d, %d iterations,"
          + " objective %.6g; %.1f s", documents, terms, nonZeros, k, iterations, objective, seconds);
    }
  }

  Summary run(String input, Inputs.Format format, String output, int initSample, int partitions,
      int reportDocuments) throws IOException {
    long t0 = System.nanoTime();
    var c = options.corpus();
    JavaRDD<Inputs.Doc> docs = Inputs.read(spark, input, format, c.textField(), c.idField(), c.labelField());
    // Fewer partitions than task slots would leave cores idle in every pass of the fit (the records
    // of a file are numbered per file, so one .jsonl file is one partition): such input is spread
    // over the default parallelism.
    int spread = partitions > 0 ? partitions
        : docs.getNumPartitions() < sc.defaultParallelism() ? sc.defaultParallelism() : 0;
    if (spread > 0) docs = Inputs.inIdOrder(docs.repartition(spread));
    docs = docs.persist(StorageLevel.MEMORY_AND_DISK());
    List<Skipped> skipped = new ArrayList<>();
    for (Inputs.Doc d : docs.filter(d -> d.text() == null).collect()) skipped.add(new Skipped(d.id(), d.reason()));
    skipped.sort(java.util.Comparator.comparing(Skipped::path));
    // The language check the core reports (corpus.language), on the first documents of the input
    // (deterministic: partitions in order), taken on the driver.
    List<Document> sample = new ArrayList<>();
    for (Inputs.Doc d : docs.filter(d -> d.text() != null).take(LANGUAGE_SAMPLE)) {
      sample.add(new Document(d.id(), d.label(), d.text()));
    }
    LanguageCheck language = LanguageCheck.of(sample, options.analysis().language());
    long t1 = System.nanoTime();
    stage("read", t0, t1, skipped.size() + " skipped");

    JavaRDD<Vectorizing.Analysed> parts =
        Vectorizing.analyse(docs, new CoreAnalysis.Spec(options.analysis())).persist(StorageLevel.MEMORY_AND_DISK());
    int n = parts.map(p -> p.ids().length).fold(0, Integer::sum);
    docs.unpersist(false);
    if (n == 0) {
      throw new IllegalArgumentException("no usable document in " + input + " (" + skipped.size()
          + " files or records skipped; the job reads text files, .jsonl and Parquet)");
    }
    long t2 = System.nanoTime();
    stage("analyse", t1, t2, n + " documents");

    Vectorizing.Vocabulary vocab = Vectorizing.prune(Vectorizing.frequencies(parts), n, options.vocabulary());
    int m = vocab.terms().size();
    if (m == 0) {
      int byMin = vocab.pruning().removedByMinDf();
      int byMax = vocab.pruning().removedByMaxDf();
      String advice = byMax > 0 && byMin > 0 ? "try --min-df 1 and --max-df 1.0, or a larger corpus"
          : byMax > 0 ? "the documents share all their terms: try --max-df 1.0, or a larger, more varied corpus"
          : byMin > 0 ? "try --min-df 1 or a larger corpus"
          : "the documents hold no word once stop words, numbers and short tokens are removed";
      throw new IllegalArgumentException("no term is left after analysis and pruning in " + input + " ("
          + n + " documents, " + byMin + " terms below --min-df, " + byMax + " above --max-df): " + advice);
    }
    Map<String, Integer> col = new HashMap<>(m * 2);
    for (int j = 0; j < m; j++) col.put(vocab.terms().get(j), j);
    Broadcast<Map<String, Integer>> columns = sc.broadcast(col);
    double[] idf = Vectorizing.idf(vocab.df(), n, options.weighting());
    Broadcast<double[]> idfs = sc.broadcast(idf);
    JavaRDD<Block> blocks = Vectorizing.blocks(parts, columns, idfs, options.weighting())
        .persist(StorageLevel.MEMORY_AND_DISK());
    long[] shape = blocks.map(b -> {
      long empty = 0;
      for (int i = 0; i < b.rows(); i++) if (b.rowPtr[i + 1] == b.rowPtr[i]) empty++;
      return new long[] {b.rowPtr[b.rows()], empty};
    }).fold(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    Map<String, String> surfaces = options.analysis().transformsTerms()
        ? Vectorizing.surfaceForms(parts, columns) : Map.of();
    parts.unpersist(false);
    int withTerms = n - (int) shape[1];
    int k = options.nmf().k();
    if (k > Math.min(withTerms, m)) {
      throw new IllegalArgumentException("-k/--topics " + k + " is larger than the " + withTerms
          + " usable documents and " + m + " terms of " + input + ": choose k <= " + Math.min(withTerms, m));
    }
    long t3 = System.nanoTime();
    stage("matrix", t2, t3, n + " x " + m + ", " + shape[0] + " non-zeros");

    DistributedNmf.Result fit = DistributedNmf.fit(sc, blocks, options.nmf(), initSample,
        (it, f, undone) -> progress(String.format(Locale.ROOT, "nmf: iteration %d, objective %.9g%s", it, f,
            undone ? " (above the last: this pass is undone)" : "")));
    long t4 = System.nanoTime();
    stage("nmf", t3, t4, fit.iterations() + " iterations" + (fit.undone() > 0 ? " (" + fit.undone()
        + " more passes undone)" : "") + ", objective " + fit.objective());

    double xx = squaredNorm(blocks);
    int[][] topIds = topTerms(blocks, fit.h(), vocab.terms(), m);
    // The clusters of topics that split one theme merged as fit --clusters dominant merges them.
    int[] clusterOfTopic = Topics.mergedClusters(fit.blocks(), idfs, k, m);
    // Above --report-documents each cluster lists its strongest members, at most as many in all as
    // the report would list documents, shared by the clusters a merge did not empty.
    int kept = (int) java.util.Arrays.stream(clusterOfTopic).distinct().count();
    Topics.Described d = Topics.describe(fit, topIds, vocab.terms(), surfaces, n <= reportDocuments,
        reportDocuments / kept, m, clusterOfTopic);
    CorpusStats stats = new CorpusStats(input, n, skipped.size(), skipped, n - withTerms, m, shape[0],
        vocab.pruning(), MailCleanup.NONE, language, HtmlBoilerplate.NONE);
    long t5 = System.nanoTime();
    Timings timings = new Timings(sec(t0, t1), sec(t1, t2), sec(t2, t3), sec(t3, t4), sec(t4, t5), sec(t0, t5));
    Outputs.write(spark, output, options, stats, timings, fit, d, vocab, idf, xx);
    stage("topics", t4, System.nanoTime(), "report written to " + output);
    blocks.unpersist(false);
    fit.unpersist();
    return new Summary(n, m, shape[0], k, fit.iterations(), fit.objective(), sec(t0, System.nanoTime()));
  }

  /** ‖X‖², for the relative error. */
  private static double squaredNorm(JavaRDD<Block> blocks) {
    return blocks.map(b -> {
      double s = 0;
      for (float v : b.x) s += (double) v * v;
      return s;
    }).fold(0.0, Double::sum);
  }

  /** Each topic's top terms by the core's ranking ({@code --relevance}). */
  private int[][] topTerms(JavaRDD<Block> blocks, io.topicnmf.matrix.DenseMatrix h, List<String> terms, int m) {
    double[] colSums = blocks.treeAggregate(new double[m], (a, b) -> {
      for (int p = 0; p < b.x.length; p++) a[b.colIdx[p]] += b.x[p];
      return a;
    }, (a, b) -> {
      for (int j = 0; j < a.length; j++) a[j] += b[j];
      return a;
    }, 2);
    // p(w) of the ranking is a term's share of X: one row holding X's column sums gives the same.
    int[] cs = new int[m];
    for (int j = 0; j < m; j++) cs[j] = j;
    return TermRanking.top(h, new CsrMatrix(1, m, new int[] {0, m}, cs, colSums),
        Math.min(options.topTerms(), m), options.relevance(), terms);
  }

  private void stage(String name, long from, long to, String what) {
    progress(String.format(Locale.ROOT, "%-8s %6.1f s  %s", name, sec(from, to), what));
  }

  private void progress(String line) {
    if (!quiet) System.err.println("topicnmf-spark: " + line);
  }

  private static double sec(long a, long b) {
    return (b - a) / 1e9;
  }
}

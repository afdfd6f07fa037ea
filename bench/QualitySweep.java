import io.topicnmf.analysis.Stemming;
import io.topicnmf.vectorize.TfidfOptions;
import io.topicnmf.model.Clustering;
import io.topicnmf.model.FitListener;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicModeler;
import io.topicnmf.nmf.Init;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.TracePoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Topic quality of {@code fit} against NMF settings, with the corpus read and analysed once: the
 * measurements behind docs/design-notes.md, "Default options of fit" (convergence, initialisation,
 * stemming and row norm re-measured). It prepares CORPUS with fit's default text options changed
 * by TEXT, then fits k topics once per FIT spec exactly as {@code topicnmf fit} does ({@link
 * TopicModeler#fit(PreparedCorpus, FitListener)}: NMF, the final re-solve of W, relevance-ranked
 * terms, coherence and agreement with the folders) and prints one line per fit: iterations, NMI,
 * ARI, mean NPMI, diversity, final objective, documents whose cluster is not their dominant topic
 * (moved), wall and process CPU seconds of the fit (the first
 * fit of a JVM includes JIT warm-up). Run with Java's single-file source launcher:
 *
 * <pre>
 * java -cp target/topicnmf.jar bench/QualitySweep.java CORPUS K TEXT FIT...
 *   TEXT  comma-separated key=value over fit's defaults, or "": stem=none|light|kstem|porter|snowball,
 *         sub=0|1 (sublinear tf), idf=smooth|plain|none, norm=l2|l1|none, ngrams=1|2|3,
 *         lambda=X (relevance λ of the listed terms), mail=auto|headers|none (mail clean-up: fit's
 *         automatic rule, mail headers only, or off)
 *   FIT   comma-separated key=value over fit's NMF defaults, or "": tol=1e-5, maxIter=60,
 *         init=nndsvd|nndsvda|nndsvdar|random, seed=1, loss=kl|frobenius, clusters=kmeans|dominant,
 *         trace=FILE (writes "iteration seconds objective")
 * e.g. java -cp target/topicnmf.jar bench/QualitySweep.java ../shared/corpora/bbc 5 stem=none tol=1e-4 tol=1e-5 tol=0,maxIter=60
 * </pre>
 *
 * <p>{@code tol=0,maxIter=N} runs exactly N iterations, so a list of them traces quality along one
 * optimisation path (the path does not depend on maxIter).
 */
public final class QualitySweep {
  private QualitySweep() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: QualitySweep CORPUS K TEXT FIT...");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    int k = Integer.parseInt(args[1]);
    FitOptions options = FitOptions.defaults(k);
    TfidfOptions w = options.weighting();
    for (Map.Entry<String, String> e : parse(args[2]).entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case "stem" -> options = options.withAnalysis(options.analysis().withStem(Stemming.valueOf(v.toUpperCase(Locale.ROOT))));
        case "sub" -> w = w.withSublinearTf(v.equals("1"));
        case "lambda" -> options = options.withRelevance(Double.parseDouble(v));
        case "numbers" -> options = options.withAnalysis(options.analysis().withKeepNumbers(v.equals("1")));
        case "ngrams" -> options = options.withAnalysis(options.analysis().withNgrams(Integer.parseInt(v)));
        case "idf" -> w = w.withIdf(TfidfOptions.Idf.valueOf(v.toUpperCase(Locale.ROOT)));
        case "norm" -> w = w.withNorm(TfidfOptions.Norm.valueOf(v.toUpperCase(Locale.ROOT)));
        case "mail" -> options = options.withCorpus(switch (v) {
          case "auto" -> options.corpus();
          case "headers" -> options.corpus().withAutoMailCleanup(false).withStripMailHeaders(true).withStripQuotes(false);
          case "none" -> options.corpus().withAutoMailCleanup(false).withStripMailHeaders(false).withStripQuotes(false);
          default -> throw new IllegalArgumentException("mail=auto|headers|none, got " + v);
        });
        default -> throw new IllegalArgumentException("unknown TEXT key " + e.getKey());
      }
    }
    options = options.withWeighting(w);
    PreparedCorpus prepared = new TopicModeler(options).prepare(corpus, FitListener.NONE);
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int i = 3; i < args.length; i++) {
      NmfOptions n = options.nmf();
      Clustering clusters = options.clusters();
      String traceFile = null;
      for (Map.Entry<String, String> e : parse(args[i]).entrySet()) {
        String v = e.getValue();
        switch (e.getKey()) {
          case "tol" -> n = n.withTol(Double.parseDouble(v));
          case "maxIter" -> n = n.withMaxIter(Integer.parseInt(v));
          case "init" -> n = n.withInit(Init.valueOf(v.toUpperCase(Locale.ROOT)));
          case "seed" -> n = n.withSeed(Long.parseLong(v));
          case "loss" -> n = n.withLoss(Loss.valueOf(v.toUpperCase(Locale.ROOT)));
          case "clusters" -> clusters = Clustering.valueOf(v.toUpperCase(Locale.ROOT));
          case "trace" -> {
            n = n.withTrace(true);
            traceFile = v;
          }
          default -> throw new IllegalArgumentException("unknown FIT key " + e.getKey());
        }
      }
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      TopicModelResult r = new TopicModeler(options.withNmf(n).withClusters(clusters)).fit(prepared, FitListener.NONE);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      NmfResult f = r.factorization();
      if (traceFile != null) {
        try (PrintWriter out = new PrintWriter(traceFile, "UTF-8")) {
          for (TracePoint p : f.trace()) {
            out.printf(Locale.ROOT, "%d %.4f %.6f%n", p.iteration(), p.seconds(), p.objective());
          }
        }
      }
      var ev = r.evaluation();
      long moved = r.documents().stream()
          .filter(d -> d.cluster() != null && !d.cluster().equals(d.dominantTopic())).count();
      System.out.printf(Locale.ROOT,
          "text=[%s] fit=[%s] iterations=%d nmi=%.4f ari=%.4f npmi=%.4f diversity=%.2f objective=%.2f moved=%d fit_s=%.2f cpu_s=%.2f%n",
          args[2], args[i], f.iterations(), ev == null ? Double.NaN : ev.nmi(), ev == null ? Double.NaN : ev.ari(),
          r.quality().meanNpmi(), r.quality().diversity(), f.objective(), moved, wall, cpu);
    }
  }

  private static Map<String, String> parse(String spec) {
    Map<String, String> m = new LinkedHashMap<>();
    if (spec.isBlank()) {
      return m;
    }
    for (String kv : spec.split(",")) {
      int eq = kv.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, got " + kv);
      }
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return m;
  }
}

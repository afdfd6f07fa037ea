import io.topicnmf.analysis.Stemming;
import io.topicnmf.model.FitListener;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.TopicModeler;
import java.nio.file.Path;

/**
 * Library use in a long-running JVM: prepares (reads, analyses, counts and weights) the same corpus
 * several times in one process with the text options of the bench's {@code topicnmf vectorize
 * --stem none},
 * and prints the read, analysis and matrix seconds of each run. The first run is as cold as the
 * command line's; the later ones show the JIT-compiled speed a server or notebook gets from the
 * second corpus on. Run by bench/analysis_vs_sklearn.sh (Java's single-file source launcher):
 *
 * <pre>java -cp target/topicnmf.jar bench/WarmVectorize.java CORPUS RUNS THREADS</pre>
 */
public final class WarmVectorize {
  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    int runs = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    FitOptions base = FitOptions.defaults(1);
    // As the bench's command line: no stemming (TfidfVectorizer does none).
    FitOptions options = base.withNmf(base.nmf().withThreads(threads))
        .withAnalysis(base.analysis().withStem(Stemming.NONE));
    for (int r = 1; r <= runs; r++) {
      PreparedCorpus p = new TopicModeler(options).prepare(corpus, FitListener.NONE);
      System.out.printf(java.util.Locale.ROOT,
          "{\"run\": %d, \"readSeconds\": %.4f, \"analysisSeconds\": %.4f, \"matrixSeconds\": %.4f, \"nonZeros\": %d}%n",
          r, p.readSeconds(), p.analysisSeconds(), p.matrixSeconds(), p.matrix().nnz());
    }
  }
}

import io.topicnmf.eval.Coherence;
import io.topicnmf.model.FitListener;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.Topic;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicModeler;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the coherence of a report costs inside {@code fit}: fits CORPUS with k topics (default
 * options), then times, in the same JVM, NPMI + UMass alone ({@code Coherence.compute(counts,
 * top)}) and with C_V ({@code compute(counts, top, texts)}), RUNS times each after 3 warm-up
 * calls, and prints the medians next to the whole fit's time.
 *
 * <pre>java -cp target/topicnmf.jar bench/CoherenceCost.java CORPUS K [RUNS]</pre>
 */
public final class CoherenceCost {
  private CoherenceCost() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    int k = Integer.parseInt(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    TopicModeler modeler = new TopicModeler(FitOptions.defaults(k));
    PreparedCorpus p = modeler.prepare(corpus, FitListener.NONE);
    TopicModelResult r = modeler.fit(p, FitListener.NONE);
    int[][] top = new int[r.topics().size()][];
    for (Topic t : r.topics()) {
      top[t.id()] = t.terms().stream().mapToInt(tw -> p.vocabulary().id(tw.term())).toArray();
    }
    double[] direct = new double[runs];
    double[] withCv = new double[runs];
    for (int i = -3; i < runs; i++) {
      long t0 = System.nanoTime();
      Coherence.compute(p.counts().counts(), top);
      long t1 = System.nanoTime();
      Coherence.compute(p.counts().counts(), top, p.texts());
      long t2 = System.nanoTime();
      if (i >= 0) {
        direct[i] = (t1 - t0) / 1e6;
        withCv[i] = (t2 - t1) / 1e6;
      }
    }
    Arrays.sort(direct);
    Arrays.sort(withCv);
    System.out.printf(java.util.Locale.ROOT,
        "%s k=%d: %d documents, %d tokens; NPMI+UMass %.2f ms, with C_V %.2f ms (medians of %d);"
            + " whole fit %.2f s (topics stage %.3f s)%n",
        corpus, k, p.corpus().documents().size(), p.texts().columns().length, direct[runs / 2],
        withCv[runs / 2], runs, r.timings().totalSeconds(), r.timings().topicsSeconds());
  }
}

import io.topicnmf.model.FitOptions;
import io.topicnmf.model.TopicModel;
import io.topicnmf.model.TopicModelResult;
import io.topicnmf.model.TopicModeler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The library's {@code TopicModel.transform} on texts in memory: fits a model to CORPUS (default
 * options, K topics), then times {@code transform(String)} (ROUNDS rounds of 200 calls, one text
 * each) and one {@code transform(List)} of 1000 texts. Shows the set-up every call pays (the
 * model's vocabulary index, H and the analysis chain) against the per-text cost of a batch.
 *
 * <pre>java -cp target/topicnmf.jar bench/TransformTime.java CORPUS K ROUNDS</pre>
 */
public final class TransformTime {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    TopicModelResult r = new TopicModeler(FitOptions.defaults(Integer.parseInt(args[1]))).fit(Path.of(args[0]));
    TopicModel model = TopicModel.of(r);
    System.out.printf(Locale.ROOT, "fit %.1f s, %d documents, %d terms, k = %d%n", (System.nanoTime() - t0) / 1e9,
        r.documents().size(), r.vocabulary().size(), model.k());
    String text = "The government announced new taxes on the banks while the striker scored in the final.";
    for (int round = 0; round < Integer.parseInt(args[2]); round++) {
      long s = System.nanoTime();
      int n = 200;
      for (int i = 0; i < n; i++) model.transform(text);
      System.out.printf(Locale.ROOT, "round %d: transform(String) %.2f ms per call%n", round, (System.nanoTime() - s) / 1e6 / n);
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) texts.add(text + " " + i);
    long s = System.nanoTime();
    model.transform(texts);
    System.out.printf(Locale.ROOT, "transform(List) of 1000 texts: %.1f ms%n", (System.nanoTime() - s) / 1e6);
  }
}

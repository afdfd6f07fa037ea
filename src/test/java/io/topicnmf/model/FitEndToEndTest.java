package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The whole pipeline on the shipped sample corpus: every folder must come out as its own topic. */
class FitEndToEndTest {
  private static final Path SAMPLE = Path.of("corpora", "sample");

  @Test
  void eachSampleFolderIsDominatedByOneTopic() throws IOException {
    TopicModelResult r = new TopicModeler(FitOptions.defaults(10)).fit(SAMPLE);
    assertEquals(70, r.corpus().documentsRead());
    assertEquals(0, r.corpus().documentsSkipped());
    assertEquals(10, r.topics().size());

    Map<String, Map<Integer, Integer>> byLabel = new TreeMap<>();
    for (DocumentTopics d : r.documents()) {
      byLabel.computeIfAbsent(d.label(), l -> new HashMap<>()).merge(d.dominantTopic(), 1, Integer::sum);
    }
    assertEquals(10, byLabel.size(), byLabel.toString());
    Map<Integer, String> topicOwner = new HashMap<>();
    for (var e : byLabel.entrySet()) {
      var top = e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      assertTrue(top.getValue() >= 6, "folder " + e.getKey() + " is split across topics: " + e.getValue());
      String other = topicOwner.put(top.getKey(), e.getKey());
      assertEquals(null, other, "topic " + top.getKey() + " dominates both " + other + " and " + e.getKey());
    }
    assertTrue(r.factorization().relativeError() < 1.0);
    // On the sample the clusters are the dominant topics: k-means moves no document.
    for (DocumentTopics d : r.documents()) assertEquals(d.dominantTopic(), d.cluster(), d.id());
    assertEquals(1.0, r.evaluation().nmi(), 1e-12);
    // clusters hold every assigned document once, strongest first
    int members = r.clusters().stream().mapToInt(c -> c.documents().size()).sum();
    assertEquals(70, members);
    for (Cluster c : r.clusters()) {
      for (int i = 1; i < c.documents().size(); i++) {
        assertTrue(c.documents().get(i - 1).strength() >= c.documents().get(i).strength());
      }
    }
  }

  @Test
  void sameSeedGivesSameTopicsWhateverTheThreads() throws IOException {
    FitOptions one = FitOptions.defaults(10).withNmf(FitOptions.defaults(10).nmf().withThreads(1));
    FitOptions two = FitOptions.defaults(10).withNmf(FitOptions.defaults(10).nmf().withThreads(2));
    TopicModelResult a = new TopicModeler(one).fit(SAMPLE);
    TopicModelResult b = new TopicModeler(two).fit(SAMPLE);
    assertEquals(a.topics(), b.topics());
    assertEquals(a.documents(), b.documents());
  }
}

package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit whose k-means merged clusters ({@link DocumentClusters#MERGE_COSINE}): the report's
 * clusters, {@code clusterOfTopic} in model.json, and apply placing documents as fit did.
 */
class MergedClustersModelTest {
  @TempDir Path tmp;

  private static final String[][] THEMES = {
    {"cats", "cat kitten whiskers purr meow feline fur paws litter tabby"},
    {"cars", "car engine wheels brake tyre motor garage fuel driver clutch"},
    {"rain", "rain cloud storm thunder umbrella weather drizzle forecast wind puddle"},
  };

  /** Three themes of 40 documents of 30 words drawn from the theme's ten: four topics split one. */
  private Path corpus() throws IOException {
    Path root = tmp.resolve("train");
    SplittableRandom rnd = new SplittableRandom(3);
    for (String[] t : THEMES) {
      Path dir = Files.createDirectories(root.resolve(t[0]));
      String[] w = t[1].split(" ");
      for (int d = 0; d < 40; d++) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) b.append(w[rnd.nextInt(w.length)]).append(' ');
        Files.writeString(dir.resolve("d" + d + ".txt"), b.toString(), StandardCharsets.UTF_8);
      }
    }
    return root;
  }

  private TopicModelResult fit() throws IOException {
    return new TopicModeler(FitOptions.defaults(4)).fit(corpus());
  }

  private static int[] clusters(TopicModelResult r) {
    return r.documents().stream().mapToInt(DocumentTopics::cluster).toArray();
  }

  @Test
  void twoTopicsOfOneThemeShareACluster() throws IOException {
    TopicModelResult fit = fit();
    // Topics 2 and 3 split one theme: its documents are all in cluster 3, cluster 2 is empty.
    assertEquals(List.of(2), fit.clusters().get(3).mergedTopics());
    assertTrue(fit.clusters().get(2).documents().isEmpty());
    assertEquals(0, fit.topics().get(2).documents());
    assertEquals(1.0, fit.evaluation().nmi(), 1e-12);
    for (int t : List.of(0, 1, 2)) assertTrue(fit.clusters().get(t).mergedTopics().isEmpty());
    // A member's strength is its share of the cluster's two topics.
    for (Cluster.Member m : fit.clusters().get(3).documents()) {
      DocumentTopics d = fit.documents().stream().filter(x -> x.id().equals(m.id())).findFirst().orElseThrow();
      assertEquals(d.weights().get(2) + d.weights().get(3), m.strength(), 1e-12);
    }
  }

  @Test
  void theModelRecordsEachTopicsClusterAndApplyPlacesTheTrainingDocumentsAsFitDid() throws IOException {
    TopicModelResult fit = fit();
    SavedModel model = SavedModel.of(fit, "test");
    assertEquals(List.of(0, 1, 3, 3), model.clusterOfTopic());
    Path file = tmp.resolve("model.json");
    ModelFiles.write(model, file);
    assertTrue(Files.readString(file).contains("\"clusterOfTopic\""));
    SavedModel loaded = ModelFiles.read(file);
    assertEquals(List.of(0, 1, 3, 3), loaded.clusterOfTopic());
    assertEquals(model.withRunId("r").clusterOfTopic(), loaded.clusterOfTopic());
    TopicModelResult applied = ModelApplier.apply(loaded, tmp.resolve("train"), 1, FitListener.NONE);
    assertArrayEquals(clusters(fit), clusters(applied));
    assertEquals(List.of(2), applied.clusters().get(3).mergedTopics());
  }

  /**
   * Planted themes as bench/corpora/planted.py writes them (smaller): 8 themes of 60 made-up
   * words, a 400-word background; a document is 65 % its theme's words, 15 % another theme's, 20 %
   * background, 120–200 words drawn Zipf-like.
   */
  private Path plantedCorpus() throws IOException {
    Path root = tmp.resolve("planted");
    SplittableRandom rnd = new SplittableRandom(11);
    int themes = 8;
    for (int d = 0; d < 480; d++) {
      int main = d % themes;
      int other = (main + 1 + rnd.nextInt(themes - 1)) % themes;
      int n = 120 + rnd.nextInt(81);
      StringBuilder b = new StringBuilder();
      for (int q = 0; q < n; q++) {
        double u = rnd.nextDouble();
        String word = u < 0.65 ? word("t" + (char) ('a' + main), zipf(rnd, 60))
            : u < 0.8 ? word("t" + (char) ('a' + other), zipf(rnd, 60)) : word("bg", zipf(rnd, 400));
        b.append(word).append(' ');
      }
      Path dir = Files.createDirectories(root.resolve("theme" + main));
      Files.writeString(dir.resolve("d" + d + ".txt"), b.toString(), StandardCharsets.UTF_8);
    }
    return root;
  }

  /** A made-up word: the prefix and the rank spelt in letters (no digits, which analysis drops). */
  private static String word(String prefix, int rank) {
    return prefix + "x" + (char) ('a' + rank / 26 / 26 % 26) + (char) ('a' + rank / 26 % 26) + (char) ('a' + rank % 26);
  }

  private static int zipf(SplittableRandom rnd, int n) {
    double total = 0;
    for (int r = 0; r < n; r++) total += 1.0 / (r + 1);
    double u = rnd.nextDouble() * total;
    for (int r = 0; r < n; r++) {
      u -= 1.0 / (r + 1);
      if (u < 0) return r;
    }
    return n - 1;
  }

  @Test
  void applyNeedsClusterOfTopicForDocumentsOfMergedAwayTopicsOnly() throws IOException {
    Path corpus = plantedCorpus();
    TopicModelResult fit = new TopicModeler(FitOptions.defaults(16)).fit(corpus);
    SavedModel model = SavedModel.of(fit, "test");
    // Twice as many topics as themes: the split themes' clusters are merged, one cluster a theme.
    assertTrue(model.clusterOfTopic() != null);
    assertEquals(1.0, fit.evaluation().nmi(), 1e-9);
    Path file = tmp.resolve("planted.json");
    ModelFiles.write(model, file);
    TopicModelResult applied = ModelApplier.apply(ModelFiles.read(file), corpus, 1, FitListener.NONE);
    assertArrayEquals(clusters(fit), clusters(applied));
    Path old = tmp.resolve("planted-old.json");
    edited(file, old, root -> root.remove("clusterOfTopic"));
    TopicModelResult without = ModelApplier.apply(ModelFiles.read(old), corpus, 1, FitListener.NONE);
    int differ = 0;
    for (int i = 0; i < clusters(fit).length; i++) if (clusters(fit)[i] != clusters(without)[i]) differ++;
    assertTrue(differ > 0, "documents of merged-away topics only");
  }

  @Test
  void dominantTopicsClustersAreMergedTooAndApplyPlacesTheTrainingDocumentsAsFitDid() throws IOException {
    FitOptions options = FitOptions.defaults(4).withClusters(Clustering.DOMINANT);
    TopicModelResult fit = new TopicModeler(options).fit(corpus());
    assertNull(fit.centroids());
    // Topics 2 and 3 split one theme: their documents are in one cluster, the theme's.
    List<Integer> absorbed = new java.util.ArrayList<>();
    for (Cluster c : fit.clusters()) absorbed.addAll(c.mergedTopics());
    assertEquals(1, absorbed.size(), "one cluster merged into another");
    assertEquals(1.0, fit.evaluation().nmi(), 1e-12);
    for (DocumentTopics d : fit.documents()) {
      if (d.dominantTopic() != null && d.dominantTopic().equals(absorbed.get(0))) {
        assertTrue(d.cluster() != d.dominantTopic().intValue(), d.id() + " is in the cluster its topic went to");
      }
    }
    SavedModel model = SavedModel.of(fit, "test");
    assertNull(model.centroids());
    assertTrue(model.clusterOfTopic() != null);
    assertTrue(model.clusterOfTopic().get(absorbed.get(0)) != absorbed.get(0).intValue());
    Path file = tmp.resolve("dominant.json");
    ModelFiles.write(model, file);
    SavedModel loaded = ModelFiles.read(file);
    assertEquals(Clustering.DOMINANT, loaded.options().clusters());
    assertEquals(model.clusterOfTopic(), loaded.clusterOfTopic());
    TopicModelResult applied = ModelApplier.apply(loaded, tmp.resolve("train"), 1, FitListener.NONE);
    assertArrayEquals(clusters(fit), clusters(applied));
    for (int t = 0; t < 4; t++) assertEquals(fit.clusters().get(t).mergedTopics(), applied.clusters().get(t).mergedTopics());
    // Without clusterOfTopic (a model of an earlier version) the absorbed topic keeps its documents.
    Path old = tmp.resolve("dominant-old.json");
    edited(file, old, root -> root.remove("clusterOfTopic"));
    TopicModelResult without = ModelApplier.apply(ModelFiles.read(old), tmp.resolve("train"), 1, FitListener.NONE);
    assertTrue(without.topics().get(absorbed.get(0)).documents() > 0);
  }

  @Test
  void dominantTopicsOfThePlantedCorpusGetTheClustersOfFitBackFromApply() throws IOException {
    Path corpus = plantedCorpus();
    TopicModelResult fit = new TopicModeler(FitOptions.defaults(16).withClusters(Clustering.DOMINANT)).fit(corpus);
    SavedModel model = SavedModel.of(fit, "test");
    int merged = 0;
    for (int t = 0; t < 16; t++) if (model.clusterOfTopic().get(t) != t) merged++;
    assertTrue(merged >= 1, "twice as many topics as themes: some clusters merge");
    Path file = tmp.resolve("planted-dominant.json");
    ModelFiles.write(model, file);
    TopicModelResult applied = ModelApplier.apply(ModelFiles.read(file), corpus, 1, FitListener.NONE);
    assertArrayEquals(clusters(fit), clusters(applied));
    assertEquals(fit.evaluation().nmi(), applied.evaluation().nmi(), 1e-12);
  }

  @Test
  void aModelWithoutMergesLeavesTheFieldOut() throws IOException {
    TopicModelResult fit = new TopicModeler(FitOptions.defaults(3)).fit(corpus());
    for (Cluster c : fit.clusters()) assertTrue(c.mergedTopics().isEmpty());
    SavedModel model = SavedModel.of(fit, "test");
    assertNull(model.clusterOfTopic());
    Path file = tmp.resolve("model3.json");
    ModelFiles.write(model, file);
    assertFalse(Files.readString(file).contains("clusterOfTopic"));
  }

  @Test
  void aBadClusterOfTopicIsRefused() throws IOException {
    TopicModelResult fit = fit();
    Path file = tmp.resolve("model.json");
    ModelFiles.write(SavedModel.of(fit, "test"), file);
    List<Consumer<ObjectNode>> edits = List.of(
        root -> ((ArrayNode) root.get("clusterOfTopic")).remove(0),
        root -> ((ArrayNode) root.get("clusterOfTopic")).set(1, 7),
        root -> ((ArrayNode) root.get("clusterOfTopic")).set(1, -1),
        root -> ((ArrayNode) root.get("clusterOfTopic")).set(0, 2)); // 2 points to 3, not to itself
    for (Consumer<ObjectNode> edit : edits) {
      Path bad = tmp.resolve("bad.json");
      edited(file, bad, edit);
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(bad));
      assertTrue(e.getMessage().contains("clusterOfTopic"), e.getMessage());
    }
  }

  @Test
  void aReducedModelKeepsPointingAMergedAwayClusterWhereItWent() throws IOException {
    SavedModel model = SavedModel.of(fit(), "test");
    // Reduced to 3 topics the two halves of the split theme become one topic: nothing left to point.
    SavedModel three = TopicReduction.reduce(model, 3);
    assertNull(three.clusterOfTopic());
    Path file = tmp.resolve("reduced.json");
    ModelFiles.write(three, file);
    TopicModelResult applied = ModelApplier.apply(ModelFiles.read(file), tmp.resolve("train"), 1, FitListener.NONE);
    assertEquals(1.0, applied.evaluation().nmi(), 1e-12);
  }

  @Test
  void aReducedDominantTopicsModelJoinsTheSplitThemeInOneTopic() throws IOException {
    SavedModel model = SavedModel.of(new TopicModeler(FitOptions.defaults(4).withClusters(Clustering.DOMINANT)).fit(corpus()), "test");
    assertTrue(model.clusterOfTopic() != null);
    SavedModel three = TopicReduction.reduce(model, 3);
    assertNull(three.clusterOfTopic());
    assertNull(three.centroids());
    Path file = tmp.resolve("reduced-dominant.json");
    ModelFiles.write(three, file);
    TopicModelResult applied = ModelApplier.apply(ModelFiles.read(file), tmp.resolve("train"), 1, FitListener.NONE);
    assertEquals(1.0, applied.evaluation().nmi(), 1e-12);
  }

  private static void edited(Path from, Path to, Consumer<ObjectNode> edit) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(from.toFile());
    edit.accept(root);
    mapper.writeValue(to.toFile(), root);
  }
}

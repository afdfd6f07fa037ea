package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.vectorize.DfLimit;
import io.topicnmf.nmf.Loss;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save → load → apply: the model reproduces the fit, and new documents are handled as documented. */
class SavedModelTest {
  @TempDir Path tmp;

  private static final String[][] THEMES = {
    {"cats", "cat kitten whiskers purr meow feline fur paws litter tabby"},
    {"cars", "car engine wheels brake tyre motor garage fuel driver clutch"},
    {"rain", "rain cloud storm thunder umbrella weather drizzle forecast wind puddle"},
  };

  /** Three themed folders of six documents each, with a few shared words. */
  private Path corpus() throws IOException {
    Path root = tmp.resolve("train");
    for (String[] t : THEMES) {
      Path dir = Files.createDirectories(root.resolve(t[0]));
      String[] w = t[1].split(" ");
      for (int d = 0; d < 6; d++) {
        StringBuilder b = new StringBuilder("today morning ");
        for (int i = 0; i < 25 + 3 * d; i++) b.append(w[(i * (d + 2) + d) % w.length]).append(' ');
        if (d % 2 == 0) b.append("cat car rain ");
        Files.writeString(dir.resolve("d" + d + ".txt"), b.toString(), StandardCharsets.UTF_8);
      }
    }
    return root;
  }

  private FitOptions options(Loss loss) throws IOException {
    Path stop = tmp.resolve("stop.txt");
    Files.writeString(stop, "# extra stop words\ntoday\nmorning\n");
    FitOptions o = FitOptions.defaults(3);
    return o.withAnalysis(o.analysis().withStem(Stemming.PORTER).withNgrams(2).withStopwordFiles(List.of(stop)))
        .withVocabulary(o.vocabulary().withMinDf(DfLimit.count(1)))
        .withNmf(o.nmf().withLoss(loss).withThreads(2));
  }

  /** Saves {@code fit}'s model to {@code file} with {@code edit} applied to its JSON (an older or altered file). */
  private static void saveEdited(TopicModelResult fit, Path file, Consumer<ObjectNode> edit) throws IOException {
    ModelFiles.write(SavedModel.of(fit, "test"), file);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
    edit.accept(root);
    mapper.writeValue(file.toFile(), root);
  }

  @Test
  void saveLoadApplyReproducesTheTrainingWeights() throws IOException {
    for (Loss loss : Loss.values()) {
      Path train = corpus();
      TopicModelResult fit = new TopicModeler(options(loss)).fit(train);
      Path file = tmp.resolve("m-" + loss + "/model.json");
      SavedModel saved = SavedModel.of(fit, "test");
      ModelFiles.write(saved, file);
      Files.delete(tmp.resolve("stop.txt")); // apply must not need the stop-word file any more
      SavedModel loaded = ModelFiles.read(file);

      assertEquals(SavedModel.FORMAT, loaded.format());
      assertEquals(fit.options(), loaded.options());
      assertEquals(fit.vocabulary().terms(), loaded.terms());
      assertEquals(fit.idf(), loaded.idf());
      assertEquals(List.of("today", "morning"), loaded.extraStopwords());
      assertArrayEquals(fit.factorization().h().data(), loaded.h().toDense().data(), "H is stored exactly");
      assertArrayEquals(fit.centroids().data(), loaded.centroids().toDense().data(), "centroids too");
      assertEquals(DocumentClusters.TF_POWER, loaded.centroidTfPower(), "and the space they are in");

      TopicModelResult applied = ModelApplier.apply(loaded, train, 1, FitListener.NONE);
      assertEquals(fit.documents().size(), applied.documents().size());
      for (int i = 0; i < fit.documents().size(); i++) {
        DocumentTopics a = fit.documents().get(i);
        DocumentTopics b = applied.documents().get(i);
        assertEquals(a.id(), b.id());
        assertEquals(a.dominantTopic(), b.dominantTopic(), a.id());
        assertEquals(a.cluster(), b.cluster(), a.id() + ": the saved centroids place it in its cluster again");
        for (int t = 0; t < 3; t++) {
          double x = a.weights().get(t);
          double y = b.weights().get(t);
          assertTrue(Math.abs(x - y) <= 1e-3 * Math.max(x, 1e-3), loss + " " + a.id() + " topic " + t + ": " + x + " vs " + y);
        }
      }
      assertEquals(fit.topics().stream().map(Topic::terms).toList(), applied.topics().stream().map(Topic::terms).toList());
      assertEquals(fit.factorization().objective(), applied.factorization().objective(), 1e-6 * fit.factorization().objective());
      Files.writeString(tmp.resolve("stop.txt"), "today\nmorning\n");
    }
  }

  @Test
  void everyValueOfHIsReadBackBitForBit() throws IOException {
    TopicModelResult fit = new TopicModeler(options(Loss.FROBENIUS)).fit(corpus());
    SavedModel m = SavedModel.of(fit, "test");
    // H's columns hold values chosen to stress the fast double writer: subnormals, extremes,
    // integers, 0.1 + 0.2, -0.0, then random magnitudes and random bit patterns.
    double[] special = {0.0, -0.0, 1.0, 2.0, 12345678.0, 0.1 + 0.2, 1.0 / 3, 1e-300, 1e300, 1e23, 2e23, 5e-324,
        Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, Math.nextUp(1.0), 1e-3, 1e7};
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    int cols = m.terms().size();
    List<SavedModel.SparseRows.Row> rows = new java.util.ArrayList<>();
    List<Double> all = new java.util.ArrayList<>();
    for (int t = 0; t < m.h().rows(); t++) {
      int[] idx = new int[cols];
      double[] val = new double[cols];
      for (int j = 0; j < cols; j++) {
        idx[j] = j;
        int q = t * cols + j;
        val[j] = q < special.length ? special[q] : switch (q % 4) {
          case 0 -> random.nextDouble();
          case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-320, 309));
          case 2 -> Double.longBitsToDouble(random.nextLong() >>> 12); // subnormal
          default -> Double.longBitsToDouble(random.nextLong() >>> 2); // positive, finite
        };
        all.add(val[j]);
      }
      rows.add(new SavedModel.SparseRows.Row(idx, val));
    }
    SavedModel edited = new SavedModel(m.format(), m.toolVersion(), m.runId(), m.options(), m.mailCleanup(),
        m.extraStopwords(), m.documents(), m.terms(), m.idf(), m.topics(),
        new SavedModel.SparseRows(m.h().rows(), cols, rows), m.centroids(), m.reduction(), m.ranking(),
        m.centroidTfPower(), m.clusterOfTopic());
    Path file = tmp.resolve("bits/model.json");
    ModelFiles.write(edited, file);
    List<SavedModel.SparseRows.Row> read = ModelFiles.read(file).h().data();
    int q = 0;
    for (SavedModel.SparseRows.Row r : read) {
      for (double v : r.values()) {
        double expected = all.get(q++);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(v), expected + " read back as " + v);
      }
    }
    assertEquals(all.size(), q);
  }

  @Test
  void documentsWithOnlyUnknownWordsAreFlagged() throws IOException {
    TopicModelResult fit = new TopicModeler(options(Loss.FROBENIUS)).fit(corpus());
    SavedModel model = SavedModel.of(fit, "test");
    Path fresh = Files.createDirectories(tmp.resolve("new"));
    Files.writeString(fresh.resolve("known.txt"), "kitten purr whiskers tabby and a mysterious zeppelin");
    Files.writeString(fresh.resolve("unknown.txt"), "zeppelin quasar marmalade xylophone");
    TopicModelResult r = ModelApplier.apply(model, fresh, 2, FitListener.NONE);
    DocumentTopics known = r.documents().stream().filter(d -> d.id().equals("known.txt")).findFirst().orElseThrow();
    DocumentTopics unknown = r.documents().stream().filter(d -> d.id().equals("unknown.txt")).findFirst().orElseThrow();
    assertEquals(ModelApplier.NO_KNOWN_TERMS, unknown.note());
    assertNull(unknown.dominantTopic());
    assertTrue(unknown.weights().isEmpty());
    assertNull(known.note());
    String catsTopic = fit.topics().stream().filter(t -> "cats".equals(t.majorityLabel())).findFirst().orElseThrow().id() + "";
    assertEquals(catsTopic, known.dominantTopic() + "");
    assertEquals(1, r.corpus().documentsWithoutTerms());
  }

  @Test
  void optionsMissingFromAnOlderModelTakeTheirDefaults() throws IOException {
    TopicModelResult fit = new TopicModeler(options(Loss.FROBENIUS)).fit(corpus());
    Path file = tmp.resolve("old.json");
    saveEdited(fit, file, root -> {
      ((ObjectNode) root.get("options").get("corpus")).remove("textField");
      ((ObjectNode) root.get("options").get("analysis")).remove("keepUrls");
    });
    SavedModel m = ModelFiles.read(file);
    assertEquals(fit.options(), m.options());
    assertEquals(Stemming.PORTER, m.options().analysis().stem(), "stored values are kept");
  }

  @Test
  void optionValuesAreWrittenAsTheCommandLineSpellsThemAndUpperCaseStillLoads() throws IOException {
    TopicModelResult fit = new TopicModeler(options(Loss.KL)).fit(corpus());
    Path file = tmp.resolve("model.json");
    saveEdited(fit, file, root -> {
      JsonNode opts = root.get("options");
      assertEquals("porter", opts.get("analysis").get("stem").asText());
      assertEquals("en", opts.get("analysis").get("language").asText());
      assertEquals("kl", opts.get("nmf").get("loss").asText());
      assertEquals("nndsvda", opts.get("nmf").get("init").asText());
      assertEquals("l2", opts.get("weighting").get("norm").asText());
      // A model written before values were lower-cased.
      ((ObjectNode) opts.get("analysis")).put("stem", "PORTER");
      ((ObjectNode) opts.get("nmf")).put("loss", "KL");
    });
    SavedModel m = ModelFiles.read(file);
    assertEquals(fit.options(), m.options());
  }

  @Test
  void clustersFollowTheDocumentsClusterFieldEverywhereInTheResult() throws IOException {
    TopicModelResult fit = new TopicModeler(options(Loss.KL)).fit(corpus());
    int[] sizes = new int[3];
    java.util.Map<Integer, java.util.Set<String>> members = new java.util.HashMap<>();
    for (DocumentTopics d : fit.documents()) {
      sizes[d.cluster()]++;
      members.computeIfAbsent(d.cluster(), c -> new java.util.HashSet<>()).add(d.id());
      assertEquals(d.weights().get(d.dominantTopic()), d.strength(), 0.0);
      assertTrue(d.weights().get(d.cluster()) >= DocumentClusters.MIN_SHARE, "a topic the document contains");
    }
    for (Cluster c : fit.clusters()) {
      assertEquals(members.getOrDefault(c.topic(), java.util.Set.of()),
          c.documents().stream().map(Cluster.Member::id).collect(java.util.stream.Collectors.toSet()));
      assertEquals(sizes[c.topic()], fit.topics().get(c.topic()).documents());
      assertEquals(sizes[c.topic()], fit.evaluation().table().get(c.topic()).stream().mapToInt(Integer::intValue).sum());
    }
    // The clusters are the fixed point of k-means on X's rows with damped term frequencies, seeded
    // with the dominant topics.
    int[] dominant = fit.documents().stream().mapToInt(DocumentTopics::dominantTopic).toArray();
    int[] expected;
    double[] idf = fit.idf().stream().mapToDouble(Double::doubleValue).toArray();
    try (var w = io.topicnmf.parallel.Workers.sequential()) {
      expected = DocumentClusters.kmeans(DocumentClusters.space(fit.matrix(), idf, DocumentClusters.TF_POWER), dominant,
          DocumentClusters.topicsContained(fit.factorization().w()), 3, w).assignment();
    }
    assertArrayEquals(expected, fit.documents().stream().mapToInt(DocumentTopics::cluster).toArray());
  }

  @Test
  void aModelWrittenBeforeTheCentroidsSpaceWasRecordedPlacesNewDocumentsOnXItself() throws IOException {
    // Such models' centroids are of k-means on X's rows; apply compares new documents' rows of X
    // with them, so the training documents land in the clusters k-means on X gave them.
    TopicModelResult fit = new TopicModeler(options(Loss.KL)).fit(corpus());
    int[] dominant = fit.documents().stream().mapToInt(DocumentTopics::dominantTopic).toArray();
    DocumentClusters.Result onX;
    try (var w = io.topicnmf.parallel.Workers.sequential()) {
      onX = DocumentClusters.kmeans(fit.matrix(), dominant, DocumentClusters.topicsContained(fit.factorization().w()), 3, w);
    }
    SavedModel m = SavedModel.of(fit, "test");
    SavedModel old = new SavedModel(m.format(), m.toolVersion(), m.runId(), m.options(), m.mailCleanup(),
        m.extraStopwords(), m.documents(), m.terms(), m.idf(), m.topics(), m.h(),
        SavedModel.SparseRows.of(onX.centroids()), null, m.ranking(), null);
    Path file = tmp.resolve("old-space.json");
    ModelFiles.write(old, file);
    assertTrue(!Files.readString(file).contains("centroidTfPower"));
    assertTrue(Files.readString(tmp.resolve("old-space.json")).contains("centroids"));
    SavedModel loaded = ModelFiles.read(file);
    assertEquals(1.0, loaded.clusterTfPower());
    TopicModelResult applied = ModelApplier.apply(loaded, corpus(), 1, FitListener.NONE);
    assertArrayEquals(onX.assignment(), applied.documents().stream().mapToInt(DocumentTopics::cluster).toArray());
  }

  @Test
  void clustersByDominantTopicSaveNoCentroidsAndModelsWithoutThemApplyThatWay() throws IOException {
    TopicModelResult dominant = new TopicModeler(options(Loss.KL).withClusters(Clustering.DOMINANT)).fit(corpus());
    for (DocumentTopics d : dominant.documents()) assertEquals(d.dominantTopic(), d.cluster());
    assertNull(dominant.centroids());
    Path file = tmp.resolve("dominant.json");
    ModelFiles.write(SavedModel.of(dominant, "test"), file);
    assertTrue(!Files.readString(file).contains("centroids"));
    assertEquals(Clustering.DOMINANT, ModelFiles.read(file).options().clusters());

    // A k-means model whose file has lost its centroids (as models written before them) falls
    // back to dominant topics, and says so in its options.
    TopicModelResult kmeans = new TopicModeler(options(Loss.KL)).fit(corpus());
    Path old = tmp.resolve("old-kmeans.json");
    saveEdited(kmeans, old, root -> {
      assertEquals("kmeans", root.get("options").get("clusters").asText());
      root.remove("centroids");
      ((ObjectNode) root.get("options")).remove("clusters");
    });
    SavedModel loaded = ModelFiles.read(old);
    assertEquals(Clustering.DOMINANT, loaded.options().clusters());
    TopicModelResult applied = ModelApplier.apply(loaded, corpus(), 1, FitListener.NONE);
    for (DocumentTopics d : applied.documents()) assertEquals(d.dominantTopic(), d.cluster());
  }

  @Test
  void anEmptyFileOrJsonThatIsNotAnObjectIsRefusedAsAModelFormatError() throws IOException {
    // Found by ModelFilesFuzzTest: a 0-byte model.json ended in a NullPointerException.
    Path empty = tmp.resolve("empty.json");
    Files.write(empty, new byte[0]);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(empty));
    assertTrue(e.getMessage().contains("is empty") && e.getMessage().contains(empty.toString()), e.getMessage());

    // Found by ModelFilesFuzzTest: zero bytes first made Jackson read the file as UTF-32 and end in
    // an encoding error (exit 1, "cannot read or write") instead of a model format error (exit 2).
    for (byte[] bytes : List.of(new byte[] {0, 0, 0, '{', '}'}, new byte[64], new byte[] {'{', '"', (byte) 0xE9, '"', '}'},
        "\0\0{\"format\":\"topicnmf-model/1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      Path f = tmp.resolve("zeros.json");
      Files.write(f, bytes);
      e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(f));
      assertTrue(e.getMessage().startsWith(f + " is not a topicnmf model"), e.getMessage());
    }

    for (String json : List.of("[1, 2]", "42", "\"text\"", "null", "   \n")) {
      Path f = tmp.resolve("not-object.json");
      Files.writeString(f, json);
      e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(f), json);
      assertTrue(e.getMessage().contains("not a topicnmf model") || e.getMessage().contains("is empty"),
          e.getMessage());
    }
  }

  @Test
  void badModelFilesFailWithAClearMessage() throws IOException {
    Path garbage = tmp.resolve("garbage.json");
    Files.writeString(garbage, "this is not json");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(garbage));
    assertTrue(e.getMessage().contains("not a topicnmf model"), e.getMessage());

    Path report = tmp.resolve("report.json");
    Files.writeString(report, "{\"format\": \"topicnmf-report/1\", \"topics\": []}");
    e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(report));
    assertTrue(e.getMessage().contains("topicnmf-report/1"), e.getMessage());

    TopicModelResult fit = new TopicModeler(options(Loss.FROBENIUS)).fit(corpus());
    SavedModel good = SavedModel.of(fit, "test");
    SavedModel shortIdf = new SavedModel(good.format(), good.toolVersion(), good.runId(), good.options(), good.mailCleanup(),
        good.extraStopwords(), good.documents(), good.terms(), good.idf().subList(1, good.idf().size()),
        good.topics(), good.h(), good.centroids(), null, null, good.centroidTfPower());
    Path bad = tmp.resolve("bad.json");
    ModelFiles.write(shortIdf, bad);
    e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(bad));
    assertTrue(e.getMessage().contains("idf"), e.getMessage());

    SavedModel.SparseRows c = good.centroids();
    SavedModel fewCentroids = new SavedModel(good.format(), good.toolVersion(), good.runId(), good.options(), good.mailCleanup(),
        good.extraStopwords(), good.documents(), good.terms(), good.idf(), good.topics(), good.h(),
        new SavedModel.SparseRows(c.rows() - 1, c.cols(), c.data().subList(1, c.rows())), null, null,
        good.centroidTfPower());
    Path badCentroids = tmp.resolve("bad-centroids.json");
    ModelFiles.write(fewCentroids, badCentroids);
    e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(badCentroids));
    assertTrue(e.getMessage().contains("centroids"), e.getMessage());

    Path badPower = tmp.resolve("bad-power.json");
    saveEdited(fit, badPower, root -> root.put("centroidTfPower", -2.0));
    e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(badPower));
    assertTrue(e.getMessage().contains("centroidTfPower"), e.getMessage());

    assertThrows(java.nio.file.NoSuchFileException.class, () -> ModelFiles.read(tmp.resolve("none.json")));
  }
}

package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.NmfOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library API for texts in memory ({@link TopicModeler#fitTexts}, {@link TopicModel}): the same
 * topics as a fit of the folder the texts come from, transform reproducing a training text's
 * weights, save/load through {@code model.json}, and k set once.
 */
class TopicModelTest {
  private static final Path SAMPLE = Path.of("corpora/sample");

  /** The sample corpus's files in the reader's walk order, as (id, label, text). */
  private static List<TextDocument> sample;
  private static TopicModelResult folderFit;
  private static TopicModel memoryFit;

  @TempDir Path tmp;

  private static FitOptions options() {
    return FitOptions.defaults(10).withNmf(n -> n.withThreads(2));
  }

  @BeforeAll
  static void fitBoth() throws IOException {
    sample = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        Path rel = SAMPLE.relativize(f);
        String label = rel.getNameCount() > 1 ? rel.getName(0).toString() : null;
        sample.add(new TextDocument(rel.toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8),
            label, Map.of("file", f.getFileName().toString())));
      }
    }
    folderFit = new TopicModeler(options()).fit(SAMPLE);
    memoryFit = new TopicModeler(options()).fitDocuments(sample);
  }

  @Test
  void textsInMemoryGiveTheTopicsOfTheFolder() {
    TopicModelResult mem = memoryFit.training().orElseThrow();
    assertEquals(folderFit.corpus().documentsRead(), mem.corpus().documentsRead());
    assertEquals(folderFit.documentIds(), mem.documentIds());
    assertEquals(folderFit.vocabulary().terms(), mem.vocabulary().terms());
    assertEquals(folderFit.topics().size(), memoryFit.topics().size());
    for (int t = 0; t < folderFit.topics().size(); t++) {
      // Same terms and the same weights: the same code ran on the same text.
      assertEquals(folderFit.topics().get(t).terms(), memoryFit.topics().get(t).terms());
      assertEquals(folderFit.topics().get(t), mem.topics().get(t));
    }
    assertEquals(folderFit.documents(), memoryFit.documents());
    assertEquals(folderFit.evaluation(), mem.evaluation()); // the labels given are used as folder labels
  }

  @Test
  void plainStringsGiveTheSameTopicsNumberedByPosition() throws IOException {
    List<String> texts = sample.stream().map(TextDocument::text).toList();
    TopicModel m = new TopicModeler(options()).fitTexts(texts);
    for (int t = 0; t < m.k(); t++) {
      assertEquals(folderFit.topics().get(t).terms(), m.topics().get(t).terms());
    }
    assertEquals(texts.size(), m.documents().size());
    for (int i = 0; i < texts.size(); i++) {
      DocumentTopics d = m.documents().get(i);
      assertEquals(Integer.toString(i), d.id());
      assertNull(d.label());
      assertEquals(folderFit.documents().get(i).weights(), d.weights());
    }
    assertNull(m.training().orElseThrow().evaluation());
  }

  @Test
  void transformOfATrainingTextReproducesItsWeights() {
    List<DocumentTopics> batch = memoryFit.transformDocuments(sample);
    for (int i = 0; i < sample.size(); i++) {
      DocumentTopics fitted = memoryFit.documents().get(i);
      DocumentTopics one = memoryFit.transform(sample.get(i).text());
      assertEquals("0", one.id());
      assertClose(fitted, one);
      assertClose(fitted, batch.get(i));
      assertEquals(sample.get(i).id(), batch.get(i).id());
      assertEquals(sample.get(i).label(), batch.get(i).label());
    }
  }

  /** Same dominant topic and cluster, weights equal within 1e-6 of the largest. */
  private static void assertClose(DocumentTopics expected, DocumentTopics actual) {
    assertEquals(expected.dominantTopic(), actual.dominantTopic(), expected.id());
    assertEquals(expected.cluster(), actual.cluster(), expected.id());
    assertEquals(expected.weights().size(), actual.weights().size());
    double scale = expected.weights().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    for (int t = 0; t < expected.weights().size(); t++) {
      double e = expected.weights().get(t);
      double a = actual.weights().get(t);
      assertTrue(Math.abs(a - e) <= 1e-6 * scale, expected.id() + " topic " + t + ": " + a + " vs " + e);
    }
  }

  @Test
  void saveLoadKeepsTheModelAndApplyReadsTheFile() throws IOException {
    Path file = tmp.resolve("out/model.json");
    memoryFit.save(file);
    TopicModel loaded = TopicModel.load(file);
    // Loaded and saved again, the file is byte for byte the same (doubles in round-trip form).
    Path again = tmp.resolve("again.json");
    loaded.save(again);
    assertEquals(Files.readString(file), Files.readString(again));
    assertTrue(java.util.Arrays.equals(memoryFit.training().orElseThrow().factorization().h().data(),
        loaded.saved().h().toDense().data()));
    assertEquals(memoryFit.k(), loaded.k());
    assertEquals(memoryFit.options(), loaded.options());
    assertEquals(memoryFit.topics(), loaded.topics());
    assertTrue(loaded.training().isEmpty());
    assertTrue(loaded.documents().isEmpty());
    List<String> texts = sample.stream().map(TextDocument::text).toList();
    assertEquals(memoryFit.transform(texts), loaded.transform(texts));
    assertEquals(memoryFit.transform(texts), loaded.withThreads(1).transform(texts));

    // The file is the one `topicnmf apply --model` reads: applying it to the folder gives the
    // training documents their weights.
    TopicModelResult applied = ModelApplier.apply(ModelFiles.read(file), SAMPLE, 2, FitListener.NONE);
    for (int i = 0; i < sample.size(); i++) {
      assertClose(memoryFit.documents().get(i), applied.documents().get(i));
    }
  }

  @Test
  void textsWithoutTopicsSayWhyAndKeepTheirPlace() {
    List<DocumentTopics> r = memoryFit.transformDocuments(List.of(
        TextDocument.of("blank", "   "),
        new TextDocument("x", "zzqx qqvv wwpt", "none", Map.of()),
        TextDocument.of("chess", sample.stream().filter(d -> "chess".equals(d.label())).findFirst().orElseThrow().text())));
    assertEquals(List.of("blank", "x", "chess"), r.stream().map(DocumentTopics::id).toList());
    assertEquals("empty text", r.get(0).note());
    assertNull(r.get(0).dominantTopic());
    assertEquals(ModelApplier.NO_KNOWN_TERMS, r.get(1).note());
    assertEquals("none", r.get(1).label());
    assertNull(r.get(1).cluster());
    assertFalse(r.get(2).weights().isEmpty());
    assertEquals("empty text", memoryFit.transform("").note());
    assertEquals(List.of(), memoryFit.transform(List.of()));
  }

  @Test
  void idsMustBeUniqueAndTheErrorNamesId() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> memoryFit.transformDocuments(
        List.of(TextDocument.of("a", "chess opening"), TextDocument.of("b", "x"), TextDocument.of("a", "y"))));
    assertTrue(e.getMessage().startsWith("id 'a' is given to the documents at positions 0 and 2"), e.getMessage());
    // A document numbered by its position collides with an id "1" given to another.
    assertThrows(IllegalArgumentException.class, () -> new TopicModeler(options())
        .fitDocuments(List.of(TextDocument.of("1", "a"), TextDocument.of("b"))));
    assertThrows(IllegalArgumentException.class, () -> new TextDocument("id", null, null, null));
  }

  @Test
  void unusableTextsFailWithWhatToDo() {
    UnusableInputException e = assertThrows(UnusableInputException.class,
        () -> new TopicModeler(options()).fitTexts(List.of("", " \n")));
    assertTrue(e.getMessage().contains("no usable document among the texts given: 2 texts skipped (2 empty text)"),
        e.getMessage());
  }

  @Test
  void theNumberOfTopicsIsSetOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FitOptions.defaults(12).withNmf(FitOptions.defaults(5).nmf()));
    assertTrue(e.getMessage().startsWith("topics: these options fit 12 topics but the NMF options given to withNmf have k = 5"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults(12).withNmf(NmfOptions.defaults(5)));
    assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults(12).withNmf(n -> n.withK(5)));

    FitOptions o = FitOptions.defaults(12).withNmf(n -> n.withSeed(7));
    assertEquals(12, o.topics());
    assertEquals(7, o.nmf().seed());
    assertEquals(Loss.KL, o.nmf().loss()); // fit's default loss is kept, not NmfOptions' default
    FitOptions five = o.withTopics(5);
    assertEquals(5, five.topics());
    assertEquals(5, five.nmf().k());
    assertEquals(7, five.nmf().seed());
    assertEquals(o.withNmf(o.nmf().withSeed(8)).nmf().seed(), 8); // the same k is accepted
  }
}

package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzz target (Jazzer) for loading {@code model.json}: a file either loads as a
 * model whose parts agree (as many idf values as terms, H of k rows over the terms, centroids of
 * the same shape) or is refused with a {@link ModelFormatException} naming the file; nothing else.
 * Regression inputs: {@code src/test/resources/io/topicnmf/model/ModelFilesFuzzTestInputs/modelJson/}.
 */
class ModelFilesFuzzTest {
  @FuzzTest
  void modelJson(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("fuzz-model", ".json");
    try {
      Files.write(file, bytes);
      SavedModel m = ModelFiles.read(file);
      int cols = m.terms().size();
      assertTrue(cols > 0, "a model has terms");
      assertEquals(cols, m.idf().size(), "an idf value per term");
      assertEquals(cols, m.h().cols(), "H has a column per term");
      assertEquals(m.options().nmf().k(), m.h().rows(), "H has a row per topic");
      assertEquals(m.h().rows(), m.h().data().size(), "every row of H is stored");
      if (m.centroids() != null) {
        assertEquals(m.h().rows(), m.centroids().rows(), "a centroid per topic");
        assertEquals(cols, m.centroids().cols(), "centroids over the terms");
      }
    } catch (ModelFormatException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the refusal says why");
      assertTrue(e.getMessage().contains(file.toString()), "the refusal names the file: " + e.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
  }
}

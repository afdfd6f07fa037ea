package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A document's weight shares read from W: the values, the list contract and the JSON of the boxed list. */
class WeightSharesTest {
  private static final double[] W = {1, 0, 3, /* row 1 */ 0.5, 2, 1.5};

  @Test
  void entriesAreTheRowDividedByItsSum() {
    WeightShares row = new WeightShares(W, 3, 3, 4.0);
    assertEquals(3, row.size());
    assertEquals(List.of(0.5 / 4.0, 2 / 4.0, 1.5 / 4.0), row);
    assertEquals(0.5, row.share(1));
    assertEquals(List.of(0.125, 0.5, 0.375).hashCode(), row.hashCode());
    assertThrows(IndexOutOfBoundsException.class, () -> row.get(3));
    assertThrows(IndexOutOfBoundsException.class, () -> row.share(-1));
    assertThrows(UnsupportedOperationException.class, () -> row.set(0, 1.0));
    assertThrows(UnsupportedOperationException.class, () -> row.add(1.0));
  }

  @Test
  void aRowOutsideTheMatrixOrWithoutWeightIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new WeightShares(W, 4, 3, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new WeightShares(W, 0, 3, 0.0));
    assertThrows(IllegalArgumentException.class, () -> new WeightShares(W, 0, 3, Double.NaN));
  }

  @Test
  void documentTopicsKeepTheViewAndWriteTheSameJsonAsABoxedList() throws Exception {
    WeightShares row = new WeightShares(W, 0, 3, 4.0);
    DocumentTopics viewed = new DocumentTopics("a", null, 2, 0.75, row, 2, null, Map.of("id", "x"));
    DocumentTopics boxed = new DocumentTopics("a", null, 2, 0.75, List.of(0.25, 0.0, 0.75), 2, null, Map.of("id", "x"));
    assertSame(row, viewed.weights());
    assertEquals(boxed, viewed);
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.writeValueAsString(boxed), json.writeValueAsString(viewed));
  }
}

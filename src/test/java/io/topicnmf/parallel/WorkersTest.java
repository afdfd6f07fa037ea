package io.topicnmf.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WorkersTest {
  @Test
  void workersPropagateFailuresAndRunEveryBlockOnce() {
    try (Workers workers = Workers.of(2)) {
      int[] seen = new int[10];
      workers.forEachBlock(95, 10, (b, from, to) -> {
        seen[b]++;
        assertEquals(b * 10, from);
        assertEquals(Math.min(95, b * 10 + 10), to);
      });
      for (int c : seen) assertEquals(1, c);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> workers.forEachBlock(100, 10, (b, from, to) -> {
            if (b == 3) throw new IllegalStateException("boom");
          }));
      assertEquals("boom", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Workers.of(0));
  }

  @Test
  void blockCountCoversTheRowsWithFixedBlocks() {
    assertEquals(0, Workers.blockCount(0, 512));
    assertEquals(1, Workers.blockCount(512, 512));
    assertEquals(2, Workers.blockCount(513, 512));
  }
}

package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import org.junit.jupiter.api.Test;

/** The choice of {@link MemoryPlan} between in-memory and mini-batch fits, for a given free heap. */
class MemoryPlanTest {
  private static final int ROWS = 200_000;
  private static final int COLS = 50_000;
  private static final long NNZ = 20_000_000;
  private static final long MAX = 8L << 30;
  private static final long MARGIN = MAX / 100 * MemoryPlan.MARGIN_PERCENT;

  private static long inMemory(NmfOptions o) {
    return NmfMemory.fitBytes(ROWS, COLS, NNZ, 20_000, o);
  }

  private static MemoryPlan plan(NmfOptions o, long free) {
    return MemoryPlan.choose(ROWS, COLS, o, inMemory(o), b -> NNZ * b / ROWS, 5000, MAX, needed -> free);
  }

  private static NmfOptions kl(int batch) {
    return NmfOptions.defaults(20).withLoss(Loss.KL).withThreads(2).withBatchSize(batch);
  }

  @Test
  void autoRunsInMemoryWhenTheEstimateFits() {
    NmfOptions o = kl(NmfOptions.AUTO_BATCH);
    MemoryPlan p = plan(o, inMemory(o) + MARGIN + 1);
    assertEquals(NmfOptions.IN_MEMORY, p.mode());
    assertEquals(0, p.batchSize());
    assertEquals(NmfOptions.IN_MEMORY, p.apply(o).mode());
    assertTrue(p.reason().startsWith("auto: the in-memory fit needs about"), p.reason());
  }

  @Test
  void compactLayoutComesBeforeMiniBatches() {
    // k = 50 and a term in half the documents: W's extrapolation copies and the workers' gather
    // buffers make the iterations the peak, so spilling the copies saves heap (at k = 20 with the
    // longest line at 20,000 the initialisation is the peak of both layouts).
    NmfOptions o = kl(NmfOptions.AUTO_BATCH).withK(50);
    int longest = ROWS / 2;
    long plain = NmfMemory.fitBytes(ROWS, COLS, NNZ, longest, o);
    long compact = NmfMemory.fitBytes(ROWS, COLS, NNZ, longest, o, true);
    assertTrue(compact < plain, compact + " vs " + plain);
    assertEquals(inMemory(kl(NmfOptions.AUTO_BATCH)), NmfMemory.fitBytes(ROWS, COLS, NNZ, 20_000,
        kl(NmfOptions.AUTO_BATCH), true));
    MemoryPlan p = MemoryPlan.choose(ROWS, COLS, o, plain, compact, b -> NNZ * b / ROWS, 5000, MAX,
        needed -> compact + MARGIN, 0);
    assertEquals(NmfOptions.IN_MEMORY, p.mode());
    assertEquals(0, p.batchSize());
    assertTrue(p.compact());
    assertEquals(compact, p.inMemoryBytes());
    assertTrue(p.reason().startsWith("auto, compact layout: the in-memory fit would need about"), p.reason());
    // The plain layout when it fits; mini-batches when neither does; --batch-size 0 takes the compact one.
    assertTrue(!MemoryPlan.choose(ROWS, COLS, o, plain, compact, b -> NNZ * b / ROWS, 5000, MAX,
        needed -> plain + MARGIN, 0).compact());
    MemoryPlan mini = MemoryPlan.choose(ROWS, COLS, o, plain, compact, b -> NNZ * b / ROWS, 5000, MAX,
        needed -> compact + MARGIN - 1, 0);
    assertEquals(NmfOptions.MINI_BATCH, mini.mode());
    assertTrue(!mini.compact());
    MemoryPlan asked = MemoryPlan.choose(ROWS, COLS, kl(0).withK(50), plain, compact, b -> NNZ * b / ROWS, 5000, MAX,
        needed -> compact + MARGIN, 0);
    assertTrue(asked.compact());
    // Frobenius has no compact layout.
    assertEquals(NmfMemory.fitBytes(ROWS, COLS, NNZ, 20_000, NmfOptions.defaults(20)),
        NmfMemory.fitBytes(ROWS, COLS, NNZ, 20_000, NmfOptions.defaults(20), true));
  }

  @Test
  void autoFallsBackToMiniBatchesWhenOnlyTheyFit() {
    NmfOptions o = kl(NmfOptions.AUTO_BATCH);
    long mini = NmfMemory.miniBatchBytes(ROWS, COLS, NNZ * MemoryPlan.AUTO_BATCH_ROWS / ROWS, MemoryPlan.AUTO_BATCH_ROWS, 5000, o);
    assertTrue(mini < inMemory(o) / 3, mini + " vs " + inMemory(o));
    MemoryPlan p = plan(o, mini + MARGIN);
    assertEquals(NmfOptions.MINI_BATCH, p.mode());
    assertEquals(MemoryPlan.AUTO_BATCH_ROWS, p.batchSize());
    assertEquals(MemoryPlan.AUTO_BATCH_ROWS, p.apply(o).batchSize());
    assertTrue(p.reason().contains("mini-batches of 4096 rows"), p.reason());
  }

  @Test
  void theRoomKeptForAfterTheFitIsPlannedBeforeTheFit() {
    NmfOptions o = kl(NmfOptions.AUTO_BATCH);
    long free = inMemory(o) + MARGIN + 1;
    long w = 8L * ROWS * 20 + 16;
    // What the caller keeps after the fit raises each mode's need only when it is more than the fit's own.
    assertEquals(w + inMemory(o), NmfMemory.withAfterFit(inMemory(o), ROWS, 20, inMemory(o)));
    assertEquals(inMemory(o), NmfMemory.withAfterFit(inMemory(o), ROWS, 20, 1000));
    assertEquals(inMemory(o), NmfMemory.withAfterFit(inMemory(o), ROWS, 20, 0));
    MemoryPlan small = MemoryPlan.choose(ROWS, COLS, o, inMemory(o), b -> NNZ * b / ROWS, 5000, MAX, needed -> free, 1000);
    assertEquals(NmfOptions.IN_MEMORY, small.mode());
    assertEquals(inMemory(o), small.inMemoryBytes());
    // More than the heap can give after the fit: refused before the fit, in either mode.
    long after = inMemory(o) - w + 2;
    InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class, () -> MemoryPlan.choose(ROWS,
        COLS, o, inMemory(o), b -> NNZ * b / ROWS, 5000, MAX, needed -> free, after));
    assertTrue(e.getMessage().contains(MemoryPlan.mb(w + after)), e.getMessage());
    long mini = NmfMemory.miniBatchBytes(ROWS, COLS, NNZ * MemoryPlan.AUTO_BATCH_ROWS / ROWS, MemoryPlan.AUTO_BATCH_ROWS, 5000, o);
    long tight = mini + MARGIN;
    MemoryPlan batches = MemoryPlan.choose(ROWS, COLS, o, inMemory(o), b -> NNZ * b / ROWS, 5000, MAX, needed -> tight, 0);
    assertEquals(NmfOptions.MINI_BATCH, batches.mode());
    assertThrows(InsufficientMemoryException.class, () -> MemoryPlan.choose(ROWS, COLS, o, inMemory(o),
        b -> NNZ * b / ROWS, 5000, MAX, needed -> tight, mini - w + 1));
  }

  @Test
  void autoHalvesTheBatchUntilItFits() {
    NmfOptions o = kl(NmfOptions.AUTO_BATCH);
    long small = NmfMemory.miniBatchBytes(ROWS, COLS, NNZ * 1024 / ROWS, 1024, 5000, o);
    MemoryPlan p = plan(o, small + MARGIN);
    assertEquals(1024, p.batchSize());
  }

  @Test
  void nothingFitsIsRefusedWithTheHeapToGive() {
    NmfOptions o = kl(NmfOptions.AUTO_BATCH);
    long free = MARGIN + (16 << 20);
    InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class, () -> plan(o, free));
    assertEquals(0, e.batchSize());
    assertEquals(16 << 20, e.availableBytes());
    assertTrue(e.suggestedHeapBytes() > MAX + e.neededBytes() - e.availableBytes(), "" + e.suggestedHeapBytes());
  }

  @Test
  void anInMemoryFitThatCannotFitSuggestsABatchSize() {
    NmfOptions o = kl(0);
    long mini = NmfMemory.miniBatchBytes(ROWS, COLS, NNZ * MemoryPlan.AUTO_BATCH_ROWS / ROWS, MemoryPlan.AUTO_BATCH_ROWS, 5000, o);
    InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
        () -> plan(o, mini + MARGIN));
    assertEquals(MemoryPlan.AUTO_BATCH_ROWS, e.batchSize());
    assertEquals(inMemory(o), e.neededBytes());
    assertTrue(e.getMessage().startsWith("the in-memory fit needs about"), e.getMessage());
  }

  @Test
  void anExplicitBatchSizeIsKeptOrRefused() {
    NmfOptions o = kl(2000);
    MemoryPlan p = plan(o, MAX);
    assertEquals(2000, p.batchSize());
    assertTrue(p.reason().contains("as asked (--batch-size 2000)"), p.reason());
    long half = NmfMemory.miniBatchBytes(ROWS, COLS, NNZ * 1000 / ROWS, 1000, 5000, o);
    InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
        () -> plan(o, half + MARGIN));
    assertEquals(1000, e.batchSize());
  }

  @Test
  void aFitCarriesItsPlan() {
    CsrMatrix x = NmfMemoryTest.generated(300, 200, 10, 3);
    NmfResult r = Nmf.fit(x, NmfOptions.defaults(3).withMaxIter(5).withBatchSize(NmfOptions.AUTO_BATCH), null);
    assertNotNull(r.memory());
    assertEquals(NmfOptions.IN_MEMORY, r.memory().mode());
    NmfResult m = Nmf.fit(x, NmfOptions.defaults(3).withMaxIter(2).withBatchSize(64), null);
    assertEquals(64, m.memory().batchSize());
  }
}

package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.CorpusStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading's heap floor and need, the refusal before reading, and the projection after running out. */
class ReadingMemoryTest {
  private static final long MB = 1L << 20;

  @TempDir Path tmp;

  @Test
  void theFloorIsSixteenMegabytesTwoPerThreadAndTwoBytesPerByteOfText() {
    assertEquals(16 * MB + 2 * MB, ReadingMemory.floorBytes(0, 1));
    assertEquals(16 * MB + 4 * MB + 2 * 1000, ReadingMemory.floorBytes(1000, 2));
    assertEquals(16 * MB + 2 * MB + 2 * (100 * MB), ReadingMemory.floorBytes(100 * MB, 1));
    // No thread count below one, no negative size.
    assertEquals(ReadingMemory.floorBytes(0, 1), ReadingMemory.floorBytes(-5, 0));
  }

  @Test
  void theNeedIsAboveTheFloorAndAboveTheSmallestHeapsMeasuredToWork() {
    for (long bytes : new long[] {0, 63 * 1024, 5 * MB, 21 * MB, 1L << 30}) {
      for (int threads : new int[] {1, 2, 4, 16}) {
        assertTrue(ReadingMemory.needBytes(bytes, threads) > ReadingMemory.floorBytes(bytes, threads), bytes + " " + threads);
      }
    }
    // bench/RESULTS.md, "The reading's heap floor": the smallest -Xmx vectorize succeeded in, and
    // the floor at most that and the need at least that, for each.
    long[][] measured = {{63 * 1024, 1, 19}, {63 * 1024, 2, 25}, {63 * 1024, 4, 31}, {5_041_384, 1, 53},
        {5_041_384, 2, 51}, {22_054_561, 2, 105}};
    for (long[] m : measured) {
      long works = m[2] * MB;
      assertTrue(ReadingMemory.floorBytes(m[0], (int) m[1]) <= works, java.util.Arrays.toString(m));
      assertTrue(ReadingMemory.needBytes(m[0], (int) m[1]) >= works, java.util.Arrays.toString(m));
    }
  }

  @Test
  void aHeapBelowTheFloorIsRefusedNamingTheInputAndTheFigures() {
    HeapTooSmallException e = assertThrows(HeapTooSmallException.class,
        () -> ReadingMemory.check("corpora/sample", 64 * 1024, 2, 12 * MB));
    assertEquals("reading and analysing corpora/sample (64 KB of text, 2 threads) needs at least 20.1 MB of heap"
        + " but the heap holds at most 12.0 MB", e.getMessage());
    assertEquals(ReadingMemory.needBytes(64 * 1024, 2), e.neededBytes());
    assertEquals(12 * MB, e.maxHeapBytes());
    assertTrue(e.suggestedHeapBytes() > e.neededBytes());
    // At or above the floor: no refusal.
    ReadingMemory.check("corpora/sample", 64 * 1024, 2, ReadingMemory.floorBytes(64 * 1024, 2));
    ReadingMemory.check("big", 1L << 30, 2, 4L << 30);
  }

  @Test
  void runningOutProjectsTheHeapFromTheShareOfFilesRead() {
    long max = 64 * MB;
    // Half the files read: the heap above the fixed part doubles.
    HeapTooSmallException half = ReadingMemory.ranOut("in", 0, 1000, 500, 2, max);
    long fixed = ReadingMemory.floorBytes(0, 2);
    assertEquals(fixed + 2 * (max - fixed), half.neededBytes());
    assertTrue(half.getMessage().contains("ran out of heap after 500 of 1000 files (the heap holds at most 64.0 MB)"),
        half.getMessage());
    // Too few files read to project from, or all of them: half as much again, or the need if more.
    assertEquals(max + max / 2, ReadingMemory.ranOut("in", 0, 1000, 3, 2, max).neededBytes());
    assertEquals(max + max / 2, ReadingMemory.ranOut("in", 0, 1000, 1000, 2, max).neededBytes());
    assertEquals(ReadingMemory.needBytes(100 * MB, 2), ReadingMemory.ranOut("in", 100 * MB, 1, 0, 2, max).neededBytes());
    assertTrue(ReadingMemory.ranOut("in", 0, 10, 10, 1, max).getMessage().contains("after reading its 10 files"));
  }

  @Test
  void theInputBytesAreTheFilesSizesAndAGzipsInflatedSize() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(dir.resolve("a.txt"), "x".repeat(1000));
    Files.writeString(dir.resolve("b.txt"), "y".repeat(234));
    byte[] text = "the same line of text again\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("c.jsonl.gz")))) {
      out.write(text);
    }
    assertTrue(Files.size(dir.resolve("c.jsonl.gz")) < text.length);
    CorpusStream.Entries entries = CorpusStream.walk(dir, Set.of());
    assertEquals(3, entries.files());
    assertEquals(1000 + 234 + text.length, entries.inputBytes());
    assertEquals(0, CorpusStream.walk(Files.createDirectories(tmp.resolve("empty")), Set.of()).inputBytes());
  }

  @Test
  void largeFilesTheReadingSkipsAsBinaryCountNoText() throws IOException {
    // bench/repros.sh sparse-1.9G-Xmx1g and gz-zeros-5G-Xmx512m: the heap check refused the reading
    // for the size of files the reading skips as binary.
    Path dir = Files.createDirectories(tmp.resolve("mixed"));
    Files.writeString(dir.resolve("a.txt"), "x".repeat(1000));
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve("sparse.txt"),
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {'a'}), 3L << 20); // 3 MB, zeros before the last byte
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("zeros.txt.gz")))) {
      out.write(new byte[2 << 20]);
    }
    byte[] big = ("some words of text\n".repeat(60_000)).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("big.txt"), big);
    // A document format's container is read by its parser, not tested for NUL bytes: it counts.
    byte[] pdf = new byte[(1 << 20) + 10]; // above the size from which files are probed
    Files.write(dir.resolve("doc.pdf"), pdf);
    CorpusStream.Entries entries = CorpusStream.walk(dir, Set.of());
    assertEquals(5, entries.files());
    assertEquals(1000 + big.length + pdf.length, entries.inputBytes());
  }
}

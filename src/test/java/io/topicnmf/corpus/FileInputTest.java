package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileInput#readAll}: the whole content, within the limit, for files shorter and longer than the probe. */
class FileInputTest {
  @TempDir Path tmp;

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  @Test
  void readAllGivesEveryByteAroundTheProbesLength() throws IOException {
    int probe = TextDecoder.BINARY_PROBE_BYTES;
    for (int n : new int[] {1, 100, probe - 1, probe, probe + 1, 3 * probe + 17, 200_000}) {
      byte[] content = bytes(n, n);
      for (boolean gz : new boolean[] {false, true}) {
        Path f = Files.write(tmp.resolve("f" + n + (gz ? ".gz" : "")), gz ? BoundedReadingTest.gzip(content) : content);
        try (FileInput in = FileInput.open(f, gz, ReadLimits.defaults())) {
          assertArrayEquals(content, in.readAll(n, "file"), n + " bytes, gzip " + gz);
          // The content is read once: a second read is refused, as stream() refuses it.
          assertThrows(IllegalStateException.class, in::stream);
        }
        try (FileInput in = FileInput.open(f, gz, ReadLimits.defaults())) {
          FileInput.SkipException e = assertThrows(FileInput.SkipException.class, () -> in.readAll(n - 1, "file"),
              n + " bytes over a limit of " + (n - 1) + ", gzip " + gz);
          assertTrue(e.getMessage().startsWith("file too large"), e.getMessage());
        }
      }
    }
  }

  @Test
  void anEmptyFileReadsAsNoBytes() throws IOException {
    Path f = Files.write(tmp.resolve("empty.txt"), new byte[0]);
    try (FileInput in = FileInput.open(f, false, ReadLimits.defaults())) {
      assertEquals(0, in.readAll(0, "file").length);
    }
  }
}

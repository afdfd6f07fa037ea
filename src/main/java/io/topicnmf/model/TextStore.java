package io.topicnmf.model;

import io.topicnmf.eval.TokenSequences;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a prepared corpus keeps its documents' token sequences (for C_V coherence, read once the
 * topics are known): on the heap, or, when the run has a temporary folder, spilled to a file there
 * and read back when asked, so the heap does not hold 4 bytes per token through the factorization
 * (about 300 MB for a million generated documents). The file is the run's (under the output's
 * staging folder, removed with it). The sequences read back are the ones written. Package-private.
 */
abstract class TextStore {
  /** The token sequences (read from the file each time when spilled). */
  abstract TokenSequences get();

  /** Heap bytes {@link #get} allocates when the sequences are spilled (0 when they are held). */
  abstract long spilledBytes();

  /** {@code texts} held, or spilled under {@code scratch} when it is not null. */
  static TextStore of(TokenSequences texts, Path scratch) {
    if (scratch == null) {
      return new Held(texts);
    }
    try {
      return new Spilled(texts, scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill the token sequences under " + scratch, e);
    }
  }

  private static final class Held extends TextStore {
    private final TokenSequences texts;

    Held(TokenSequences texts) {
      this.texts = texts;
    }

    @Override
    TokenSequences get() {
      return texts;
    }

    @Override
    long spilledBytes() {
      return 0;
    }
  }

  private static final class Spilled extends TextStore {
    private static final int CHUNK = 1 << 18;
    private final Path file;
    private final int offsets;
    private final int tokens;

    Spilled(TokenSequences texts, Path scratch) throws IOException {
      Files.createDirectories(scratch);
      file = Files.createTempFile(scratch, "tokens-", ".spill");
      file.toFile().deleteOnExit();
      offsets = texts.offsets().length;
      tokens = texts.columns().length;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * CHUNK).order(ByteOrder.nativeOrder());
        write(ch, buf, texts.offsets());
        write(ch, buf, texts.columns());
      }
    }

    private static void write(FileChannel ch, ByteBuffer buf, int[] a) throws IOException {
      for (int from = 0; from < a.length; from += CHUNK) {
        int len = Math.min(CHUNK, a.length - from);
        buf.clear();
        buf.asIntBuffer().put(a, from, len);
        buf.limit(4 * len);
        while (buf.hasRemaining()) ch.write(buf);
      }
    }

    private static void read(FileChannel ch, ByteBuffer buf, int[] a) throws IOException {
      for (int from = 0; from < a.length; from += CHUNK) {
        int len = Math.min(CHUNK, a.length - from);
        buf.clear().limit(4 * len);
        while (buf.hasRemaining()) {
          if (ch.read(buf) < 0) throw new IOException("the spilled token sequences end early");
        }
        buf.flip();
        buf.asIntBuffer().get(a, from, len);
      }
    }

    @Override
    TokenSequences get() {
      int[] o = new int[offsets];
      int[] c = new int[tokens];
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * CHUNK).order(ByteOrder.nativeOrder());
        read(ch, buf, o);
        read(ch, buf, c);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the spilled token sequences " + file, e);
      }
      return new TokenSequences(o, c);
    }

    @Override
    long spilledBytes() {
      return 4L * offsets + 4L * tokens + 32;
    }
  }
}

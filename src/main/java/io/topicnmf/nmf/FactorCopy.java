package io.topicnmf.nmf;

import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.parallel.Workers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A copy of a factor that {@link Extrapolation} keeps (the previous iterate, the best one): in an
 * array on the heap, or spilled to a temporary file ({@link #spilled}), which the compact in-memory
 * KL fit uses for W's two copies ({@code m·k} doubles each, 400 MB apiece for a million documents
 * at k = 50) so the heap holds the matrix and the fit's own arrays only. A spilled copy is read and
 * written in fixed chunks with the same arithmetic as {@link DenseKernels#extrapolate} and {@link
 * DenseKernels#copy}, so the factors are bit for bit the same either way; each spilled pass costs one
 * sequential read or write of the copy (in the page cache, a fraction of a second at 400 MB against
 * sweeps of several seconds). Package-private.
 */
abstract class FactorCopy implements AutoCloseable {
  /** Doubles per chunk of a spilled copy (512 KB per worker buffer). */
  static final int CHUNK = 1 << 16;

  /** This copy := {@code src[0, n)}. */
  abstract void store(double[] src, Workers workers);

  /** {@code dst[0, n)} := this copy. */
  abstract void load(double[] dst, Workers workers);

  /**
   * {@code a := max(0, a + β(a − this))} and this copy := the old a, entry by entry ({@link
   * DenseKernels#extrapolate} with this copy as {@code prev}).
   */
  abstract void extrapolate(double[] a, double beta, Workers workers);

  @Override
  public void close() {}

  /** A copy of {@code n} doubles on the heap. */
  static FactorCopy inMemory(int n) {
    return new Heap(n);
  }

  /**
   * A copy of {@code n} doubles in a temporary file under {@code folder} (deleted at once: it lives
   * as long as its open channel), with one chunk buffer per worker outside the heap.
   */
  static FactorCopy spilled(Path folder, int n, int threads) {
    return new Spilled(folder, n, threads);
  }

  /** Heap bytes of a spilled copy: nothing but its chunk buffers are off the heap. */
  static long spilledHeapBytes() {
    return 256;
  }

  private static final class Heap extends FactorCopy {
    private final double[] copy;

    Heap(int n) {
      copy = new double[n];
    }

    @Override
    void store(double[] src, Workers workers) {
      DenseKernels.copy(src, copy, copy.length, workers);
    }

    @Override
    void load(double[] dst, Workers workers) {
      DenseKernels.copy(copy, dst, copy.length, workers);
    }

    @Override
    void extrapolate(double[] a, double beta, Workers workers) {
      DenseKernels.extrapolate(a, copy, copy.length, beta, workers);
    }
  }

  private static final class Spilled extends FactorCopy {
    private final int n;
    private final FileChannel channel;
    private final ByteBuffer[] buffers;

    Spilled(Path folder, int n, int threads) {
      this.n = n;
      try {
        Files.createDirectories(folder);
        Path file = Files.createTempFile(folder, "factor-", ".spill");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot spill a factor copy under " + folder, e);
      }
      buffers = new ByteBuffer[Math.max(1, threads)];
      for (int t = 0; t < buffers.length; t++) {
        buffers[t] = ByteBuffer.allocateDirect(8 * CHUNK).order(ByteOrder.nativeOrder());
      }
    }

    @Override
    void store(double[] src, Workers workers) {
      workers.forEachBlock(n, CHUNK, (worker, b, from, to) -> {
        ByteBuffer buf = buffers[worker].clear();
        buf.asDoubleBuffer().put(src, from, to - from);
        buf.limit(8 * (to - from));
        write(buf, from);
      });
    }

    @Override
    void load(double[] dst, Workers workers) {
      workers.forEachBlock(n, CHUNK, (worker, b, from, to) -> {
        ByteBuffer buf = read(buffers[worker], from, to);
        buf.asDoubleBuffer().get(dst, from, to - from);
      });
    }

    @Override
    void extrapolate(double[] a, double beta, Workers workers) {
      workers.forEachBlock(n, CHUNK, (worker, b, from, to) -> {
        ByteBuffer buf = read(buffers[worker], from, to);
        java.nio.DoubleBuffer prev = buf.asDoubleBuffer();
        for (int q = from; q < to; q++) {
          double v = a[q];
          double e = v + beta * (v - prev.get(q - from));
          prev.put(q - from, v);
          a[q] = e > 0.0 ? e : 0.0;
        }
        write(buf, from);
      });
    }

    private ByteBuffer read(ByteBuffer buf, int from, int to) {
      buf.clear().limit(8 * (to - from));
      try {
        long at = 8L * from;
        while (buf.hasRemaining()) {
          int got = channel.read(buf, at + buf.position());
          if (got < 0) throw new IOException("spilled factor copy ends at " + (at + buf.position()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return buf.flip();
    }

    private void write(ByteBuffer buf, int from) {
      buf.position(0);
      try {
        long at = 8L * from;
        while (buf.hasRemaining()) {
          channel.write(buf, at + buf.position());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

package io.topicnmf.corpus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One file opened as a stream, gunzipped on the fly for .gz, with its first {@value
 * TextDecoder#BINARY_PROBE_BYTES} bytes read ahead so the binary test comes before the rest is
 * read. Every byte that comes out counts against the {@link ReadLimits}: a .gz file that expands
 * past {@link ReadLimits#maxExpandedBytes()}, or past {@link ReadLimits#maxCompressionRatio()}
 * times the compressed bytes read once it passed {@link ReadLimits#RATIO_FLOOR_BYTES}, stops with a
 * {@link SkipException} naming the likely bomb. The caller has checked that the path is a regular
 * file: opening a FIFO would block and a device could be endless.
 */
final class FileInput implements Closeable {
  /** A reason to skip the file (or the rest of it), as it should read in the report. */
  static final class SkipException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean wholeFile;

    SkipException(String reason) {
      this(reason, false);
    }

    SkipException(String reason, boolean wholeFile) {
      super(reason);
      this.wholeFile = wholeFile;
    }

    /**
     * Whether the whole file is to be skipped even when some records were read (a likely bomb:
     * its content is suspect), rather than keeping what came before a truncated end.
     */
    boolean wholeFile() {
      return wholeFile;
    }
  }

  private final InputStream file;
  private final InputStream content;
  private final byte[] probe;
  private boolean consumed;

  private FileInput(InputStream file, InputStream content, byte[] probe) {
    this.file = file;
    this.content = content;
    this.probe = probe;
  }

  /**
   * Opens {@code path} (a regular file) and reads its first bytes.
   *
   * @throws SkipException when the .gz header or first block is corrupt, or the first bytes
   *     already break a limit
   */
  static FileInput open(Path path, boolean gzip, ReadLimits limits) throws IOException {
    Counting file = new Counting(Files.newInputStream(path));
    try {
      InputStream content = file;
      if (gzip) {
        // A small inflater buffer keeps the compressed count close to what was inflated, so the
        // ratio test is exact to a few KB.
        content = new Gunzipped(new GZIPInputStream(file, 8192), file, limits);
      }
      byte[] probe = content.readNBytes(TextDecoder.BINARY_PROBE_BYTES);
      return new FileInput(file, content, probe);
    } catch (ZipException | EOFException e) {
      file.close();
      throw corrupt(e);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  private static SkipException corrupt(IOException e) {
    String m = e.getMessage();
    return new SkipException("corrupt gzip file (" + (m == null ? e.getClass().getSimpleName() : m)
        + ")");
  }

  /** The first bytes (at most {@value TextDecoder#BINARY_PROBE_BYTES}; fewer only at the end). */
  byte[] probe() {
    return probe;
  }

  /** The whole content from its first byte, as a stream (once). */
  InputStream stream() {
    if (consumed) {
      throw new IllegalStateException("the content was already read");
    }
    consumed = true;
    return new SequenceInputStream(new ByteArrayInputStream(probe), content);
  }

  /**
   * The whole content as text, for record files: UTF-16 when a byte-order mark says so,
   * otherwise decoded line by line as {@link TextDecoder} decodes a file (UTF-8, or windows-1252
   * for a line that is not valid UTF-8), so only one line's bytes are held at a time.
   */
  Reader reader() throws IOException {
    InputStream in = stream();
    if (probe.length >= 2) {
      int b0 = probe[0] & 0xFF;
      int b1 = probe[1] & 0xFF;
      if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
        in.skipNBytes(2);
        return new java.io.BufferedReader(new InputStreamReader(
            in, b0 == 0xFE ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE), 65536);
      }
    }
    return new java.io.BufferedReader(new LineDecodingReader(in), 65536);
  }

  /**
   * The whole content as bytes, if it has at most {@code limit} bytes.
   *
   * @throws SkipException "too large" when it has more (only {@code limit} + 1 bytes are read)
   */
  byte[] readAll(long limit, String what) throws IOException {
    if (probe.length < TextDecoder.BINARY_PROBE_BYTES && !consumed) {
      // The probe stopped short: it holds the whole content (most documents of a folder of small
      // files). No buffers and no read past the end again: on 100,000 files of a few KB the
      // buffers below were 6.5 GB of allocation, and their fresh pages a fifth of the reading's CPU.
      consumed = true;
      if (probe.length > limit) {
        throw new SkipException(tooLarge(what, limit));
      }
      return probe;
    }
    InputStream in = stream();
    ByteArrayOutputStream out = new ByteArrayOutputStream(probe.length < 4096 ? 4096 : 65536);
    byte[] buffer = new byte[65536];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > limit) {
        throw new SkipException(tooLarge(what, limit));
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** The reason for a file or record over {@code limit}. */
  static String tooLarge(String what, long limit) {
    return what + " too large (over " + ReadLimits.describe(limit) + ", --max-document-size)";
  }

  @Override
  public void close() throws IOException {
    try {
      content.close();
    } finally {
      file.close();
    }
  }

  /** Counts the bytes read from the file (compressed, for a .gz). */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += Math.max(0, s);
      return s;
    }
  }

  /**
   * The gunzipped bytes, checked against the expansion limits after every read, with gzip's
   * errors turned into a skip reason.
   */
  private static final class Gunzipped extends FilterInputStream {
    private final Counting compressed;
    private final ReadLimits limits;
    private long expanded;

    Gunzipped(InputStream gunzip, Counting compressed, ReadLimits limits) {
      super(gunzip);
      this.compressed = compressed;
      this.limits = limits;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (ZipException | EOFException e) {
        throw corrupt(e);
      }
      if (n > 0) {
        expanded += n;
        check();
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[(int) Math.min(n, 8192)];
      long left = n;
      while (left > 0) {
        int r = read(buffer, 0, (int) Math.min(left, buffer.length));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - left;
    }

    private void check() throws SkipException {
      if (expanded > limits.maxExpandedBytes()) {
        throw new SkipException("gzip file expands to more than "
            + ReadLimits.describe(limits.maxExpandedBytes()) + " (--max-expanded-size)", true);
      }
      long in = Math.max(1, compressed.count);
      if (expanded > ReadLimits.RATIO_FLOOR_BYTES && expanded / in > limits.maxCompressionRatio()) {
        throw new SkipException("likely a decompression bomb: " + ReadLimits.describe(in)
            + " of gzip expanded to " + ReadLimits.describe(expanded) + " and more (over "
            + limits.maxCompressionRatio() + ":1, --max-compression-ratio)", true);
      }
    }
  }
}

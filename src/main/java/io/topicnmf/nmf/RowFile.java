package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A binary file of CSR rows, and the {@link RowSource} over it: the rows of a matrix that need not
 * be in memory, for the mini-batch fit. Only the row table (8 bytes a row) is held; each {@link
 * Source#read} reads its range of entries with one positional read.
 *
 * <p>Layout, little-endian: a 32-byte header (the magic {@code TNMFROW1}, {@code int} rows,
 * {@code int} cols, {@code long} nnz, 8 reserved bytes), then the {@code nnz} entries in row order,
 * each an {@code int} column and a {@code float} value (8 bytes, as {@link CsrMatrix} holds them),
 * then the row table: {@code rows + 1} {@code long} entry offsets, from 0 to {@code nnz}. The table
 * comes last so that a {@link Writer} can append rows as they come without knowing their number.
 */
public final class RowFile {
  static final byte[] MAGIC = "TNMFROW1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER = 32;
  static final int ENTRY = 8;

  private RowFile() {}

  /** Writes the rows of {@code source} to {@code file}, in blocks of {@code block} rows. */
  public static void write(RowSource source, Path file, int block) throws IOException {
    try (Writer w = new Writer(file, source.cols())) {
      for (var it = source.blocks(block); it.hasNext(); ) {
        CsrMatrix b = it.next();
        for (int i = 0; i < b.rows(); i++) {
          w.addRow(b.colIdx(), b.values(), b.rowPtr()[i], b.rowPtr()[i + 1]);
        }
      }
    }
  }

  /** Opens {@code file} as a row source; close it to release the file. */
  public static Source open(Path file) throws IOException {
    return new Source(file);
  }

  /** Appends rows to a new row file; {@link #close} writes the row table and the header. */
  public static final class Writer implements AutoCloseable {
    private final Path file;
    private final int cols;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long[] rowPtr = new long[1024];
    private int rows;
    private long nnz;

    /** A writer of rows of {@code cols} columns to {@code file} (replaced if it exists). */
    public Writer(Path file, int cols) throws IOException {
      if (cols < 0) {
        throw new IllegalArgumentException("cols must be >= 0, got " + cols);
      }
      this.file = file;
      this.cols = cols;
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      channel.position(HEADER);
    }

    /**
     * Appends one row: the entries {@code [from, to)} of {@code colIdx} and {@code values}, columns
     * strictly increasing and below the writer's {@code cols}.
     */
    public void addRow(int[] colIdx, float[] values, int from, int to) throws IOException {
      for (int p = from; p < to; p++) {
        int c = colIdx[p];
        if (c < 0 || c >= cols || (p > from && c <= colIdx[p - 1])) {
          throw new IllegalArgumentException("bad or unsorted column " + c + " in row " + rows + " of " + file);
        }
        if (buffer.remaining() < ENTRY) flush();
        buffer.putInt(c).putFloat(values[p]);
      }
      nnz += to - from;
      if (rows + 1 == rowPtr.length) rowPtr = Arrays.copyOf(rowPtr, rowPtr.length * 2);
      rowPtr[++rows] = nnz;
    }

    private void flush() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) channel.write(buffer);
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      try (channel) {
        for (int i = 0; i <= rows; i++) {
          if (buffer.remaining() < 8) flush();
          buffer.putLong(rowPtr[i]);
        }
        flush();
        ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putInt(rows).putInt(cols).putLong(nnz).putLong(0).flip();
        long at = 0;
        while (head.hasRemaining()) at += channel.write(head, at);
      }
    }
  }

  /** The rows of a row file. Reads are thread-safe (positional); the file stays open until {@link #close}. */
  public static final class Source implements RowSource, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final int rows;
    private final int cols;
    private final long nnz;
    private final long[] rowPtr;

    private Source(Path file) throws IOException {
      this.file = file;
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        ByteBuffer head = readFully(0, HEADER);
        byte[] magic = new byte[MAGIC.length];
        head.get(magic);
        rows = head.getInt();
        cols = head.getInt();
        nnz = head.getLong();
        long size = channel.size();
        if (!Arrays.equals(magic, MAGIC) || rows < 0 || cols < 0 || nnz < 0
            || size != HEADER + ENTRY * nnz + 8L * (rows + 1)) {
          throw new IOException(file + " is not a complete row file (bad header or length " + size + ")");
        }
        ByteBuffer table = readFully(HEADER + ENTRY * nnz, 8 * (rows + 1));
        rowPtr = new long[rows + 1];
        for (int i = 0; i <= rows; i++) {
          rowPtr[i] = table.getLong();
          if ((i == 0 && rowPtr[0] != 0) || (i > 0 && rowPtr[i] < rowPtr[i - 1]) || rowPtr[i] > nnz) {
            throw new IOException(file + ": row table broken at row " + i);
          }
        }
        if (rowPtr[rows] != nnz) throw new IOException(file + ": row table ends at " + rowPtr[rows] + ", not " + nnz);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    @Override
    public int rows() { return rows; }

    @Override
    public int cols() { return cols; }

    @Override
    public long nnz() { return nnz; }

    @Override
    public CsrMatrix read(int from, int to) {
      if (from < 0 || to < from || to > rows) {
        throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + file + " with " + rows + " rows");
      }
      long start = rowPtr[from];
      long count = rowPtr[to] - start;
      if (count > Integer.MAX_VALUE / ENTRY) {
        throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + file + " hold " + count
            + " entries, too many for one block");
      }
      int n = (int) count;
      int[] ptr = new int[to - from + 1];
      for (int i = from; i <= to; i++) ptr[i - from] = (int) (rowPtr[i] - start);
      int[] idx = new int[n];
      float[] val = new float[n];
      try {
        ByteBuffer b = readFully(HEADER + ENTRY * start, ENTRY * n);
        for (int p = 0; p < n; p++) {
          idx[p] = b.getInt();
          val[p] = b.getFloat();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rows [" + from + ", " + to + ") of " + file, e);
      }
      try {
        return new CsrMatrix(to - from, cols, ptr, idx, val);
      } catch (IllegalArgumentException e) {
        throw new UncheckedIOException(new IOException(file + ": rows [" + from + ", " + to + ") are corrupt: "
            + e.getMessage()));
      }
    }

    private ByteBuffer readFully(long at, long length) throws IOException {
      ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
      long pos = at;
      while (b.hasRemaining()) {
        int r = channel.read(b, pos);
        if (r < 0) throw new IOException(file + " ends early, at byte " + pos);
        pos += r;
      }
      return b.flip();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}

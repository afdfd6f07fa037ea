package io.topicnmf.vectorize;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The rows of a corpus as they are counted, one per document, in document order: each row its
 * distinct term ids with their counts, as ints ({@code 8} bytes a non-zero, against 12 for a CSR
 * row of doubles and 16+ for a row held as objects). While the rows held in memory stay under a
 * budget they are kept in one growable int array; past it the array is written to a spill file in
 * a folder given by the caller (the output folder's staging area, so a run leaves nothing behind
 * and never fills the system temp) and cleared, so the memory the counting holds is bounded by the
 * budget whatever the corpus size. {@link #forEach} reads every row back, spilled ones first, in
 * the order they were added.
 *
 * <p>The budget defaults to {@value #DEFAULT_BUDGET} bytes and may be set with the system property
 * {@value #BUDGET_PROPERTY} (tests force the spill path with a tiny one). Not thread-safe: one
 * thread adds the rows (the ordered consumer of the streaming analysis).
 */
public final class RowStore implements Closeable {
  /** The system property that sets the in-memory budget in bytes. */
  public static final String BUDGET_PROPERTY = "topicnmf.rowBudget";
  /** 256 MiB of rows held before the first spill. */
  public static final long DEFAULT_BUDGET = 256L << 20;

  /** A row handed back by {@link #forEach}: {@code ids[0..length)} with {@code counts[0..length)}. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(int row, int[] ids, int[] counts, int length);
  }

  private final Path spillFolder;
  private final long budgetInts;
  /** Per buffered row: its length, then ids and counts interleaved. */
  private int[] buffer = new int[1 << 12];
  private int size;
  private int rows;
  private long nonZeros;
  private Path spill;
  private DataOutputStream spillOut;
  private long spilledRows;

  /**
   * A store that spills under {@code spillFolder} (created when needed) past the budget of
   * {@value #BUDGET_PROPERTY}, or {@value #DEFAULT_BUDGET} bytes when it is not set.
   *
   * @param spillFolder where a spill file may be written, or null to never spill (rows in memory)
   */
  public RowStore(Path spillFolder) {
    this(spillFolder, budgetFromProperty());
  }

  /** A store with an explicit budget in bytes (at least 1). */
  public RowStore(Path spillFolder, long budgetBytes) {
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("budgetBytes must be at least 1, got " + budgetBytes);
    }
    this.spillFolder = spillFolder;
    this.budgetInts = Math.max(1, budgetBytes / Integer.BYTES);
  }

  /** The budget of {@value #BUDGET_PROPERTY}, or the default when unset or not a positive number. */
  static long budgetFromProperty() {
    String v = System.getProperty(BUDGET_PROPERTY);
    if (v == null || v.isBlank()) return DEFAULT_BUDGET;
    try {
      long b = Long.parseLong(v.strip());
      return b >= 1 ? b : DEFAULT_BUDGET;
    } catch (NumberFormatException e) {
      return DEFAULT_BUDGET;
    }
  }

  /** Appends the row {@code ids[0..length)} with {@code counts[0..length)}. */
  public void add(int[] ids, int[] counts, int length) {
    Objects.checkFromIndexSize(0, length, ids.length);
    Objects.checkFromIndexSize(0, length, counts.length);
    int need = size + 1 + 2 * length;
    if (need > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(need, (int) Math.min(Integer.MAX_VALUE - 8, buffer.length * 2L)));
    }
    buffer[size++] = length;
    for (int i = 0; i < length; i++) {
      buffer[size++] = ids[i];
      buffer[size++] = counts[i];
    }
    rows++;
    nonZeros += length;
    if (spillFolder != null && size >= budgetInts) {
      spillBuffer();
    }
  }

  /** Rows added. */
  public int rows() {
    return rows;
  }

  /** Entries (distinct terms) over all rows. */
  public long nonZeros() {
    return nonZeros;
  }

  /** Whether some rows were written to the spill file. */
  public boolean spilled() {
    return spill != null;
  }

  /** The spill file, or null when nothing was spilled. */
  public Path spillFile() {
    return spill;
  }

  private void spillBuffer() {
    try {
      if (spillOut == null) {
        Files.createDirectories(spillFolder);
        spill = Files.createTempFile(spillFolder, "rows-", ".spill");
        spillOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16));
      }
      for (int i = 0; i < size; i++) {
        spillOut.writeInt(buffer[i]);
      }
      spilledRows = rows;
      size = 0;
      if (buffer.length > (1 << 16)) buffer = new int[1 << 16];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rows' spill file under " + spillFolder, e);
    }
  }

  /**
   * Hands every row to {@code consumer} in the order added, reusing the arrays it passes (copy what
   * must outlive the call).
   */
  public void forEach(RowConsumer consumer) throws IOException {
    int[] ids = new int[64];
    int[] counts = new int[64];
    int row = 0;
    if (spillOut != null) {
      spillOut.flush();
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16))) {
        for (; row < spilledRows; row++) {
          int length = in.readInt();
          if (length > ids.length) {
            ids = new int[Math.max(length, ids.length * 2)];
            counts = new int[ids.length];
          }
          for (int i = 0; i < length; i++) {
            ids[i] = in.readInt();
            counts[i] = in.readInt();
          }
          consumer.accept(row, ids, counts, length);
        }
      } catch (EOFException e) {
        throw new IOException("the rows' spill file " + spill + " ends early", e);
      }
    }
    for (int p = 0; p < size; row++) {
      int length = buffer[p++];
      if (length > ids.length) {
        ids = new int[Math.max(length, ids.length * 2)];
        counts = new int[ids.length];
      }
      for (int i = 0; i < length; i++) {
        ids[i] = buffer[p++];
        counts[i] = buffer[p++];
      }
      consumer.accept(row, ids, counts, length);
    }
  }

  /** Deletes the spill file, if any. */
  @Override
  public void close() throws IOException {
    if (spillOut != null) {
      try {
        spillOut.close();
      } finally {
        spillOut = null;
        Files.deleteIfExists(spill);
      }
    }
  }
}

package io.topicnmf.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection for the fault tests (docs/reliability.md, "Faults"): makes writes fail as a full
 * disk does, or a publish stop between two renames, in this process. Off unless set, through
 * {@link #failWritesAfter}/{@link #failRenamesAfter} in-process or the system properties {@value
 * #WRITE_BUDGET} and {@value #RENAME_BUDGET} in a child JVM. Costs one comparison per write when
 * off.
 */
public final class PublishFaults {
  /** System property: bytes the process may write through {@link AtomicFiles} before writes fail. */
  public static final String WRITE_BUDGET = "topicnmf.faults.writeBudget";
  /** System property: renames a publish may do before the next one fails. */
  public static final String RENAME_BUDGET = "topicnmf.faults.renameBudget";
  /** System property: milliseconds a publish waits before each rename, so that kills land inside it. */
  public static final String RENAME_PAUSE = "topicnmf.faults.renamePauseMs";

  private static final AtomicLong writeBudget = new AtomicLong(Long.getLong(WRITE_BUDGET, -1));
  private static final AtomicLong renameBudget = new AtomicLong(Long.getLong(RENAME_BUDGET, -1));
  private static final long renamePause = Long.getLong(RENAME_PAUSE, 0);

  private PublishFaults() {}

  /** Writes fail with "No space left on device" once {@code bytes} more are written; -1 turns it off. */
  public static void failWritesAfter(long bytes) {
    writeBudget.set(bytes);
  }

  /** The rename after {@code n} more renames fails; -1 turns it off. */
  public static void failRenamesAfter(long n) {
    renameBudget.set(n);
  }

  static OutputStream wrap(OutputStream out) {
    if (writeBudget.get() < 0) return out;
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        take(1);
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        take(len);
        out.write(b, off, len);
      }
    };
  }

  private static void take(long n) throws IOException {
    if (writeBudget.get() < 0) return;
    if (writeBudget.addAndGet(-n) < 0) {
      writeBudget.set(0);
      throw new IOException("No space left on device (injected fault)");
    }
  }

  static void beforeRename(String name) throws IOException {
    if (renamePause > 0) {
      try {
        Thread.sleep(renamePause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (renameBudget.get() < 0) return;
    if (renameBudget.getAndDecrement() <= 0) {
      renameBudget.set(0);
      throw new IOException("rename of " + name + " failed (injected fault)");
    }
  }
}

package io.topicnmf.parallel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed-size pool of worker threads that runs {@link BlockTask}s over fixed row blocks. With
 * one thread it runs everything in the caller's thread and creates no pool. Lives inside one
 * computation (for example one NMF fit) and is closed in {@code finally}.
 *
 * <p>Blocks have a fixed size chosen by the caller, never derived from the thread count, and a
 * kernel that reduces adds its per-block partial results in block order: so a kernel run through
 * these workers gives bit-identical results with 1, 2 or any number of threads.
 */
public final class Workers implements AutoCloseable {
  /** A body run on one block of rows {@code [from, to)}; {@code block} is the block's index. */
  @FunctionalInterface
  public interface BlockTask {
    void run(int block, int from, int to);
  }

  /** A body run on one block of rows by worker {@code worker} (for per-worker scratch). */
  @FunctionalInterface
  public interface WorkerBlockTask {
    void run(int worker, int block, int from, int to);
  }

  /** Number of blocks of {@code block} rows covering {@code n} rows. */
  public static int blockCount(int n, int block) {
    return n == 0 ? 0 : (n + block - 1) / block;
  }

  private static final AtomicInteger POOL_IDS = new AtomicInteger();
  private final int threads;
  private final ExecutorService pool;
  private final Future<?>[] futures;

  private Workers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    if (threads == 1) {
      this.pool = null;
    } else {
      int id = POOL_IDS.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      ThreadFactory f = r -> {
        Thread t = new Thread(r, "topicnmf-kernel-" + id + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      this.pool = Executors.newFixedThreadPool(threads, f);
    }
    this.futures = new Future<?>[threads];
  }

  /** Workers running on {@code threads} threads (1 = the caller's thread only). */
  public static Workers of(int threads) {
    return new Workers(threads);
  }

  /** Single-threaded workers: everything runs in the caller's thread. */
  public static Workers sequential() {
    return new Workers(1);
  }

  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task} once for each block of {@code block} rows covering {@code [0, n)}. Block
   * bounds depend only on {@code n} and {@code block}; blocks are handed to threads dynamically,
   * so a task must only write to locations owned by its block. Not re-entrant: a task must not
   * call {@code forEachBlock} on the same workers.
   */
  public void forEachBlock(int n, int block, BlockTask task) {
    forEachBlock(n, block, (worker, b, from, to) -> task.run(b, from, to));
  }

  /**
   * Like {@link #forEachBlock(int, int, BlockTask)}, also telling each call which worker (in
   * {@code [0, threads)}) runs it, so a task can use per-worker scratch buffers. Which worker
   * runs which block varies between runs: results must not depend on it.
   */
  public void forEachBlock(int n, int block, WorkerBlockTask task) {
    int blocks = blockCount(n, block);
    if (pool == null || blocks <= 1) {
      for (int b = 0; b < blocks; b++) {
        task.run(0, b, b * block, Math.min(n, (b + 1) * block));
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    int used = Math.min(threads, blocks);
    synchronized (futures) {
      for (int w = 0; w < used; w++) {
        int worker = w;
        futures[w] = pool.submit(() -> {
          for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
            task.run(worker, b, b * block, Math.min(n, (b + 1) * block));
          }
        });
      }
      Throwable failure = null;
      boolean interrupted = false;
      // Wait for every worker even after a failure, so no task still runs when we return.
      for (int w = 0; w < used; w++) {
        while (true) {
          try {
            futures[w].get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            if (failure == null) {
              failure = e.getCause();
            }
            break;
          }
        }
        futures[w] = null;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    }
  }

  /** Shuts the pool down (no-op for single-threaded workers). */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}

package io.topicnmf.parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pipeline of tasks submitted by one producer thread, run on a fixed pool, whose results reach a
 * sink in the order the tasks were submitted, on the producer's thread: the shape of a streaming
 * read, where one thread cuts the input into pieces, workers turn pieces into results, and the
 * results are gathered in input order, so what the sink builds never depends on the number of
 * threads or their timing. At most {@code window} tasks are in flight; the producer drains the
 * oldest result before it submits more, which bounds the memory the pieces hold. With one thread
 * every task runs in the producer's thread as it is submitted. Lives inside one computation and is
 * closed in {@code finally}.
 *
 * @param <R> the result of a task
 */
public final class OrderedTasks<R> implements AutoCloseable {
  /** Receives results in submission order, on the producer's thread. */
  @FunctionalInterface
  public interface Sink<R> {
    void accept(R result) throws IOException;
  }

  private static final AtomicInteger POOL_IDS = new AtomicInteger();
  private final ExecutorService pool;
  private final int window;
  private final Sink<R> sink;
  private final ArrayDeque<Future<R>> pending = new ArrayDeque<>();
  private final java.util.List<Thread> threads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  private OrderedTasks(int threads, int window, Sink<R> sink) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    this.window = window;
    this.sink = sink;
    if (threads == 1) {
      pool = null;
    } else {
      int id = POOL_IDS.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "topicnmf-stream-" + id + "-" + n.incrementAndGet());
        t.setDaemon(true);
        this.threads.add(t);
        return t;
      });
    }
  }

  /** A pipeline on {@code threads} threads with at most {@code window} tasks in flight. */
  public static <R> OrderedTasks<R> of(int threads, int window, Sink<R> sink) {
    return new OrderedTasks<>(threads, window, sink);
  }

  /** Runs {@code task}; hands earlier results that are ready (and, when the window is full, the oldest) to the sink. */
  public void submit(Callable<R> task) throws IOException {
    if (pool == null) {
      sink.accept(call(task));
      return;
    }
    pending.add(pool.submit(task));
    while (!pending.isEmpty() && (pending.size() >= window || pending.peek().isDone())) {
      drainOne();
    }
  }

  /** Waits for every task submitted and hands the remaining results to the sink. */
  public void finish() throws IOException {
    while (!pending.isEmpty()) {
      drainOne();
    }
  }

  private void drainOne() throws IOException {
    Future<R> head = pending.poll();
    R result;
    boolean interrupted = false;
    while (true) {
      try {
        result = head.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        throw rethrow(e.getCause());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    sink.accept(result);
  }

  private static <R> R call(Callable<R> task) throws IOException {
    try {
      return task.call();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  private static IOException rethrow(Throwable t) {
    if (t instanceof IOException io) return io;
    if (t instanceof UncheckedIOException u) return u.getCause();
    if (t instanceof RuntimeException re) throw re;
    if (t instanceof Error err) throw err;
    throw new IllegalStateException(t);
  }

  /**
   * The CPU time each worker thread has used so far, in seconds (empty with one thread, or where
   * the JVM does not measure it): for benchmarks that check the work is spread.
   */
  public double[] workerCpuSeconds() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    synchronized (threads) {
      double[] out = new double[threads.size()];
      for (int i = 0; i < out.length; i++) {
        long ns = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(threads.get(i).getId()) : -1;
        out[i] = ns < 0 ? 0 : ns / 1e9;
      }
      return out;
    }
  }

  /**
   * The time each worker thread has spent waiting (parked for a task: the pool's queue empty) and
   * blocked so far, in seconds, as the JVM's thread contention monitoring counts it (empty with one
   * thread; zeros unless monitoring was enabled before the workers started): with {@link
   * #workerCpuSeconds}, whether the workers starve, whatever else runs on the machine.
   */
  public double[] workerWaitSeconds() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    synchronized (threads) {
      double[] out = new double[threads.size()];
      for (int i = 0; i < out.length; i++) {
        java.lang.management.ThreadInfo info = mx.getThreadInfo(threads.get(i).getId());
        out[i] = info == null || info.getWaitedTime() < 0 ? 0 : (info.getWaitedTime() + info.getBlockedTime()) / 1e3;
      }
      return out;
    }
  }

  /** Stops the pool; tasks still in flight (after a failure) are cancelled. */
  @Override
  public void close() {
    for (Future<R> f : pending) {
      f.cancel(true);
    }
    pending.clear();
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}

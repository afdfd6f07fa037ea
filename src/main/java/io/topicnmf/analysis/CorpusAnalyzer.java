package io.topicnmf.analysis;

import io.topicnmf.corpus.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Analyses all documents of a corpus in parallel. Documents are split into fixed blocks that
 * threads take in turn; each document's terms land in its own slot, so the output order is the
 * input order whatever the number of threads.
 *
 * <p>When the options transform terms (stemming, accent folding), it also counts the original
 * forms behind every term and keeps the most frequent one (ties: the lexicographically smaller),
 * so reports can show "rates" rather than the stem "rate". Counts are summed, so the choice does
 * not depend on the thread count either.
 */
public final class CorpusAnalyzer {
  private static final int BLOCK = 64;

  private CorpusAnalyzer() {}

  /**
   * Analyses {@code docs} with the chain built from {@code options}.
   *
   * @param docs the documents, in the order the result keeps
   * @param options the analysis options
   * @param threads worker threads, at least 1 ({@code --threads})
   * @param listener told after each document (may be {@link AnalysisListener#NONE})
   * @return the terms per document (aligned with {@code docs}) and the surface forms
   * @throws IOException when a stop-word file cannot be read
   */
  public static AnalyzedCorpus analyze(
      List<Document> docs, AnalysisOptions options, int threads, AnalysisListener listener)
      throws IOException {
    Objects.requireNonNull(docs, "docs");
    Objects.requireNonNull(listener, "listener");
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    try (TextAnalyzer analyzer = new TextAnalyzer(options)) {
      return run(docs, analyzer, threads, listener);
    }
  }

  private static AnalyzedCorpus run(
      List<Document> docs, TextAnalyzer analyzer, int threads, AnalysisListener listener) {
    int n = docs.size();
    @SuppressWarnings("unchecked")
    List<String>[] terms = new List[n];
    boolean surfaces = analyzer.options().transformsTerms();
    List<SurfaceCounts> counts = new ArrayList<>();
    AtomicInteger nextBlock = new AtomicInteger();
    Object lock = new Object();
    int[] done = {0};
    Runnable worker =
        () -> {
          SurfaceCounts local = new SurfaceCounts();
          synchronized (counts) {
            counts.add(local);
          }
          int block;
          while ((block = nextBlock.getAndIncrement()) * BLOCK < n) {
            int from = block * BLOCK;
            int to = Math.min(n, from + BLOCK);
            for (int i = from; i < to; i++) {
              List<String> docTerms = new ArrayList<>();
              if (surfaces) {
                analyzer.analyze(docs.get(i).text(), (term, surface) -> {
                  docTerms.add(term);
                  local.add(term, surface);
                });
              } else {
                analyzer.analyze(docs.get(i).text(), (term, surface) -> docTerms.add(term));
              }
              terms[i] = docTerms;
              synchronized (lock) {
                listener.onDocument(++done[0], n);
              }
            }
          }
        };
    int workers = Math.max(1, Math.min(threads, (n + BLOCK - 1) / BLOCK));
    if (workers == 1) {
      worker.run();
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < workers; t++) {
          futures.add(pool.submit(worker));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("analysis interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      } finally {
        pool.shutdownNow();
      }
    }
    Map<String, String> surfaceForms =
        surfaces ? SurfaceCounts.mostFrequent(counts) : Map.of();
    return new AnalyzedCorpus(Arrays.asList(terms), surfaceForms);
  }
}

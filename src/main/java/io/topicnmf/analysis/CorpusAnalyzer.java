package io.topicnmf.analysis;

import io.topicnmf.corpus.Document;
import io.topicnmf.parallel.Workers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Analyses all documents of a corpus in parallel. Documents are split into fixed blocks that
 * threads take in turn; each document's terms land in its own slot, so the output order is the
 * input order whatever the number of threads. Terms never become one string per occurrence: each
 * thread numbers the characters Lucene leaves in its term buffer in its own {@link
 * TermDictionary}, and the threads' dictionaries are merged into one at the end (the ids are not
 * part of the result's meaning, only the terms they stand for).
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
    int blocks = (n + BLOCK - 1) / BLOCK;
    boolean surfaces = analyzer.options().transformsTerms();
    // Each worker numbers terms in its own dictionary; a block remembers whose ids it holds.
    int[] lengths = new int[n];
    int[][] blockIds = new int[blocks][];
    int[] blockWorker = new int[blocks];
    Worker[] slots = new Worker[Math.max(1, Math.min(threads, blocks))];
    Object lock = new Object();
    int[] done = {0};
    try (Workers pool = Workers.of(slots.length)) {
      pool.forEachBlock(n, BLOCK, (slot, block, from, to) -> {
        Worker w = slots[slot];
        if (w == null) {
          w = new Worker(slot);
          slots[slot] = w;
        }
        w.size = 0;
        for (int i = from; i < to; i++) {
          int before = w.size;
          if (surfaces) {
            analyzer.analyzeChars(docs.get(i).text(), w::addWithSurface);
          } else {
            analyzer.analyzeChars(docs.get(i).text(), w::add);
          }
          lengths[i] = w.size - before;
          synchronized (lock) {
            listener.onDocument(++done[0], n);
          }
        }
        blockIds[block] = Arrays.copyOf(w.ids, w.size);
        blockWorker[block] = w.index;
      });
    }
    List<Worker> workers = new ArrayList<>();
    for (Worker w : slots) {
      if (w != null) {
        workers.add(w);
      }
    }
    // One dictionary for the corpus; the ids of each block re-numbered into it.
    TermDictionary corpus = new TermDictionary();
    int[][] toCorpus = new int[slots.length][];
    for (Worker w : workers) {
      int[] map = new int[w.dictionary.size()];
      for (int id = 0; id < map.length; id++) {
        map[id] = corpus.idOf(w.dictionary, id);
      }
      toCorpus[w.index] = map;
    }
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + lengths[i];
    }
    int[] ids = new int[offsets[n]];
    for (int b = 0; b < blocks; b++) {
      int[] map = toCorpus[blockWorker[b]];
      int[] local = blockIds[b];
      int base = offsets[b * BLOCK];
      for (int k = 0; k < local.length; k++) {
        ids[base + k] = map[local[k]];
      }
    }
    Map<String, String> surfaceForms = Map.of();
    if (surfaces) {
      List<SurfaceCounts> counts = new ArrayList<>();
      for (Worker w : workers) {
        counts.add(w.surfaces());
      }
      surfaceForms = SurfaceCounts.mostFrequent(counts);
    }
    return new AnalyzedCorpus(new EncodedTerms(corpus.terms(), offsets, ids), surfaceForms);
  }

  /**
   * One thread's dictionary, the term ids of its current block, and its surface counts: per term,
   * how often it was its own original form, and (term, original) pairs for the others (plurals
   * under light stemming), counted by ids so that a token allocates nothing.
   */
  private static final class Worker {
    final int index;
    final TermDictionary dictionary = new TermDictionary();
    final TermDictionary originals = new TermDictionary();
    int[] same = new int[1 << 12];
    final PairCounts differing = new PairCounts();
    int[] ids = new int[1 << 14];
    int size;

    Worker(int index) {
      this.index = index;
    }

    void add(char[] buffer, int length) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = dictionary.idOf(buffer, length);
    }

    void addWithSurface(char[] term, int length, char[] original, int from, int originalLength) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      int id = dictionary.idOf(term, length);
      ids[size++] = id;
      if (originalLength == length && Arrays.equals(term, 0, length, original, from, from + length)) {
        if (id >= same.length) {
          same = Arrays.copyOf(same, Math.max(id + 1, same.length * 2));
        }
        same[id]++;
      } else {
        differing.increment(id, originals.idOf(original, from, originalLength));
      }
    }

    /** This worker's counts of original forms per term, as strings. */
    SurfaceCounts surfaces() {
      SurfaceCounts counts = new SurfaceCounts();
      for (int id = 0, n = Math.min(same.length, dictionary.size()); id < n; id++) {
        if (same[id] > 0) {
          String term = dictionary.term(id);
          counts.add(term, term, same[id]);
        }
      }
      differing.forEach((id, original, count) -> counts.add(dictionary.term(id), originals.term(original), count));
      return counts;
    }
  }

  /** Counts of (term id, original id) pairs: an open-addressing table of long keys, no boxing. */
  static final class PairCounts {
    /** Key + 1 per slot (0 = empty): term id in the high half, original id in the low half. */
    private long[] keys = new long[1 << 10];
    private int[] counts = new int[1 << 10];
    private int size;

    void increment(int term, int original) {
      long key = (((long) term << 32) | (original & 0xFFFFFFFFL)) + 1;
      int mask = keys.length - 1;
      int i = spread(key) & mask;
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (keys[i] == 0) {
        keys[i] = key;
        size++;
        counts[i] = 1;
        if (size * 2 > keys.length) {
          grow();
        }
      } else {
        counts[i]++;
      }
    }

    interface PairConsumer {
      void accept(int term, int original, int count);
    }

    void forEach(PairConsumer consumer) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != 0) {
          long key = keys[i] - 1;
          consumer.accept((int) (key >>> 32), (int) key, counts[i]);
        }
      }
    }

    private static int spread(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldCounts = counts;
      keys = new long[oldKeys.length * 2];
      counts = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != 0) {
          int i = spread(oldKeys[j]) & mask;
          while (keys[i] != 0) {
            i = (i + 1) & mask;
          }
          keys[i] = oldKeys[j];
          counts[i] = oldCounts[j];
        }
      }
    }
  }
}

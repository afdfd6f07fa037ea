package io.topicnmf.vectorize;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.options.InvalidOptionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Term counts of a corpus: the pruned vocabulary and a documents × terms CSR matrix of raw counts.
 *
 * <p>Pruning follows scikit-learn's {@code CountVectorizer._limit_features}: a term is kept when
 * its document frequency lies within [min-df, max-df] (shares are multiplied by the number of
 * documents, counts used as they are); then, if {@code max-features} is set, the terms with the
 * highest total count are kept (ties broken alphabetically). Columns are in alphabetical order.
 *
 * <p>Documents come as term ids into a dictionary ({@link TermIdDocuments}, as analysis hands
 * them over; lists of strings are numbered first). Counting is parallel over fixed blocks of
 * {@value #BLOCK} documents, each counted into flat arrays indexed by id (no per-document hash
 * map, no string hashing); the CSR rows are then filled block by block. Every figure is an integer
 * sum and columns follow the terms' alphabetical order, so the result is the same, bit for bit,
 * whatever the number of threads and however the dictionary numbers the terms.
 *
 * @param vocabulary the kept terms
 * @param counts raw counts, one row per input document (rows of documents with no kept term are empty)
 * @param pruning what the rules removed
 */
public record DocumentTermMatrix(Vocabulary vocabulary, CsrMatrix counts, PruningStats pruning) {
  /** Documents per block of the parallel counting; fixed, so results do not depend on threads. */
  static final int BLOCK = 256;

  /**
   * Counts the terms of each document and prunes the vocabulary, on as many threads as there are
   * cores.
   *
   * @param documentTerms the analysed terms of each document, in document order
   * @throws IllegalArgumentException if the limits contradict each other for this corpus
   */
  public static DocumentTermMatrix build(List<? extends Collection<String>> documentTerms, VocabularyOptions options) {
    return build(documentTerms, options, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Counts the terms of each document and prunes the vocabulary on {@code threads} threads; the
   * result does not depend on {@code threads}.
   *
   * @param documentTerms the analysed terms of each document, in document order
   * @param threads worker threads, at least 1 ({@code --threads})
   * @throws IllegalArgumentException if the limits contradict each other for this corpus, or
   *     {@code threads} is below 1
   */
  public static DocumentTermMatrix build(
      List<? extends Collection<String>> documentTerms, VocabularyOptions options, int threads) {
    if (threads < 1) {
      throw new InvalidOptionException("threads", "{threads} must be at least 1, got " + threads);
    }
    if (documentTerms instanceof TermIdDocuments encoded) {
      return build(encoded, options, threads);
    }
    return build(encode(documentTerms), options, threads);
  }

  /**
   * Counts documents given as term ids and prunes the vocabulary on {@code threads} threads; the
   * result does not depend on {@code threads}, nor on how the dictionary numbers the terms.
   *
   * @param documents the analysed documents, as ids into their dictionary
   * @param threads worker threads, at least 1 ({@code --threads})
   * @throws IllegalArgumentException if the limits contradict each other for this corpus, or
   *     {@code threads} is below 1
   */
  public static DocumentTermMatrix build(TermIdDocuments documents, VocabularyOptions options, int threads) {
    if (threads < 1) {
      throw new InvalidOptionException("threads", "{threads} must be at least 1, got " + threads);
    }
    Counted c = Counted.of(documents, threads);
    String[] seen = c.seen;
    int n = c.n;
    int v = seen.length;
    int blocks = c.counted.length;
    BlockCounts[] counted = c.counted;
    int[] df = c.df;
    long[] total = c.total;

    if (options.fixed()) {
      return withFixedTerms(options.vocabulary(), n, v, seen, df, blocks, threads, counted);
    }
    Pruned pruned = prune(seen, df, total, n, options);
    int[] column = new int[v];
    Arrays.fill(column, -1);
    for (int j = 0; j < pruned.kept().length; j++) column[pruned.kept()[j]] = j;
    CsrMatrix counts = fill(n, pruned.kept().length, column, blocks, threads, counted);
    return new DocumentTermMatrix(pruned.vocabulary(), counts, pruned.pruning());
  }

  /**
   * The vocabulary kept by the pruning rules.
   *
   * @param kept for each column, the index of its term in the arrays given to {@link #prune}
   * @param vocabulary the kept terms in column (alphabetical) order, with their document frequencies
   * @param pruning what the rules removed
   */
  public record Pruned(int[] kept, Vocabulary vocabulary, PruningStats pruning) {}

  /**
   * Prunes a vocabulary by the rules of {@link #build} (see the class comment) given each term's
   * document frequency and total count: for callers that count elsewhere, such as the Spark job,
   * which reduces the figures over a cluster. {@code build} prunes with this method.
   *
   * @param terms the distinct terms seen
   * @param df each term's document frequency
   * @param total each term's total count over the corpus
   * @param documents the number of documents the figures were counted on
   * @param options the limits; must not fix the vocabulary ({@link VocabularyOptions#fixed()})
   * @throws InvalidOptionException naming minDf and maxDf if they contradict each other for
   *     {@code documents} documents
   * @throws IllegalArgumentException if the arrays differ in length or the vocabulary is fixed
   */
  public static Pruned prune(String[] terms, int[] df, long[] total, int documents, VocabularyOptions options) {
    if (df.length != terms.length || total.length != terms.length) {
      throw new IllegalArgumentException(terms.length + " terms but " + df.length
          + " document frequencies and " + total.length + " totals");
    }
    if (options.fixed()) {
      throw new IllegalArgumentException("a fixed vocabulary is not pruned");
    }
    String[] seen = terms;
    int n = documents;
    int v = terms.length;
    double minDocs = options.minDf().documents(n);
    double maxDocs = options.maxDf().documents(n);
    if (maxDocs < minDocs) {
      throw new InvalidOptionException(
          "maxDf", "{maxDf} " + options.maxDf() + " allows fewer documents (" + fmt(maxDocs) + ") than {minDf} "
              + options.minDf() + " requires (" + fmt(minDocs) + ") for " + n
              + " documents: lower {minDf} or raise {maxDf}", "minDf");
    }
    int byMin = 0;
    List<Integer> maxRemoved = new ArrayList<>();
    int[] kept = new int[v];
    int keptCount = 0;
    for (int t = 0; t < v; t++) {
      if (df[t] < minDocs) {
        byMin++;
      } else if (df[t] > maxDocs) {
        maxRemoved.add(t);
      } else {
        kept[keptCount++] = t;
      }
    }
    final int[] dff = df;
    final long[] tot = total;
    maxRemoved.sort((a, b) -> dff[a] != dff[b] ? Integer.compare(dff[b], dff[a]) : seen[a].compareTo(seen[b]));
    List<String> topRemoved = new ArrayList<>();
    for (int i = 0; i < Math.min(20, maxRemoved.size()); i++) {
      topRemoved.add(seen[maxRemoved.get(i)]);
    }
    int byFeatures = 0;
    if (options.maxFeatures() > 0 && keptCount > options.maxFeatures()) {
      Integer[] order = new Integer[keptCount];
      for (int i = 0; i < keptCount; i++) order[i] = kept[i];
      Arrays.sort(order, (a, b) -> tot[a] != tot[b] ? Long.compare(tot[b], tot[a]) : seen[a].compareTo(seen[b]));
      byFeatures = keptCount - options.maxFeatures();
      keptCount = options.maxFeatures();
      for (int i = 0; i < keptCount; i++) kept[i] = order[i];
    }
    // Columns in alphabetical order of the (distinct) terms.
    Integer[] byTerm = new Integer[keptCount];
    for (int j = 0; j < keptCount; j++) byTerm[j] = kept[j];
    Arrays.parallelSort(byTerm, (a, b) -> seen[a].compareTo(seen[b]));
    String[] keptTerms = new String[keptCount];
    int[] keptDf = new int[keptCount];
    for (int j = 0; j < keptCount; j++) {
      int t = byTerm[j];
      keptTerms[j] = seen[t];
      keptDf[j] = df[t];
    }

    int[] keptIds = new int[keptCount];
    for (int j = 0; j < keptCount; j++) keptIds[j] = byTerm[j];
    PruningStats stats = new PruningStats(v, minDocs, maxDocs, byMin, maxRemoved.size(), byFeatures,
        keptCount, topRemoved);
    return new Pruned(keptIds, Vocabulary.ofDistinct(keptTerms, keptDf), stats);
  }

  /**
   * The counts of {@code documents} over fixed {@code terms} (columns in that order; other terms
   * ignored, no pruning), on {@code threads} threads: what {@link Vectorizer#transform} needs for
   * documents the vocabulary was not learnt on. {@code terms} must be distinct.
   */
  static DocumentTermMatrix overTerms(TermIdDocuments documents, List<String> terms, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    Counted c = Counted.of(documents, threads);
    return withFixedTerms(terms, c.n, c.seen.length, c.seen, c.df, c.counted.length, threads, c.counted);
  }

  /** Documents as term ids, the strings numbered first when they come as strings. */
  static TermIdDocuments encoded(List<? extends Collection<String>> documentTerms) {
    return documentTerms instanceof TermIdDocuments encoded ? encoded : encode(documentTerms);
  }

  /** Pass 1 of the counting: each block's documents counted, with document frequencies and total counts per id. */
  private static final class Counted {
    String[] seen;
    int n;
    BlockCounts[] counted;
    int[] df;
    long[] total;

    static Counted of(TermIdDocuments documents, int threads) {
      Counted c = new Counted();
      c.seen = documents.dictionary();
      int[] offsets = documents.offsets();
      int[] tokenIds = documents.ids();
      int n = offsets.length - 1;
      int v = c.seen.length;
      int blocks = (n + BLOCK - 1) / BLOCK;
      c.n = n;
      // Parallel: each block counts its documents (distinct ids, with their counts).
      BlockCounts[] counted = new BlockCounts[blocks];
      forEachBlock(blocks, threads, b -> counted[b] =
          BlockCounts.count(offsets, tokenIds, v, b * BLOCK, Math.min(n, (b + 1) * BLOCK)));
      c.counted = counted;
      // Document frequencies and total counts: integer sums, the same in any order.
      c.df = new int[v];
      c.total = new long[v];
      for (BlockCounts bc : counted) {
        for (int p = 0; p < bc.ids.length; p++) {
          c.df[bc.ids[p]]++;
          c.total[bc.ids[p]] += bc.counts[p];
        }
      }
      return c;
    }
  }

  /** The matrix over a fixed vocabulary: columns in the given order, terms not seen get df 0, no pruning. */
  private static DocumentTermMatrix withFixedTerms(List<String> fixed, int n, int v, String[] seen, int[] df,
      int blocks, int threads, BlockCounts[] counted) {
    TermIds global = new TermIds(Math.max(16, Integer.highestOneBit(Math.max(1, v)) * 2));
    for (String t : seen) global.idOf(t);
    int[] column = new int[v];
    Arrays.fill(column, -1);
    int[] fixedDf = new int[fixed.size()];
    for (int j = 0; j < fixed.size(); j++) {
      int t = global.get(fixed.get(j));
      if (t >= 0) {
        column[t] = j;
        fixedDf[j] = df[t];
      }
    }
    CsrMatrix counts = fill(n, fixed.size(), column, blocks, threads, counted);
    PruningStats stats = new PruningStats(v, 0, n, 0, 0, 0, fixed.size(), List.of());
    return new DocumentTermMatrix(new Vocabulary(fixed, fixedDf), counts, stats);
  }

  /** Pass 2, parallel: each document's counts of the kept terms ({@code column[t]} or -1), rows sorted by column. */
  private static CsrMatrix fill(int n, int keptCount, int[] column, int blocks, int threads,
      BlockCounts[] counted) {
    // Pass 2, parallel: row lengths, then (after the prefix sum) the sorted rows.
    int[] rowPtr = new int[n + 1];
    forEachBlock(blocks, threads, b -> {
      BlockCounts c = counted[b];
      for (int d = 0; d < c.documents(); d++) {
        int k = 0;
        for (int p = c.start[d]; p < c.start[d + 1]; p++) {
          if (column[c.ids[p]] >= 0) k++;
        }
        rowPtr[c.from + d + 1] = k;
      }
    });
    for (int d = 0; d < n; d++) rowPtr[d + 1] += rowPtr[d];
    int nnz = rowPtr[n];
    int[] colIdx = new int[nnz];
    double[] values = new double[nnz];
    forEachBlock(blocks, threads, b -> {
      BlockCounts c = counted[b];
      long[] packed = new long[64];
      for (int d = 0; d < c.documents(); d++) {
        int row = c.from + d;
        int q = 0;
        int len = rowPtr[row + 1] - rowPtr[row];
        if (packed.length < len) packed = new long[Math.max(len, packed.length * 2)];
        for (int p = c.start[d]; p < c.start[d + 1]; p++) {
          int col = column[c.ids[p]];
          if (col >= 0) packed[q++] = ((long) col << 32) | c.counts[p];
        }
        Arrays.sort(packed, 0, q);
        int base = rowPtr[row];
        for (int i = 0; i < q; i++) {
          colIdx[base + i] = (int) (packed[i] >>> 32);
          values[base + i] = (int) packed[i];
        }
      }
    });
    return new CsrMatrix(n, keptCount, rowPtr, colIdx, values);
  }

  /**
   * The counts of documents {@code [from, to)}: for each document its distinct term ids (in
   * first-seen order) with their counts, flat ({@code start[d]..start[d+1]}).
   */
  private static final class BlockCounts {
    final int from;
    final int[] start;
    final int[] ids;
    final int[] counts;

    private BlockCounts(int from, int[] start, int[] ids, int[] counts) {
      this.from = from;
      this.start = start;
      this.ids = ids;
      this.counts = counts;
    }

    int documents() {
      return start.length - 1;
    }

    static BlockCounts count(int[] offsets, int[] tokenIds, int v, int from, int to) {
      int[] count = new int[v]; // per id, within the current document; zero between documents
      int[] start = new int[to - from + 1];
      int tokens = offsets[to] - offsets[from];
      int[] ids = new int[tokens];
      int[] counts = new int[tokens];
      int size = 0;
      for (int d = from; d < to; d++) {
        int first = size;
        for (int p = offsets[d]; p < offsets[d + 1]; p++) {
          int id = tokenIds[p];
          if (count[id]++ == 0) {
            ids[size++] = id;
          }
        }
        for (int i = first; i < size; i++) {
          int id = ids[i];
          counts[i] = count[id];
          count[id] = 0;
        }
        start[d - from + 1] = size;
      }
      return new BlockCounts(from, start, Arrays.copyOf(ids, size), Arrays.copyOf(counts, size));
    }
  }

  /** Documents of strings numbered by one dictionary (for callers that pass strings). */
  private static TermIdDocuments encode(List<? extends Collection<String>> documentTerms) {
    int n = documentTerms.size();
    int[] offsets = new int[n + 1];
    for (int d = 0; d < n; d++) offsets[d + 1] = offsets[d] + documentTerms.get(d).size();
    int[] ids = new int[offsets[n]];
    TermIds dictionary = new TermIds(1 << 12);
    int p = 0;
    for (Collection<String> doc : documentTerms) {
      for (String term : doc) ids[p++] = dictionary.idOf(term);
    }
    String[] terms = dictionary.keys();
    return new TermIdDocuments() {
      @Override public String[] dictionary() { return terms; }
      @Override public int[] offsets() { return offsets; }
      @Override public int[] ids() { return ids; }
    };
  }

  /**
   * Numbers strings in first-seen order: an open-addressing hash table with linear probing that
   * keeps each slot's hash next to it, so a probe touches a string only when the hashes agree.
   */
  private static final class TermIds {
    private String[] slots;
    private int[] slotHash;
    private int[] slotIds;
    private String[] keys;
    private int size;

    TermIds(int capacity) {
      slots = new String[capacity * 2];
      slotHash = new int[capacity * 2];
      slotIds = new int[capacity * 2];
      keys = new String[capacity];
    }

    int size() {
      return size;
    }

    /** The terms in id order (a copy). */
    String[] keys() {
      return Arrays.copyOf(keys, size);
    }

    /** The id of {@code s}, or -1. */
    int get(String s) {
      int h = mix(s.hashCode());
      int mask = slots.length - 1;
      for (int i = h & mask; ; i = (i + 1) & mask) {
        String k = slots[i];
        if (k == null) return -1;
        if (slotHash[i] == h && k.equals(s)) return slotIds[i];
      }
    }

    /** The id of {@code s}, numbering it next when new. */
    int idOf(String s) {
      int h = mix(s.hashCode());
      int mask = slots.length - 1;
      int i = h & mask;
      while (true) {
        String k = slots[i];
        if (k == null) break;
        if (slotHash[i] == h && k.equals(s)) return slotIds[i];
        i = (i + 1) & mask;
      }
      int id = size++;
      if (id == keys.length) keys = Arrays.copyOf(keys, id * 2);
      keys[id] = s;
      slots[i] = s;
      slotHash[i] = h;
      slotIds[i] = id;
      if (size * 2 > slots.length) rehash();
      return id;
    }

    private void rehash() {
      String[] old = slots;
      int[] oldHash = slotHash;
      int[] oldIds = slotIds;
      slots = new String[old.length * 2];
      slotHash = new int[old.length * 2];
      slotIds = new int[old.length * 2];
      int mask = slots.length - 1;
      for (int j = 0; j < old.length; j++) {
        if (old[j] == null) continue;
        int i = oldHash[j] & mask;
        while (slots[i] != null) i = (i + 1) & mask;
        slots[i] = old[j];
        slotHash[i] = oldHash[j];
        slotIds[i] = oldIds[j];
      }
    }

    /** Spreads the bits of String.hashCode, whose low bits alone cluster for short words. */
    private static int mix(int h) {
      h *= 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }

  /**
   * Runs {@code task} for blocks 0..blocks-1 on up to {@code threads} threads (in the calling thread
   * when one suffices); each block is one task, so what a block computes does not depend on which
   * thread ran it.
   */
  private static void forEachBlock(int blocks, int threads, IntConsumer task) {
    try (io.topicnmf.parallel.Workers workers = io.topicnmf.parallel.Workers.of(Math.max(1, Math.min(threads, blocks)))) {
      workers.forEachBlock(blocks, 1, (b, from, to) -> task.accept(b));
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.2f", d);
  }
}

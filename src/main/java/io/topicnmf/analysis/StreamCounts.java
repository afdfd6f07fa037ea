package io.topicnmf.analysis;

import io.topicnmf.corpus.Document;
import io.topicnmf.vectorize.CountedRows;
import io.topicnmf.vectorize.RowStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a streaming analysis keeps of the documents, gathered in corpus order on the consumer's
 * thread: the documents (without their texts), one dictionary of the kept documents' terms, each
 * term's document frequency and total count, the rows ({@link RowStore}), the token ids in text
 * order, and the surface-form counts.
 *
 * <p>Each worker numbers terms in its own {@link TermDictionary} ({@link Worker}) and tells, with
 * each document, the terms it numbered for it; a worker's documents reach this object in the order
 * it analysed them, so its local ids are mapped to the corpus's ids as they come. A term gets a
 * corpus id only when a kept document uses it, so documents dropped after analysis (a repeated id)
 * leave no trace, as in {@link CorpusAnalyzer}, and no figure depends on which worker did what.
 */
final class StreamCounts implements Closeable {
  private final RowStore rows;
  private final List<Document> documents = new ArrayList<>();
  private final TermDictionary terms = new TermDictionary();
  private final TermDictionary originals = new TermDictionary();
  private int[] df = new int[1 << 12];
  private long[] total = new long[1 << 12];
  private int[] same = new int[1 << 12];
  private final CorpusAnalyzer.PairCounts differing = new CorpusAnalyzer.PairCounts();
  private int[] tokens = new int[1 << 16];
  private int tokenCount;
  private int[] offsets = new int[1 << 10];
  private final List<WorkerMap> maps = new ArrayList<>();
  private int[] rowIds = new int[64];

  StreamCounts(Path scratch) {
    this.rows = new RowStore(scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** A new worker, with its own dictionaries (call on the worker's thread, once). */
  synchronized Worker newWorker() {
    Worker w = new Worker(maps.size());
    maps.add(new WorkerMap());
    return w;
  }

  /** Documents kept so far. */
  int documentCount() {
    return documents.size();
  }

  /** One analysed document, in corpus order; counted when {@code kept}. */
  void add(Document document, DocumentTerms t, boolean kept) {
    WorkerMap map;
    synchronized (this) {
      map = maps.get(t.worker);
    }
    map.learn(t);
    if (!kept) {
      return;
    }
    documents.add(document);
    int n = documents.size();
    if (n >= offsets.length) offsets = Arrays.copyOf(offsets, offsets.length * 2);
    if (tokenCount + t.tokens.length > tokens.length) {
      tokens = Arrays.copyOf(tokens, Math.max(tokenCount + t.tokens.length, tokens.length * 2));
    }
    int base = tokenCount;
    for (int p = 0; p < t.tokens.length; p++) {
      tokens[tokenCount++] = global(map, t.tokens[p]);
    }
    offsets[n] = tokenCount;
    if (rowIds.length < t.distinct.length) rowIds = new int[Math.max(t.distinct.length, rowIds.length * 2)];
    for (int i = 0; i < t.distinct.length; i++) {
      int g = global(map, t.distinct[i]);
      rowIds[i] = g;
      df[g]++;
      total[g] += t.counts[i];
    }
    rows.add(rowIds, t.counts, t.distinct.length);
    if (t.originals != null) {
      for (int p = 0; p < t.tokens.length; p++) {
        int g = tokens[base + p];
        int o = t.originals[p];
        if (o < 0) {
          if (g >= same.length) same = Arrays.copyOf(same, Math.max(g + 1, same.length * 2));
          same[g]++;
        } else {
          differing.increment(g, map.original(o, originals));
        }
      }
    }
  }

  private int global(WorkerMap map, int local) {
    int g = map.toGlobal[local];
    if (g < 0) {
      g = terms.idOf(map.terms.get(local));
      map.toGlobal[local] = g;
      if (g >= df.length) {
        df = Arrays.copyOf(df, Math.max(g + 1, df.length * 2));
        total = Arrays.copyOf(total, df.length);
      }
    }
    return g;
  }

  /** The kept documents, in corpus order. */
  List<Document> documents() {
    return documents;
  }

  private String[] dictionary;

  /** The kept documents' distinct terms (made once, at the end). */
  private String[] dictionary() {
    if (dictionary == null || dictionary.length != terms.size()) dictionary = terms.terms();
    return dictionary;
  }

  /** The rows with the dictionary, document frequencies and totals. */
  CountedRows rows() {
    int v = terms.size();
    return new CountedRows(dictionary(), Arrays.copyOf(df, v), Arrays.copyOf(total, v), rows);
  }

  /** The token ids of every kept document, in text order, as a list of term lists. */
  List<List<String>> tokens() {
    int n = documents.size();
    return new EncodedTerms(dictionary(), Arrays.copyOf(offsets, n + 1), Arrays.copyOf(tokens, tokenCount));
  }

  /** Term → its most frequent original form (for terms the analysis transformed). */
  Map<String, String> surfaceForms() {
    SurfaceCounts counts = new SurfaceCounts();
    for (int g = 0, n = Math.min(same.length, terms.size()); g < n; g++) {
      if (same[g] > 0) {
        String term = terms.term(g);
        counts.add(term, term, same[g]);
      }
    }
    differing.forEach((g, o, c) -> counts.add(terms.term(g), originals.term(o), c));
    return SurfaceCounts.mostFrequent(List.of(counts));
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }

  /** One document's analysis, in its worker's ids. */
  static final class DocumentTerms {
    final int worker;
    final int[] tokens;
    final int[] originals;
    final int[] distinct;
    final int[] counts;
    final String[] newTerms;
    final String[] newOriginals;

    DocumentTerms(int worker, int[] tokens, int[] originals, int[] distinct, int[] counts, String[] newTerms,
        String[] newOriginals) {
      this.worker = worker;
      this.tokens = tokens;
      this.originals = originals;
      this.distinct = distinct;
      this.counts = counts;
      this.newTerms = newTerms;
      this.newOriginals = newOriginals;
    }
  }

  /** A worker's local ids as the consumer knows them: their strings, and their corpus ids once given. */
  private static final class WorkerMap {
    final List<String> terms = new ArrayList<>();
    final List<String> originalForms = new ArrayList<>();
    int[] toGlobal = new int[0];
    int[] originalToGlobal = new int[0];

    void learn(DocumentTerms t) {
      for (String s : t.newTerms) terms.add(s);
      if (toGlobal.length < terms.size()) {
        int old = toGlobal.length;
        toGlobal = Arrays.copyOf(toGlobal, Math.max(terms.size(), old * 2));
        Arrays.fill(toGlobal, old, toGlobal.length, -1);
      }
      if (t.newOriginals != null) {
        for (String s : t.newOriginals) originalForms.add(s);
        if (originalToGlobal.length < originalForms.size()) {
          int old = originalToGlobal.length;
          originalToGlobal = Arrays.copyOf(originalToGlobal, Math.max(originalForms.size(), old * 2));
          Arrays.fill(originalToGlobal, old, originalToGlobal.length, -1);
        }
      }
    }

    int original(int local, TermDictionary corpus) {
      int g = originalToGlobal[local];
      if (g < 0) {
        g = corpus.idOf(originalForms.get(local));
        originalToGlobal[local] = g;
      }
      return g;
    }
  }

  /** One worker thread's dictionaries and scratch. */
  static final class Worker {
    final int index;
    final TermDictionary dictionary = new TermDictionary();
    final TermDictionary originals = new TermDictionary();
    int[] ids = new int[1 << 12];
    int[] originalIds = new int[1 << 12];
    int size;
    int[] count = new int[1 << 12];

    Worker(int index) {
      this.index = index;
    }

    DocumentTerms analyse(TextAnalyzer analyzer, String text, boolean surfaces) {
      int termsBefore = dictionary.size();
      int originalsBefore = originals.size();
      size = 0;
      if (surfaces) {
        analyzer.analyzeChars(text, this::addWithSurface);
      } else {
        analyzer.analyzeChars(text, this::add);
      }
      int[] tokens = Arrays.copyOf(ids, size);
      int[] orig = surfaces ? Arrays.copyOf(originalIds, size) : null;
      if (count.length < dictionary.size()) count = new int[Math.max(dictionary.size(), count.length * 2)];
      int[] distinct = new int[size];
      int d = 0;
      for (int id : tokens) {
        if (count[id]++ == 0) distinct[d++] = id;
      }
      distinct = Arrays.copyOf(distinct, d);
      int[] counts = new int[d];
      for (int i = 0; i < d; i++) {
        counts[i] = count[distinct[i]];
        count[distinct[i]] = 0;
      }
      String[] newTerms = new String[dictionary.size() - termsBefore];
      for (int i = 0; i < newTerms.length; i++) newTerms[i] = dictionary.term(termsBefore + i);
      String[] newOriginals = null;
      if (surfaces) {
        newOriginals = new String[originals.size() - originalsBefore];
        for (int i = 0; i < newOriginals.length; i++) newOriginals[i] = originals.term(originalsBefore + i);
      }
      return new DocumentTerms(index, tokens, orig, distinct, counts, newTerms, newOriginals);
    }

    private void add(char[] buffer, int length) {
      if (size == ids.length) ids = Arrays.copyOf(ids, size * 2);
      ids[size++] = dictionary.idOf(buffer, length);
    }

    private void addWithSurface(char[] term, int length, char[] original, int from, int originalLength) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        originalIds = Arrays.copyOf(originalIds, size * 2);
      }
      int id = dictionary.idOf(term, length);
      ids[size] = id;
      boolean same = originalLength == length && Arrays.equals(term, 0, length, original, from, from + length);
      originalIds[size] = same ? -1 : originals.idOf(original, from, originalLength);
      size++;
    }
  }
}

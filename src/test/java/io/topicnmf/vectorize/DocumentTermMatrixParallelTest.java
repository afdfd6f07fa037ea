package io.topicnmf.vectorize;

import io.topicnmf.matrix.CsrMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The block-parallel counting of {@link DocumentTermMatrix#build} against a naive reference (one
 * TreeMap per document, pruning written out plainly), and against itself on 1 to 8 threads: the
 * result must be identical, array for array, whatever the thread count.
 */
class DocumentTermMatrixParallelTest {

  /** A Zipf-like random corpus spanning several blocks, with empty documents and repeated terms. */
  private static List<List<String>> corpus(long seed, int documents, int vocabulary) {
    SplittableRandom r = new SplittableRandom(seed);
    List<List<String>> docs = new ArrayList<>();
    for (int d = 0; d < documents; d++) {
      int len = d % 97 == 0 ? 0 : r.nextInt(1, 60);
      List<String> terms = new ArrayList<>(len);
      for (int i = 0; i < len; i++) {
        // rank ~ u^3 * V favours small ranks: a few very common terms, a long tail
        double u = r.nextDouble();
        int rank = (int) (u * u * u * vocabulary);
        // new String each time: equal terms are distinct instances, as analysis produces them
        terms.add(new String("t" + Integer.toString(rank, 36)));
      }
      docs.add(terms);
    }
    return docs;
  }

  @Test
  void sameResultOnAnyNumberOfThreads() {
    List<List<String>> docs = corpus(7, 3 * DocumentTermMatrix.BLOCK + 41, 5000);
    VocabularyOptions[] options = {
      new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 0),
      new VocabularyOptions(DfLimit.count(2), DfLimit.share(0.2), 0),
      new VocabularyOptions(DfLimit.share(0.001), DfLimit.count(300), 500),
    };
    for (VocabularyOptions o : options) {
      DocumentTermMatrix one = DocumentTermMatrix.build(docs, o, 1);
      for (int threads : new int[] {2, 3, 8}) {
        DocumentTermMatrix many = DocumentTermMatrix.build(docs, o, threads);
        assertEquals(one.vocabulary().terms(), many.vocabulary().terms(), threads + " threads");
        assertArrayEquals(one.vocabulary().documentFrequencies(), many.vocabulary().documentFrequencies());
        assertArrayEquals(one.counts().rowPtr(), many.counts().rowPtr());
        assertArrayEquals(one.counts().colIdx(), many.counts().colIdx());
        assertArrayEquals(one.counts().values(), many.counts().values(), 0);
        assertEquals(one.pruning(), many.pruning());
      }
    }
  }

  @Test
  void equalsNaiveReference() {
    List<List<String>> docs = corpus(11, 2 * DocumentTermMatrix.BLOCK + 3, 3000);
    VocabularyOptions[] options = {
      new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 0),
      new VocabularyOptions(DfLimit.count(3), DfLimit.share(0.1), 0),
      new VocabularyOptions(DfLimit.count(2), DfLimit.share(0.5), 200),
    };
    int rulesSeen = 0;
    for (VocabularyOptions o : options) {
      DocumentTermMatrix got = DocumentTermMatrix.build(docs, o, 4);
      Reference want = Reference.of(docs, o);
      rulesSeen += (want.byMin > 0 ? 1 : 0) + (want.byMax > 0 ? 10 : 0) + (want.byFeatures > 0 ? 100 : 0);
      assertEquals(want.terms, got.vocabulary().terms());
      assertEquals(want.termsSeen, got.pruning().termsSeen());
      assertEquals(want.byMin, got.pruning().removedByMinDf());
      assertEquals(want.byMax, got.pruning().removedByMaxDf());
      assertEquals(want.byFeatures, got.pruning().removedByMaxFeatures());
      assertEquals(want.topRemoved, got.pruning().topRemovedByMaxDf());
      CsrMatrix c = got.counts();
      assertEquals(docs.size(), c.rows());
      for (int d = 0; d < docs.size(); d++) {
        Map<Integer, Double> row = new TreeMap<>();
        for (int p = c.rowPtr()[d]; p < c.rowPtr()[d + 1]; p++) row.put(c.colIdx()[p], (double) c.values()[p]);
        assertEquals(want.rows.get(d), row, "document " + d);
      }
      for (int j = 0; j < want.terms.size(); j++) {
        assertEquals(want.df.get(want.terms.get(j)), got.vocabulary().documentFrequency(j));
      }
    }
    assertEquals(true, rulesSeen % 10 > 0 && rulesSeen / 10 % 10 > 0 && rulesSeen / 100 > 0,
        "the corpus exercises --min-df, --max-df and --max-features: " + rulesSeen);
  }

  @Test
  void termIdsGiveTheSameMatrixHoweverTheDictionaryIsNumbered() {
    List<List<String>> docs = corpus(13, 2 * DocumentTermMatrix.BLOCK + 9, 2000);
    // The dictionary in a shuffled order, as merged per-thread dictionaries number it.
    List<String> distinct = new ArrayList<>(new HashSet<>(docs.stream().flatMap(List::stream).toList()));
    java.util.Collections.shuffle(distinct, new java.util.Random(5));
    Map<String, Integer> id = new HashMap<>();
    for (String t : distinct) id.put(t, id.size());
    int[] offsets = new int[docs.size() + 1];
    for (int d = 0; d < docs.size(); d++) offsets[d + 1] = offsets[d] + docs.get(d).size();
    int[] ids = docs.stream().flatMap(List::stream).mapToInt(id::get).toArray();
    String[] dictionary = distinct.toArray(new String[0]);
    TermIdDocuments encoded = new TermIdDocuments() {
      @Override public String[] dictionary() { return dictionary; }
      @Override public int[] offsets() { return offsets; }
      @Override public int[] ids() { return ids; }
    };
    for (VocabularyOptions o : new VocabularyOptions[] {
        new VocabularyOptions(DfLimit.count(2), DfLimit.share(0.3), 0),
        new VocabularyOptions(DfLimit.count(1), DfLimit.share(1.0), 100)}) {
      DocumentTermMatrix fromStrings = DocumentTermMatrix.build(docs, o, 1);
      for (int threads : new int[] {1, 3}) {
        DocumentTermMatrix fromIds = DocumentTermMatrix.build(encoded, o, threads);
        assertEquals(fromStrings.vocabulary().terms(), fromIds.vocabulary().terms());
        assertArrayEquals(fromStrings.vocabulary().documentFrequencies(), fromIds.vocabulary().documentFrequencies());
        assertArrayEquals(fromStrings.counts().rowPtr(), fromIds.counts().rowPtr());
        assertArrayEquals(fromStrings.counts().colIdx(), fromIds.counts().colIdx());
        assertArrayEquals(fromStrings.counts().values(), fromIds.counts().values(), 0);
        assertEquals(fromStrings.pruning(), fromIds.pruning());
      }
    }
  }

  @Test
  void rejectsFewerThanOneThread() {
    assertThrows(IllegalArgumentException.class,
        () -> DocumentTermMatrix.build(List.of(List.of("a")), VocabularyOptions.defaults(), 0));
  }

  /** The naive computation: per-document TreeMaps, then scikit-learn's pruning rules in order. */
  private static final class Reference {
    List<String> terms;
    Map<String, Integer> df = new HashMap<>();
    int termsSeen;
    int byMin;
    int byMax;
    int byFeatures;
    List<String> topRemoved = new ArrayList<>();
    List<Map<Integer, Double>> rows = new ArrayList<>();

    static Reference of(List<List<String>> docs, VocabularyOptions o) {
      Reference r = new Reference();
      int n = docs.size();
      Map<String, Long> total = new HashMap<>();
      List<TreeMap<String, Integer>> counts = new ArrayList<>();
      for (List<String> doc : docs) {
        TreeMap<String, Integer> m = new TreeMap<>();
        for (String t : doc) m.merge(t, 1, Integer::sum);
        counts.add(m);
        m.forEach((t, c) -> {
          r.df.merge(t, 1, Integer::sum);
          total.merge(t, (long) c, Long::sum);
        });
      }
      r.termsSeen = r.df.size();
      double min = o.minDf().documents(n);
      double max = o.maxDf().documents(n);
      List<String> kept = new ArrayList<>();
      List<String> removedByMax = new ArrayList<>();
      for (String t : new TreeMap<>(r.df).keySet()) {
        int f = r.df.get(t);
        if (f < min) r.byMin++;
        else if (f > max) removedByMax.add(t);
        else kept.add(t);
      }
      r.byMax = removedByMax.size();
      removedByMax.sort(Comparator.<String>comparingInt(t -> -r.df.get(t)).thenComparing(t -> t));
      r.topRemoved = removedByMax.subList(0, Math.min(20, removedByMax.size()));
      if (o.maxFeatures() > 0 && kept.size() > o.maxFeatures()) {
        kept.sort(Comparator.<String>comparingLong(t -> -total.get(t)).thenComparing(t -> t));
        r.byFeatures = kept.size() - o.maxFeatures();
        kept = new ArrayList<>(kept.subList(0, o.maxFeatures()));
      }
      kept.sort(null);
      r.terms = kept;
      Map<String, Integer> column = new HashMap<>();
      for (int j = 0; j < kept.size(); j++) column.put(kept.get(j), j);
      Set<String> keep = new HashSet<>(kept);
      for (TreeMap<String, Integer> m : counts) {
        Map<Integer, Double> row = new TreeMap<>();
        m.forEach((t, c) -> {
          if (keep.contains(t)) row.put(column.get(t), (double) c);
        });
        r.rows.add(row);
      }
      return r;
    }
  }
}

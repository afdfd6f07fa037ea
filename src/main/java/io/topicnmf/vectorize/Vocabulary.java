package io.topicnmf.vectorize;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The terms kept after pruning, in alphabetical order (a term's index is its matrix column), with
 * their document frequencies in the corpus they were counted on.
 */
public final class Vocabulary {
  private final List<String> terms;
  private final int[] documentFrequency;
  private volatile Map<String, Integer> index;

  public Vocabulary(List<String> terms, int[] documentFrequency) {
    if (terms.size() != documentFrequency.length) {
      throw new IllegalArgumentException(
          terms.size() + " terms but " + documentFrequency.length + " document frequencies");
    }
    this.terms = List.copyOf(terms);
    this.documentFrequency = documentFrequency.clone();
    index(); // checks that the terms are distinct
  }

  private Vocabulary(String[] distinctTerms, int[] documentFrequency) {
    this.terms = Collections.unmodifiableList(Arrays.asList(distinctTerms));
    this.documentFrequency = documentFrequency;
  }

  /**
   * A vocabulary of terms known to be distinct (the matrix builder's own, sorted and unique),
   * taking both arrays as they are: neither copied nor indexed until {@link #id} is first called.
   */
  static Vocabulary ofDistinct(String[] terms, int[] documentFrequency) {
    if (terms.length != documentFrequency.length) {
      throw new IllegalArgumentException(
          terms.length + " terms but " + documentFrequency.length + " document frequencies");
    }
    return new Vocabulary(terms, documentFrequency);
  }

  /** Term → column, built once on first use (thread-safe: a race builds equal maps). */
  private Map<String, Integer> index() {
    Map<String, Integer> m = index;
    if (m == null) {
      m = new HashMap<>(terms.size() * 2);
      for (int i = 0; i < terms.size(); i++) {
        if (m.put(terms.get(i), i) != null) {
          throw new IllegalArgumentException("duplicate term '" + terms.get(i) + "'");
        }
      }
      m = Collections.unmodifiableMap(m);
      index = m;
    }
    return m;
  }

  public int size() { return terms.size(); }

  public String term(int id) { return terms.get(id); }

  /** The column of {@code term}, or -1. */
  public int id(String term) {
    Integer i = index().get(term);
    return i == null ? -1 : i;
  }

  public List<String> terms() { return terms; }

  /** Number of documents containing term {@code id}. */
  public int documentFrequency(int id) { return documentFrequency[id]; }

  /** A copy of all document frequencies, by column. */
  public int[] documentFrequencies() { return documentFrequency.clone(); }
}

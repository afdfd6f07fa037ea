package io.topicnmf.matrix;

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
  private final Map<String, Integer> index;

  public Vocabulary(List<String> terms, int[] documentFrequency) {
    if (terms.size() != documentFrequency.length) {
      throw new IllegalArgumentException(
          terms.size() + " terms but " + documentFrequency.length + " document frequencies");
    }
    this.terms = List.copyOf(terms);
    this.documentFrequency = documentFrequency.clone();
    Map<String, Integer> m = new HashMap<>(terms.size() * 2);
    for (int i = 0; i < terms.size(); i++) {
      if (m.put(terms.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate term '" + terms.get(i) + "'");
      }
    }
    this.index = Collections.unmodifiableMap(m);
  }

  public int size() { return terms.size(); }

  public String term(int id) { return terms.get(id); }

  /** The column of {@code term}, or -1. */
  public int id(String term) {
    Integer i = index.get(term);
    return i == null ? -1 : i;
  }

  public List<String> terms() { return terms; }

  /** Number of documents containing term {@code id}. */
  public int documentFrequency(int id) { return documentFrequency[id]; }

  /** A copy of all document frequencies, by column. */
  public int[] documentFrequencies() { return documentFrequency.clone(); }
}

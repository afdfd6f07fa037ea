package io.topicnmf.analysis;

import io.topicnmf.vectorize.TermIdDocuments;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The analysed terms of a corpus as ids into one dictionary, seen as an immutable list of
 * documents, each an immutable list of its terms (strings shared from the dictionary, none made
 * per occurrence). {@link io.topicnmf.vectorize.DocumentTermMatrix} counts it by id.
 */
final class EncodedTerms extends AbstractList<List<String>>
    implements TermIdDocuments, RandomAccess {
  private final String[] dictionary;
  private final int[] offsets;
  private final int[] ids;

  EncodedTerms(String[] dictionary, int[] offsets, int[] ids) {
    this.dictionary = dictionary;
    this.offsets = offsets;
    this.ids = ids;
  }

  @Override
  public List<String> get(int document) {
    int from = offsets[document];
    int size = offsets[document + 1] - from;
    return new Document(from, size);
  }

  @Override
  public int size() {
    return offsets.length - 1;
  }

  @Override
  public String[] dictionary() {
    return dictionary;
  }

  @Override
  public int[] offsets() {
    return offsets;
  }

  @Override
  public int[] ids() {
    return ids;
  }

  /** One document's terms. */
  private final class Document extends AbstractList<String> implements RandomAccess {
    private final int from;
    private final int size;

    Document(int from, int size) {
      this.from = from;
      this.size = size;
    }

    @Override
    public String get(int i) {
      if (i < 0 || i >= size) {
        throw new IndexOutOfBoundsException("term " + i + " of a document of " + size);
      }
      return dictionary[ids[from + i]];
    }

    @Override
    public int size() {
      return size;
    }
  }
}

package io.topicnmf.vectorize;

/**
 * Documents given as sequences of term ids into a dictionary of distinct terms, the compact form
 * in which analysis hands its output to {@link DocumentTermMatrix}: counting then indexes arrays by
 * id instead of hashing every token's string again. A {@code List<List<String>>} of documents may
 * implement it too, and {@link DocumentTermMatrix#build(java.util.List, VocabularyOptions, int)}
 * then takes the fast path.
 *
 * <p>The arrays are shared, not copied: callers must not modify them.
 */
public interface TermIdDocuments {
  /** The distinct terms; a term's index is its id. Every term occurs in some document. */
  String[] dictionary();

  /** Document {@code d}'s terms are {@code ids()[offsets()[d] .. offsets()[d + 1])}; length documents + 1. */
  int[] offsets();

  /** The term ids of all documents, in document order and, within a document, in text order. */
  int[] ids();
}

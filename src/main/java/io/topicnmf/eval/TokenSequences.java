package io.topicnmf.eval;

import java.util.Objects;

/**
 * Documents as the sequences of their analysed tokens in text order, each token given as the
 * column of its term in a document-term matrix, or {@code -1} for a token whose term is not a
 * column (pruned from the vocabulary). The positions of such tokens still count: sliding windows
 * ({@link ContextVectorCoherence}) are taken over the whole token stream, as gensim takes them over
 * the token lists it is given.
 *
 * <p>The arrays are shared, not copied: callers must not modify them.
 *
 * @param offsets document {@code d}'s tokens are {@code columns[offsets[d] .. offsets[d + 1])};
 *     length documents + 1, non-decreasing, starting at 0 and ending at {@code columns.length}
 * @param columns every token's column, or -1
 */
public record TokenSequences(int[] offsets, int[] columns) {
  public TokenSequences {
    Objects.requireNonNull(offsets, "offsets");
    Objects.requireNonNull(columns, "columns");
    if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != columns.length) {
      throw new IllegalArgumentException("offsets must start at 0 and end at the " + columns.length
          + " tokens, got " + offsets.length + " offsets");
    }
    for (int d = 1; d < offsets.length; d++) {
      if (offsets[d] < offsets[d - 1]) {
        throw new IllegalArgumentException("offsets decrease at document " + (d - 1));
      }
    }
  }

  /** Number of documents. */
  public int documents() {
    return offsets.length - 1;
  }

  /** Number of tokens of document {@code d}. */
  public int length(int d) {
    return offsets[d + 1] - offsets[d];
  }
}

package io.topicnmf.analysis;

import java.util.Arrays;

/**
 * The original form of each token of one token stream, recorded before stemming ({@link
 * SurfaceRecorder}) in stream order, and found again by the index a token's {@link
 * SurfaceFormAttribute} carries. The characters are kept in one pool, so recording a token
 * allocates nothing. One instance per stream (it lives in the stream's attribute), cleared for
 * every text.
 */
public final class Originals {
  /** Original {@code i}'s characters are {@code chars[charStart[i]..charStart[i + 1])}. */
  private int[] charStart = new int[65];
  private char[] chars = new char[1024];
  private int count;
  /** Scratch for the original of a multi-word term (the tokens joined by spaces). */
  private char[] joined = new char[64];

  void clear() {
    count = 0;
  }

  /** Records the original {@code buffer[0..length)} of the next token; returns its index. */
  int record(char[] buffer, int length) {
    if (count + 1 == charStart.length) {
      charStart = Arrays.copyOf(charStart, (charStart.length - 1) * 2 + 1);
    }
    int at = charStart[count];
    if (at + length > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(at + length, chars.length * 2));
    }
    System.arraycopy(buffer, 0, chars, at, length);
    charStart[count + 1] = at + length;
    return count++;
  }

  /**
   * The index of the first recorded token of a term of {@code words} words whose first token was
   * recorded at {@code first} ({@link SurfaceFormAttribute#originalIndex}), or -1 when there is
   * none or fewer than {@code words} tokens were recorded from there. Phrases ({@link
   * org.apache.lucene.analysis.shingle.ShingleFilter}) are made of consecutive recorded tokens.
   */
  int index(int first, int words) {
    return first < 0 || first + words > count ? -1 : first;
  }

  /**
   * The array holding the original of the {@code words}-word term whose first token is recorded
   * at {@code index} ({@link #index}); its characters start at {@link #originalFrom} and run for
   * {@link #originalLength}. Valid until the next call.
   */
  char[] originalChars(int index, int words) {
    if (words == 1) {
      return chars;
    }
    int len = originalLength(index, words);
    if (joined.length < len) {
      joined = new char[Math.max(len, joined.length * 2)];
    }
    int n = 0;
    for (int j = index; j < index + words; j++) {
      if (j > index) {
        joined[n++] = ' ';
      }
      int from = charStart[j];
      int l = charStart[j + 1] - from;
      System.arraycopy(chars, from, joined, n, l);
      n += l;
    }
    return joined;
  }

  int originalFrom(int index, int words) {
    return words == 1 ? charStart[index] : 0;
  }

  int originalLength(int index, int words) {
    return charStart[index + words] - charStart[index] + (words - 1);
  }
}

package io.topicnmf.analysis;

import java.util.Arrays;

/**
 * Per-thread state shared by the filters of one analysis chain and {@link TextAnalyzer}: the text
 * being analysed (for filters that look between tokens) and the original form of each token
 * recorded before stemming (for surface forms). The originals' characters are kept in one pool,
 * so recording a token allocates nothing. One instance per thread, reset for every text.
 */
final class AnalysisContext {
  String text = "";
  private int[] starts = new int[64];
  /** Original {@code i}'s characters are {@code chars[charStart[i]..charStart[i + 1])}. */
  private int[] charStart = new int[65];
  private char[] chars = new char[1024];
  private int count;
  /** Scratch for the original of a multi-word term (the tokens joined by spaces). */
  private char[] joined = new char[64];

  void reset(String text) {
    this.text = text;
    count = 0;
  }

  void record(int startOffset, char[] buffer, int length) {
    if (count + 1 == starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
      charStart = Arrays.copyOf(charStart, starts.length + 1);
    }
    int at = charStart[count];
    if (at + length > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(at + length, chars.length * 2));
    }
    System.arraycopy(buffer, 0, chars, at, length);
    starts[count] = startOffset;
    charStart[count + 1] = at + length;
    count++;
  }

  /**
   * The original form of a term of {@code words} words whose first token starts at {@code
   * startOffset}: the recorded token(s) from that one on, joined by a space. Shingles are made of
   * consecutive tokens of the recorded stream, so counting tokens (not comparing offsets) also
   * works when tokens overlap, as CJK bigrams do. {@code null} when nothing was recorded there.
   */
  String original(int startOffset, int words) {
    int i = index(startOffset, words);
    if (i < 0) {
      return null;
    }
    int len = originalLength(i, words);
    return new String(originalChars(i, words), originalFrom(i, words), len);
  }

  /** The index of the first recorded token of such a term, or -1 when nothing was recorded there. */
  int index(int startOffset, int words) {
    int i = firstAtOrAfter(startOffset);
    if (i >= count || starts[i] != startOffset || i + words > count) {
      return -1;
    }
    return i;
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

  private int firstAtOrAfter(int offset) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

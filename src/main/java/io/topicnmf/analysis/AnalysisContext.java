package io.topicnmf.analysis;

import java.util.Arrays;

/**
 * Per-thread state shared by the filters of one analysis chain and {@link TextAnalyzer}: the text
 * being analysed (for filters that look between tokens) and the original form of each token
 * recorded before stemming (for surface forms). One instance per thread, reset for every text.
 */
final class AnalysisContext {
  String text = "";
  private int[] starts = new int[64];
  private String[] originals = new String[64];
  private int count;

  void reset(String text) {
    this.text = text;
    Arrays.fill(originals, 0, count, null);
    count = 0;
  }

  void record(int startOffset, String original) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      originals = Arrays.copyOf(originals, count * 2);
    }
    starts[count] = startOffset;
    originals[count] = original;
    count++;
  }

  /**
   * The original form of a term of {@code words} words whose first token starts at {@code
   * startOffset}: the recorded token(s) from that one on, joined by a space. Shingles are made of
   * consecutive tokens of the recorded stream, so counting tokens (not comparing offsets) also
   * works when tokens overlap, as CJK bigrams do. {@code null} when nothing was recorded there.
   */
  String original(int startOffset, int words) {
    int i = firstAtOrAfter(startOffset);
    if (i >= count || starts[i] != startOffset || i + words > count) {
      return null;
    }
    if (words == 1) {
      return originals[i];
    }
    StringBuilder sb = new StringBuilder(originals[i]);
    for (int j = i + 1; j < i + words; j++) {
      sb.append(' ').append(originals[j]);
    }
    return sb.toString();
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

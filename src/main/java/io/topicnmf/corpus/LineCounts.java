package io.topicnmf.corpus;

import java.util.Arrays;

/**
 * How many web pages hold each line, by a 64-bit hash of the line as pages compare it ({@link
 * CorpusReader#normalizeLine}): the counting pass of the boilerplate detection, which never holds
 * the lines themselves. An open-addressing table of long keys, no boxing.
 */
final class LineCounts {
  private long[] keys = new long[1 << 10];
  private int[] counts = new int[1 << 10];
  private boolean[] used = new boolean[1 << 10];
  private int size;

  /** The hash of a normalised line (FNV-1a over its chars, then mixed). */
  static long hash(String line) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < line.length(); i++) {
      h ^= line.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  /** The distinct hashes of the non-blank lines of {@code text} (lines split at '\n' as pages are compared). */
  static long[] distinctLines(String text) {
    String[] lines = text.split("\n");
    long[] out = new long[lines.length];
    int n = 0;
    for (String line : lines) {
      String key = CorpusReader.normalizeLine(line);
      if (!key.isEmpty()) {
        out[n++] = hash(key);
      }
    }
    Arrays.sort(out, 0, n);
    int d = 0;
    for (int i = 0; i < n; i++) {
      if (d == 0 || out[i] != out[d - 1]) {
        out[d++] = out[i];
      }
    }
    return Arrays.copyOf(out, d);
  }

  void addAll(long[] hashes) {
    for (long h : hashes) {
      increment(h);
    }
  }

  private void increment(long key) {
    int mask = keys.length - 1;
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (used[i] && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (used[i]) {
      counts[i]++;
      return;
    }
    used[i] = true;
    keys[i] = key;
    counts[i] = 1;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  /** The hashes counted at least {@code threshold} times, sorted. */
  long[] atLeast(int threshold) {
    long[] out = new long[size];
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (used[i] && counts[i] >= threshold) {
        out[n++] = keys[i];
      }
    }
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    return out;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    counts = new int[keys.length];
    used = new boolean[keys.length];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldUsed[j]) {
        int i = (int) (oldKeys[j] ^ (oldKeys[j] >>> 32)) & mask;
        while (used[i]) {
          i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = oldKeys[j];
        counts[i] = oldCounts[j];
      }
    }
  }
}

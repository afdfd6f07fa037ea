package io.topicnmf.analysis;

import java.util.Arrays;

/**
 * Numbers distinct terms in first-seen order, keyed by their characters: the analysis hands each
 * token's {@code char[]} buffer straight in, so a term repeated a million times is stored once and
 * never becomes a {@code String} per occurrence. An open-addressing hash table with linear probing;
 * each slot keeps its term's hash so a probe compares characters only when the hashes agree. The
 * characters of all terms live in one pool. Not thread-safe: one instance per worker.
 */
final class TermDictionary {
  private char[] pool = new char[1 << 16];
  private int poolSize;
  private int[] start = new int[1 << 12];
  private int[] length = new int[1 << 12];
  private int[] hashes = new int[1 << 12];
  private int[] slots; // id + 1, 0 = empty
  private int size;

  TermDictionary() {
    slots = new int[1 << 13];
  }

  int size() {
    return size;
  }

  /** The id of the term {@code chars[0..len)}, numbering it next when new. */
  int idOf(char[] chars, int len) {
    int h = hash(chars, 0, len);
    int mask = slots.length - 1;
    int i = h & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        break;
      }
      int id = s - 1;
      if (hashes[id] == h && length[id] == len && sameChars(start[id], chars, len)) {
        return id;
      }
      i = (i + 1) & mask;
    }
    int id = size++;
    if (id == start.length) {
      start = Arrays.copyOf(start, id * 2);
      length = Arrays.copyOf(length, id * 2);
      hashes = Arrays.copyOf(hashes, id * 2);
    }
    if (poolSize + len > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(poolSize + len, pool.length * 2));
    }
    System.arraycopy(chars, 0, pool, poolSize, len);
    start[id] = poolSize;
    length[id] = len;
    hashes[id] = h;
    poolSize += len;
    slots[i] = id + 1;
    if (size * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  private boolean sameChars(int at, char[] chars, int len) {
    char[] p = pool;
    for (int i = 0; i < len; i++) {
      if (p[at + i] != chars[i]) {
        return false;
      }
    }
    return true;
  }

  /** The id of {@code term} (numbering it next when new). */
  int idOf(String term) {
    return idOf(term.toCharArray(), term.length());
  }

  /** The id of term {@code id} of {@code other} in this dictionary, numbering it next when new. */
  int idOf(TermDictionary other, int id) {
    int len = other.length[id];
    char[] buf = new char[len];
    System.arraycopy(other.pool, other.start[id], buf, 0, len);
    return idOf(buf, len);
  }

  /** Term {@code id} as a string. */
  String term(int id) {
    return new String(pool, start[id], length[id]);
  }

  /** All terms, by id. */
  String[] terms() {
    String[] out = new String[size];
    for (int id = 0; id < size; id++) {
      out[id] = term(id);
    }
    return out;
  }

  private void rehash() {
    int[] bigger = new int[slots.length * 2];
    int mask = bigger.length - 1;
    for (int id = 0; id < size; id++) {
      int i = hashes[id] & mask;
      while (bigger[i] != 0) {
        i = (i + 1) & mask;
      }
      bigger[i] = id + 1;
    }
    slots = bigger;
  }

  /** String.hashCode of the characters, with its bits spread (short words cluster in the low bits). */
  private static int hash(char[] chars, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + chars[i];
    }
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}

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
  /** Term {@code id}'s characters are {@code pool[start[id]..start[id + 1])}. */
  private int[] start = new int[1 << 12];
  /** Per slot: the term's hash in the high half, its id + 1 in the low half; 0 when empty. */
  private long[] slots = new long[1 << 13];
  private int size;

  int size() {
    return size;
  }

  /** The id of the term {@code chars[0..len)}, numbering it next when new. */
  int idOf(char[] chars, int len) {
    return idOf(chars, 0, len);
  }

  /** The id of the term {@code chars[from..from+len)}, numbering it next when new. */
  int idOf(char[] chars, int from, int len) {
    int h = 0;
    for (int i = 0; i < len; i++) {
      h = 31 * h + chars[from + i];
    }
    h *= 0x9E3779B9; // spread String.hashCode's bits: short words cluster in the low ones
    h ^= h >>> 16;
    long[] table = slots;
    int mask = table.length - 1;
    int i = h & mask;
    while (true) {
      long slot = table[i];
      if (slot == 0) {
        break;
      }
      if ((int) (slot >>> 32) == h) {
        int id = (int) slot - 1;
        int at = start[id];
        if (start[id + 1] - at == len && sameChars(at, chars, from, len)) {
          return id;
        }
      }
      i = (i + 1) & mask;
    }
    int id = size++;
    if (id + 2 > start.length) {
      start = Arrays.copyOf(start, start.length * 2);
    }
    int at = start[id];
    if (at + len > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(at + len, pool.length * 2));
    }
    System.arraycopy(chars, from, pool, at, len);
    start[id + 1] = at + len;
    table[i] = ((long) h << 32) | (id + 1);
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  private boolean sameChars(int at, char[] chars, int from, int len) {
    char[] p = pool;
    for (int i = 0; i < len; i++) {
      if (p[at + i] != chars[from + i]) {
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
    int from = other.start[id];
    return idOf(other.pool, from, other.start[id + 1] - from);
  }

  /** Term {@code id} as a string. */
  String term(int id) {
    return new String(pool, start[id], start[id + 1] - start[id]);
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
    long[] bigger = new long[slots.length * 2];
    int mask = bigger.length - 1;
    for (long slot : slots) {
      if (slot != 0) {
        int i = (int) (slot >>> 32) & mask;
        while (bigger[i] != 0) {
          i = (i + 1) & mask;
        }
        bigger[i] = slot;
      }
    }
    slots = bigger;
  }
}

package io.topicnmf.analysis;

import java.util.Arrays;

/**
 * Numbers distinct terms in first-seen order, keyed by their characters: the analysis hands each
 * token's {@code char[]} buffer straight in, so a term repeated a million times is stored once and
 * never becomes a {@code String} per occurrence. An open-addressing hash table with linear probing;
 * the characters of all terms live in one pool. Not thread-safe: one instance per worker.
 *
 * <p>Each slot is {@value #STRIDE} adjacent longs: the term's hash and id, its first eight
 * characters packed (zero past its length), and its length and place in the pool. A lookup of a
 * term of up to eight characters (most words) is decided by the slot alone, in one cache line,
 * and a longer one reads the pool only past its eighth character. With the id in the slot and the
 * characters in the pool only, every hit cost three dependent cache misses (slot, start, pool):
 * on a 199,170-document corpus with a few hundred thousand distinct terms per worker that was
 * two thirds of the workers' CPU (docs/design-notes.md, "Stages around the fit").
 */
final class TermDictionary {
  /** Longs per slot: hash and id + 1 (0 when empty), chars 0–3, chars 4–7, pool start and length. */
  private static final int STRIDE = 4;
  private char[] pool = new char[1 << 16];
  /** Term {@code id}'s characters are {@code pool[start[id]..start[id + 1])}. */
  private int[] start = new int[1 << 12];
  private long[] slots = new long[STRIDE << 13];
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
    long c0 = 0;
    long c1 = 0;
    for (int i = 0; i < len; i++) {
      char c = chars[from + i];
      h = 31 * h + c;
      if (i < 4) {
        c0 |= (long) c << (i << 4);
      } else if (i < 8) {
        c1 |= (long) c << ((i - 4) << 4);
      }
    }
    h *= 0x9E3779B9; // spread String.hashCode's bits: short words cluster in the low ones
    h ^= h >>> 16;
    long[] table = slots;
    int mask = (table.length / STRIDE) - 1;
    int i = h & mask;
    while (true) {
      int s = i * STRIDE;
      long slot = table[s];
      if (slot == 0) {
        break;
      }
      if ((int) (slot >>> 32) == h && table[s + 1] == c0 && table[s + 2] == c1) {
        long place = table[s + 3];
        if ((int) place == len && (len <= 8 || sameChars((int) (place >>> 32) + 8, chars, from + 8, len - 8))) {
          return (int) slot - 1;
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
    int s = i * STRIDE;
    table[s] = ((long) h << 32) | (id + 1);
    table[s + 1] = c0;
    table[s + 2] = c1;
    table[s + 3] = ((long) at << 32) | len;
    if (size * 2 > table.length / STRIDE) {
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
    int mask = (bigger.length / STRIDE) - 1;
    for (int s = 0; s < slots.length; s += STRIDE) {
      long slot = slots[s];
      if (slot != 0) {
        int i = (int) (slot >>> 32) & mask;
        while (bigger[i * STRIDE] != 0) {
          i = (i + 1) & mask;
        }
        System.arraycopy(slots, s, bigger, i * STRIDE, STRIDE);
      }
    }
    slots = bigger;
  }
}

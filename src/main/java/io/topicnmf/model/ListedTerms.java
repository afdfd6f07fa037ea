package io.topicnmf.model;

import io.topicnmf.eval.Coherence;

/**
 * The diversity of a set of lists as one list at a time is replaced: how many times each term
 * is listed, so a replacement costs the lists' lengths instead of sorting all lists ({@link
 * Coherence#diversity} gives the same value: distinct terms over listed terms).
 */
final class ListedTerms {
  private final int[] times;
  private int distinct;
  private int total;

  ListedTerms(int[][] lists, int terms) {
    times = new int[terms];
    for (int[] l : lists) replace(new int[0], l);
  }

  void replace(int[] out, int[] in) {
    for (int j : out) if (--times[j] == 0) distinct--;
    for (int j : in) if (times[j]++ == 0) distinct++;
    total += in.length - out.length;
  }

  double diversity() {
    return total == 0 ? Double.NaN : (double) distinct / total;
  }
}

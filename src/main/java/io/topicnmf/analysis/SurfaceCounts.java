package io.topicnmf.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts of the original forms behind each term, for one worker; merged at the end. */
final class SurfaceCounts {
  private final Map<String, Map<String, int[]>> counts = new HashMap<>();

  void add(String term, String surface) {
    add(term, surface, 1);
  }

  void add(String term, String surface, int n) {
    counts
        .computeIfAbsent(term, t -> new HashMap<>(4))
        .computeIfAbsent(surface, s -> new int[1])[0] += n;
  }

  /**
   * Term → its most frequent surface form over all workers' counts; ties go to the
   * lexicographically smaller form, so the result does not depend on how work was split.
   */
  static Map<String, String> mostFrequent(List<SurfaceCounts> parts) {
    Map<String, Map<String, int[]>> total = new HashMap<>();
    for (SurfaceCounts part : parts) {
      for (Map.Entry<String, Map<String, int[]>> e : part.counts.entrySet()) {
        Map<String, int[]> into = total.computeIfAbsent(e.getKey(), t -> new HashMap<>(4));
        for (Map.Entry<String, int[]> f : e.getValue().entrySet()) {
          into.computeIfAbsent(f.getKey(), s -> new int[1])[0] += f.getValue()[0];
        }
      }
    }
    Map<String, String> best = new HashMap<>(total.size() * 2);
    for (Map.Entry<String, Map<String, int[]>> e : total.entrySet()) {
      String form = null;
      int count = -1;
      for (Map.Entry<String, int[]> f : e.getValue().entrySet()) {
        int c = f.getValue()[0];
        if (c > count || (c == count && f.getKey().compareTo(form) < 0)) {
          form = f.getKey();
          count = c;
        }
      }
      best.put(e.getKey(), form);
    }
    return best;
  }
}

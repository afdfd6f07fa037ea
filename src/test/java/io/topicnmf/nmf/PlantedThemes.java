package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Planted corpora as a matrix, as bench/corpora/planted.py writes them as text: each theme owns
 * {@code words} terms drawn Zipf-like, a background of {@code 400} terms is shared; document d's
 * theme is d mod themes, its words 65 % from that theme, 15 % from another one at random, 20 % from
 * the background. Rows are TF-IDF (smooth idf) at unit length, as topicnmf's X.
 */
record PlantedThemes(CsrMatrix x, int[] theme) {
  static final int BACKGROUND = 400;

  static PlantedThemes generate(long seed, int themes, int words, int docs, int minLength, int maxLength) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int cols = themes * words + BACKGROUND;
    int[][] counts = new int[docs][];
    int[] theme = new int[docs];
    int[] df = new int[cols];
    for (int d = 0; d < docs; d++) {
      int main = d % themes;
      int other = (main + 1 + rnd.nextInt(themes - 1)) % themes;
      int n = minLength + rnd.nextInt(maxLength - minLength + 1);
      int a = (int) Math.round(0.65 * n);
      int b = (int) Math.round(0.15 * n);
      TreeMap<Integer, Integer> row = new TreeMap<>();
      for (int q = 0; q < n; q++) {
        int term = q < a ? main * words + zipf(rnd, words)
            : q < a + b ? other * words + zipf(rnd, words)
            : themes * words + zipf(rnd, BACKGROUND);
        row.merge(term, 1, Integer::sum);
      }
      counts[d] = row.entrySet().stream().flatMapToInt(e -> java.util.stream.IntStream.of(e.getKey(), e.getValue()))
          .toArray();
      for (int q = 0; q < counts[d].length; q += 2) {
        df[counts[d][q]]++;
      }
      theme[d] = main;
    }
    double[][] x = new double[docs][cols];
    for (int d = 0; d < docs; d++) {
      double norm = 0.0;
      for (int q = 0; q < counts[d].length; q += 2) {
        int j = counts[d][q];
        double v = counts[d][q + 1] * (1.0 + Math.log((1.0 + docs) / (1.0 + df[j])));
        x[d][j] = v;
        norm += v * v;
      }
      for (int q = 0; q < counts[d].length; q += 2) {
        x[d][counts[d][q]] /= Math.sqrt(norm);
      }
    }
    return new PlantedThemes(CsrMatrix.fromDense(x, cols), theme);
  }

  /** A rank in [0, n) drawn with probability ∝ 1 / (rank + 1). */
  private static int zipf(SplittableRandom rnd, int n) {
    double total = 0.0;
    for (int r = 0; r < n; r++) {
      total += 1.0 / (r + 1);
    }
    double u = rnd.nextDouble() * total;
    for (int r = 0; r < n; r++) {
      u -= 1.0 / (r + 1);
      if (u < 0) {
        return r;
      }
    }
    return n - 1;
  }

  /** How many themes' documents have, by majority, a dominant topic (as the report's) no other theme's majority has. */
  int themesRecovered(NmfResult r) {
    int k = r.h().rows();
    double[] w = r.w().data();
    double[] scale = TopicReseed.scales(r.h());
    int themes = java.util.Arrays.stream(theme).max().orElse(-1) + 1;
    int[][] table = new int[themes][k];
    for (int i = 0; i < theme.length; i++) {
      table[theme[i]][Math.max(0, TopicReseed.dominant(w, scale, i, k))]++;
    }
    int[] majority = new int[themes];
    int[] claimed = new int[k];
    for (int c = 0; c < themes; c++) {
      for (int t = 1; t < k; t++) {
        if (table[c][t] > table[c][majority[c]]) {
          majority[c] = t;
        }
      }
      claimed[majority[c]]++;
    }
    int recovered = 0;
    for (int c = 0; c < themes; c++) {
      if (claimed[majority[c]] == 1) {
        recovered++;
      }
    }
    return recovered;
  }
}

package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.nmf.NmfResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link TermListChoice#candidates} ranks each topic's terms over the topic's support only; every
 * candidate's lists must be those of scoring all columns and sorting them (written out below).
 */
class TermListSupportTest {

  @Test
  void rankingOverTheSupportGivesTheListsOfScoringEveryColumn() throws Exception {
    TopicModelResult r = new TopicModeler(FitOptions.defaults(4))
        .fitTexts(TermListChoiceTest.plantedTexts(5)).training().orElseThrow();
    NmfResult f = r.factorization();
    CsrMatrix x = r.matrix();
    CsrMatrix counts = r.counts();
    int top = 10;
    List<TermListChoice.Candidate> cands = new ArrayList<>();
    List<int[][]> lists = new ArrayList<>();
    TermListChoice.candidates(f.w(), f.h(), x, counts, top, null, cands, lists);
    assertEquals(TermListChoice.RANKED + TermListChoice.EXCLUSIVE, cands.size());
    int m = x.cols();
    int d = counts.rows();
    int[] df = new int[m];
    for (int e = 0; e < counts.nnz(); e++) if (counts.values()[e] > 0) df[counts.colIdx()[e]]++;
    double[] logP = TermRanking.logShares(x);
    DenseMatrix refit = TermRanking.refitOnSupport(x, f.w(), f.h());
    DenseMatrix tf = TermListChoice.dominantCounts(f.w(), f.h(), counts);
    for (int c = 0; c < cands.size(); c++) {
      TermListChoice.Candidate cand = cands.get(c);
      DenseMatrix weights = switch (cand.weights()) {
        case "refit" -> refit;
        case "h" -> f.h();
        default -> tf;
      };
      if (cand.floor().equals("exclusive")) {
        // Each topic's ranking without floor, 3·top deep, without the terms that the other topics'
        // top lists of the same ranking hold.
        int k = weights.rows();
        int[][] full = new int[k][];
        for (int t = 0; t < k; t++) full[t] = ranking(weights, t, cand.lambda(), logP, 3 * top);
        for (int t = 0; t < k; t++) {
          java.util.Set<Integer> others = new java.util.HashSet<>();
          for (int u = 0; u < k; u++) {
            if (u == t) continue;
            for (int q = 0; q < Math.min(top, full[u].length); q++) others.add(full[u][q]);
          }
          int[] expected = IntStream.of(full[t]).filter(j -> !others.contains(j)).limit(top).toArray();
          assertArrayEquals(expected, lists.get(c)[t], cand + " topic " + t);
        }
        continue;
      }
      for (int t = 0; t < weights.rows(); t++) {
        double sum = 0;
        for (int j = 0; j < m; j++) sum += weights.get(t, j);
        double[] score = new double[m];
        double threshold = Math.max(2.0, cand.minDocShare() * d);
        for (int j = 0; j < m; j++) {
          double v = weights.get(t, j);
          double base = v > 0 && logP[j] != Double.NEGATIVE_INFINITY
              ? Math.log(v) - Math.log(sum) - (1 - cand.lambda()) * logP[j] : Double.NaN;
          score[j] = switch (cand.floor()) {
            case "hard" -> df[j] >= threshold ? base : Double.NaN;
            case "soft" -> base + Math.min(0, Math.log(Math.max(df[j], 1) / threshold));
            default -> base;
          };
        }
        int[] expected = IntStream.range(0, m).filter(j -> !Double.isNaN(score[j])).boxed()
            .sorted(Comparator.comparingDouble((Integer j) -> -score[j]).thenComparingInt(j -> j))
            .limit(top).mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, lists.get(c)[t], cand + " topic " + t);
      }
    }
    long exclusive = cands.stream().filter(q -> q.floor().equals("exclusive")).count();
    assertEquals(TermListChoice.EXCLUSIVE, exclusive);
  }

  /** Topic t's terms by relevance λ over {@code weights}, no floor, ties to the lower column, the first {@code limit}. */
  private static int[] ranking(DenseMatrix weights, int t, double lambda, double[] logP, int limit) {
    int m = weights.cols();
    double sum = 0;
    for (int j = 0; j < m; j++) sum += weights.get(t, j);
    double[] score = new double[m];
    for (int j = 0; j < m; j++) {
      double v = weights.get(t, j);
      score[j] = v > 0 && logP[j] != Double.NEGATIVE_INFINITY
          ? Math.log(v) - Math.log(sum) - (1 - lambda) * logP[j] : Double.NaN;
    }
    return IntStream.range(0, m).filter(j -> !Double.isNaN(score[j])).boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> -score[j]).thenComparingInt(j -> j))
        .limit(limit).mapToInt(Integer::intValue).toArray();
  }
}

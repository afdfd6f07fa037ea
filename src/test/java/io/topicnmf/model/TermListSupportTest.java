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
    assertEquals(TermListChoice.RANKED, cands.size());
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
  }
}

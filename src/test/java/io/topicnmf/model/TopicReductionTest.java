package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.MailCleanup;
import io.topicnmf.matrix.DenseMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reduce merges the closest rows of H first, sums them, records the merge order and keeps the rest. */
class TopicReductionTest {
  @TempDir Path tmp;

  /**
   * A planted model over 6 terms: topics 0 (terms a, b), 1 (c, d), 2 (e, f) and 3, which is topic
   * 1 with a little of e: the closest pair is (1, 3), then ({1, 3}, 2) share e.
   */
  static SavedModel planted() {
    double[][] rows = {
      {0.8, 0.6, 0, 0, 0, 0},
      {0, 0, 0.8, 0.6, 0, 0},
      {0, 0, 0, 0, 0.6, 0.8},
      {0, 0, 0.6, 0.7, 0.3, 0},
    };
    List<String> terms = List.of("a", "b", "c", "d", "e", "f");
    DenseMatrix h = new DenseMatrix(4, 6);
    List<SavedModel.SavedTopic> topics = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      double norm = 0;
      for (double v : rows[t]) norm += v * v;
      List<TermWeight> top = new ArrayList<>();
      for (int j = 0; j < 6; j++) {
        h.set(t, j, rows[t][j] / Math.sqrt(norm));
        if (rows[t][j] > 0) top.add(new TermWeight(terms.get(j), terms.get(j).toUpperCase(), h.get(t, j)));
      }
      top.sort((x, y) -> Double.compare(y.weight(), x.weight()));
      topics.add(new SavedModel.SavedTopic(t, top, t == 0 ? "Letters" : null));
    }
    return new SavedModel(SavedModel.FORMAT, "test", FitOptions.defaults(4), MailCleanup.NONE, List.of(), 10,
        terms, List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0), topics, SavedModel.SparseRows.of(h), SavedModel.SparseRows.of(h));
  }

  private static double cosine(DenseMatrix h, int a, int b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int j = 0; j < h.cols(); j++) {
      ab += h.get(a, j) * h.get(b, j);
      aa += h.get(a, j) * h.get(a, j);
      bb += h.get(b, j) * h.get(b, j);
    }
    return ab / Math.sqrt(aa * bb);
  }

  @Test
  void toKMinusOneMergesTheTwoClosestTopics() {
    SavedModel m = planted();
    DenseMatrix h = m.h().toDense();
    SavedModel r = TopicReduction.reduce(m, 3);
    assertEquals(3, r.k());
    assertEquals(3, r.options().nmf().k());
    TopicReduction.Reduction red = r.reduction();
    assertEquals(4, red.fromK());
    assertEquals(1, red.merges().size());
    TopicReduction.Merge g = red.merges().get(0);
    assertEquals(List.of(1, 3, 4), List.of(g.left(), g.right(), g.node()));
    assertEquals(cosine(h, 1, 3), g.similarity(), 1e-12);
    assertTrue(cosine(h, 1, 3) > Math.max(cosine(h, 2, 3), cosine(h, 0, 1)));
    assertEquals(List.of(List.of(0), List.of(1, 3), List.of(2)), red.members());
    assertEquals(List.of(0, 4, 2), red.nodes());
    DenseMatrix rh = r.h().toDense();
    double norm = 0;
    for (int j = 0; j < 6; j++) norm += Math.pow(h.get(1, j) + h.get(3, j), 2);
    for (int j = 0; j < 6; j++) {
      assertEquals((h.get(1, j) + h.get(3, j)) / Math.sqrt(norm), rh.get(1, j), 1e-12, "merged rows are summed");
      assertEquals(h.get(0, j), rh.get(0, j), 0.0, "other topics are unchanged");
      assertEquals(h.get(2, j), rh.get(2, j), 0.0);
    }
    assertEquals("Letters", r.topics().get(0).label(), "an unmerged topic keeps its label");
    assertNull(r.topics().get(1).label(), "a merged topic gets an automatic label");
    assertEquals(List.of("c", "d", "e"), r.topics().get(1).terms().stream().map(TermWeight::term).toList(),
        "its terms are its members' terms by merged weight");
    assertEquals(rh.get(1, 3), r.topics().get(1).terms().get(1).weight(), 0.0);
    assertEquals(rh.get(1, 2), r.centroids().toDense().get(1, 2), 1e-12, "centroids are merged the same way here");
  }

  @Test
  void furtherReductionsContinueTheSameTree() throws IOException {
    SavedModel m = planted();
    SavedModel once = TopicReduction.reduce(m, 1);
    List<TopicReduction.Merge> merges = once.reduction().merges();
    assertEquals(List.of(4, 5, 6), merges.stream().map(TopicReduction.Merge::node).toList());
    assertEquals(List.of(1, 3), List.of(merges.get(0).left(), merges.get(0).right()));
    assertEquals(List.of(2, 4), List.of(merges.get(1).left(), merges.get(1).right()), "{1,3} then joins 2, which shares e");
    assertEquals(List.of(0, 5), List.of(merges.get(2).left(), merges.get(2).right()));
    assertEquals(4, merges.get(2).size());

    Path file = tmp.resolve("model.json");
    ModelFiles.write(TopicReduction.reduce(m, 3), file);
    SavedModel stepped = TopicReduction.reduce(ModelFiles.read(file), 1);
    assertEquals(once.reduction(), stepped.reduction());
    assertEquals(List.of(List.of(0, 1, 2, 3)), stepped.reduction().members());
    double[] a = once.h().toDense().data();
    double[] b = stepped.h().toDense().data();
    for (int j = 0; j < a.length; j++) assertEquals(a[j], b[j], 1e-12);
    assertEquals(0, TopicReduction.reduce(m, 4).reduction().merges().size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicReduction.reduce(m, 5));
    assertTrue(e.getMessage().startsWith("--topics 5 must be within [1, 4]"), e.getMessage());
  }
}

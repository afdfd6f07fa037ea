package io.topicnmf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.topicnmf.model.TermWeight;
import io.topicnmf.model.Topic;
import io.topicnmf.model.TopicReduction;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicTreeTest {
  private static Topic topic(int id, String label) {
    return new Topic(id, List.of(new TermWeight("t" + id, "t" + id, 1)), 1, 0, 0, 0, null, 0, label);
  }

  @Test
  void layoutPlacesLeavesByTreeAndRaisesInversions() {
    // Five topics: 1+3 -> 5 (sim 0.9), 0+4 -> 6 (0.6), 5+6 -> 7 (0.7: more similar than 6's merge); 2 stays.
    var r = new TopicReduction.Reduction(5, List.of(
        new TopicReduction.Merge(1, 3, 5, 0.9, 2),
        new TopicReduction.Merge(0, 4, 6, 0.6, 2),
        new TopicReduction.Merge(5, 6, 7, 0.7, 4)),
        List.of(List.of(0, 1, 3, 4), List.of(2)), List.of(7, 2));
    TopicTree tree = TopicTree.of(r, List.of(topic(0, "big"), topic(1, "alone")));
    assertEquals(5, tree.leaves());
    assertEquals(8, tree.nodes().size());
    // Depth first from root 7: child 5 (leaves 1, 3) then child 6 (leaves 0, 4), then root 2.
    double[] leafX = new double[5];
    for (int i = 0; i < 5; i++) leafX[i] = tree.nodes().get(i).x();
    assertEquals(List.of(2.0, 0.0, 4.0, 1.0, 3.0), java.util.Arrays.stream(leafX).boxed().toList());
    TopicTree.Node n5 = tree.nodes().get(5);
    TopicTree.Node n6 = tree.nodes().get(6);
    TopicTree.Node n7 = tree.nodes().get(7);
    assertEquals(0.5, n5.x(), 0);
    assertEquals(2.5, n6.x(), 0);
    assertEquals(1.5, n7.x(), 0);
    assertEquals(0.1, n5.height(), 1e-12);
    assertEquals(0.4, n6.height(), 1e-12);
    assertEquals(0.4, n7.height(), 1e-12, "raised to its child's height");
    assertEquals(0.7, n7.similarity(), 0);
    assertEquals(4, n7.size());
    assertEquals(0, n7.topic());
    assertEquals("big", n7.label());
    assertEquals(1, tree.nodes().get(2).topic());
    assertNull(n5.topic());
    assertEquals(List.of(7, 2), tree.roots());
  }

  @Test
  void rootsMustMatchTheTopics() {
    var r = new TopicReduction.Reduction(2, List.of(new TopicReduction.Merge(0, 1, 2, 0.5, 2)), List.of(List.of(0, 1)), List.of(2));
    assertThrows(IllegalArgumentException.class, () -> TopicTree.of(r, List.of(topic(0, "a"), topic(1, "b"))));
    var bad = new TopicReduction.Reduction(2, List.of(new TopicReduction.Merge(0, 3, 2, 0.5, 2)), List.of(List.of(0, 1)), List.of(2));
    assertThrows(IllegalArgumentException.class, () -> TopicTree.of(bad, List.of(topic(0, "a"))));
  }
}

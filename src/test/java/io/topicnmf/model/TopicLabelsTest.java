package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicLabelsTest {
  @Test
  void automaticLabelJoinsTheFirstThreeDistinctSurfaceForms() {
    List<TermWeight> terms = List.of(new TermWeight("film", "film", 0.5), new TermWeight("films", "Film", 0.4),
        new TermWeight("actor", "actors", 0.3), new TermWeight("award", "award", 0.2), new TermWeight("oscar", "Oscar", 0.1));
    assertEquals("film / actors / award", Topic.automaticLabel(terms));
    assertEquals("topic", Topic.automaticLabel(List.of()));
    Topic t = new Topic(0, terms, 3, 0.1, -1, null, 0);
    assertEquals("film / actors / award", t.label());
    assertEquals("Cinema", t.withLabel("Cinema").label());
    assertEquals("film / actors / award", t.withLabel(" ").label());
  }

  @Test
  void readsTabbedAndOrderedFiles() {
    assertEquals(Arrays.asList(null, "Engines", "Weather"),
        TopicLabels.parse(List.of("# my names", "2\tWeather", "", "1\t Engines "), 3, "f"));
    assertEquals(Arrays.asList("Cats", null, "Weather"),
        TopicLabels.parse(List.of("\uFEFFCats", "-", "Weather"), 3, "f"));
    assertEquals(Arrays.asList("Cats", null, null), TopicLabels.parse(List.of("Cats"), 3, "f"));
  }

  @Test
  void refusesWhatCannotBeRight() {
    assertMessage("f line 1: topic 3 does not exist", List.of("3\tX"), 3);
    assertMessage("f line 2: topic 0 is named twice", List.of("0\tX", "0\tY"), 3);
    assertMessage("f line 3: more labels than the 2 topics", List.of("a", "b", "c"), 2);
    assertMessage("f line 2: no tab", List.of("0\tX", "Y"), 3);
    assertMessage("f line 1: 'x' is not a topic id", List.of("x\tY"), 3);
    assertMessage("f line 1: a label of 201 characters", List.of("y".repeat(201)), 3);
  }

  private static void assertMessage(String start, List<String> lines, int k) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicLabels.parse(lines, k, "f"));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}

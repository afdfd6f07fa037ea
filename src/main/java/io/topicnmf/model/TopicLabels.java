package io.topicnmf.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Topic labels given by a user ({@code --topic-labels FILE}): UTF-8 text, one topic a line, either
 * {@code ID<TAB>LABEL} (any topics, in any order) or, in a file without tabs, one label a line for
 * topics 0, 1, 2, … in order, where a line "-" keeps that topic's automatic label. Blank lines and
 * lines starting with '#' are ignored; labels are trimmed. Non-instantiable.
 */
public final class TopicLabels {
  /** The longest label accepted. */
  public static final int MAX_LENGTH = 200;

  private TopicLabels() {}

  /**
   * The labels of {@code k} topics written in {@code lines}, by topic id (null where none is
   * given).
   *
   * @param source what to name in messages (e.g. "--topic-labels labels.txt")
   * @throws IllegalArgumentException naming {@code source} and the line: an id that is not a topic
   *     (0 to k − 1), a topic named twice, more labels than topics, tabs on some lines only, or a
   *     label over {@value #MAX_LENGTH} characters
   */
  public static List<String> parse(List<String> lines, int k, String source) {
    String[] labels = new String[k];
    boolean tabbed = lines.stream().anyMatch(l -> l.indexOf('\t') >= 0);
    int next = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (n == 0 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String where = source + " line " + (n + 1) + ": ";
      int id;
      String label;
      if (tabbed) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IllegalArgumentException(where + "no tab; write every line as ID<TAB>LABEL, or none with tabs");
        }
        try {
          id = Integer.parseInt(line.substring(0, tab).strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + "'" + line.substring(0, tab) + "' is not a topic id (0 to " + (k - 1) + ")");
        }
        label = line.substring(tab + 1).strip();
      } else {
        id = next++;
        label = line.equals("-") ? null : line;
      }
      if (id < 0 || id >= k) {
        throw new IllegalArgumentException(where + (tabbed ? "topic " + id + " does not exist" : "more labels than the " + k + " topics")
            + " (the model has topics 0 to " + (k - 1) + ")");
      }
      if (tabbed && labels[id] != null) {
        throw new IllegalArgumentException(where + "topic " + id + " is named twice");
      }
      if (label != null && label.length() > MAX_LENGTH) {
        throw new IllegalArgumentException(where + "a label of " + label.length() + " characters; at most " + MAX_LENGTH);
      }
      labels[id] = label == null || label.isEmpty() ? null : label;
    }
    return Arrays.asList(labels);
  }

  /** The labels of {@code topics}, by id. */
  public static List<String> of(List<Topic> topics) {
    List<String> out = new ArrayList<>(topics.size());
    for (Topic t : topics) out.add(t.label());
    return out;
  }
}

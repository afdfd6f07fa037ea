package io.topicnmf.report;

import io.topicnmf.corpus.Document;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Short extracts of documents' text for report.html (the report's representative documents): the
 * beginning of the text with runs of white space collapsed, cut at a word boundary near {@value
 * #MAX_CHARS} characters with an ellipsis. report.json holds no text; the page needs a glimpse.
 */
public final class Snippets {
  /** Longest snippet, in characters (before the ellipsis). */
  public static final int MAX_CHARS = Document.SNIPPET_CHARS;

  private Snippets() {}

  /** The snippets of the documents whose ids are in {@code ids} (others are not kept). */
  public static Map<String, String> of(List<Document> documents, Set<String> ids) {
    Map<String, String> out = new HashMap<>();
    for (Document d : documents) {
      if (ids.contains(d.id())) out.put(d.id(), of(d.text()));
    }
    return out;
  }

  /** The snippet of one text: white space collapsed, at most {@value #MAX_CHARS} characters then "…". */
  public static String of(String text) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CHARS + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && b.length() <= MAX_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = b.length() > 0;
      } else {
        if (space) b.append(' ');
        space = false;
        b.append(c);
      }
    }
    if (b.length() <= MAX_CHARS) return b.toString();
    int cut = b.lastIndexOf(" ", MAX_CHARS);
    if (cut < MAX_CHARS / 2) cut = MAX_CHARS;
    if (Character.isHighSurrogate(b.charAt(cut - 1))) cut--;
    return b.substring(0, cut) + "…";
  }
}

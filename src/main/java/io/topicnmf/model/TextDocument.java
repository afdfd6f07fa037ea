package io.topicnmf.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document given to the library in memory, as a record read from a file would be: its text and,
 * optionally, an id, a label and metadata. {@link TopicModeler#fitDocuments} fits a model to such
 * documents and {@link TopicModel#transformDocuments} gives new ones their topics; the text is read
 * as the text of a plain-text file is (markup stripped with {@code forceHtml}, mail clean-up as the
 * options say), then analysed, vectorized and factorized with the same code as a folder.
 *
 * @param id the document's id, unique among the documents given; null to number it by its position
 *     (0-based, as a string: "0", "1", ...); a document whose id is already taken is skipped
 * @param text the text (must not be null; a blank text is skipped as "empty text")
 * @param label the document's class, compared with the topics as folder labels are (agreement,
 *     majority labels); null for none
 * @param metadata fields of the document the topic model does not read (a date, an author), kept
 *     with it in insertion order; results are given in the order of the documents, so a document's
 *     topics and its metadata are found at the same position
 */
public record TextDocument(String id, String text, String label, Map<String, String> metadata) {
  public TextDocument {
    if (text == null) {
      throw new IllegalArgumentException("text must be given (use \"\" for an empty document)");
    }
    if (id != null && id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty; give null to number the document by its position");
    }
    metadata = metadata == null || metadata.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A document of text only, numbered by its position. */
  public static TextDocument of(String text) {
    return new TextDocument(null, text, null, Map.of());
  }

  /** A document with an id and a text. */
  public static TextDocument of(String id, String text) {
    return new TextDocument(id, text, null, Map.of());
  }

  /** A document with an id, a text and a label. */
  public static TextDocument of(String id, String text, String label) {
    return new TextDocument(id, text, label, Map.of());
  }
}

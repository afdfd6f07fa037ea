package io.topicnmf.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One document of a corpus.
 *
 * @param id path relative to the corpus root with '/' separators (the file name for a single file)
 * @param label the first sub-folder of the path, or {@code null} for files at the root
 * @param text the decoded text (HTML already stripped)
 * @param metadata fields of the document besides its text, id and label, in their order: the other
 *     fields of a .jsonl/.csv record, the Date and From headers of a mail ({@link MailHeaders});
 *     each value at most {@value #MAX_METADATA_CHARS} characters; empty when none
 */
public record Document(String id, String label, String text, Map<String, String> metadata) {
  /** The longest metadata value kept; a longer one is cut there and ends with "…". */
  public static final int MAX_METADATA_CHARS = 500;

  public Document {
    metadata = metadata == null || metadata.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A document without metadata. */
  public Document(String id, String label, String text) {
    this(id, label, text, Map.of());
  }

  /** This document with another text (after clean-up), its id, label and metadata kept. */
  public Document withText(String newText) {
    return new Document(id, label, newText, metadata);
  }

  /** {@code value} cut to {@value #MAX_METADATA_CHARS} characters ("…" at the end when cut). */
  public static String boundedValue(String value) {
    if (value.length() <= MAX_METADATA_CHARS) return value;
    int end = MAX_METADATA_CHARS - 1;
    if (Character.isHighSurrogate(value.charAt(end - 1))) end--;
    return value.substring(0, end) + "…";
  }
}

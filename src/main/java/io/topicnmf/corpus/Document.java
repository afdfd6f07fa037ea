package io.topicnmf.corpus;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
  /** The longest snippet of a document's text a report shows, in characters (report.Snippets). */
  public static final int SNIPPET_CHARS = 240;

  /**
   * The beginning of {@code text} that gives the same snippet as the whole text (white space
   * collapsed, cut after {@value #SNIPPET_CHARS} characters): what a streaming read keeps of a
   * document once it is analysed. Trailing white space is left out (a snippet never ends with it).
   */
  public static String snippetSource(String text) {
    int shown = 0;
    boolean space = false;
    int end = 0;
    for (int i = 0; i < text.length() && shown <= SNIPPET_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = shown > 0;
      } else {
        if (space) shown++;
        space = false;
        shown++;
        end = i + 1;
      }
    }
    return end == text.length() ? text : text.substring(0, end);
  }

  /** The longest metadata value kept; a longer one is cut there and ends with "…". */
  public static final int MAX_METADATA_CHARS = 500;

  public Document {
    // A label and the metadata keys repeat over the documents: one shared copy each (a million
    // documents read from a record file held a million copies of the same few strings).
    label = label == null ? null : label.intern();
    metadata = frozen(metadata);
  }

  /**
   * An unmodifiable copy of {@code metadata} in its order: {@link Map#of()} when null or empty, a
   * one-entry {@link Map#of(Object, Object)} (about 24 bytes, where a wrapped {@link LinkedHashMap}
   * takes about 150: a record file's one extra field costs 130 MB over a million documents),
   * else a wrapped {@link LinkedHashMap}.
   */
  public static Map<String, String> frozen(Map<String, String> metadata) {
    if (metadata == null || metadata.isEmpty()) return Map.of();
    if (metadata instanceof Frozen || metadata.getClass() == ONE_ENTRY) return metadata; // already a copy
    if (metadata.size() == 1) {
      Map.Entry<String, String> e = metadata.entrySet().iterator().next();
      if (e.getKey() != null && e.getValue() != null) return Map.of(e.getKey().intern(), e.getValue());
    }
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    metadata.forEach((key, value) -> copy.put(key == null ? null : key.intern(), value));
    return new Frozen(copy);
  }

  private static final Class<?> ONE_ENTRY = Map.of("", "").getClass();

  /** An unmodifiable copy made by {@link #frozen}, which a second call can share instead of copying. */
  private static final class Frozen extends AbstractMap<String, String> {
    private final Map<String, String> entries;

    Frozen(LinkedHashMap<String, String> entries) {
      this.entries = Collections.unmodifiableMap(entries);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return entries.entrySet();
    }

    @Override
    public String get(Object key) {
      return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return entries.containsKey(key);
    }

    @Override
    public int size() {
      return entries.size();
    }
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

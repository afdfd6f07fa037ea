package io.topicnmf.corpus;

import io.topicnmf.corpus.CorpusReader.FileReading;
import io.topicnmf.corpus.CorpusReader.FileTask;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;

/** Reads one file into documents according to its extension. Non-instantiable. */
final class FileReaders {
  private static final Set<String> PLAIN = Set.of("", "txt", "text", "md");
  private static final Set<String> HTML = Set.of("html", "htm");

  private FileReaders() {}

  static FileReading read(FileTask task, CorpusOptions options) {
    String ext = task.extension();
    boolean html = HTML.contains(ext);
    if (!html && !PLAIN.contains(ext)) {
      return FileReading.skip(task.id(), "unsupported file type ." + ext);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(task.path());
    } catch (IOException | SecurityException e) {
      return FileReading.skip(task.id(), "unreadable file (" + describe(e) + ")");
    }
    return fromBytes(task.id(), task.label(), bytes, html || options.forceHtml());
  }

  /** A plain-text or HTML document from raw bytes, or the reason it is skipped. */
  static FileReading fromBytes(String id, String label, byte[] bytes, boolean html) {
    if (bytes.length == 0) {
      return FileReading.skip(id, "empty file");
    }
    if (TextDecoder.looksBinary(bytes)) {
      return FileReading.skip(id, "binary file (NUL byte in first 8 KB)");
    }
    String text = TextDecoder.decode(bytes);
    if (text.isBlank()) {
      return FileReading.skip(id, "empty file (only whitespace)");
    }
    if (html) {
      text = HtmlText.strip(text);
      if (text.isBlank()) {
        return FileReading.skip(id, "empty file (no text after HTML stripping)");
      }
    }
    return FileReading.of(new Document(id, label, text));
  }

  /** The lower-case extension of a file name without the dot; "" when there is none. */
  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
  }
}

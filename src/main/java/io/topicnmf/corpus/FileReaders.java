package io.topicnmf.corpus;

import io.topicnmf.corpus.CorpusReader.FileReading;
import io.topicnmf.corpus.CorpusReader.FileTask;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads one file into documents according to its extension: plain text (.txt, .text, .md, none),
 * HTML (.html, .htm), records (.jsonl, .ndjson, .csv), e-mail (.eml, and .mbox mailboxes, one
 * document per message), office documents (.pdf, .docx, .odt; see {@link DocumentText}), and any
 * of these compressed
 * with gzip (.gz, the inner extension decides). Non-instantiable.
 */
final class FileReaders {
  private static final Set<String> PLAIN = Set.of("", "txt", "text", "md");
  private static final Set<String> HTML = Set.of("html", "htm");
  private static final Set<String> JSONL = Set.of("jsonl", "ndjson");
  private static final Set<String> SUPPORTED =
      Set.of("", "txt", "text", "md", "html", "htm", "jsonl", "ndjson", "csv", "eml", "mbox", "pdf", "docx", "odt");

  /** The largest file read: a Java array holds at most 2^31 − 1 bytes. */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8L;

  /** The most bytes a .gz file may expand to; a guard against decompression bombs. */
  static final long MAX_GUNZIPPED_BYTES = 1L << 30;

  private FileReaders() {}

  static FileReading read(FileTask task, CorpusOptions options) {
    String name = task.path().getFileName().toString();
    String ext = extension(name);
    boolean gzip = ext.equals("gz");
    if (gzip) {
      name = name.substring(0, name.length() - 3);
      ext = extension(name);
    }
    if (!SUPPORTED.contains(ext)) {
      return FileReading.skip(task.id(), "unsupported file type ." + ext + (gzip ? ".gz" : ""));
    }
    byte[] bytes;
    try {
      long size = Files.size(task.path());
      if (size > MAX_FILE_BYTES) {
        return FileReading.skip(task.id(), "file too large (" + (size >> 20) + " MB; one file may hold at most "
            + (MAX_FILE_BYTES >> 20) + " MB: split it, e.g. a .jsonl into several)");
      }
      bytes = Files.readAllBytes(task.path());
    } catch (IOException | SecurityException e) {
      return FileReading.skip(task.id(), "unreadable file (" + describe(e) + ")");
    }
    if (gzip) {
      try {
        bytes = gunzip(bytes);
      } catch (IOException e) {
        return FileReading.skip(task.id(), "corrupt gzip file (" + describe(e) + ")");
      }
    }
    return fromBytes(task.id(), task.label(), ext, bytes, options);
  }

  /** The documents of a file's (decompressed) bytes, read as its extension says. */
  static FileReading fromBytes(
      String id, String label, String ext, byte[] bytes, CorpusOptions options) {
    if (bytes.length == 0) {
      return FileReading.skip(id, "empty file");
    }
    if (DocumentText.handles(ext)) {
      // Binary container formats: their own parsers find the text.
      try {
        return FileReading.of(new Document(id, label, DocumentText.text(ext, bytes)));
      } catch (DocumentText.UnreadableDocumentException e) {
        return FileReading.skip(id, e.getMessage());
      }
    }
    if (ext.equals("mbox")) {
      if (TextDecoder.looksBinary(bytes)) {
        return FileReading.skip(id, "binary file (NUL byte in first 8 KB)");
      }
      return MboxFile.read(id, label, bytes);
    }
    if (!ext.equals("eml") && isAsciiText(bytes)) {
      // Most files of a corpus are plain ASCII: then they are not binary, and UTF-8 and
      // windows-1252 both read them as the bytes themselves, which ISO-8859-1 copies directly.
      return fromText(id, label, ext, new String(bytes, StandardCharsets.ISO_8859_1), options);
    }
    if (TextDecoder.looksBinary(bytes)) {
      return FileReading.skip(id, "binary file (NUL byte in first 8 KB)");
    }
    if (ext.equals("eml")) {
      String text;
      try {
        text = MimeText.text(bytes);
      } catch (MimeText.MalformedMessageException e) {
        return FileReading.skip(id, "malformed message (" + e.getMessage() + ")");
      }
      if (text.isBlank()) {
        return FileReading.skip(id, "empty message (no text part)");
      }
      return FileReading.ofMessage(new Document(id, label, text, MailHeaders.ofMessage(bytes)));
    }
    return fromText(id, label, ext, TextDecoder.decode(bytes), options);
  }

  /** Whether every byte is ASCII and none is NUL (so the bytes are text in any ASCII-based encoding). */
  static boolean isAsciiText(byte[] bytes) {
    for (byte b : bytes) {
      if (b <= 0) {
        return false;
      }
    }
    return true;
  }

  private static FileReading fromText(
      String id, String label, String ext, String text, CorpusOptions options) {
    if (text.isBlank()) {
      return FileReading.skip(id, "empty file (only whitespace)");
    }
    if (JSONL.contains(ext)) {
      return RecordFiles.jsonl(id, label, text, options);
    }
    if (ext.equals("csv")) {
      return RecordFiles.csv(id, label, text, options);
    }
    return textDocument(id, label, text, HTML.contains(ext) || options.forceHtml());
  }

  private static FileReading textDocument(String id, String label, String text, boolean html) {
    if (html) {
      text = HtmlText.strip(text);
      if (text.isBlank()) {
        return FileReading.skip(id, "empty file (no text after HTML stripping)");
      }
      return FileReading.ofPage(new Document(id, label, text));
    }
    if (text.isBlank()) {
      return FileReading.skip(id, "empty file (no text)");
    }
    return FileReading.of(new Document(id, label, text, MailHeaders.of(text)));
  }

  static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return readAtMost(in, MAX_GUNZIPPED_BYTES, "", bytes.length * 4);
    }
  }

  /**
   * All bytes of {@code in}, failing with "{@code what}expands to more than N MB" once they pass
   * {@code limit}: a guard against decompression bombs.
   */
  static byte[] readAtMost(InputStream in, long limit, String what, int sizeHint) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, sizeHint));
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > limit) {
        throw new IOException(what + "expands to more than " + (limit >> 20) + " MB");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** The lower-case extension of a file name without the dot; "" when there is none. */
  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message;
  }
}

package io.topicnmf.corpus;

import io.topicnmf.corpus.CorpusReader.FileReading;
import io.topicnmf.corpus.CorpusReader.FileTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;

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

  /**
   * The largest .pdf, .docx or .odt file read: these are read whole (their parsers need random
   * access) and hold images and fonts besides their text, so they get more room than a text
   * document; 256 MiB.
   */
  static final long MAX_CONTAINER_BYTES = 256L << 20;

  /** The reason given for a FIFO, device or socket, which is never opened. */
  static final String NOT_REGULAR =
      "not a regular file (a FIFO, device or socket is never opened)";

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
    long size;
    try {
      // Checked again just before opening: the walk's answer may be stale, and opening a FIFO
      // blocks until a writer comes.
      BasicFileAttributes attributes = Files.readAttributes(task.path(), BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return FileReading.skip(task.id(), NOT_REGULAR);
      }
      size = attributes.size();
    } catch (IOException | SecurityException e) {
      return FileReading.skip(task.id(), "unreadable file (" + describe(e) + ")");
    }
    if (size == 0) {
      return FileReading.skip(task.id(), "empty file");
    }
    try (FileInput in = FileInput.open(task.path(), gzip, options.limits())) {
      return read(task, ext, gzip, size, in, options);
    } catch (FileInput.SkipException e) {
      return FileReading.skip(task.id(), e.getMessage());
    } catch (IOException | SecurityException | UncheckedIOException e) {
      return FileReading.skip(task.id(), "unreadable file (" + describe(e) + ")");
    }
  }

  /** The format of a file by its (inner, for .gz) extension: records streamed one by one, or one whole file. */
  enum Kind { JSONL, CSV, MBOX, WHOLE }

  /** The kind of {@code task}'s file. */
  static Kind kind(FileTask task) {
    String name = task.path().getFileName().toString();
    String ext = extension(name);
    if (ext.equals("gz")) {
      ext = extension(name.substring(0, name.length() - 3));
    }
    if (JSONL.contains(ext)) return Kind.JSONL;
    if (ext.equals("csv")) return Kind.CSV;
    if (ext.equals("mbox")) return Kind.MBOX;
    return Kind.WHOLE;
  }

  /**
   * Opens a record file (.jsonl, .ndjson, .csv, .mbox, or any as .gz) as a stream and tests its
   * first bytes: the opened input (the caller closes it), or the reason to skip the file as {@link
   * #read} gives it (empty, binary, unreadable, corrupt gzip).
   */
  static Object open(FileTask task, CorpusOptions options) {
    boolean gzip = extension(task.path().getFileName().toString()).equals("gz");
    long size;
    try {
      BasicFileAttributes attributes = Files.readAttributes(task.path(), BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return NOT_REGULAR;
      }
      size = attributes.size();
    } catch (IOException | SecurityException e) {
      return "unreadable file (" + describe(e) + ")";
    }
    if (size == 0) {
      return "empty file";
    }
    FileInput in;
    try {
      in = FileInput.open(task.path(), gzip, options.limits());
    } catch (FileInput.SkipException e) {
      return e.getMessage();
    } catch (IOException | SecurityException | UncheckedIOException e) {
      return "unreadable file (" + describe(e) + ")";
    }
    byte[] probe = in.probe();
    String reason = probe.length == 0 ? "empty file"
        : TextDecoder.looksBinary(probe) ? "binary file (NUL byte in first 8 KB)" : null;
    if (reason != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // nothing was read from it
      }
      return reason;
    }
    return in;
  }

  /** The reason for a file that failed while it was read. */
  static String unreadable(Throwable e) {
    return "unreadable file (" + describe(e) + ")";
  }

  /** The documents of an opened file: the binary test on its first bytes, then its format. */
  private static FileReading read(
      FileTask task, String ext, boolean gzip, long size, FileInput in, CorpusOptions options)
      throws IOException {
    String id = task.id();
    String label = task.label();
    ReadLimits limits = options.limits();
    byte[] probe = in.probe();
    if (probe.length == 0) {
      return FileReading.skip(id, "empty file");
    }
    if (DocumentText.handles(ext)) {
      // Binary container formats: their own parsers find the text.
      if (!gzip && size > MAX_CONTAINER_BYTES) {
        return FileReading.skip(id, "file too large (" + ReadLimits.describe(size) + "; a ."
            + ext + " file is read up to " + ReadLimits.describe(MAX_CONTAINER_BYTES) + ")");
      }
      byte[] bytes = in.readAll(MAX_CONTAINER_BYTES, "file");
      try {
        String text = DocumentText.text(ext, bytes);
        if (text.length() > limits.maxDocumentBytes()) {
          return FileReading.skip(id, FileInput.tooLarge("text", limits.maxDocumentBytes()));
        }
        return FileReading.of(new Document(id, label, text));
      } catch (DocumentText.UnreadableDocumentException e) {
        return FileReading.skip(id, e.getMessage());
      }
    }
    if (TextDecoder.looksBinary(probe)) {
      return FileReading.skip(id, "binary file (NUL byte in first 8 KB)");
    }
    if (JSONL.contains(ext)) {
      return RecordFiles.jsonl(id, label, in.reader(), options);
    }
    if (ext.equals("csv")) {
      return RecordFiles.csv(id, label, in.reader(), options);
    }
    if (ext.equals("mbox")) {
      return MboxFile.read(id, label, in.stream(), limits);
    }
    if (!gzip && size > limits.maxDocumentBytes()) {
      return FileReading.skip(id, FileInput.tooLarge("file", limits.maxDocumentBytes()) + ": "
          + ReadLimits.describe(size));
    }
    return fromBytes(id, label, ext, in.readAll(limits.maxDocumentBytes(), "file"), options);
  }

  /**
   * The document of a text, HTML or .eml file's (decompressed) bytes, read as its extension says;
   * the bytes are not binary (tested on the first bytes before).
   */
  static FileReading fromBytes(
      String id, String label, String ext, byte[] bytes, CorpusOptions options) {
    if (!ext.equals("eml") && isAsciiText(bytes)) {
      // Most files of a corpus are plain ASCII: then they are not binary, and UTF-8 and
      // windows-1252 both read them as the bytes themselves, which ISO-8859-1 copies directly.
      return fromText(id, label, ext, new String(bytes, StandardCharsets.ISO_8859_1), options);
    }
    if (ext.equals("eml")) {
      MimeText.Message message;
      try {
        message = MimeText.read(bytes);
      } catch (MimeText.MalformedMessageException e) {
        return FileReading.skip(id, "malformed message (" + e.getMessage() + ")");
      }
      if (message.text().isBlank()) {
        return FileReading.skip(id, "empty message (no text part)");
      }
      return FileReading.ofMessage(new Document(id, label, message.text(), MailHeaders.ofMessage(bytes)), message.partial(id));
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
    return textDocument(id, label, text, HTML.contains(ext) || options.forceHtml());
  }

  static FileReading textDocument(String id, String label, String text, boolean html) {
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

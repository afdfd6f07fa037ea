package io.topicnmf.corpus;

import io.topicnmf.corpus.CorpusReader.FileReading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an mbox mailbox (.mbox: the messages of a mail folder in one file, as Thunderbird,
 * mutt, Apple Mail and mail archives export them) into one document per message. A message
 * starts at a "From " line at the start of the file or after an empty line (the mboxo/mboxrd
 * separator); body lines escaped as "&gt;From " (one or more '&gt;') lose one '&gt;' (mboxrd).
 * Each message is then read as an .eml ({@link MimeText}); its id is the file's id, '#' and the
 * message number (from 1). A message that cannot be parsed, has no text or is larger than {@link
 * ReadLimits#maxDocumentBytes()} is skipped with its reason; a file that does not start with a
 * "From " line is skipped as not an mbox.
 *
 * <p>The file is streamed line by line: one message is held at a time, never the mailbox.
 * Non-instantiable.
 */
final class MboxFile {
  private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

  private MboxFile() {}

  static FileReading read(String id, String label, byte[] bytes) {
    try {
      return read(id, label, new java.io.ByteArrayInputStream(bytes), ReadLimits.defaults());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array does not fail
    }
  }

  /**
   * The messages of the mailbox in {@code in}. When the stream fails part way (a corrupt or
   * over-expanding .gz), the messages read so far are kept and the failure is reported for the
   * file.
   */
  static FileReading read(String id, String label, InputStream in, ReadLimits limits)
      throws IOException {
    List<Document> documents = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    long limit = limits.maxDocumentBytes();
    String whole = read(id, in, limits, new MessageSink() {
      @Override
      public void message(int number, byte[] bytes) {
        MboxFile.message(id, label, number, bytes, limit, documents, skipped);
      }

      @Override
      public void stopped(int number, String reason) {
        skipped.add(new Skipped(id, "read up to message " + number + " only: " + reason));
      }
    });
    if (whole != null) {
      return FileReading.skip(id, whole);
    }
    return new FileReading(List.copyOf(documents), List.copyOf(skipped), true, false);
  }

  /** Where the messages of a mailbox go, in file order. */
  interface MessageSink {
    /** Message {@code number} (from 1): its bytes, or null when it is over the size limit. */
    void message(int number, byte[] bytes) throws IOException;

    /** The rest of the file could not be read (after message {@code number}). */
    void stopped(int number, String reason) throws IOException;
  }

  /**
   * Splits the mailbox in {@code in} into messages handed to {@code out}, one held at a time.
   *
   * @return the reason to skip the whole file (not an mbox, a likely bomb), or null
   */
  static String read(String id, InputStream in, ReadLimits limits, MessageSink out) throws IOException {
    ByteLines lines = new ByteLines(in, limits.maxDocumentBytes() + 1);
    byte[] line = lines.next();
    if (line == null || !startsWith(line, FROM)) {
      return "not an mbox file (it does not start with a \"From \" line)";
    }
    Splitter s = new Splitter(out, limits.maxDocumentBytes());
    try {
      boolean previousEmpty = false;
      boolean pendingEmpty = false; // an empty line held back: it belongs to a following From_
      while ((line = lines.next()) != null) {
        if (previousEmpty && startsWith(line, FROM)) {
          s.endMessage();
          previousEmpty = false;
          pendingEmpty = false;
          continue;
        }
        if (pendingEmpty) {
          s.append(lines.lastEmpty);
        }
        boolean empty = isEmpty(line);
        pendingEmpty = empty;
        previousEmpty = empty;
        if (!empty) {
          s.append(unescape(line));
        } else {
          lines.lastEmpty = line;
        }
      }
      s.endMessage();
    } catch (FileInput.SkipException e) {
      if (e.wholeFile()) {
        return e.getMessage();
      }
      out.stopped(s.number, e.getMessage());
    }
    return null;
  }

  /**
   * Message {@code number} of mailbox {@code id} ({@code bytes}, or null when over {@code limit})
   * parsed as an .eml: its document added to {@code documents}, or its skip (and the parts left
   * out) to {@code skipped}.
   */
  static void message(String id, String label, int number, byte[] bytes, long limit,
      List<Document> documents, List<Skipped> skipped) {
    String msgId = id + "#" + number;
    if (bytes == null) {
      skipped.add(new Skipped(msgId, FileInput.tooLarge("message", limit)));
      return;
    }
    try {
      MimeText.Message m = MimeText.read(bytes);
      if (m.text().isBlank()) {
        skipped.add(new Skipped(msgId, "empty message (no text part)"));
      } else {
        documents.add(new Document(msgId, label, m.text(), MailHeaders.ofMessage(bytes)));
        skipped.addAll(m.partial(msgId));
      }
    } catch (MimeText.MalformedMessageException e) {
      skipped.add(new Skipped(msgId, "malformed message (" + e.getMessage() + ")"));
    }
  }

  /** Gathers one message at a time and hands it on. */
  private static final class Splitter {
    final MessageSink out;
    final long limit;
    final ByteArrayOutputStream message = new ByteArrayOutputStream();
    boolean tooLarge;
    int number = 1;

    Splitter(MessageSink out, long limit) {
      this.out = out;
      this.limit = limit;
    }

    void append(byte[] line) {
      if (tooLarge) {
        return;
      }
      if (message.size() + (long) line.length > limit) {
        tooLarge = true;
        message.reset();
        return;
      }
      message.write(line, 0, line.length);
    }

    void endMessage() throws IOException {
      out.message(number, tooLarge ? null : message.toByteArray());
      message.reset();
      tooLarge = false;
      number++;
    }
  }

  /** The lines of a stream with their line breaks, each cut at {@code max} bytes (rest dropped). */
  static final class ByteLines extends LineBuffer {
    private final InputStream in;
    private final byte[] buffer = new byte[65536];
    byte[] lastEmpty;

    ByteLines(InputStream in, long max) {
      super(max);
      this.in = in;
    }

    @Override
    int fill() throws IOException {
      return in.read(buffer, 0, buffer.length);
    }

    /** The next line with its '\n' (none at the end of the stream), or null at the end. */
    byte[] next() throws IOException {
      ByteArrayOutputStream line = null;
      long length = 0;
      while (true) {
        if (!more()) {
          return line == null ? null : line.toByteArray();
        }
        int nl = -1;
        for (int i = pos; i < end; i++) {
          if (buffer[i] == '\n') {
            nl = i;
            break;
          }
        }
        int stop = nl < 0 ? end : nl + 1;
        if (line == null && nl >= 0) {
          byte[] out = Arrays.copyOfRange(buffer, pos, stop);
          pos = stop;
          return out;
        }
        if (line == null) {
          line = new ByteArrayOutputStream();
        }
        int keep = (int) Math.max(0, Math.min(stop - pos, max - length));
        line.write(buffer, pos, keep);
        length += stop - pos;
        pos = stop;
        if (nl >= 0) {
          return line.toByteArray();
        }
      }
    }
  }

  /** Whether the line is empty ("\n" or "\r\n"). */
  private static boolean isEmpty(byte[] line) {
    return (line.length == 1 && line[0] == '\n')
        || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The line without one '&gt;' when it is of the form "&gt;+From " (mboxrd quoting). */
  private static byte[] unescape(byte[] line) {
    int q = 0;
    while (q < line.length && line[q] == '>') {
      q++;
    }
    if (q == 0 || line.length - q < FROM.length) {
      return line;
    }
    for (int i = 0; i < FROM.length; i++) {
      if (line[q + i] != FROM[i]) {
        return line;
      }
    }
    return Arrays.copyOfRange(line, 1, line.length);
  }
}

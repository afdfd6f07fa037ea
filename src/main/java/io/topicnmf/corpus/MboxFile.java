package io.topicnmf.corpus;

import io.topicnmf.corpus.CorpusReader.FileReading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an mbox mailbox (.mbox: the messages of a mail folder in one file, as Thunderbird,
 * mutt, Apple Mail and mail archives export them) into one document per message. A message
 * starts at a "From " line at the start of the file or after an empty line (the mboxo/mboxrd
 * separator); body lines escaped as "&gt;From " (one or more '&gt;') lose one '&gt;' (mboxrd).
 * Each message is then read as an .eml ({@link MimeText}); its id is the file's id, '#' and the
 * message number (from 1). A message that cannot be parsed or has no text is skipped with its
 * reason; a file that does not start with a "From " line is skipped as not an mbox.
 * Non-instantiable.
 */
final class MboxFile {
  private MboxFile() {}

  static FileReading read(String id, String label, byte[] bytes) {
    if (!startsWith(bytes, 0, "From ")) {
      return FileReading.skip(id, "not an mbox file (it does not start with a \"From \" line)");
    }
    List<Document> documents = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    int number = 0;
    int start = 0; // the current message's From_ line
    int n = bytes.length;
    while (start < n) {
      int bodyStart = lineEnd(bytes, start);
      int next = bodyStart;
      int end = n;
      // The next separator: a From_ line after an empty line (which belongs to the separator).
      while (next < n) {
        int eol = lineEnd(bytes, next);
        if (eol < n && isEmptyLine(bytes, next, eol) && startsWith(bytes, eol, "From ")) {
          end = next;
          next = eol;
          break;
        }
        next = eol;
      }
      if (next >= n) {
        end = n;
      }
      number++;
      String msgId = id + "#" + number;
      byte[] message = unescape(Arrays.copyOfRange(bytes, bodyStart, end));
      try {
        String text = MimeText.text(message);
        if (text.isBlank()) {
          skipped.add(new Skipped(msgId, "empty message (no text part)"));
        } else {
          documents.add(new Document(msgId, label, text, MailHeaders.ofMessage(message)));
        }
      } catch (MimeText.MalformedMessageException e) {
        skipped.add(new Skipped(msgId, "malformed message (" + e.getMessage() + ")"));
      }
      start = next;
    }
    return new FileReading(List.copyOf(documents), List.copyOf(skipped), true, false);
  }

  /** The offset just after the line starting at {@code from} (after its '\n'), or the length. */
  private static int lineEnd(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return b.length;
  }

  /** Whether the line [from, end) is empty ("\n" or "\r\n"). */
  private static boolean isEmptyLine(byte[] b, int from, int end) {
    int len = end - from;
    return (len == 1 && b[from] == '\n') || (len == 2 && b[from] == '\r' && b[from + 1] == '\n');
  }

  private static boolean startsWith(byte[] b, int at, String prefix) {
    if (at + prefix.length() > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Removes one '&gt;' from lines of the form "&gt;+From " (mboxrd quoting). */
  private static byte[] unescape(byte[] m) {
    byte[] out = new byte[m.length];
    int o = 0;
    int i = 0;
    while (i < m.length) {
      int lineStart = i;
      int q = i;
      while (q < m.length && m[q] == '>') {
        q++;
      }
      boolean escaped = q > lineStart && startsWith(m, q, "From ");
      int from = escaped ? lineStart + 1 : lineStart;
      int end = lineEnd(m, lineStart);
      System.arraycopy(m, from, out, o, end - from);
      o += end - from;
      i = end;
    }
    return o == m.length ? out : Arrays.copyOf(out, o);
  }
}

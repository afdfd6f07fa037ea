package io.topicnmf.corpus;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Date and From headers of a mail or news message, kept as document metadata (report.json's
 * {@code documents[].metadata}; the Date gives the topics over time). Read from the header block at
 * the top of the text ({@link MailText#startsWithHeaderBlock}): folded lines joined, RFC 2047
 * encoded words decoded, each value at most {@value Document#MAX_METADATA_CHARS} characters.
 * Non-instantiable.
 */
public final class MailHeaders {
  /** The headers kept, under these names. */
  public static final List<String> KEPT = List.of("Date", "From");

  /** Only this much of a raw message is decoded to look for its header block. */
  private static final int HEAD_BYTES = 64 * 1024;

  private MailHeaders() {}

  /** The kept headers of a text that starts with a header block; empty when it does not. */
  public static Map<String, String> of(String text) {
    int end = MailText.headerEnd(text);
    if (end < 0) return Map.of();
    Map<String, String> out = new LinkedHashMap<>();
    int pos = 0;
    while (pos < end) {
      int eol = lineEnd(text, pos, end);
      String name = fieldAt(text, pos, eol);
      if (name != null && !out.containsKey(name)) {
        StringBuilder value = new StringBuilder(text.substring(pos + name.length() + 1, eol).strip());
        int next = eol + 1;
        while (next < end && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
          int e = lineEnd(text, next, end);
          value.append(' ').append(text.substring(next, e).strip());
          next = e + 1;
        }
        String v = MimeText.decodeWords(value.toString()).strip();
        if (!v.isEmpty()) out.put(name, Document.boundedValue(v));
        pos = next;
      } else {
        pos = eol + 1;
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String k : KEPT) if (out.containsKey(k)) ordered.put(k, out.get(k));
    return ordered;
  }

  /** The kept headers of a raw message (.eml bytes, or one message of an mbox). */
  public static Map<String, String> ofMessage(byte[] raw) {
    int n = Math.min(raw.length, HEAD_BYTES);
    return of(new String(raw, 0, n, StandardCharsets.ISO_8859_1));
  }

  /** The kept header name the line [pos, eol) starts with ("Date:" in any case), or null. */
  private static String fieldAt(String text, int pos, int eol) {
    for (String k : KEPT) {
      int len = k.length();
      if (eol - pos > len && text.regionMatches(true, pos, k, 0, len) && text.charAt(pos + len) == ':') {
        return k;
      }
    }
    return null;
  }

  private static int lineEnd(String text, int pos, int end) {
    int eol = text.indexOf('\n', pos);
    return eol < 0 || eol > end ? end : eol; // a '\r' before it is stripped with the value
  }
}

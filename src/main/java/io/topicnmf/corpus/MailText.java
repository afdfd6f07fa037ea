package io.topicnmf.corpus;

import java.util.List;

/**
 * Clean-up of e-mail and news messages saved as text: the RFC 822 header block at the top (its
 * Subject text kept), quoted reply lines, attribution lines and signatures. Newsgroup and mailing
 * list archives (20 Newsgroups, mbox exports) carry these in every file; left in, headers and
 * signatures dominate the topics ("organization", "lines", "university"). Non-instantiable.
 */
public final class MailText {
  /** Field names of which at least one must appear for a block to count as a mail header. */
  private static final List<String> MAIL_FIELDS = List.of(
      "from", "to", "cc", "subject", "date", "newsgroups", "message-id", "path", "received",
      "return-path", "reply-to", "organization", "lines", "sender", "mime-version",
      "content-type", "x-mailer", "references", "in-reply-to", "nntp-posting-host");

  private MailText() {}

  /**
   * Whether {@code text} starts with an RFC 822 header block: at least two header lines (folded
   * continuation lines allowed), one of them a usual mail or news field (From, Subject, Date,
   * Newsgroups, ...), then a blank line or the end of the text. An mbox "From " separator line
   * may come first.
   */
  public static boolean startsWithHeaderBlock(String text) {
    return headerEnd(text) >= 0;
  }

  /**
   * The share of {@code documents} whose text starts with a header block, in [0, 1] (0 for none).
   */
  public static double headerShare(List<Document> documents) {
    if (documents.isEmpty()) {
      return 0;
    }
    long n = documents.stream().filter(d -> startsWithHeaderBlock(d.text())).count();
    return (double) n / documents.size();
  }

  /**
   * The text without its header block, the Subject's text (reply prefixes such as "Re:" removed)
   * kept as the first line. A text without a header block is returned unchanged.
   */
  public static String stripHeaders(String text) {
    int end = headerEnd(text);
    if (end < 0) {
      return text;
    }
    String subject = subject(text, end);
    String body = text.substring(end);
    return subject.isEmpty() ? body : subject + "\n\n" + body;
  }

  /**
   * The text without quoted reply lines (starting with '>' or '|'), attribution lines (containing
   * "writes:", "wrote:" or "writes in", or starting with "In article" or "Quoted from"), lines of
   * encoded binary data ({@link #isEncodedLine}) and the signature (from the last "-- " line to
   * the end). Line ends become '\n'.
   */
  public static String stripQuotes(String text) {
    int n = text.length();
    int end = signatureStart(text);
    StringBuilder out = null; // null while the output is still a prefix of the text
    int run = 0; // the kept text not yet copied starts here (it ends where the scan is)
    int pos = 0;
    while (pos < end) {
      int eol = text.indexOf('\n', pos);
      int lineEnd = eol < 0 || eol > end ? end : eol;
      boolean drop = isQuoteOrAttribution(text, pos, lineEnd) || isEncodedLine(text, pos, lineEnd);
      boolean cr = !drop && lineEnd > pos && text.charAt(lineEnd - 1) == '\r';
      boolean newline = lineEnd < n && text.charAt(lineEnd) == '\n';
      if (drop || cr || !newline) {
        // The output leaves the text here: copy the kept run, then this line as it must be.
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, run, pos);
        if (!drop) {
          out.append(text, pos, cr ? lineEnd - 1 : lineEnd).append('\n');
        }
        run = lineEnd + 1;
      }
      pos = lineEnd + 1;
    }
    if (out == null) {
      // Every line kept as it is, each ending in its own '\n': the output is a prefix of the text.
      return run == 0 && pos >= n ? text : text.substring(0, Math.min(pos, n));
    }
    if (run < pos) {
      out.append(text, run, Math.min(pos, n));
    }
    return out.toString();
  }

  /** The shortest line taken for encoded data: uuencode lines hold 61 characters, base64 ones 64 or 76. */
  static final int ENCODED_LINE_MIN = 40;

  /**
   * Whether a line is encoded binary data, as messages carry uuencoded attachments and base64 or
   * PGP blocks: at least {@value #ENCODED_LINE_MIN} characters without a space, all of them in
   * uuencode's alphabet ('!' to '`': no lower-case letter) or all in base64's (letters, digits,
   * '+', '/', '=', with both cases and a digit, '+' or '/'). Such lines are no text: their pieces ("ax", "b8f", "giz") become tokens that
   * co-occur perfectly in the few posts that carry them and make topics of their own.
   */
  static boolean isEncodedLine(String text, int start, int end) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end - start < ENCODED_LINE_MIN) {
      return false;
    }
    boolean uu = true;
    boolean base64 = true;
    boolean upper = false;
    boolean lower = false;
    boolean other = false;
    for (int i = start; i < end && (uu || base64); i++) {
      char c = text.charAt(i);
      uu &= c >= '!' && c <= '`';
      boolean u = c >= 'A' && c <= 'Z';
      boolean l = c >= 'a' && c <= 'z';
      boolean o = (c >= '0' && c <= '9') || c == '+' || c == '/';
      base64 &= u || l || o || c == '=';
      upper |= u;
      lower |= l;
      other |= o;
    }
    // Base64 of binary data mixes both cases with digits or '+'/'/'; one long word does not.
    return uu || (base64 && upper && lower && other);
  }

  /** The offset of the last signature separator line ("-- " or "--"), or the text's length. */
  private static int signatureStart(String text) {
    int from = text.length();
    while (from > 0) {
      int dash = text.lastIndexOf("--", from - 1);
      if (dash < 0) {
        break;
      }
      int lineStart = text.lastIndexOf('\n', dash - 1) + 1;
      int lineEnd = text.indexOf('\n', dash);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      if (text.substring(lineStart, lineEnd).strip().equals("--")) {
        return lineStart;
      }
      from = lineStart > 0 ? lineStart - 1 : 0;
      if (lineStart == 0) {
        break;
      }
    }
    return text.length();
  }

  private static boolean at(String text, int index, int end, String word) {
    return index + word.length() <= end && text.regionMatches(true, index, word, 0, word.length());
  }

  private static boolean isQuoteOrAttribution(String text, int start, int end) {
    int i = start;
    while (i < end && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i == end) {
      return false;
    }
    char c = text.charAt(i);
    if (c == '>' || c == '|') {
      return true;
    }
    if (text.regionMatches(true, i, "in article", 0, 10)
        || text.regionMatches(true, i, "quoted from", 0, 11)) {
      return true;
    }
    for (int j = i; j < end; j++) {
      char w = text.charAt(j);
      if ((w == 'w' || w == 'W')
          && (at(text, j, end, "writes:") || at(text, j, end, "wrote:")
              || at(text, j, end, "writes in"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The offset just after the header block's terminating blank line (or the text's length when
   * the block runs to the end), or -1 when the text does not start with a header block.
   */
  static int headerEnd(String text) {
    int pos = 0;
    int n = text.length();
    int fields = 0;
    boolean known = false;
    boolean first = true;
    while (pos < n) {
      int eol = text.indexOf('\n', pos);
      int end = eol < 0 ? n : eol;
      int next = eol < 0 ? n : eol + 1;
      if (end > pos && text.charAt(end - 1) == '\r') {
        end--;
      }
      if (isBlank(text, pos, end)) {
        return fields >= 2 && known ? next : -1;
      }
      if (first && text.startsWith("From ", pos)) {
        first = false;
        pos = next;
        continue;
      }
      first = false;
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t') {
        if (fields == 0) {
          return -1;
        }
      } else {
        int colon = fieldNameEnd(text, pos, end);
        if (colon < 0) {
          return -1;
        }
        fields++;
        known = known || isMailField(text, pos, colon);
      }
      pos = next;
    }
    return fields >= 2 && known ? n : -1;
  }

  /**
   * The index of the colon ending a header field name that starts at {@code start} (printable
   * ASCII but no colon or space, RFC 5322 §2.2), followed by whitespace or the line's end; -1 when
   * the line is not a header line.
   */
  private static int fieldNameEnd(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == ':') {
        if (i == start) {
          return -1;
        }
        return i + 1 == end || Character.isWhitespace(text.charAt(i + 1)) ? i : -1;
      }
      if (c <= ' ' || c > '~') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isMailField(String text, int start, int colon) {
    for (String field : MAIL_FIELDS) {
      int length = colon - start;
      if (field.length() == length && text.regionMatches(true, start, field, 0, length)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The Subject's text in the header block {@code text[0..end)}: the first line that starts with
   * "subject:" (any case), its continuation lines (starting with a space or tab) joined with a
   * space, each part stripped, then reply prefixes ("Re:", "Fwd:", "AW:", ...) removed; "" when
   * there is no Subject line. Lines end at "\r\n", "\n" or "\r". A hand-written scan instead of
   * a regex split, which would compile a pattern for every document.
   */
  private static String subject(String text, int end) {
    int pos = 0;
    while (pos < end) {
      int lineEnd = lineEnd(text, pos, end);
      if (lineEnd - pos >= 8 && text.regionMatches(true, pos, "subject:", 0, 8)) {
        StringBuilder value = new StringBuilder(text.substring(pos + 8, lineEnd).strip());
        int next = nextLine(text, lineEnd, end);
        while (next < end) {
          int e = lineEnd(text, next, end);
          char c = e > next ? text.charAt(next) : '\n';
          if (c != ' ' && c != '\t') {
            break;
          }
          value.append(' ').append(text.substring(next, e).strip());
          next = nextLine(text, e, end);
        }
        return value.substring(replyPrefixEnd(value)).strip();
      }
      pos = nextLine(text, lineEnd, end);
    }
    return "";
  }

  /** The end of the line starting at {@code pos} (at its '\r' or '\n', or {@code end}). */
  private static int lineEnd(String text, int pos, int end) {
    int i = pos;
    while (i < end) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    return i;
  }

  /** The start of the line after the one ending at {@code lineEnd} ("\r\n" is one line break). */
  private static int nextLine(String text, int lineEnd, int end) {
    if (lineEnd >= end) {
      return end;
    }
    if (text.charAt(lineEnd) == '\r' && lineEnd + 1 < end && text.charAt(lineEnd + 1) == '\n') {
      return lineEnd + 2;
    }
    return lineEnd + 1;
  }

  /**
   * The length of the reply prefixes at the start of {@code s}: as many as follow each other of
   * "re", "fwd", "fw", "aw" or "sv" (ASCII letters, any case), optional whitespace, a colon and
   * optional whitespace; what the regex {@code ^(?i)((re|fwd?|aw|sv)\s*:\s*)+} matches.
   */
  static int replyPrefixEnd(CharSequence s) {
    int n = s.length();
    int matched = 0;
    int i = 0;
    while (true) {
      int word = prefixWord(s, i, n);
      if (word == 0) {
        return matched;
      }
      int j = skipSpace(s, i + word, n);
      if (j >= n || s.charAt(j) != ':') {
        return matched;
      }
      i = skipSpace(s, j + 1, n);
      matched = i;
    }
  }

  private static int prefixWord(CharSequence s, int i, int n) {
    char a = i < n ? lowerAscii(s.charAt(i)) : 0;
    char b = i + 1 < n ? lowerAscii(s.charAt(i + 1)) : 0;
    if ((a == 'r' && b == 'e') || (a == 'a' && b == 'w') || (a == 's' && b == 'v')) {
      return 2;
    }
    if (a == 'f' && b == 'w') {
      return i + 2 < n && lowerAscii(s.charAt(i + 2)) == 'd' ? 3 : 2;
    }
    return 0;
  }

  /** ASCII letters lower-cased, as the regex flag (?i) without UNICODE_CASE compares. */
  private static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** Skips the characters of the regex class \s: space, \t, \n, \u000B, \f, \r. */
  private static int skipSpace(CharSequence s, int i, int n) {
    while (i < n) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
        break;
      }
      i++;
    }
    return i;
  }
}

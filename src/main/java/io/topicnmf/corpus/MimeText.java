package io.topicnmf.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of an e-mail message (.eml, RFC 822/2045): the Subject, then the text of its
 * text/plain parts, or of its text/html parts stripped of markup when a message or an alternative
 * has no plain part. Multipart bodies are split on their boundary; base64 and quoted-printable
 * bodies are decoded and then read in the part's charset; attachments and non-text parts are
 * skipped; RFC 2047 encoded words in the Subject are decoded. Non-instantiable.
 */
public final class MimeText {
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");
  private static final Pattern PARAM =
      Pattern.compile(";\\s*([A-Za-z0-9_*.-]+)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");
  private static final int MAX_DEPTH = 20;

  private MimeText() {}

  /** A message that cannot be read; its message says why. */
  public static final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedMessageException(String message) {
      super(message);
    }
  }

  /**
   * A message read: its text, and the parts that could not be read and were left out (the rest
   * of the message is kept).
   *
   * @param text the decoded Subject, a blank line, the body text
   * @param brokenParts for each part left out, its number ("2", "2.1": the position in each
   *     multipart from 1) and why
   */
  public record Message(String text, List<BrokenPart> brokenParts) {
    public Message {
      brokenParts = List.copyOf(brokenParts);
    }

    /** The broken parts as skipped entries of the document {@code id}. */
    List<Skipped> partial(String id) {
      List<Skipped> out = new ArrayList<>(brokenParts.size());
      for (BrokenPart b : brokenParts) {
        out.add(new Skipped(id + " (part " + b.number() + ")",
            "broken MIME part left out (" + b.reason() + "); the rest of the message is kept"));
      }
      return out;
    }
  }

  /** A part left out of a message: its number ("2.1") and why. */
  public record BrokenPart(String number, String reason) {}

  /**
   * The text of the message in {@code bytes}: the decoded Subject, a blank line, the body text.
   *
   * @throws MalformedMessageException when there is no header block, or the message's own body is
   *     a multipart without a boundary or without parts
   */
  public static String text(byte[] bytes) throws MalformedMessageException {
    return read(bytes).text();
  }

  /**
   * The message in {@code bytes}: its text, and the parts left out because they could not be read
   * (a nested multipart without a boundary or parts, base64 that does not decode).
   *
   * @throws MalformedMessageException when there is no header block, or the message's own body is
   *     a multipart without a boundary or without parts
   */
  public static Message read(byte[] bytes) throws MalformedMessageException {
    // ISO-8859-1 maps every byte to one char and back, so part bodies can be re-read as bytes.
    String raw = new String(bytes, StandardCharsets.ISO_8859_1);
    Part message = Part.parse(raw);
    if (message.headers.isEmpty()) {
      throw new MalformedMessageException("no header block");
    }
    StringBuilder out = new StringBuilder();
    String subject = message.header("subject");
    if (subject != null) {
      out.append(decodeWords(subject).strip()).append("\n\n");
    }
    List<BrokenPart> broken = new ArrayList<>();
    body(message, out, "", broken);
    return new Message(out.toString(), broken);
  }

  /**
   * Appends the text of {@code part} (numbered {@code number}, "" for the message itself); a
   * broken sub-part is recorded in {@code broken} and left out, a broken message body throws.
   */
  private static void body(Part part, StringBuilder out, String number, List<BrokenPart> broken)
      throws MalformedMessageException {
    int depth = number.isEmpty() ? 0 : number.split("\\.").length;
    if (depth > MAX_DEPTH) {
      throw new MalformedMessageException("multipart nested deeper than " + MAX_DEPTH);
    }
    String type = part.mediaType();
    if (part.isAttachment()) {
      return;
    }
    if (type.startsWith("multipart/")) {
      String boundary = part.param("boundary");
      if (boundary == null || boundary.isEmpty()) {
        throw new MalformedMessageException("multipart body without a boundary");
      }
      List<Part> parts = part.split(boundary);
      if (parts.isEmpty()) {
        throw new MalformedMessageException("multipart body without parts");
      }
      List<Integer> chosen = type.equals("multipart/alternative")
          ? List.of(alternative(parts)) : java.util.stream.IntStream.range(0, parts.size()).boxed().toList();
      for (int i : chosen) {
        if (i < 0) {
          continue;
        }
        String n = number.isEmpty() ? Integer.toString(i + 1) : number + "." + (i + 1);
        int mark = out.length();
        try {
          body(parts.get(i), out, n, broken);
        } catch (MalformedMessageException e) {
          out.setLength(mark);
          broken.add(new BrokenPart(n, e.getMessage()));
        }
      }
      return;
    }
    if (type.equals("message/rfc822")) {
      String inner = new String(part.decodedBytes(), StandardCharsets.ISO_8859_1);
      body(Part.parse(inner), out, number.isEmpty() ? "1" : number + ".1", broken);
      return;
    }
    if (type.equals("text/plain")) {
      appendParagraph(out, part.decodedText());
    } else if (type.equals("text/html")) {
      appendParagraph(out, HtmlText.strip(part.decodedText()));
    }
  }

  /** The index of the part of a multipart/alternative to read: plain text first; -1 for none. */
  private static int alternative(List<Part> parts) {
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      if (p.mediaType().equals("text/plain") && !p.isAttachment()) {
        return i;
      }
    }
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      String t = p.mediaType();
      if ((t.equals("text/html") || t.startsWith("multipart/")) && !p.isAttachment()) {
        return i;
      }
    }
    return -1;
  }

  private static void appendParagraph(StringBuilder out, String text) {
    if (text.isBlank()) {
      return;
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append("\n\n");
    }
    out.append(text);
  }

  /** Decodes RFC 2047 encoded words ("=?utf-8?B?...?=", "=?iso-8859-1?Q?...?="). */
  static String decodeWords(String value) {
    Matcher m = ENCODED_WORD.matcher(value);
    StringBuilder out = new StringBuilder();
    int last = 0;
    boolean previousWasWord = false;
    while (m.find()) {
      String between = value.substring(last, m.start());
      // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
      if (!(previousWasWord && between.isBlank())) {
        out.append(between);
      }
      Charset cs = charset(m.group(1), StandardCharsets.UTF_8);
      byte[] bytes;
      if (m.group(2).equalsIgnoreCase("B")) {
        try {
          bytes = Base64.getMimeDecoder().decode(m.group(3));
        } catch (IllegalArgumentException e) {
          bytes = m.group(0).getBytes(StandardCharsets.ISO_8859_1);
        }
      } else {
        bytes = quotedPrintable(m.group(3).replace('_', ' '));
      }
      out.append(new String(bytes, cs));
      last = m.end();
      previousWasWord = true;
    }
    out.append(value.substring(last));
    return out.toString();
  }

  /** Decodes quoted-printable text (chars are bytes, ISO-8859-1): "=XX" escapes, soft breaks. */
  static byte[] quotedPrintable(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '=') {
        if (i + 2 < n && isHex(s, i + 1) && isHex(s, i + 2)) {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
          continue;
        }
        // Soft line break: '=' at the end of a line (trailing blanks allowed).
        int j = i + 1;
        while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
          j++;
        }
        if (j < n && s.charAt(j) == '\r') {
          j++;
        }
        if (j < n && s.charAt(j) == '\n') {
          i = j;
          continue;
        }
        if (j >= n) {
          break;
        }
        out.write('=');
      } else {
        out.write(c & 0xFF);
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }

  static Charset charset(String name, Charset fallback) {
    if (name == null) {
      return fallback;
    }
    try {
      return Charset.forName(name.strip());
    } catch (RuntimeException unknown) {
      return fallback;
    }
  }

  /** One MIME entity: its headers (names lower-cased, folded lines joined) and its raw body. */
  private static final class Part {
    final Map<String, String> headers;
    final String body;

    private Part(Map<String, String> headers, String body) {
      this.headers = headers;
      this.body = body;
    }

    static Part parse(String raw) {
      Map<String, String> headers = new LinkedHashMap<>();
      int pos = 0;
      int n = raw.length();
      String name = null;
      StringBuilder value = null;
      boolean first = true;
      while (pos < n) {
        int eol = raw.indexOf('\n', pos);
        int end = eol < 0 ? n : eol;
        String line = raw.substring(pos, end > pos && raw.charAt(end - 1) == '\r' ? end - 1 : end);
        int next = eol < 0 ? n : eol + 1;
        if (line.isEmpty()) {
          pos = next;
          break;
        }
        if (first && line.startsWith("From ")) {
          first = false;
          pos = next;
          continue; // mbox separator line
        }
        first = false;
        char c = line.charAt(0);
        int colon = line.indexOf(':');
        if ((c == ' ' || c == '\t') && name != null) {
          value.append(' ').append(line.strip());
        } else if (colon > 0 && line.substring(0, colon).indexOf(' ') < 0) {
          if (name != null) {
            headers.putIfAbsent(name, value.toString());
          }
          name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
          value = new StringBuilder(line.substring(colon + 1).strip());
        } else {
          // Not a header line: the header block ended without a blank line (or never began).
          break;
        }
        pos = next;
      }
      if (name != null) {
        headers.putIfAbsent(name, value.toString());
      }
      return new Part(headers, raw.substring(Math.min(pos, n)));
    }

    String header(String name) {
      return headers.get(name);
    }

    String mediaType() {
      String ct = headers.get("content-type");
      if (ct == null) {
        return "text/plain";
      }
      int semi = ct.indexOf(';');
      return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    String param(String param) {
      String ct = headers.get("content-type");
      if (ct == null) {
        return null;
      }
      Matcher m = PARAM.matcher(ct);
      while (m.find()) {
        if (m.group(1).equalsIgnoreCase(param)) {
          return m.group(3) != null ? m.group(3) : m.group(2);
        }
      }
      return null;
    }

    boolean isAttachment() {
      String cd = headers.get("content-disposition");
      return cd != null && cd.strip().toLowerCase(Locale.ROOT).startsWith("attachment");
    }

    byte[] decodedBytes() throws MalformedMessageException {
      String cte = headers.getOrDefault("content-transfer-encoding", "7bit")
          .strip().toLowerCase(Locale.ROOT);
      if (cte.equals("base64")) {
        try {
          return Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException bad) {
          throw new MalformedMessageException("base64 body does not decode: " + bad.getMessage());
        }
      }
      if (cte.equals("quoted-printable")) {
        return quotedPrintable(body);
      }
      return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    String decodedText() throws MalformedMessageException {
      byte[] bytes = decodedBytes();
      String cs = param("charset");
      if (cs == null) {
        return TextDecoder.decode(bytes);
      }
      Charset charset = charset(cs, null);
      return charset == null ? TextDecoder.decode(bytes) : new String(bytes, charset);
    }

    /**
     * The parts of a multipart body, between "--boundary" lines, up to "--boundary--" (RFC 2046
     * §5.1.1: a delimiter line is exactly "--" and the boundary, then "--" for the last, then
     * only white space; a line that merely starts so, like the "--abcZ" of an inner multipart in
     * an outer "abc", is body text).
     */
    List<Part> split(String boundary) {
      List<Part> parts = new ArrayList<>();
      String delimiter = "--" + boundary;
      int pos = 0;
      int start = -1;
      int n = body.length();
      while (pos <= n) {
        int eol = body.indexOf('\n', pos);
        int end = eol < 0 ? n : eol;
        String line = body.substring(pos, end);
        int kind = delimiterKind(line, delimiter);
        if (kind != 0) {
          if (start >= 0) {
            int partEnd = pos;
            // The line break before a delimiter belongs to the delimiter.
            if (partEnd > start && body.charAt(partEnd - 1) == '\n') {
              partEnd--;
              if (partEnd > start && body.charAt(partEnd - 1) == '\r') {
                partEnd--;
              }
            }
            parts.add(parse(body.substring(start, partEnd)));
          }
          if (kind == 2) {
            return parts;
          }
          start = eol < 0 ? n : eol + 1;
        }
        if (eol < 0) {
          break;
        }
        pos = eol + 1;
      }
      if (start >= 0 && start < n) {
        parts.add(parse(body.substring(start))); // closing delimiter missing: keep the last part
      }
      return parts;
    }

    /** 0: not a delimiter line; 1: "--boundary"; 2: the closing "--boundary--". */
    static int delimiterKind(String line, String delimiter) {
      if (!line.startsWith(delimiter)) {
        return 0;
      }
      int i = delimiter.length();
      int kind = 1;
      if (line.startsWith("--", i)) {
        kind = 2;
        i += 2;
      }
      for (; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c != ' ' && c != '\t' && c != '\r') {
          return 0;
        }
      }
      return kind;
    }
  }
}

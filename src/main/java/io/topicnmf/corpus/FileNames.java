package io.topicnmf.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File names as they appear in document ids. A name that is valid UTF-8 is itself; in a name
 * whose bytes are not valid UTF-8 (a Latin-1 "caf\xE9.txt" copied from an old disk), each byte
 * that is not part of a valid UTF-8 character is written {@code %XX} (upper-case hex: {@code
 * caf%E9.txt}). The JVM gives such names as Strings with U+FFFD in place of those bytes, or of
 * every non-ASCII byte when the locale is not UTF-8; the name's bytes are recovered from the
 * Path's URI, which the JDK builds from the raw bytes. Non-instantiable.
 */
final class FileNames {
  private FileNames() {}

  /** The name of the file or folder {@code path} as used in ids. */
  static String name(Path path) {
    Path fileName = path.getFileName();
    String name = fileName == null ? path.toString() : fileName.toString();
    if (name.indexOf('\uFFFD') < 0) {
      return name;
    }
    byte[] raw;
    try {
      raw = rawName(path);
    } catch (RuntimeException | java.io.IOError e) {
      return name;
    }
    return raw == null ? name : escape(raw);
  }

  /** The bytes of the last element of the path, from its (percent-encoded) file URI. */
  private static byte[] rawName(Path path) {
    String p = path.toAbsolutePath().toUri().getRawPath();
    if (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1); // a folder's URI ends in '/'
    }
    String last = p.substring(p.lastIndexOf('/') + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(last.length());
    for (int i = 0; i < last.length(); i++) {
      char c = last.charAt(i);
      if (c == '%' && i + 2 < last.length()) {
        out.write(Integer.parseInt(last.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /** The bytes as UTF-8, with each byte not part of a valid character written %XX. */
  static String escape(byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length * 3 + 4);
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isUnderflow()) {
        break;
      }
      if (r.isError()) {
        for (int i = 0; i < r.length(); i++) {
          out.put(String.format(Locale.ROOT, "%%%02X", in.get() & 0xFF));
        }
      }
    }
    out.flip();
    return out.toString();
  }
}

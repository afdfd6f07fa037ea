package io.topicnmf.corpus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a file into text robustly: UTF-8 (byte-order mark removed) when the bytes are
 * valid UTF-8, UTF-16 when a UTF-16 byte-order mark says so, and windows-1252 otherwise, because a
 * file that is not valid UTF-8 is in practice almost always Latin-1 or its Windows superset.
 * Non-instantiable.
 */
public final class TextDecoder {
  /** How many leading bytes are searched for a NUL byte by {@link #looksBinary}. */
  public static final int BINARY_PROBE_BYTES = 8 * 1024;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoder() {}

  /**
   * Whether the bytes look like a binary file: a NUL byte in the first {@value
   * #BINARY_PROBE_BYTES} bytes. UTF-16 text (recognised by its byte-order mark) is not binary.
   */
  public static boolean looksBinary(byte[] bytes) {
    if (utf16(bytes) != null) {
      return false;
    }
    int n = Math.min(bytes.length, BINARY_PROBE_BYTES);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** Decodes the bytes as described in the class comment; never fails. */
  public static String decode(byte[] bytes) {
    Charset utf16 = utf16(bytes);
    if (utf16 != null) {
      return new String(bytes, 2, bytes.length - 2, utf16);
    }
    int start = hasUtf8Bom(bytes) ? 3 : 0;
    return utf8OrWindows1252(bytes, start, bytes.length);
  }

  /**
   * Decodes bytes known to carry no byte-order mark (a line of a record file): UTF-8 when valid,
   * windows-1252 otherwise; never fails.
   */
  static String decodeUtf8OrWindows1252(byte[] bytes) {
    return utf8OrWindows1252(bytes, 0, bytes.length);
  }

  /** {@code bytes[from, to)} decoded as {@link #decodeUtf8OrWindows1252(byte[])} decodes a whole array (ASCII copied directly). */
  static String decodeUtf8OrWindows1252(byte[] bytes, int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to && ascii; i++) {
      ascii = bytes[i] > 0;
    }
    if (ascii) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    return utf8OrWindows1252(bytes, from, to);
  }

  /** {@code bytes[from, to)} as UTF-8 when they are valid UTF-8, as windows-1252 otherwise. */
  private static String utf8OrWindows1252(byte[] bytes, int from, int to) {
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return strict.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, from, to - from, WINDOWS_1252);
    }
  }

  private static boolean hasUtf8Bom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  private static Charset utf16(byte[] b) {
    if (b.length >= 2) {
      int b0 = b[0] & 0xFF;
      int b1 = b[1] & 0xFF;
      if (b0 == 0xFE && b1 == 0xFF) {
        return StandardCharsets.UTF_16BE;
      }
      if (b0 == 0xFF && b1 == 0xFE) {
        return StandardCharsets.UTF_16LE;
      }
    }
    return null;
  }
}

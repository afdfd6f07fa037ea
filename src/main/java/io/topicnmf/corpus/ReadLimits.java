package io.topicnmf.corpus;

import java.util.Locale;

/**
 * The bounds on what one file may make the reader hold or inflate, so no input can exhaust the
 * heap or keep the reader busy for nothing. A file or record over a bound is skipped with the
 * reason (in the report's skipped list); it never stops the run.
 *
 * @param maxDocumentBytes the most bytes one document may have: a whole text, HTML or .eml file
 *     (after gunzip), one .jsonl line, one .csv record, one .mbox message, the text extracted from
 *     a .pdf, .docx or .odt ({@code --max-document-size}, default {@value #DEFAULT_MAX_DOCUMENT_BYTES}
 *     bytes = 32 MiB)
 * @param maxExpandedBytes the most bytes a .gz file may expand to ({@code --max-expanded-size},
 *     default {@value #DEFAULT_MAX_EXPANDED_BYTES} bytes = 4 GiB); a record file is streamed, so
 *     this bounds time, not memory
 * @param maxCompressionRatio the largest ratio of expanded to compressed bytes a .gz file may show
 *     once it has expanded past {@value #RATIO_FLOOR_BYTES} bytes ({@code --max-compression-ratio},
 *     default {@value #DEFAULT_MAX_COMPRESSION_RATIO}); above it the file is skipped as a likely
 *     decompression bomb
 */
public record ReadLimits(long maxDocumentBytes, long maxExpandedBytes, int maxCompressionRatio) {
  /**
   * 32 MiB: about five million words, a shelf of books in one document; real documents (pages,
   * mails, papers, chapters) are 10^3 to 10^6 bytes. A document is held whole while it is read
   * and analysed (up to three times its size as bytes, text and tokens), so the bound keeps one
   * file's share of a 512 MB heap small with two files read at once.
   */
  public static final long DEFAULT_MAX_DOCUMENT_BYTES = 32L << 20;

  /** 4 GiB: far above any real compressed corpus file that fits a machine's memory as documents. */
  public static final long DEFAULT_MAX_EXPANDED_BYTES = 4L << 30;

  /**
   * 100:1. Text compresses 2.5–5:1 with gzip (Reuters-21578 as .jsonl.gz: 2.9:1), repetitive
   * logs or markup up to 20:1; a bomb of repeated words 150–350:1 and of zeros about 1000:1.
   */
  public static final int DEFAULT_MAX_COMPRESSION_RATIO = 100;

  /** 16 MiB: below it a high ratio is harmless (a small file of spaces), so it is not tested. */
  public static final long RATIO_FLOOR_BYTES = 16L << 20;

  public ReadLimits {
    if (maxDocumentBytes < 1) {
      throw new IllegalArgumentException(
          "--max-document-size must be at least 1 byte, got " + maxDocumentBytes);
    }
    if (maxExpandedBytes < 1) {
      throw new IllegalArgumentException(
          "--max-expanded-size must be at least 1 byte, got " + maxExpandedBytes);
    }
    if (maxCompressionRatio < 2) {
      throw new IllegalArgumentException(
          "--max-compression-ratio must be at least 2, got " + maxCompressionRatio);
    }
  }

  /** The defaults above. */
  public static ReadLimits defaults() {
    return new ReadLimits(
        DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_EXPANDED_BYTES, DEFAULT_MAX_COMPRESSION_RATIO);
  }

  /** A copy with {@code maxDocumentBytes} replaced. */
  public ReadLimits withMaxDocumentBytes(long bytes) {
    return new ReadLimits(bytes, maxExpandedBytes, maxCompressionRatio);
  }

  /** A copy with {@code maxExpandedBytes} replaced. */
  public ReadLimits withMaxExpandedBytes(long bytes) {
    return new ReadLimits(maxDocumentBytes, bytes, maxCompressionRatio);
  }

  /** A copy with {@code maxCompressionRatio} replaced. */
  public ReadLimits withMaxCompressionRatio(int ratio) {
    return new ReadLimits(maxDocumentBytes, maxExpandedBytes, ratio);
  }

  /**
   * A size as written on the command line: a number of bytes, optionally followed by K, M or G
   * (binary multiples: 1K = 1024 bytes), case-insensitive, with an optional trailing B ("32M",
   * "32MB", "4g", "1048576").
   *
   * @param flag the flag named in the message of a bad value
   */
  public static long parseSize(String value, String flag) {
    String v = value.strip().toUpperCase(Locale.ROOT);
    if (v.endsWith("B")) {
      v = v.substring(0, v.length() - 1);
    }
    int shift = 0;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'K' -> shift = 10;
        case 'M' -> shift = 20;
        case 'G' -> shift = 30;
        default -> { }
      }
    }
    if (shift > 0) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n < 1 || n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a size such as 32M, 512K, 4G or a number"
          + " of bytes (at least 1), got '" + value + "'");
    }
  }

  /** A byte count for messages: "32 MB", "900 KB", "17 bytes" (binary multiples). */
  static String describe(long bytes) {
    if (bytes >= 10L << 30) {
      return (bytes >> 30) + " GB";
    }
    if (bytes >= 10L << 20) {
      return (bytes >> 20) + " MB";
    }
    if (bytes >= 10L << 10) {
      return (bytes >> 10) + " KB";
    }
    return bytes + " bytes";
  }
}

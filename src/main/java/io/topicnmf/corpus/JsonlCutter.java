package io.topicnmf.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts the bytes of a JSON Lines file into batches of lines without decoding them, so that the
 * reading thread only moves bytes and the workers decode and parse: the streaming reader's share
 * of a large .jsonl is then a copy, not a JSON parser. It reads the stream exactly as {@link
 * LineDecodingReader} does (the same reads of the same sizes, the same pieces of at most {@value
 * LineDecodingReader#CHUNK} bytes cut before a UTF-8 lead byte, the UTF-8 byte-order mark dropped
 * from the first piece), and keeps each line's piece bounds, so a worker decodes every piece as the
 * reader decodes it ({@link Lines#decode}) and a stream that fails part way fails after the same
 * line. A line longer than three times {@code max} bytes cannot decode to {@code max} characters
 * or fewer, so its bytes are dropped as they come and it is marked over the bound.
 */
final class JsonlCutter {
  /** A batch is handed on once it holds this many bytes ... */
  static final int BATCH_BYTES = 1 << 20;
  /** ... or this many lines. */
  static final int BATCH_LINES = 512;

  /** Receives each full batch (and the last one). */
  interface BatchSink {
    void accept(Lines batch) throws IOException;
  }

  private final LinePieces pieces;
  private final long maxChars;
  private final long maxBytes;
  private final BatchSink sink;
  private Lines batch = new Lines();
  private int lineNo;
  /** The bytes of the line being gathered so far, and whether one is. */
  private long lineBytes;
  private boolean inLine;

  JsonlCutter(InputStream in, long maxChars, BatchSink sink) {
    this.pieces = new LinePieces(in);
    this.maxChars = maxChars;
    this.maxBytes = maxChars > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : 3 * maxChars;
    this.sink = sink;
  }

  /** The lines read so far. */
  int lines() {
    return lineNo;
  }

  /**
   * Cuts the whole stream, handing on full batches and, at the end, the last (possibly empty) one.
   * A failure of the stream propagates after the lines complete before it were handed on.
   */
  void run() throws IOException {
    try {
      while (nextPiece()) {
        // pieces are added by nextPiece
      }
    } catch (IOException e) {
      // The lines complete before the failure are read (a line in progress is not): hand them on.
      flush();
      throw e;
    }
    if (inLine) {
      endLine();
    }
    flush();
  }

  /** Hands on the lines gathered (and a line in progress stays for the next batch). */
  private void flush() throws IOException {
    Lines full = batch;
    batch = new Lines();
    if (inLine) {
      batch.moveOpenLine(full);
    }
    sink.accept(full);
  }

  /** Reads the next piece as {@link LineDecodingReader} would ({@link LinePieces}); false at the end. */
  private boolean nextPiece() throws IOException {
    int cut = pieces.next();
    if (cut == 0) {
      return false;
    }
    int start = pieces.bomLength(cut);
    boolean endsLine = pieces.bytes()[cut - 1] == '\n';
    addPiece(start, endsLine ? cut - 1 : cut);
    pieces.consume(cut);
    if (endsLine) {
      endLine();
      if (batch.size >= BATCH_BYTES || batch.lines >= BATCH_LINES) {
        flush();
      }
    }
    return true;
  }

  /** Adds piece {@code bytes[from, to)} (without its '\n') to the line in progress. */
  private void addPiece(int from, int to) {
    if (!inLine) {
      inLine = true;
      lineBytes = 0;
      batch.openLine();
    }
    lineBytes += to - from;
    if (lineBytes > maxBytes) {
      batch.overflow();
    } else {
      batch.addPiece(pieces.bytes(), from, to);
    }
  }

  private void endLine() {
    lineNo++;
    batch.closeLine(lineNo);
    inLine = false;
  }

  /**
   * A batch of lines as bytes: line {@code l} is number {@code numbers[l]}, made of pieces {@code
   * firstPiece[l] .. firstPiece[l + 1]}, piece {@code p} being {@code data[pieceStart[p],
   * pieceEnd[p])}; {@code over[l]} when its bytes were dropped as over the bound.
   */
  static final class Lines {
    byte[] data = new byte[1 << 16];
    int size;
    int lines;
    int[] numbers = new int[64];
    boolean[] over = new boolean[64];
    int[] firstPiece = new int[65];
    int[] pieceStart = new int[64];
    int[] pieceEnd = new int[64];
    int pieces;
    private boolean open;

    void openLine() {
      open = true;
      if (lines + 1 >= numbers.length) {
        numbers = Arrays.copyOf(numbers, numbers.length * 2);
        over = Arrays.copyOf(over, numbers.length);
        firstPiece = Arrays.copyOf(firstPiece, numbers.length + 1);
      }
      firstPiece[lines] = pieces;
      over[lines] = false;
    }

    void overflow() {
      over[lines] = true;
      pieces = firstPiece[lines];
    }

    void addPiece(byte[] from, int start, int end) {
      if (over[lines]) {
        return;
      }
      int n = end - start;
      if (size + n > data.length) {
        data = Arrays.copyOf(data, Math.max(size + n, data.length * 2));
      }
      System.arraycopy(from, start, data, size, n);
      if (pieces == pieceStart.length) {
        pieceStart = Arrays.copyOf(pieceStart, pieces * 2);
        pieceEnd = Arrays.copyOf(pieceEnd, pieces * 2);
      }
      pieceStart[pieces] = size;
      pieceEnd[pieces] = size + n;
      pieces++;
      size += n;
    }

    void closeLine(int number) {
      numbers[lines] = number;
      lines++;
      firstPiece[lines] = pieces;
      open = false;
    }

    /** Takes over the line still open in {@code from} (its pieces so far). */
    void moveOpenLine(Lines from) {
      if (!from.open) {
        return;
      }
      openLine();
      over[lines] = from.over[from.lines];
      for (int p = from.firstPiece[from.lines]; p < from.pieces; p++) {
        addPiece(from.data, from.pieceStart[p], from.pieceEnd[p]);
      }
      from.pieces = from.firstPiece[from.lines];
      from.open = false;
    }

    /** Line {@code l} decoded as {@link LineDecodingReader} and {@link RecordFiles.BoundedLines} give it, or null when over {@code maxChars}. */
    String decode(int l, long maxChars) {
      if (over[l]) {
        return null;
      }
      int from = firstPiece[l];
      int to = firstPiece[l + 1];
      String text;
      if (to - from == 1) {
        text = TextDecoder.decodeUtf8OrWindows1252(data, pieceStart[from], pieceEnd[from]);
      } else {
        StringBuilder b = new StringBuilder();
        for (int p = from; p < to; p++) {
          b.append(TextDecoder.decodeUtf8OrWindows1252(data, pieceStart[p], pieceEnd[p]));
        }
        text = b.toString();
      }
      if (text.length() > maxChars) {
        return null;
      }
      int n = text.length();
      return n > 0 && text.charAt(n - 1) == '\r' ? text.substring(0, n - 1) : text;
    }
  }
}

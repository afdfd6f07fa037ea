package io.topicnmf.analysis;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;

/**
 * Passes the text to the tokenizer unchanged (offsets need no correction) and keeps what has been
 * read in {@code text}, for filters that look between tokens ({@link SentenceGapFilter}): by the
 * time a token comes out of the tokenizer, the text up to its end has been read.
 */
final class TextRecorder extends CharFilter {
  private final StringBuilder text;

  /** Reads {@code in}, keeping its characters in {@code text} (cleared first). */
  TextRecorder(Reader in, StringBuilder text) {
    super(in);
    this.text = text;
    text.setLength(0);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = input.read(buffer, offset, length);
    if (n > 0) {
      text.append(buffer, offset, n);
    }
    return n;
  }

  @Override
  protected int correct(int offset) {
    return offset;
  }
}

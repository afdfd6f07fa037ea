package io.topicnmf.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Leaves a position gap between two tokens separated by sentence punctuation (. ! ? ; : … and
 * their CJK forms) or a blank line, so that phrases ({@link org.apache.lucene.analysis.shingle
 * .ShingleFilter}) never span two sentences. Looks at the analysed text between the previous
 * token's end and the current token's start (the text as read so far, kept by a {@link
 * TextRecorder} between the reader and the tokenizer); must come right after the tokenizer, before
 * any filter removes tokens (whose text would otherwise look like a gap). Tokens pass unchanged.
 */
final class SentenceGapFilter extends TokenFilter {
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posIncAtt =
      addAttribute(PositionIncrementAttribute.class);
  private final CharSequence text;
  private int previousEnd = -1;

  /** @param text the text being analysed, as read so far */
  SentenceGapFilter(TokenStream in, CharSequence text) {
    super(in);
    this.text = text;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    int start = offsetAtt.startOffset();
    if (previousEnd >= 0 && breaksSentence(text, previousEnd, start)) {
      posIncAtt.setPositionIncrement(posIncAtt.getPositionIncrement() + 1);
    }
    previousEnd = offsetAtt.endOffset();
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    previousEnd = -1;
  }

  static boolean breaksSentence(CharSequence text, int from, int to) {
    int end = Math.min(to, text.length());
    boolean newline = false;
    for (int i = Math.max(0, from); i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '.': case '!': case '?': case ';': case ':': case '\u2026':
        case '\u3002': case '\uFF01': case '\uFF1F': case '\uFF1B': case '\uFF1A':
          return true;
        case '\n':
          if (newline) {
            return true;
          }
          newline = true;
          break;
        default:
          if (!Character.isWhitespace(c)) {
            newline = false;
          }
      }
    }
    return false;
  }
}

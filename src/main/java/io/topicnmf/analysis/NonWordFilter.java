package io.topicnmf.analysis;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Drops tokens that carry no word: tokens made only of digits, punctuation and symbols ("2004",
 * "3.14", "1,000", "_", emoji such as "🎉" or "👍🏽"), or, when numbers are kept, only the tokens
 * without any digit. A token with a letter (of any script) is always kept.
 */
public final class NonWordFilter extends FilteringTokenFilter {
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final boolean keepNumbers;

  /**
   * @param in the token stream to filter
   * @param keepNumbers keep tokens with digits, drop only those without any letter or digit
   */
  public NonWordFilter(TokenStream in, boolean keepNumbers) {
    super(in);
    this.keepNumbers = keepNumbers;
  }

  @Override
  protected boolean accept() {
    return isWord(termAtt.buffer(), termAtt.length(), keepNumbers);
  }

  /** What each ASCII character is to {@link #isWord}: 0 a word character, 1 a digit, 2 punctuation. */
  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII[c] = (byte) (isDigit(c) ? 1 : isPunctuation(c) ? 2 : 0);
    }
  }

  /**
   * Whether the term {@code buffer[0..length)} is kept: it has a character that is neither a
   * digit nor punctuation, or ({@code keepNumbers}) a digit. ASCII characters are looked up in a
   * table made from the same rules.
   */
  static boolean isWord(char[] buffer, int length, boolean keepNumbers) {
    boolean sawDigit = false;
    for (int i = 0; i < length; ) {
      char ch = buffer[i];
      int kind;
      if (ch < 128) {
        kind = ASCII[ch];
        i++;
      } else {
        int cp = Character.codePointAt(buffer, i, length);
        i += Character.charCount(cp);
        kind = isDigit(cp) ? 1 : isPunctuation(cp) ? 2 : 0;
      }
      if (kind == 0) {
        return true;
      }
      if (kind == 1) {
        sawDigit = true;
      }
    }
    return keepNumbers && sawDigit;
  }

  private static boolean isDigit(int cp) {
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.OTHER_NUMBER;
  }

  /** Punctuation, symbols (emoji included) and the joiners and modifiers of emoji sequences. */
  private static boolean isPunctuation(int cp) {
    switch (Character.getType(cp)) {
      case Character.MATH_SYMBOL:
      case Character.CURRENCY_SYMBOL:
      case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
      case Character.FORMAT:
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }
}

package io.topicnmf.analysis;

import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.CodepointCountFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Does in one filter, token by token, what this chain of Lucene filters does in a row, with the
 * same tokens and positions: {@link TypeTokenFilter} (token types dropped), {@link
 * EnglishPossessiveFilter} (a trailing "'s", "’s" or "＇s" removed), {@link LowerCaseFilter},
 * {@link StopFilter}, {@link CodepointCountFilter} and {@link NonWordFilter}. One call per token
 * instead of six, and ASCII letters lower-cased without a code-point lookup; the analysis of a
 * corpus spends about as long in these filters as in the tokenizer. Each step copies the
 * corresponding Lucene filter's rule (Lucene 9.12); {@code WordFilterTest} checks the tokens
 * against the chain of Lucene filters.
 */
final class WordFilter extends FilteringTokenFilter {
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
  private final Set<String> droppedTypes;
  private final boolean possessives;
  private final CharArraySet stopwords;
  private final int minLength;
  private final int maxLength;
  private final boolean keepNumbers;

  /**
   * @param droppedTypes token types to drop (empty for none), as {@link TypeTokenFilter}
   * @param possessives remove English possessives, as {@link EnglishPossessiveFilter}
   * @param stopwords the stop words, as {@link StopFilter}
   * @param minLength fewest code points, as {@link CodepointCountFilter}
   * @param maxLength most code points
   * @param keepNumbers as {@link NonWordFilter}
   */
  WordFilter(TokenStream in, Set<String> droppedTypes, boolean possessives, CharArraySet stopwords,
      int minLength, int maxLength, boolean keepNumbers) {
    super(in);
    this.droppedTypes = droppedTypes;
    this.possessives = possessives;
    this.stopwords = stopwords;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.keepNumbers = keepNumbers;
  }

  @Override
  protected boolean accept() {
    if (!droppedTypes.isEmpty() && droppedTypes.contains(typeAtt.type())) {
      return false;
    }
    char[] buffer = termAtt.buffer();
    int length = termAtt.length();
    if (possessives && length >= 2) {
      char apostrophe = buffer[length - 2];
      char s = buffer[length - 1];
      if ((apostrophe == '\'' || apostrophe == '\u2019' || apostrophe == '\uFF07')
          && (s == 's' || s == 'S')) {
        length -= 2;
        termAtt.setLength(length);
      }
    }
    lowerCase(buffer, length);
    if (stopwords.contains(buffer, 0, length)) {
      return false;
    }
    if (!codepointCountWithin(buffer, length)) {
      return false;
    }
    return NonWordFilter.isWord(buffer, length, keepNumbers);
  }

  /** {@link CharacterUtils#toLowerCase}, with the ASCII prefix of the term done in place. */
  private static void lowerCase(char[] buffer, int length) {
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      if (c >= 128) {
        CharacterUtils.toLowerCase(buffer, i, length);
        return;
      }
      if (c >= 'A' && c <= 'Z') {
        buffer[i] = (char) (c + ('a' - 'A'));
      }
    }
  }

  /** {@link CodepointCountFilter}'s test. */
  private boolean codepointCountWithin(char[] buffer, int length) {
    int max32 = length;
    int min32 = max32 >> 1;
    if (min32 >= minLength && max32 <= maxLength) {
      return true;
    }
    if (min32 > maxLength || max32 < minLength) {
      return false;
    }
    int count = Character.codePointCount(buffer, 0, length);
    return count >= minLength && count <= maxLength;
  }
}

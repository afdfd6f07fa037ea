package io.topicnmf.analysis;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Drops the shingles that span a gap. The {@link org.apache.lucene.analysis.shingle.ShingleFilter}
 * before it is set up with an empty filler token and a single-space separator, so a phrase that
 * would cross a removed stop word or a sentence break shows an empty word: a leading or trailing
 * space, or two spaces in a row. Real tokens never contain spaces, so nothing else is dropped.
 */
final class PhraseGapFilter extends FilteringTokenFilter {
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);

  PhraseGapFilter(TokenStream in) {
    super(in);
  }

  @Override
  protected boolean accept() {
    char[] b = termAtt.buffer();
    int n = termAtt.length();
    if (n == 0 || b[0] == ' ' || b[n - 1] == ' ') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      if (b[i] == ' ' && b[i - 1] == ' ') {
        return false;
      }
    }
    return true;
  }
}

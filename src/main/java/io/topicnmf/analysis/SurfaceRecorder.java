package io.topicnmf.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Records each token as it passes (its start offset and current text) into the chain's {@link
 * AnalysisContext}, so that terms transformed further down (stemmed, folded) can be shown in their
 * original form. Tokens pass unchanged.
 */
final class SurfaceRecorder extends TokenFilter {
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final AnalysisContext context;

  SurfaceRecorder(TokenStream in, AnalysisContext context) {
    super(in);
    this.context = context;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    context.record(offsetAtt.startOffset(), termAtt.buffer(), termAtt.length());
    return true;
  }
}

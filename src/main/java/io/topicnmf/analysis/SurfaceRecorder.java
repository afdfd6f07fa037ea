package io.topicnmf.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Records each token as it passes (its current text) into the stream's {@link Originals} and
 * points its {@link SurfaceFormAttribute} there, so that terms transformed further down (stemmed,
 * folded) can be shown in their original form. Tokens pass unchanged.
 */
final class SurfaceRecorder extends TokenFilter {
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final SurfaceFormAttribute surfaceAtt = addAttribute(SurfaceFormAttribute.class);

  SurfaceRecorder(TokenStream in) {
    super(in);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    surfaceAtt.setOriginalIndex(surfaceAtt.originals().record(termAtt.buffer(), termAtt.length()));
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    surfaceAtt.originals().clear();
  }
}

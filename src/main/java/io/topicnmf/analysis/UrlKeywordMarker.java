package io.topicnmf.analysis;

import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.KeywordMarkerFilter;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Marks URL and e-mail tokens as keywords so that stemmers leave them whole ("…/pages" stays, not
 * "…/page"). Only needed when {@code --keep-urls} keeps them and a stemmer runs.
 */
final class UrlKeywordMarker extends KeywordMarkerFilter {
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
  private final Set<String> types;

  UrlKeywordMarker(TokenStream in, Set<String> types) {
    super(in);
    this.types = types;
  }

  @Override
  protected boolean isKeyword() {
    return types.contains(typeAtt.type());
  }
}

package io.topicnmf.corpus;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;

/**
 * Plain text of an HTML document through Lucene's {@link HTMLStripCharFilter}: tags, comments,
 * scripts and styles removed, character entities decoded, block elements turned into line breaks.
 * Non-instantiable.
 */
public final class HtmlText {
  private HtmlText() {}

  /** The text of {@code html} with its markup removed. */
  public static String strip(String html) {
    StringBuilder out = new StringBuilder(html.length());
    char[] buffer = new char[8192];
    try (Reader reader = new HTMLStripCharFilter(new StringReader(html))) {
      int n;
      while ((n = reader.read(buffer)) != -1) {
        out.append(buffer, 0, n);
      }
    } catch (IOException e) {
      // A StringReader never fails; the filter only rethrows its input's errors.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}

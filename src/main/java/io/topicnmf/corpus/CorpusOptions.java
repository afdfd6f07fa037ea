package io.topicnmf.corpus;

/**
 * How a corpus is read: which files are treated as HTML and, later, which clean-up and record
 * fields apply. Immutable; build it with {@link #defaults()} and the {@code with...} methods so
 * that new components can be added without breaking callers.
 *
 * @param forceHtml strip HTML markup from every text file, not only .html/.htm ({@code --html})
 */
public record CorpusOptions(boolean forceHtml) {

  /** Plain text as plain text, HTML only for .html/.htm files. */
  public static CorpusOptions defaults() {
    return new CorpusOptions(false);
  }

  /** A copy with {@code forceHtml} replaced ({@code --html}). */
  public CorpusOptions withForceHtml(boolean forceHtml) {
    return new CorpusOptions(forceHtml);
  }
}

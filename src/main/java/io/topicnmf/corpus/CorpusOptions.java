package io.topicnmf.corpus;

/**
 * How a corpus is read. Immutable; build it with {@link #defaults()} and the {@code with...}
 * methods: components are added over time and the canonical constructor grows.
 *
 * @param forceHtml strip HTML markup from every text file, not only .html/.htm ({@code --html})
 * @param stripMailHeaders drop the RFC 822 header block at the top of each file, keeping the
 *     Subject text ({@code --strip-mail-headers})
 * @param stripQuotes drop quoted reply lines, attribution lines and signatures ({@code
 *     --strip-quotes})
 * @param autoMailCleanup turn both on when most files start with a header block (default true;
 *     {@code --no-mail-cleanup} sets false)
 */
public record CorpusOptions(
    boolean forceHtml, boolean stripMailHeaders, boolean stripQuotes, boolean autoMailCleanup) {

  /** The step-1 constructor, kept for compatibility: defaults for every later component. */
  public CorpusOptions(boolean forceHtml) {
    this(forceHtml, false, false, true);
  }

  /** Plain text as plain text, HTML only for .html/.htm, mail clean-up when detected. */
  public static CorpusOptions defaults() {
    return new CorpusOptions(false);
  }

  /** A copy with {@code forceHtml} replaced ({@code --html}). */
  public CorpusOptions withForceHtml(boolean forceHtml) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup);
  }

  /** A copy with {@code stripMailHeaders} replaced ({@code --strip-mail-headers}). */
  public CorpusOptions withStripMailHeaders(boolean stripMailHeaders) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup);
  }

  /** A copy with {@code stripQuotes} replaced ({@code --strip-quotes}). */
  public CorpusOptions withStripQuotes(boolean stripQuotes) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup);
  }

  /** A copy with {@code autoMailCleanup} replaced ({@code --no-mail-cleanup} sets false). */
  public CorpusOptions withAutoMailCleanup(boolean autoMailCleanup) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup);
  }
}

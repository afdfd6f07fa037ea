package io.topicnmf.corpus;

/**
 * What mail clean-up was applied to a corpus, for the report.
 *
 * @param headersStripped header blocks were removed ({@code --strip-mail-headers} or automatic)
 * @param quotesStripped quoted lines and signatures were removed ({@code --strip-quotes} or
 *     automatic)
 * @param automatic the clean-up was turned on because most files start with a header block
 * @param headerShare the share of documents that are mail (start with a header block, or are
 *     .eml messages), in [0, 1]; 0 when detection did not run
 */
public record MailCleanup(
    boolean headersStripped, boolean quotesStripped, boolean automatic, double headerShare) {
  /** No clean-up applied. */
  public static final MailCleanup NONE = new MailCleanup(false, false, false, 0);

  /**
   * The clean-up of a corpus: the explicit options, or, when {@code detect}, automatic if more than
   * half of the documents are mail: {@code messages} mail messages, and {@code withHeader} of the
   * {@code plain} other documents starting with a header block.
   */
  static MailCleanup decide(CorpusOptions options, boolean detect, int plain, int withHeader, int messages) {
    double share = 0;
    boolean auto = false;
    if (detect) {
      int total = plain + messages;
      // The same arithmetic as MailText.headerShare(plain) * plain + messages, so the share
      // reported is the very same double.
      double plainShare = plain == 0 ? 0 : (double) withHeader / plain;
      share = total == 0 ? 0 : (plainShare * plain + messages) / total;
      auto = share > 0.5;
    }
    boolean headers = options.stripMailHeaders() || auto;
    boolean quotes = options.stripQuotes() || auto;
    return !headers && !quotes ? NONE : new MailCleanup(headers, quotes, auto, share);
  }
}

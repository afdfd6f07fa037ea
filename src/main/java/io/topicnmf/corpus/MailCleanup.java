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
}

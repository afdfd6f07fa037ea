package io.topicnmf.corpus;

import java.util.List;
import java.util.Objects;

/**
 * The documents read from a folder (in walk order) and the files skipped.
 *
 * @param root the folder or file that was read (as given, normalised)
 * @param documents the usable documents, in sorted deterministic order
 * @param skipped the files not used, with their reasons, in walk order
 * @param mailCleanup the mail clean-up applied ({@link MailCleanup#NONE} when none)
 * @param htmlBoilerplate the lines most web pages shared, removed ({@link HtmlBoilerplate#NONE} when none)
 */
public record Corpus(
    String root, List<Document> documents, List<Skipped> skipped, MailCleanup mailCleanup,
    HtmlBoilerplate htmlBoilerplate) {
  public Corpus {
    documents = List.copyOf(documents);
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(mailCleanup, "mailCleanup");
    Objects.requireNonNull(htmlBoilerplate, "htmlBoilerplate");
  }

  /** A corpus without boilerplate removal. */
  public Corpus(String root, List<Document> documents, List<Skipped> skipped, MailCleanup mailCleanup) {
    this(root, documents, skipped, mailCleanup, HtmlBoilerplate.NONE);
  }

  /** A corpus without mail clean-up. */
  public Corpus(String root, List<Document> documents, List<Skipped> skipped) {
    this(root, documents, skipped, MailCleanup.NONE);
  }
}

package io.topicnmf.corpus;

import java.util.Objects;

/**
 * How a corpus is read. Immutable and validated when built; build it with {@link #defaults()} and
 * the {@code with...} methods: components are added over time and the canonical constructor grows.
 *
 * @param forceHtml strip HTML markup from every text file and record, not only .html/.htm ({@code
 *     --html})
 * @param stripMailHeaders drop the RFC 822 header block at the top of each file, keeping the
 *     Subject text ({@code --strip-mail-headers})
 * @param stripQuotes drop quoted reply lines, attribution lines and signatures ({@code
 *     --strip-quotes})
 * @param autoMailCleanup turn both on when most files start with a header block (default true;
 *     {@code --no-mail-cleanup} sets false)
 * @param textField the field (.jsonl) or column (.csv) holding a record's text ({@code
 *     --text-field}, default "text")
 * @param idField the field or column holding a record's id ({@code --id-field}); {@code null}: the
 *     id is the file's id, '#' and the record's line (.jsonl) or row (.csv) number
 * @param labelField the field or column holding a record's label ({@code --label-field}); {@code
 *     null}: the file's first sub-folder
 * @param limits the bounds on one file's size, a document's size and a .gz file's expansion
 */
public record CorpusOptions(
    boolean forceHtml,
    boolean stripMailHeaders,
    boolean stripQuotes,
    boolean autoMailCleanup,
    String textField,
    String idField,
    String labelField,
    ReadLimits limits) {

  public CorpusOptions {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(textField, "--text-field must not be null");
    if (textField.isBlank()) {
      throw new IllegalArgumentException("--text-field must name a field, got '" + textField + "'");
    }
    if (idField != null && idField.isBlank()) {
      throw new IllegalArgumentException("--id-field must name a field, got '" + idField + "'");
    }
    if (labelField != null && labelField.isBlank()) {
      throw new IllegalArgumentException(
          "--label-field must name a field, got '" + labelField + "'");
    }
  }

  /** The step-1 constructor, kept for compatibility: defaults for every later component. */
  public CorpusOptions(boolean forceHtml) {
    this(forceHtml, false, false, true, "text", null, null, ReadLimits.defaults());
  }

  /**
   * Plain text as plain text, HTML only for .html/.htm, mail clean-up when detected, records' text
   * in the "text" field.
   */
  public static CorpusOptions defaults() {
    return new CorpusOptions(false);
  }

  /** A copy with {@code forceHtml} replaced ({@code --html}). */
  public CorpusOptions withForceHtml(boolean forceHtml) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup, textField,
        idField, labelField, limits);
  }

  /** A copy with {@code stripMailHeaders} replaced ({@code --strip-mail-headers}). */
  public CorpusOptions withStripMailHeaders(boolean stripMailHeaders) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup, textField,
        idField, labelField, limits);
  }

  /** A copy with {@code stripQuotes} replaced ({@code --strip-quotes}). */
  public CorpusOptions withStripQuotes(boolean stripQuotes) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup, textField,
        idField, labelField, limits);
  }

  /** A copy with {@code autoMailCleanup} replaced ({@code --no-mail-cleanup} sets false). */
  public CorpusOptions withAutoMailCleanup(boolean autoMailCleanup) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup, textField,
        idField, labelField, limits);
  }

  /** A copy with {@code textField} replaced ({@code --text-field}). */
  public CorpusOptions withTextField(String textField) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup, textField,
        idField, labelField, limits);
  }

  /** A copy with {@code idField} replaced ({@code --id-field}; null for none). */
  public CorpusOptions withIdField(String idField) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup, textField,
        idField, labelField, limits);
  }

  /** A copy with {@code labelField} replaced ({@code --label-field}; null for none). */
  public CorpusOptions withLabelField(String labelField) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup, textField,
        idField, labelField, limits);
  }

  /** A copy with {@code limits} replaced ({@code --max-document-size} and related flags). */
  public CorpusOptions withLimits(ReadLimits limits) {
    return new CorpusOptions(forceHtml, stripMailHeaders, stripQuotes, autoMailCleanup, textField,
        idField, labelField, limits);
  }
}

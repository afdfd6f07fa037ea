/**
 * Reading a folder (or one file) into documents: walking it in a fixed order, the file formats
 * (plain text, Markdown, HTML, PDF, Office, e-mail and mbox, JSON Lines and CSV records, gzip),
 * decoding bytes to text robustly ({@link io.topicnmf.corpus.TextDecoder}), clean-up of mail
 * headers and quotes and of HTML boilerplate, document ids (path relative to the root) and labels
 * (the first sub-folder, or a record field).
 *
 * <p>{@link io.topicnmf.corpus.CorpusReader#read} is the entry point; options are a record
 * ({@link io.topicnmf.corpus.CorpusOptions}). A file that cannot be read is skipped with its
 * reason ({@link io.topicnmf.corpus.Skipped}) and never stops the run; inputs are only read. This
 * package is the ground floor of the text pipeline: it knows nothing of analysis or matrices.
 */
package io.topicnmf.corpus;

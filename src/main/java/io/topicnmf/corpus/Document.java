package io.topicnmf.corpus;

/**
 * One document of a corpus.
 *
 * @param id path relative to the corpus root with '/' separators (the file name for a single file)
 * @param label the first sub-folder of the path, or {@code null} for files at the root
 * @param text the decoded text (HTML already stripped)
 */
public record Document(String id, String label, String text) {}

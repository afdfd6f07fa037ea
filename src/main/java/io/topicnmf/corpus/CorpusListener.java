package io.topicnmf.corpus;

/**
 * Progress of {@link CorpusReader#read}: called once per file read (documents and skipped files).
 * Calls are serialised (never concurrent) but may come from different threads.
 */
@FunctionalInterface
public interface CorpusListener {
  /** A listener that ignores every call. */
  CorpusListener NONE = (n, p) -> {};

  /**
   * @param filesSeen files handled so far, including this one
   * @param path the file's id (path relative to the root with '/' separators)
   */
  void onFile(int filesSeen, String path);
}

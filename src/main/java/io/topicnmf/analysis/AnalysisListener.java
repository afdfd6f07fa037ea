package io.topicnmf.analysis;

/**
 * Progress of {@link CorpusAnalyzer#analyze}: called after each analysed document. Calls are
 * serialised (never concurrent) but may come from different threads; {@code done} only grows.
 */
@FunctionalInterface
public interface AnalysisListener {
  /** A listener that ignores every call. */
  AnalysisListener NONE = (d, t) -> {};

  /**
   * @param done documents analysed so far
   * @param total documents to analyse, or 0 when not known yet (a streaming read counts as it goes)
   */
  void onDocument(int done, int total);
}

package io.topicnmf.model;

import io.topicnmf.analysis.AnalysisListener;
import io.topicnmf.corpus.CorpusListener;
import io.topicnmf.nmf.NmfListener;

/** Progress of a fit, stage by stage; every method has an empty default. */
public interface FitListener extends CorpusListener, AnalysisListener, NmfListener {
  FitListener NONE = new FitListener() {};

  /** A stage ("read", "analyse", "matrix", "nmf", "clusters" with k-means clusters) starts. */
  default void onStageStart(String stage) {}

  /**
   * A stage ends.
   *
   * @param summary a short line such as "2225 documents, 0 skipped"
   */
  default void onStageEnd(String stage, double seconds, String summary) {}

  @Override
  default void onFile(int filesSeen, String path) {}

  @Override
  default void onDocument(int done, int total) {}

  @Override
  default void onIteration(int iteration, int maxIter, double objective) {}
}

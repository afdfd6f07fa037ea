package io.topicnmf.cli;

import io.topicnmf.nmf.NmfOptions;
import picocli.CommandLine.Option;

/** The mini-batch flag of the factorization ({@code fit} and {@code factorize}). */
final class BatchFlags {
  @Option(names = "--batch-size", defaultValue = "0", paramLabel = "N",
      description = "Fit by mini-batches of N rows (documents) with the online algorithm of scikit-learn's"
          + " MiniBatchNMF, holding one batch of the matrix at a time; 0 fits on all rows at once"
          + " (default: ${DEFAULT-VALUE}). The report's fit.mode says which ran.")
  int batchSize;

  /** {@code options} with this batch size (0 = in memory). */
  NmfOptions apply(NmfOptions options) {
    return options.withBatchSize(batchSize);
  }
}

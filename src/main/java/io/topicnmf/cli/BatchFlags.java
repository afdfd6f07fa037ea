package io.topicnmf.cli;

import io.topicnmf.nmf.MemoryPlan;
import io.topicnmf.nmf.NmfOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The mini-batch flag of the factorization ({@code fit} and {@code factorize}). */
final class BatchFlags {
  @Option(names = "--batch-size", defaultValue = "auto", paramLabel = "auto|N",
      converter = BatchSize.class,
      description = "Fit by mini-batches of N rows (documents) with the online algorithm of scikit-learn's"
          + " MiniBatchNMF, holding one batch of the matrix at a time; 0 fits on all rows at once; auto"
          + " (default) fits on all rows at once when the estimated heap fits, else by mini-batches of "
          + MemoryPlan.AUTO_BATCH_ROWS + " rows (fewer if needed). The report's fit.mode and"
          + " fit.modeReason say which ran and why.")
  int batchSize;

  /** {@code options} with this batch size (0 = in memory, {@link NmfOptions#AUTO_BATCH} = auto). */
  NmfOptions apply(NmfOptions options) {
    return options.withBatchSize(batchSize);
  }

  /** {@code auto} or a whole number ≥ 0. */
  static final class BatchSize implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      if (value.equalsIgnoreCase("auto")) {
        return NmfOptions.AUTO_BATCH;
      }
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new CommandLine.TypeConversionException("must be auto, 0 (all rows at once) or a number of rows"
          + " per mini-batch >= 1, got '" + value + "'");
    }
  }
}

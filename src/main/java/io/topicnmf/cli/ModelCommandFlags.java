package io.topicnmf.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --threads}, {@code --quiet} and {@code --verbose} of the commands that use a saved model
 * (apply, reduce); the commands that fit take them, with {@code --seed}, from {@link CommonOptions}.
 */
final class ModelCommandFlags {
  @Option(names = "--threads", description = "Worker threads (default: all cores, ${sys:topicnmf.cores}). Results do not depend on it.")
  Integer threads;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr and no listing on stdout; only the final summary line.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Stack traces with errors.")
  boolean verbose;

  /** {@code --threads}, all cores when not given; outside [1, 1024] a usage error of {@code spec}'s command. */
  int threads(CommandLine.Model.CommandSpec spec) {
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1 || n > 1024) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads " + n + " must be within [1, 1024]");
    }
    return n;
  }
}

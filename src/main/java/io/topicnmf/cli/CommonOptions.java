package io.topicnmf.cli;

import picocli.CommandLine.Option;

/** Options every job shares. */
final class CommonOptions {
  @Option(names = "--seed", defaultValue = "0", description = "Random seed of the initialisation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", description = "Worker threads (default: all cores, ${sys:topicnmf.cores}). Results do not depend on it.")
  Integer threads;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr; only the final summary line.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Stack traces with errors, and more detail.")
  boolean verbose;

  int threads() throws UserException {
    if (threads == null) return Runtime.getRuntime().availableProcessors();
    if (threads < 1 || threads > 1024) {
      throw new UserException("--threads " + threads + " must be within [1, 1024]");
    }
    return threads;
  }

  static {
    System.setProperty("topicnmf.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
  }
}

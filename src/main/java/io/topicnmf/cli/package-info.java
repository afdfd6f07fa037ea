/**
 * The command line: one picocli {@code Callable<Integer>} per subcommand ({@code fit}, {@code
 * apply}, {@code factorize}, {@code select-k}, {@code vectorize}, {@code reduce}) with the shared
 * flags and arguments in mixins ({@code TextFlags}, {@code NmfFlags}, {@code CommonOptions}, {@code
 * ReportFlags}, {@code CorpusArgument}, {@code ModelCommandFlags}). The only package that reads flags,
 * prints progress ({@code Progress}, on stderr, quiet when asked or not a terminal) and chooses
 * exit codes.
 *
 * <p>{@code Errors} is the one handler of failures: it writes the library's parameters as flags
 * ({@code maxIter} as {@code --max-iter}) in the messages of {@link
 * io.topicnmf.options.InvalidOptionException} and {@link io.topicnmf.model.UnusableInputException},
 * gives exit 2 for a user's mistake and 1 for an internal failure, and a stack trace only with
 * {@code --verbose}. Nothing imports this package.
 */
package io.topicnmf.cli;

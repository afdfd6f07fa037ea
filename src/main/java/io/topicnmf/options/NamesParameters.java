package io.topicnmf.options;

import java.util.function.UnaryOperator;

/**
 * A failure whose message names parameters of the library ({@code topics}, {@code maxIter},
 * {@code maxDf}...), which each front end may show its own way: the command line shows them as
 * its flags ({@code -k/--topics}, {@code --max-iter}, {@code --max-df}).
 */
public interface NamesParameters {
  /** The message with each named parameter written as {@code naming} gives it. */
  String message(UnaryOperator<String> naming);
}

package io.topicnmf.model;

import io.topicnmf.options.InvalidOptionException;
import io.topicnmf.options.NamesParameters;
import io.topicnmf.options.ParameterText;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * The input cannot give a model: nothing usable was found, or the request does not fit the data
 * (more topics than usable documents or terms). The message says why and what to do; when it names
 * parameters ({@code topics}, {@code minDf}), the command line shows them as its flags.
 */
public final class UnusableInputException extends IOException implements NamesParameters {
  private final transient ParameterText text;

  public UnusableInputException(String message) {
    super(message);
    this.text = null;
  }

  /** A message naming {@code names} as {@code {name}} placeholders ({@link ParameterText}). */
  public UnusableInputException(String template, String... names) {
    this(new ParameterText(template, java.util.List.of(names)));
  }

  /** An option that contradicts the data, e.g. a {@code maxDf} below the {@code minDf} of this corpus. */
  public UnusableInputException(InvalidOptionException cause) {
    this(cause.text());
    initCause(cause);
  }

  private UnusableInputException(ParameterText text) {
    super(text.toString());
    this.text = text;
  }

  @Override
  public String message(UnaryOperator<String> naming) {
    return text != null ? text.render(naming) : getMessage();
  }
}

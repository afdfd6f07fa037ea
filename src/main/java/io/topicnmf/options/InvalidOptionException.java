package io.topicnmf.options;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An option's value is invalid. The message names the parameter (e.g. {@code "maxIter must be >= 0,
 * got -1"}); {@link #parameter()} says which one is at fault, and {@link #message} lets the command
 * line name flags instead ({@code "--max-iter must be >= 0, got -1"}).
 */
public class InvalidOptionException extends IllegalArgumentException implements NamesParameters {
  private final String parameter;
  private final transient ParameterText text;

  /**
   * @param parameter the parameter at fault, e.g. {@code "maxIter"}
   * @param template the message, naming {@code parameter} and each of {@code others} as {@code
   *     {name}}, e.g. {@code "{maxIter} must be >= 0, got -1"}
   * @param others other parameters the message names (the one to change instead, say)
   */
  public InvalidOptionException(String parameter, String template, String... others) {
    this(text(parameter, template, others), parameter);
  }

  private InvalidOptionException(ParameterText text, String parameter) {
    super(text.toString());
    this.parameter = parameter;
    this.text = text;
  }

  private static ParameterText text(String parameter, String template, String... others) {
    List<String> names = new ArrayList<>(List.of(others));
    names.add(0, parameter);
    return new ParameterText(template, names);
  }

  /** The parameter whose value is invalid, e.g. {@code "maxIter"}. */
  public String parameter() {
    return parameter;
  }

  /** The message and its placeholders. */
  public ParameterText text() {
    return text;
  }

  @Override
  public String message(UnaryOperator<String> naming) {
    return text.render(naming);
  }
}

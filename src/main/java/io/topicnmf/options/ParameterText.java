package io.topicnmf.options;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message naming parameters as {@code {name}} placeholders, e.g. {@code "{maxIter} must be >= 0,
 * got -1"}. Only the declared names are placeholders, so a value quoted in the message (a user's
 * term written in braces) is never taken for one.
 *
 * @param template the message with its placeholders
 * @param names the parameters the template names, at least one
 */
public record ParameterText(String template, List<String> names) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)\\}");

  public ParameterText {
    if (names.isEmpty()) throw new IllegalArgumentException("a parameter message names at least one parameter");
    names = List.copyOf(names);
  }

  /** The message with each placeholder replaced by {@code naming} applied to its name. */
  public String render(UnaryOperator<String> naming) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder b = new StringBuilder(template.length() + 16);
    while (m.find()) {
      String name = m.group(1);
      m.appendReplacement(b, Matcher.quoteReplacement(names.contains(name) ? naming.apply(name) : m.group()));
    }
    return m.appendTail(b).toString();
  }

  /** The message naming the parameters as they are (the library's view). */
  @Override
  public String toString() {
    return render(UnaryOperator.identity());
  }
}

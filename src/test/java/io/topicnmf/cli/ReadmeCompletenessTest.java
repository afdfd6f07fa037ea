package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's rule "keep README current with every flag and every field of the report",
 * checked: every option name of every command (long and short), every property name of every
 * JSON schema in docs/ and every {@code TOPICNMF_*} variable the launcher reads appears in
 * README.md. Each test lists all that is missing in one failure, so one run shows the whole gap.
 *
 * <p>No option of the CLI is hidden ({@code hidden = true}); {@link #everyOptionIsVisible} keeps it
 * so, since a hidden option would be exempt from this check and from {@code --help} alike. Were an
 * option ever hidden on purpose, exempt it here by name with the reason.
 */
class ReadmeCompletenessTest {
  private static String readme;
  /** The contents of README's code spans ({@code `...`}), where flags and fields are written. */
  private static List<String> codeSpans;

  @BeforeAll
  static void readReadme() throws IOException {
    readme = Files.readString(Path.of("README.md"));
    codeSpans = codeSpans(readme);
  }

  /** The text inside each inline code span of a Markdown text, fenced blocks included whole. */
  static List<String> codeSpans(String markdown) {
    List<String> spans = new ArrayList<>();
    Matcher fences = Pattern.compile("(?m)^```[^\\n]*\\n(.*?)^```", Pattern.DOTALL).matcher(markdown);
    StringBuilder rest = new StringBuilder();
    int from = 0;
    while (fences.find()) {
      spans.add(fences.group(1));
      rest.append(markdown, from, fences.start()).append('\n');
      from = fences.end();
    }
    rest.append(markdown.substring(from));
    Matcher inline = Pattern.compile("`([^`\\n]+)`").matcher(rest);
    while (inline.find()) spans.add(inline.group(1));
    return spans;
  }

  /** Each command of the CLI by its full name ("topicnmf fit"), the top command included. */
  private static Map<String, CommandSpec> commands() {
    Map<String, CommandSpec> all = new TreeMap<>();
    collect(Main.commandLine(), all);
    return all;
  }

  private static void collect(CommandLine cl, Map<String, CommandSpec> into) {
    into.put(cl.getCommandSpec().qualifiedName(), cl.getCommandSpec());
    for (CommandLine sub : cl.getSubcommands().values()) collect(sub, into);
  }

  @Test
  void everyOptionIsVisible() {
    List<String> hidden = new ArrayList<>();
    commands().forEach((name, spec) -> {
      for (OptionSpec o : spec.options()) if (o.hidden()) hidden.add(name + " " + o.longestName());
    });
    assertTrue(hidden.isEmpty(), "hidden options, which README need not list: " + hidden
        + "; document them or exempt them in ReadmeCompletenessTest with the reason");
  }

  /** A flag is mentioned when it stands alone in README: not as the start of a longer flag. */
  static boolean mentionsFlag(String text, String flag) {
    return Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(flag) + "(?![A-Za-z0-9-])").matcher(text).find();
  }

  @Test
  void everyFlagOfEveryCommandIsInReadme() {
    Map<String, Set<String>> missing = new TreeMap<>();
    int checked = 0;
    for (Map.Entry<String, CommandSpec> c : commands().entrySet()) {
      for (OptionSpec o : c.getValue().options()) {
        for (String name : o.names()) {
          checked++;
          if (!mentionsFlag(readme, name)) missing.computeIfAbsent(name, n -> new TreeSet<>()).add(c.getKey());
        }
      }
    }
    assertTrue(checked > 50, "found only " + checked + " option names; is the command tree read?");
    StringBuilder message = new StringBuilder();
    missing.forEach((flag, in) -> message.append("\n  ").append(flag).append("  (").append(String.join(", ", in)).append(')'));
    assertTrue(missing.isEmpty(), missing.size() + " flags are not in README.md:" + message);
  }

  /** Every property name declared anywhere in a JSON schema, at any depth. */
  static Set<String> propertyNames(JsonNode schema) {
    Set<String> names = new TreeSet<>();
    walk(schema, names);
    return names;
  }

  private static void walk(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null && props.isObject()) props.fieldNames().forEachRemaining(names::add);
      // Descends into everything: properties' schemas, items, prefixItems, $defs, definitions,
      // oneOf/anyOf/allOf, if/then/else, additionalProperties.
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("enum") || e.getKey().equals("const") || e.getKey().equals("examples")
            || e.getKey().equals("default")) continue;
        walk(e.getValue(), names);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) walk(child, names);
    }
  }

  /**
   * A field is documented when README writes it as code: alone ({@code `terms`}) or as a part of a
   * path or list in a code span ({@code `documents[].id`}, {@code `start`}); a plain word in prose
   * does not count, and neither does a part of a flag ({@code --id-field} is not {@code id}).
   */
  static boolean documentsField(List<String> spans, String field) {
    Pattern p = Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(field) + "(?![A-Za-z0-9_-])");
    for (String span : spans) if (p.matcher(span).find()) return true;
    return false;
  }

  @Test
  void everyFieldOfEveryOutputSchemaIsInReadme() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Set<String>> missing = new TreeMap<>();
    List<String> schemas = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("docs"), "*.schema.json")) {
      for (Path file : dir) {
        String name = file.getFileName().toString();
        schemas.add(name);
        for (String field : propertyNames(mapper.readTree(file.toFile()))) {
          if (!documentsField(codeSpans, field)) missing.computeIfAbsent(field, f -> new TreeSet<>()).add(name);
        }
      }
    }
    assertTrue(schemas.containsAll(List.of("report.schema.json", "model.schema.json", "factorization.schema.json",
        "select-k.schema.json", "vectorize.schema.json", "ldavis.schema.json")), "schemas found: " + schemas);
    StringBuilder message = new StringBuilder();
    missing.forEach((field, in) -> message.append("\n  `").append(field).append("`  (").append(String.join(", ", in)).append(')'));
    assertTrue(missing.isEmpty(), missing.size() + " schema fields are not written as code in README.md:" + message);
  }

  @Test
  void everyEnvironmentVariableOfTheLauncherIsInReadme() throws IOException {
    String launcher = Files.readString(Path.of("topicnmf"));
    Set<String> variables = new TreeSet<>();
    Matcher m = Pattern.compile("\\bTOPICNMF_[A-Z0-9_]+").matcher(launcher);
    while (m.find()) variables.add(m.group());
    assertFalse(variables.isEmpty(), "no TOPICNMF_ variable found in the launcher");
    List<String> missing = variables.stream().filter(v -> !documentsField(codeSpans, v)).toList();
    assertTrue(missing.isEmpty(), "launcher variables not written as code in README.md: " + missing);
  }

  @Test
  void theChecksSeeAMissingMention() {
    // The matchers themselves: a longer flag or a prose word does not count as a mention.
    assertFalse(mentionsFlag("| `--max-df N` |", "--max"));
    assertTrue(mentionsFlag("| `--max-df N` |", "--max-df"));
    assertFalse(mentionsFlag("use -kmeans", "-k"));
    List<String> spans = codeSpans("the id of `documents[].id` and `--id-field`; terms in prose\n```\nfoo\n```\n");
    assertTrue(documentsField(spans, "id"));
    assertTrue(documentsField(spans, "documents"));
    assertFalse(documentsField(List.of("--id-field"), "id"));
    assertFalse(documentsField(spans, "terms"));
    assertTrue(documentsField(spans, "foo"));
  }
}

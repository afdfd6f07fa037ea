package io.topicnmf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.model.DocumentTopics;
import io.topicnmf.model.TopicModel;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a user gets it: README's example is this package's {@link ReadmeExample} (so it
 * compiles and runs), and the library API runs without picocli, the command line's own dependency
 * (optional in the pom).
 */
class LibraryApiTest {
  private static final Path EXAMPLE = Path.of("src/test/java/io/topicnmf/api/ReadmeExample.java");

  @TempDir Path tmp;

  @Test
  void readmeShowsTheExampleThatIsCompiledHere() throws IOException {
    String source = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("// README example start\n(.*?)// README example end", Pattern.DOTALL).matcher(source);
    assertTrue(m.find(), "markers in " + EXAMPLE);
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.contains("```java\n" + m.group(1) + "```\n"),
        "README.md must show " + EXAMPLE + " between its markers, verbatim, as a java block");
    assertTrue(readme.contains("<groupId>io.topicnmf</groupId>\n  <artifactId>topicnmf</artifactId>\n  <version>"
        + System.getProperty("topicnmf.version", "0.1.0") + "</version>"), "README gives the Maven coordinates");
  }

  @Test
  void theExampleRunsWithoutPicocliOnTheClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    boolean sawPicocli = false;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) continue;
      if (Path.of(entry).getFileName().toString().startsWith("picocli")) {
        sawPicocli = true;
        continue;
      }
      urls.add(Path.of(entry).toUri().toURL());
    }
    assertTrue(sawPicocli, "the test class path holds picocli, so leaving it out means something");
    Path model = tmp.resolve("model.json");
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("picocli.CommandLine"));
      Class<?> example = loader.loadClass(ReadmeExample.class.getName());
      assertFalse(example == ReadmeExample.class, "loaded apart from the test's own classes");
      Method main = example.getMethod("main", String[].class);
      java.io.PrintStream out = System.out;
      java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
      System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
      try {
        // A class of the API that needed picocli would fail here with NoClassDefFoundError.
        main.invoke(null, (Object) new String[] {model.toString()});
      } finally {
        System.setOut(out);
      }
      assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("topic 0: ["), printed.toString(StandardCharsets.UTF_8));
    }
    TopicModel loaded = TopicModel.load(model);
    assertEquals(2, loaded.k());
    DocumentTopics football = loaded.transform("The goalkeeper and the striker of the club.");
    DocumentTopics baking = loaded.transform("Flour, butter and an oven to bake bread.");
    assertTrue(football.dominantTopic() != null && baking.dominantTopic() != null);
    assertFalse(football.dominantTopic().equals(baking.dominantTopic()));
    assertTrue(loaded.topics().get(football.dominantTopic()).terms().stream().anyMatch(t -> t.term().equals("goalkeeper")));
  }

  /** Only io.topicnmf.cli may refer to picocli: no other compiled class names it. */
  @Test
  void onlyTheCommandLineRefersToPicocli() throws IOException {
    Path classes = Path.of("target/classes/io/topicnmf");
    List<String> offenders = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        if (classes.relativize(f).startsWith("cli")) continue;
        checked++;
        if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("picocli/")) {
          offenders.add(classes.relativize(f).toString());
        }
      }
    }
    assertTrue(checked > 50, "compiled classes found: " + checked);
    assertEquals(List.of(), offenders);
  }
}

package io.topicnmf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny corpus for CLI tests: 3 labelled folders (cats, cars, rain) of 4 documents with disjoint words. */
final class ThemedCorpus {
  private ThemedCorpus() {}

  /** Writes the corpus under {@code dir}/in and returns that folder. */
  static Path write(Path dir) throws IOException {
    String[][] themes = {
      {"cats", "cat kitten whiskers purr meow feline fur paws litter"},
      {"cars", "car engine wheels brake tyre motor garage fuel driver"},
      {"rain", "rain cloud storm thunder umbrella weather drizzle forecast wind"},
    };
    for (String[] t : themes) {
      Path folder = Files.createDirectories(dir.resolve("in").resolve(t[0]));
      String[] w = t[1].split(" ");
      for (int d = 0; d < 4; d++) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) b.append(w[(i * (d + 1) + d) % w.length]).append(' ');
        Files.writeString(folder.resolve("d" + d + ".txt"), b.toString(), StandardCharsets.UTF_8);
      }
    }
    return dir.resolve("in");
  }
}

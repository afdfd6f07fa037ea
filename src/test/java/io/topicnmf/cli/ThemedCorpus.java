package io.topicnmf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Tiny corpora for CLI tests: 3 labelled folders (cats, cars, rain) of documents with disjoint words
 * ({@link #write}), or larger and drawn at random so that a fit with one topic more than themes
 * splits a theme across two topics whose clusters are merged ({@link #writeSplit}).
 */
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

  /**
   * Writes under {@code dir}/split three labelled folders of 40 documents of 30 words drawn at random
   * from the theme's ten, and returns that folder: fitted with k = {@value #SPLIT_K}, one theme is
   * split across two topics whose clusters fit merges (as {@code MergedClustersModelTest}'s corpus).
   */
  static Path writeSplit(Path dir) throws IOException {
    String[][] themes = {
      {"cats", "cat kitten whiskers purr meow feline fur paws litter tabby"},
      {"cars", "car engine wheels brake tyre motor garage fuel driver clutch"},
      {"rain", "rain cloud storm thunder umbrella weather drizzle forecast wind puddle"},
    };
    Path root = dir.resolve("split");
    SplittableRandom rnd = new SplittableRandom(3);
    for (String[] t : themes) {
      Path folder = Files.createDirectories(root.resolve(t[0]));
      String[] w = t[1].split(" ");
      for (int d = 0; d < 40; d++) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) b.append(w[rnd.nextInt(w.length)]).append(' ');
        Files.writeString(folder.resolve("d" + d + ".txt"), b.toString(), StandardCharsets.UTF_8);
      }
    }
    return root;
  }

  /** The number of topics that splits a theme of {@link #writeSplit}'s corpus. */
  static final int SPLIT_K = 4;
}

package io.topicnmf.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.CharArraySet;

/**
 * Stop-word lists: one word a line, '#' starts a comment (whole line or end of line), blank lines
 * ignored, words lower-cased. A word with a straight apostrophe also gets its typographic (U+2019)
 * spelling, since text uses both. Non-instantiable.
 */
public final class StopWords {
  /** Class-path folder of the built-in lists, {@code <language>.txt}; from {@code stopwords/}. */
  public static final String RESOURCE_FOLDER = "/io/topicnmf/analysis/stopwords/";

  private StopWords() {}

  /** The words of a list read from {@code reader}, in file order. */
  public static List<String> parse(Reader reader) throws IOException {
    List<String> words = new ArrayList<>();
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String line;
    while ((line = lines.readLine()) != null) {
      int hash = line.indexOf('#');
      String word = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!word.isEmpty()) {
        words.add(word.toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }

  /**
   * The built-in list for {@code language} (e.g. "en"), or {@code null} when the project has none.
   *
   * @throws IOException when the resource exists but cannot be read
   */
  public static List<String> builtIn(String language) throws IOException {
    String resource = RESOURCE_FOLDER + language + ".txt";
    try (InputStream in = StopWords.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /**
   * The words of a stop-word file (UTF-8).
   *
   * @throws NoSuchFileException naming the file if missing
   * @throws IOException naming the file when it cannot be read
   */
  public static List<String> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(
          file.toString(), null, "stop-word file not found");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    } catch (IOException e) {
      throw new IOException("cannot read stop-word file " + file + ": " + e, e);
    }
  }

  /** Adds {@code words} to {@code set}, each also with typographic apostrophes. */
  public static void addAll(CharArraySet set, List<String> words) {
    for (String w : words) {
      set.add(w);
      if (w.indexOf('\'') >= 0) {
        set.add(w.replace('\'', '\u2019'));
      }
    }
  }
}

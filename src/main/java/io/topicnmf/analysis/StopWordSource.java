package io.topicnmf.analysis;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The extra stop words of an analysis ({@code --stopwords FILE}, repeatable): where they come from
 * and, once known, the words themselves. Seen as a list it is the files, in order (what reports
 * and saved models record as {@code stopwordFiles}, and what two options compare equal by); {@link
 * #words()} gives the words: those carried by the source when it has them ({@link #withWords} — a
 * saved model carries the words read at fit time, so {@code apply} needs neither the files nor a
 * temporary copy), else read from the files ({@link StopWords#read}) each time it is called.
 */
public final class StopWordSource extends AbstractList<Path> implements RandomAccess {
  private static final StopWordSource NONE = new StopWordSource(List.of(), List.of());

  private final List<Path> files;
  /** The words, or null to read them from {@link #files}. */
  private final List<String> words;

  private StopWordSource(List<Path> files, List<String> words) {
    this.files = files;
    this.words = words;
  }

  /** No extra stop words. */
  public static StopWordSource none() {
    return NONE;
  }

  /**
   * The words of {@code files}, read when needed ({@link #words()}).
   *
   * @throws NullPointerException naming {@code --stopwords} for a null list or file
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static StopWordSource of(List<Path> files) {
    if (files instanceof StopWordSource s) return s;
    Objects.requireNonNull(files, "stopwordFiles: the list of files must not be null");
    for (Path p : files) {
      Objects.requireNonNull(p, "stopwordFiles: a file name must not be null");
    }
    return files.isEmpty() ? NONE : new StopWordSource(List.copyOf(files), null);
  }

  /** These files with their words given (as read from them at some earlier time), not read again. */
  public StopWordSource withWords(List<String> words) {
    return new StopWordSource(files, List.copyOf(words));
  }

  /**
   * The extra stop words, in the files' order: the words carried, or those the files hold now.
   *
   * @throws java.nio.file.NoSuchFileException naming a missing file
   * @throws IOException naming a file that cannot be read
   */
  public List<String> words() throws IOException {
    if (words != null) return words;
    List<String> all = new ArrayList<>();
    for (Path p : files) all.addAll(StopWords.read(p));
    return all;
  }

  @Override
  public Path get(int index) {
    return files.get(index);
  }

  @Override
  public int size() {
    return files.size();
  }
}

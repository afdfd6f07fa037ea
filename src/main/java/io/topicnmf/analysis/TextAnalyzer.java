package io.topicnmf.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.CodepointCountFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The Lucene analysis chain built from {@link AnalysisOptions}, and a convenient way to run it.
 *
 * <p>The chain: {@link StandardTokenizer} (Unicode UAX#29 word boundaries) → {@link
 * EnglishPossessiveFilter} ("bank's" → "bank") → {@link LowerCaseFilter} → {@link StopFilter}
 * (built-in list and {@code --stopwords} files) → {@link CodepointCountFilter} (tokens shorter than
 * 2 code points dropped) → {@link NonWordFilter} (tokens of only digits or punctuation dropped).
 *
 * <p>Stop-word files are read once, in the constructor. The instance is thread-safe: Lucene keeps
 * one chain per thread. Close it to release those chains.
 */
public final class TextAnalyzer implements AutoCloseable {
  /** The field name handed to Lucene; the chain is the same for every field. */
  static final String FIELD = "text";

  private static final int MIN_TOKEN_LENGTH = 2;
  private static final int MAX_TOKEN_LENGTH = 255;

  private final AnalysisOptions options;
  private final CharArraySet stopwords;
  private final Analyzer analyzer;

  /**
   * Builds the chain, reading the stop-word lists.
   *
   * @throws java.nio.file.NoSuchFileException naming a missing {@code --stopwords} file
   * @throws IOException naming a stop-word file that cannot be read
   */
  public TextAnalyzer(AnalysisOptions options) throws IOException {
    this.options = Objects.requireNonNull(options, "options");
    this.stopwords = loadStopwords(options);
    this.analyzer = new ChainAnalyzer();
  }

  /** The options this analyzer was built from. */
  public AnalysisOptions options() {
    return options;
  }

  /** The Lucene analyzer itself (for callers that want a TokenStream); owned by this object. */
  public Analyzer analyzer() {
    return analyzer;
  }

  /** The stop words in use (read-only view). */
  public CharArraySet stopwords() {
    return CharArraySet.unmodifiableSet(stopwords);
  }

  /** The analysed terms of {@code text}, in order. */
  public List<String> terms(String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      // Analysis of an in-memory String does no I/O; an exception here is a bug in a filter.
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  @Override
  public void close() {
    analyzer.close();
  }

  private static CharArraySet loadStopwords(AnalysisOptions options) throws IOException {
    CharArraySet set = new CharArraySet(512, false);
    if (options.defaultStopwords()) {
      List<String> builtIn = StopWords.builtIn("en");
      if (builtIn == null) {
        throw new IOException(
            "built-in stop-word list " + StopWords.RESOURCE_FOLDER + "en.txt missing from the"
                + " class path (the build copies stopwords/ there)");
      }
      StopWords.addAll(set, builtIn);
    }
    for (Path file : options.stopwordFiles()) {
      StopWords.addAll(set, StopWords.read(file));
    }
    return set;
  }

  /** The chain, top to bottom. */
  private final class ChainAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new EnglishPossessiveFilter(source);
      stream = new LowerCaseFilter(stream);
      stream = new StopFilter(stream, stopwords);
      stream = new CodepointCountFilter(stream, MIN_TOKEN_LENGTH, MAX_TOKEN_LENGTH);
      stream = new NonWordFilter(stream, false);
      return new TokenStreamComponents(source, stream);
    }
  }
}

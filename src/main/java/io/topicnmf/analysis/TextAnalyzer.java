package io.topicnmf.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.CodepointCountFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The Lucene analysis chain built from {@link AnalysisOptions}, and a convenient way to run it.
 *
 * <p>The chain, top to bottom:
 *
 * <ol>
 *   <li>{@link UAX29URLEmailTokenizer}: Unicode UAX#29 word boundaries, as {@link
 *       StandardTokenizer}, but URLs and e-mail addresses as single tokens;
 *   <li>{@link TypeTokenFilter}: URLs and e-mail addresses dropped, unless {@code --keep-urls};
 *   <li>{@code --language standard}: {@link CJKWidthFilter} (full/half-width forms);
 *   <li>en: {@link EnglishPossessiveFilter} ("bank's" → "bank"); fr, it: {@link ElisionFilter}
 *       ("l'avion" → "avion");
 *   <li>{@link LowerCaseFilter};
 *   <li>{@code --language standard}: {@link CJKBigramFilter} (Han, Hiragana, Katakana, Hangul as
 *       overlapping bigrams);
 *   <li>{@link StopFilter}: the project's {@code stopwords/<language>.txt} when it exists, else
 *       Lucene's list for the language (none for standard), plus {@code --stopwords} files;
 *   <li>{@link CodepointCountFilter}: {@code --min-token-length}..{@code --max-token-length};
 *   <li>{@link NonWordFilter}: tokens of only digits, punctuation or symbols (emoji) dropped;
 *   <li>when terms are transformed, {@link SurfaceRecorder} notes each token's original form
 *       ({@link SurfaceFormAttribute});
 *   <li>with {@code --keep-urls} and a stemmer, {@link UrlKeywordMarker} shields URLs from it;
 *   <li>the stemmer ({@code --stem}; German normalisation first for de);
 *   <li>{@link ASCIIFoldingFilter} ({@code --fold-accents});
 *   <li>{@code --ngrams 2|3}: {@link ShingleFilter} (words and phrases of up to n words joined by a
 *       space, "interest rates"), then {@link PhraseGapFilter}, which drops the phrases that would
 *       cross a removed stop word or a sentence break ({@link SentenceGapFilter}, placed right
 *       after the tokenizer, marks those as position gaps).
 * </ol>
 *
 * <p>Steps 2 to 9 run as one {@link WordFilter} (the same tokens, one call per token instead of six) for
 * every language but {@code standard}, fr and it, whose CJK or elision filters sit between them.
 *
 * <p>Stop-word files are read once, in the constructor. The instance is thread-safe: Lucene keeps
 * one chain per thread, and the chain's filters share nothing but the attributes of its stream.
 * Close it to release those chains.
 */
public final class TextAnalyzer implements AutoCloseable {
  /** The field name handed to Lucene; the chain is the same for every field. */
  static final String FIELD = "text";

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
    this(options, true);
  }

  /**
   * The chain with steps 2 to 9 as Lucene's own filters everywhere ({@code fuse} false), or as one
   * {@link WordFilter} where nothing sits between them ({@code fuse} true, the default): the same
   * chain definition, which the tests compare one with the other.
   */
  TextAnalyzer(AnalysisOptions options, boolean fuse) throws IOException {
    this.options = Objects.requireNonNull(options, "options");
    if (options.language() == Language.AUTO) {
      throw new IllegalArgumentException("language auto is chosen from the documents: resolve it before analysis");
    }
    this.stopwords = loadStopwords(options);
    this.analyzer = new ChainAnalyzer(fuse);
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
    analyze(text, (term, surface) -> terms.add(term));
    return terms;
  }

  /**
   * Analyses {@code text}, handing each term in order to {@code sink} with its original form: the
   * lower-cased word(s) before stemming and accent folding, or {@code null} when the options do not
   * transform terms ({@link AnalysisOptions#transformsTerms()}).
   */
  public void analyze(String text, BiConsumer<String, String> sink) {
    boolean surfaces = options.transformsTerms();
    forEachToken(text, (term, length, original, from, originalLength) -> {
      String t = new String(term, 0, length);
      String surface = null;
      if (surfaces) {
        surface = original == term ? t : new String(original, from, originalLength);
      }
      sink.accept(t, surface);
    });
  }

  /** Receives each term's characters ({@code buffer[0..length)}, valid only during the call). */
  @FunctionalInterface
  interface TermSink {
    void accept(char[] buffer, int length);
  }

  /**
   * Analyses {@code text}, handing each term's characters in order to {@code sink} without making
   * a string of it (for counting; the characters are the very terms {@link #analyze} gives).
   */
  void analyzeChars(String text, TermSink sink) {
    forEachToken(text, (term, length, original, from, originalLength) -> sink.accept(term, length));
  }

  /** Receives each term's characters and those of its original form (both valid only during the call). */
  @FunctionalInterface
  interface SurfaceSink {
    void accept(char[] term, int termLength, char[] original, int originalFrom, int originalLength);
  }

  /**
   * {@link #analyze(String, BiConsumer)} without a string per token: each term's characters and
   * its original form's (the term's own array when nothing was recorded for it). For counting
   * terms and their surface forms when the options transform terms.
   */
  void analyzeChars(String text, SurfaceSink sink) {
    forEachToken(text, sink);
  }

  /**
   * The token loop: runs the chain over {@code text} and hands each term to {@code sink} with its
   * original form ({@link SurfaceFormAttribute}), or the term itself when the chain records none.
   */
  private void forEachToken(String text, SurfaceSink sink) {
    try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      SurfaceFormAttribute surface = stream.hasAttribute(SurfaceFormAttribute.class)
          ? stream.getAttribute(SurfaceFormAttribute.class) : null;
      stream.reset();
      while (stream.incrementToken()) {
        char[] buffer = term.buffer();
        int length = term.length();
        int words = surface == null ? 0 : wordCount(buffer, length);
        int i = surface == null ? -1 : surface.originals().index(surface.originalIndex(), words);
        if (i < 0) {
          sink.accept(buffer, length, buffer, 0, length);
        } else {
          Originals o = surface.originals();
          sink.accept(buffer, length, o.originalChars(i, words), o.originalFrom(i, words),
              o.originalLength(i, words));
        }
      }
      stream.end();
    } catch (IOException e) {
      // Analysis of an in-memory String does no I/O; an exception here is a bug in a filter.
      throw new UncheckedIOException(e);
    }
  }

  private static int wordCount(char[] term, int length) {
    int words = 1;
    for (int i = 0; i < length; i++) {
      if (term[i] == ' ') {
        words++;
      }
    }
    return words;
  }

  @Override
  public void close() {
    analyzer.close();
  }

  private static CharArraySet loadStopwords(AnalysisOptions options) throws IOException {
    CharArraySet set = new CharArraySet(512, false);
    if (options.defaultStopwords()) {
      List<String> project = StopWords.builtIn(options.language().code());
      if (project != null) {
        StopWords.addAll(set, project);
      } else if (options.language() == Language.EN) {
        throw new IOException(
            "built-in stop-word list " + StopWords.RESOURCE_FOLDER + "en.txt missing from the"
                + " class path (the build copies stopwords/ there)");
      } else {
        set.addAll(options.language().luceneStopwords());
      }
    }
    StopWords.addAll(set, options.stopwordFiles().words());
    return set;
  }

  /** The chain, top to bottom. */
  private final class ChainAnalyzer extends Analyzer {
    private final boolean fuse;

    ChainAnalyzer(boolean fuse) {
      this.fuse = fuse;
    }

    /** Lucene's largest maxTokenLength: tokens up to this length reach the length filter whole. */
    private static final int TOKENIZER_MAX_TOKEN_LENGTH = 1024 * 1024;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Language language = options.language();
      UAX29URLEmailTokenizer source = new UAX29URLEmailTokenizer();
      // Lucene cuts a token longer than its maxTokenLength (255 by default) into pieces of that
      // length, which the length filter then keeps as terms. With the limit far above any
      // --max-token-length (MAX_TOKEN_LENGTH), an over-long token stays whole and is dropped; only
      // the tail of a token over a million characters could still survive as a piece.
      source.setMaxTokenLength(TOKENIZER_MAX_TOKEN_LENGTH);
      TokenStream stream = source;
      StringBuilder text = options.ngrams() > 1 ? new StringBuilder() : null;
      if (text != null) {
        stream = new SentenceGapFilter(stream, text);
      }
      if (fuse && language != Language.STANDARD && language != Language.FR && language != Language.IT) {
        // The same filters as below, fused into one (nothing sits between them for these languages).
        stream = new WordFilter(stream, options.keepUrls() ? Set.of() : URL_TYPES,
            language == Language.EN, stopwords, options.minTokenLength(), options.maxTokenLength(),
            options.keepNumbers());
      } else {
        stream = wordFilters(language, stream);
      }
      if (options.transformsTerms()) {
        stream = new SurfaceRecorder(stream);
      }
      if (options.keepUrls() && options.stem() != Stemming.NONE) {
        stream = new UrlKeywordMarker(stream, URL_TYPES);
      }
      stream = stemmer(language, stream);
      if (options.foldAccents()) {
        stream = new ASCIIFoldingFilter(stream);
      }
      if (options.ngrams() > 1) {
        ShingleFilter shingles = new ShingleFilter(stream, 2, options.ngrams());
        shingles.setTokenSeparator(" ");
        shingles.setFillerToken("");
        shingles.setOutputUnigrams(true);
        stream = new PhraseGapFilter(shingles);
      }
      if (text == null) {
        return new TokenStreamComponents(source, stream);
      }
      // The sentence gaps look at the text between tokens, kept as the tokenizer reads it.
      return new TokenStreamComponents(
          (Reader reader) -> source.setReader(new TextRecorder(reader, text)), stream);
    }

    /**
     * URL and e-mail tokens dropped (unless {@code --keep-urls}), possessives or elisions removed,
     * lower-casing (with CJK width folding and bigrams for {@code standard}), stop words, token
     * length and non-words; {@link WordFilter} does the same in one filter where it can.
     */
    TokenStream wordFilters(Language language, TokenStream stream) {
      if (!options.keepUrls()) {
        stream = new TypeTokenFilter(stream, URL_TYPES);
      }
      if (language == Language.STANDARD) {
        stream = new CJKWidthFilter(stream);
      }
      stream = beforeLowerCase(language, stream);
      stream = new LowerCaseFilter(stream);
      if (language == Language.STANDARD) {
        stream = new CJKBigramFilter(stream);
      }
      stream = new StopFilter(stream, stopwords);
      stream = new CodepointCountFilter(stream, options.minTokenLength(), options.maxTokenLength());
      return new NonWordFilter(stream, options.keepNumbers());
    }

    /** Possessives (English) and elided articles (French "l'avion", Italian "dell'arte"). */
    private TokenStream beforeLowerCase(Language language, TokenStream stream) {
      switch (language) {
        case EN:
          return new EnglishPossessiveFilter(stream);
        case FR:
          return new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
        case IT:
          return new ElisionFilter(stream, ITALIAN_ARTICLES);
        default:
          return stream;
      }
    }

    private TokenStream stemmer(Language language, TokenStream stream) {
      switch (options.stem()) {
        case NONE:
          return stream;
        case LIGHT:
          return language.lightStem(germanNormalization(language, stream));
        case PORTER:
          return new PorterStemFilter(stream);
        case SNOWBALL:
          return language.snowballStem(germanNormalization(language, stream));
        case KSTEM:
          return new KStemFilter(stream);
        default:
          throw new AssertionError(options.stem());
      }
    }

    /** German stemmers expect umlauts and ß normalised first, as Lucene's GermanAnalyzer does. */
    private TokenStream germanNormalization(Language language, TokenStream stream) {
      return language == Language.DE ? new GermanNormalizationFilter(stream) : stream;
    }
  }

  /** Token types of web addresses and e-mail addresses, dropped unless {@code --keep-urls}. */
  private static final Set<String> URL_TYPES = Set.of(
      UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.URL],
      UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.EMAIL]);

  /** Italian articles and prepositions that elide before a vowel, as Lucene's ItalianAnalyzer. */
  private static final CharArraySet ITALIAN_ARTICLES =
      CharArraySet.unmodifiableSet(new CharArraySet(List.of(
          "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl",
          "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"), true));
}

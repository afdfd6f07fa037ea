package io.topicnmf.cli;

import io.topicnmf.analysis.AnalysisOptions;
import io.topicnmf.analysis.Language;
import io.topicnmf.analysis.Stemming;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.corpus.ReadLimits;
import io.topicnmf.vectorize.DfLimit;
import io.topicnmf.vectorize.TfidfOptions;
import io.topicnmf.vectorize.VocabularyOptions;
import io.topicnmf.model.FitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Flags of the text stages: reading, analysis, vocabulary and weighting (fit and select-k share them). */
final class TextFlags {
  @Option(names = "--min-df", defaultValue = "2", paramLabel = "N|SHARE",
      description = "Keep terms in at least N documents, or a share of them if written with a point (default: ${DEFAULT-VALUE}).")
  String minDf;

  @Option(names = "--max-df", defaultValue = "0.95", paramLabel = "N|SHARE",
      description = "Keep terms in at most N documents, or a share of them if written with a point (default: ${DEFAULT-VALUE}).")
  String maxDf;

  @Option(names = "--max-features", defaultValue = "0", paramLabel = "N",
      description = "Keep only the N terms most frequent in the whole corpus (default: 0, no limit).")
  int maxFeatures;

  @Option(names = "--vocabulary", paramLabel = "FILE",
      description = "Use exactly these terms, one a line ('#' comments), in this column order; --min-df, --max-df and --max-features then do not apply.")
  Path vocabulary;

  @Option(names = "--stopwords", paramLabel = "FILE",
      description = "More stop words, one a line, '#' comments (repeatable).")
  List<Path> stopwords = new ArrayList<>();

  @Option(names = "--no-default-stopwords", description = "Do not use the built-in stop words.")
  boolean noDefaultStopwords;

  @Option(names = "--language", defaultValue = "en", paramLabel = "LANG",
      description = "Analysis language: en, de, fr, es, it, pt, nl, sv, da, no, fi, ru, standard (language-neutral, CJK bigrams), or auto (chosen from the stop words of a sample of the documents) (default: ${DEFAULT-VALUE}).")
  String language;

  @Option(names = "--ngrams", defaultValue = "1", paramLabel = "1..3",
      description = "Also index phrases of up to N words, e.g. \"interest rates\" (default: ${DEFAULT-VALUE}).")
  int ngrams;

  @Option(names = "--keep-urls", description = "Keep URLs and e-mail addresses as terms (dropped by default).")
  boolean keepUrls;

  @Option(names = "--text-field", defaultValue = "text", paramLabel = "NAME",
      description = "Field holding the text in .jsonl and .csv files (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--id-field", paramLabel = "NAME",
      description = "Field holding a record's id in .jsonl and .csv files (default: FILE#N).")
  String idField;

  @Option(names = "--label-field", paramLabel = "NAME",
      description = "Field holding a record's label in .jsonl and .csv files (default: the sub-folder).")
  String labelField;

  @Option(names = "--max-document-size", defaultValue = "32M", paramLabel = "SIZE",
      description = "Skip (and list) a document larger than this: a text, HTML or .eml file, a .jsonl line, a .csv record, an .mbox message (default: ${DEFAULT-VALUE}; K, M, G are binary multiples).")
  String maxDocumentSize;

  @Option(names = "--max-expanded-size", defaultValue = "4G", paramLabel = "SIZE",
      description = "Stop reading a .gz file that expands to more than this (default: ${DEFAULT-VALUE}).")
  String maxExpandedSize;

  @Option(names = "--max-compression-ratio", defaultValue = "100", paramLabel = "N",
      description = "Skip a .gz file as a likely decompression bomb when, past 16 MB expanded, it expands more than N:1 (default: ${DEFAULT-VALUE}; text is 3-5:1).")
  int maxCompressionRatio;

  @Option(names = "--stem", paramLabel = "none|light|porter|snowball|kstem",
      description = "Stemmer (default: light for --language en, none for the others); reports show the most frequent original word behind a stem.")
  String stem;

  @Option(names = "--min-token-length", defaultValue = "2", paramLabel = "N",
      description = "Drop shorter tokens (default: ${DEFAULT-VALUE}).")
  int minTokenLength;

  @Option(names = "--max-token-length", defaultValue = "255", paramLabel = "N",
      description = "Drop longer tokens (default: ${DEFAULT-VALUE}).")
  int maxTokenLength;

  @Option(names = "--keep-numbers", description = "Keep tokens made only of digits (dropped by default).")
  boolean keepNumbers;

  @Option(names = "--fold-accents", description = "Fold accented letters to ASCII (café -> cafe).")
  boolean foldAccents;

  @Option(names = "--html", description = "Strip HTML markup from every file, not only .html/.htm.")
  boolean html;

  @Option(names = "--strip-mail-headers",
      description = "Drop the mail header block at the top of each file (keeps the Subject text).")
  boolean stripMailHeaders;

  @Option(names = "--strip-quotes",
      description = "Drop quoted reply lines ('> ', '| '), 'writes:' attributions and signatures.")
  boolean stripQuotes;

  @Option(names = "--no-mail-cleanup",
      description = "Do not turn the two above on by themselves when most files start with mail headers.")
  boolean noMailCleanup;

  @Option(names = "--weighting", paramLabel = "tfidf|tf",
      description = "tfidf (default) or tf: raw counts, no idf, no normalisation; --idf, --norm or --sublinear-tf select tfidf.")
  TfidfOptions.Weighting weighting;

  @Option(names = "--idf", paramLabel = "smooth|plain|none",
      description = "With tfidf: smooth: ln((1+n)/(1+df))+1 (default); plain: ln(n/df)+1; none.")
  TfidfOptions.Idf idf;

  @Option(names = "--sublinear-tf", negatable = true,
      description = "With tfidf: use 1+ln(tf) instead of tf (default: off; --no-sublinear-tf turns it off).")
  Boolean sublinearTf;

  @Option(names = "--norm", paramLabel = "l2|l1|none",
      description = "With tfidf: row normalisation of the weighted matrix (default: l2).")
  TfidfOptions.Norm norm;

  /** The terms of --vocabulary, or an empty list. */
  private List<String> readVocabulary() throws UserException {
    if (vocabulary == null) return List.of();
    try {
      List<String> terms = new ArrayList<>();
      for (String line : Files.readAllLines(vocabulary, java.nio.charset.StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) terms.add(t);
      }
      if (terms.isEmpty()) {
        throw new UserException("--vocabulary " + vocabulary + ": the file lists no term");
      }
      return terms;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserException("--vocabulary " + vocabulary + ": no such file");
    } catch (java.io.IOException e) {
      throw new UserException("--vocabulary " + vocabulary + ": cannot read it as UTF-8 text (" + e.getMessage() + ")");
    }
  }

  private ReadLimits readLimits() throws UserException {
    try {
      return new ReadLimits(ReadLimits.parseSize(maxDocumentSize, "--max-document-size"),
          ReadLimits.parseSize(maxExpandedSize, "--max-expanded-size"), maxCompressionRatio);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  /**
   * {@code base} with these flags applied; with {@code --language auto} the language is a value of
   * the options, chosen from the documents when they are prepared.
   *
   * @throws IllegalArgumentException naming the flag of a bad value
   * @throws UserException for a missing stop-word file
   */
  FitOptions applyTo(FitOptions base) throws UserException {
    for (Path p : stopwords) {
      if (!Files.isRegularFile(p)) {
        throw new UserException("--stopwords " + p + ": no such file");
      }
    }
    VocabularyOptions vocab = new VocabularyOptions(
        DfLimit.parse(minDf, "--min-df"), DfLimit.parse(maxDf, "--max-df"), maxFeatures, readVocabulary());
    // --idf, --norm and --sublinear-tf only mean something for tfidf, so giving one selects it.
    TfidfOptions.Weighting wt = weighting != null ? weighting
        : idf != null || norm != null || sublinearTf != null ? TfidfOptions.Weighting.TFIDF
        : base.weighting().weighting();
    TfidfOptions w = new TfidfOptions(wt, idf != null ? idf : base.weighting().idf(),
        sublinearTf != null ? sublinearTf : base.weighting().sublinearTf(),
        norm != null ? norm : base.weighting().norm());
    Language lang = Language.parse(language);
    AnalysisOptions analysis = base.analysis()
        .withStem(Stemming.NONE)
        .withLanguage(lang)
        .withNgrams(ngrams)
        .withKeepUrls(keepUrls)
        .withDefaultStopwords(!noDefaultStopwords)
        .withStopwordFiles(stopwords)
        // auto without --stem: the default stemmer of the language chosen (null until then).
        .withStem(stem != null ? Stemming.parse(stem) : lang == Language.AUTO ? null : FitOptions.defaultStem(lang))
        .withMinTokenLength(minTokenLength)
        .withMaxTokenLength(maxTokenLength)
        .withKeepNumbers(keepNumbers)
        .withFoldAccents(foldAccents);
    CorpusOptions corpus = base.corpus()
        .withForceHtml(html)
        .withStripMailHeaders(stripMailHeaders)
        .withStripQuotes(stripQuotes)
        .withAutoMailCleanup(!noMailCleanup)
        .withTextField(textField)
        .withIdField(idField)
        .withLabelField(labelField)
        .withLimits(readLimits());
    return base.withVocabulary(vocab).withWeighting(w).withAnalysis(analysis).withCorpus(corpus);
  }
}

package io.topicnmf.model;

import io.topicnmf.analysis.LanguageCheck;
import io.topicnmf.corpus.HtmlBoilerplate;
import io.topicnmf.corpus.MailCleanup;
import io.topicnmf.corpus.Skipped;
import io.topicnmf.vectorize.PruningStats;
import java.util.List;

/**
 * What was read and what the matrix holds.
 *
 * @param root the folder or file read
 * @param documentsRead documents read and used
 * @param documentsSkipped number of files skipped
 * @param skipped each skipped file with its reason
 * @param documentsWithoutTerms documents left with no vocabulary term (kept, with no topic)
 * @param terms vocabulary size (matrix columns)
 * @param nonZeros stored entries of the document-term matrix
 * @param pruning how the vocabulary was pruned
 * @param mailCleanup whether mail headers and quotes were stripped, and whether that was automatic
 * @param language whether the text looks like another language than {@code --language} (report: {@code corpus.language})
 * @param htmlBoilerplate the lines most web pages shared, removed before analysis
 */
public record CorpusStats(
    String root,
    int documentsRead,
    int documentsSkipped,
    List<Skipped> skipped,
    int documentsWithoutTerms,
    int terms,
    long nonZeros,
    PruningStats pruning,
    MailCleanup mailCleanup,
    LanguageCheck language,
    HtmlBoilerplate htmlBoilerplate) {
  public CorpusStats {
    skipped = List.copyOf(skipped);
  }

  /** The statistics of a prepared corpus: what fit and vectorize report. */
  public static CorpusStats of(PreparedCorpus p) {
    io.topicnmf.corpus.Corpus corpus = p.corpus();
    int n = corpus.documents().size();
    return new CorpusStats(corpus.root(), n, corpus.skipped().size(), corpus.skipped(),
        n - p.documentsWithTerms(), p.vocabulary().size(), p.matrix().nnz(), p.counts().pruning(),
        corpus.mailCleanup(), p.languageCheck(), corpus.htmlBoilerplate());
  }
}

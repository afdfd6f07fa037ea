/**
 * Text to terms with Lucene: the analysis chain built from {@link
 * io.topicnmf.analysis.AnalysisOptions} ({@link io.topicnmf.analysis.TextAnalyzer}: tokenizer,
 * lower-casing, stop words, stemming, accent folding, phrases), the languages and their stop words
 * and stemmers ({@link io.topicnmf.analysis.Language}, {@link io.topicnmf.analysis.StopWords}),
 * a check of the language of a corpus ({@link io.topicnmf.analysis.LanguageCheck}, which also
 * chooses it for {@link io.topicnmf.analysis.Language#AUTO}), and the parallel analysis of a
 * whole corpus into term ids ({@link io.topicnmf.analysis.CorpusAnalyzer}).
 *
 * <p>Each filter does one job and shares nothing with the others but the attributes of its token
 * stream: the original form of a token before stemming travels as a {@link
 * io.topicnmf.analysis.SurfaceFormAttribute}, so reports can show "rates" for the stem "rate".
 * Where nothing sits between them, the word filters run fused as one {@link
 * io.topicnmf.analysis.WordFilter} (the same tokens, fewer calls); the tests compare the fused
 * chain with Lucene's own filters.
 *
 * <p>Analysis hands its output to {@code vectorize} as term ids ({@link
 * io.topicnmf.vectorize.TermIdDocuments}); it depends on {@code corpus} for documents.
 */
package io.topicnmf.analysis;

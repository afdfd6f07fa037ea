/**
 * Turning analysed documents into the matrix that is factorized, as scikit-learn's {@code
 * CountVectorizer} and {@code TfidfTransformer} do: counting terms ({@link
 * io.topicnmf.vectorize.DocumentTermMatrix}), pruning the vocabulary by document frequency
 * ({@link io.topicnmf.vectorize.VocabularyOptions}, {@link io.topicnmf.vectorize.DfLimit}, {@link
 * io.topicnmf.vectorize.PruningStats}) and weighting ({@link io.topicnmf.vectorize.Tfidf}, {@link
 * io.topicnmf.vectorize.TfidfOptions}).
 *
 * <p>The entry point is {@link io.topicnmf.vectorize.Vectorizer}: {@code fit} learns the
 * vocabulary and idf from a corpus and weights it, {@code transform} gives the rows of any other
 * documents over that vocabulary. {@code fit}, {@code select-k} and {@code vectorize} fit one;
 * a saved model holds one, which {@code apply} transforms new documents with.
 *
 * <p>Documents come in as terms (or term ids into a dictionary, {@link
 * io.topicnmf.vectorize.TermIdDocuments}, as analysis hands them over); this package knows
 * nothing of text analysis, and depends only on {@code matrix}. Counting is parallel over fixed
 * blocks of documents and every figure is an integer sum, so results are the same whatever the
 * thread count.
 */
package io.topicnmf.vectorize;

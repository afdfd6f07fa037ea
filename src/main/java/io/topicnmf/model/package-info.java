/**
 * The topic model: fitting it to a folder of documents or to texts in memory ({@link
 * io.topicnmf.model.TopicModeler}, the library's entry point; {@link
 * io.topicnmf.model.TextDocument}), the fitted model that transforms new texts, saves and loads
 * itself ({@link io.topicnmf.model.TopicModel}), {@code model.json} ({@link
 * io.topicnmf.model.SavedModel}, {@link io.topicnmf.model.ModelFiles}), and applying a model to a
 * folder of new documents ({@link io.topicnmf.model.ModelApplier}).
 *
 * <p>Data flow: a corpus (a folder, or texts in memory read by {@link
 * io.topicnmf.corpus.CorpusReader#of}) is prepared once (read → analyse → vectorize, {@link
 * io.topicnmf.model.PreparedCorpus}; {@code --language auto} is resolved there), factorized by
 * {@code nmf}, its weights re-solved for the final H, and described: each topic's top terms
 * ({@link io.topicnmf.model.TermRanking}), each document's topic weights, the clusters ({@link
 * io.topicnmf.model.DocumentClusters}), coherence and agreement with labels ({@code eval}). Apply
 * prepares new documents with the saved vectorizer, solves their weights with H fixed and
 * describes them the same way. {@link io.topicnmf.model.KSweep} fits several k for {@code
 * select-k}.
 *
 * <p>Results are records ({@link io.topicnmf.model.TopicModelResult}); the command line and the
 * report are layers over this package, which depends on corpus, analysis, vectorize, nmf, eval
 * and matrix, never on {@code report} or {@code cli}.
 */
package io.topicnmf.model;

/**
 * The topic model: fitting it to a folder of documents ({@link io.topicnmf.model.TopicModeler},
 * the library's entry point), saving and loading it ({@link io.topicnmf.model.SavedModel}, {@link
 * io.topicnmf.model.ModelFiles}, {@code model.json}), and applying it to new documents ({@link
 * io.topicnmf.model.ModelApplier}).
 *
 * <p>Data flow: a corpus is prepared once (read → analyse → vectorize, {@link
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

package io.topicnmf.corpus;

import java.util.List;

/**
 * The documents read from a folder (in walk order) and the files skipped.
 *
 * @param root the folder or file that was read (as given, normalised)
 * @param documents the usable documents, in sorted deterministic order
 * @param skipped the files not used, with their reasons, in walk order
 */
public record Corpus(String root, List<Document> documents, List<Skipped> skipped) {
  public Corpus {
    documents = List.copyOf(documents);
    skipped = List.copyOf(skipped);
  }
}

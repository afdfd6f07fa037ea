package io.topicnmf.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The terms of every document, in document order, and the readable form behind each term.
 *
 * <p>{@link CorpusAnalyzer} gives the terms as ids into one dictionary (no string per occurrence);
 * {@link #documentTerms()} then also implements {@link io.topicnmf.vectorize.TermIdDocuments}, which
 * {@link io.topicnmf.vectorize.DocumentTermMatrix} counts by id.
 *
 * @param documentTerms the analysed terms of each document, aligned with the input documents (an
 *     empty list for a document with no term left)
 * @param surfaceForms term to its most frequent original (lower-case) form in the corpus, for terms
 *     that analysis transformed (stemming, accent folding); empty when no such transformation is on
 */
public record AnalyzedCorpus(List<List<String>> documentTerms, Map<String, String> surfaceForms) {
  public AnalyzedCorpus {
    if (!(documentTerms instanceof EncodedTerms)) { // EncodedTerms is immutable already
      List<List<String>> copy = new ArrayList<>(documentTerms.size());
      for (List<String> terms : documentTerms) {
        copy.add(List.copyOf(terms));
      }
      documentTerms = List.copyOf(copy);
    }
    surfaceForms = Map.copyOf(surfaceForms);
  }

  /** The readable form of {@code term}: its surface form when known, else the term itself. */
  public String surfaceForm(String term) {
    return surfaceForms.getOrDefault(term, term);
  }
}

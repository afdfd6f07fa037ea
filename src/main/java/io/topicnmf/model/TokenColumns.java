package io.topicnmf.model;

import io.topicnmf.eval.TokenSequences;
import io.topicnmf.vectorize.TermIdDocuments;
import io.topicnmf.vectorize.Vocabulary;
import java.util.List;

/** Turns analysed documents into {@link TokenSequences} over a vocabulary's columns (for C_V). */
final class TokenColumns {
  private TokenColumns() {}

  /**
   * Each token of {@code documents} replaced by its term's column in {@code vocab}, -1 for a term
   * outside it.
   *
   * @param documents the analysed terms of each document, in text order (ids when the list is a
   *     {@link TermIdDocuments}: then each distinct term is looked up once)
   */
  static TokenSequences of(List<List<String>> documents, Vocabulary vocab) {
    if (documents instanceof TermIdDocuments encoded) {
      String[] dictionary = encoded.dictionary();
      int[] columnOf = new int[dictionary.length];
      for (int id = 0; id < dictionary.length; id++) columnOf[id] = vocab.id(dictionary[id]);
      int[] ids = encoded.ids();
      int[] columns = new int[ids.length];
      for (int p = 0; p < ids.length; p++) columns[p] = columnOf[ids[p]];
      return new TokenSequences(encoded.offsets().clone(), columns);
    }
    int[] offsets = new int[documents.size() + 1];
    for (int d = 0; d < documents.size(); d++) offsets[d + 1] = offsets[d] + documents.get(d).size();
    int[] columns = new int[offsets[documents.size()]];
    int p = 0;
    for (List<String> doc : documents) {
      for (String term : doc) columns[p++] = vocab.id(term);
    }
    return new TokenSequences(offsets, columns);
  }
}

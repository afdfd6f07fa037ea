package io.topicnmf.analysis;

import org.apache.lucene.util.Attribute;

/**
 * The original form of a token, before stemming and accent folding, carried on the token stream:
 * {@link SurfaceRecorder} notes each token as it passes into the stream's {@link Originals} and
 * sets this attribute to its place there; filters further down change the term, not this
 * attribute, and {@link org.apache.lucene.analysis.shingle.ShingleFilter} keeps the first word's,
 * so a phrase of n words finds its original as the n recorded tokens from there on ({@link
 * Originals#index}).
 */
public interface SurfaceFormAttribute extends Attribute {
  /** The originals recorded on this stream (shared by every state of the stream). */
  Originals originals();

  /** The place of this token's original in {@link #originals()}, or -1 when none was recorded. */
  int originalIndex();

  void setOriginalIndex(int index);
}

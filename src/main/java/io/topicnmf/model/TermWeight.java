package io.topicnmf.model;

/**
 * A term of a topic.
 *
 * @param term the term as indexed (stemmed, if a stemmer is on)
 * @param surface a readable form of the term: the most frequent original form behind a stem, or the term itself
 * @param weight its weight in the topic's row of H
 */
public record TermWeight(String term, String surface, double weight) {}

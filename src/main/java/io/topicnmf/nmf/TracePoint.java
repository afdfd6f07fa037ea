package io.topicnmf.nmf;

/**
 * One row of a fit's trace: the objective of the loss used after {@code iteration} outer
 * iterations (0 = the initialisation), {@code seconds} after {@link Nmf#fit} started (the
 * initialisation included).
 */
public record TracePoint(int iteration, double seconds, double objective) {}

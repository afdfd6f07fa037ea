/**
 * The ground floor for parallel work: {@link io.topicnmf.parallel.Workers}, a fixed-size thread
 * pool that runs a task over fixed row blocks whose bounds never depend on the thread count, so
 * kernels that reduce block results in block order give the same bits whatever {@code --threads}
 * is.
 *
 * <p>Depends on nothing else in topicnmf; every stage that works in parallel (analysis, matrix,
 * nmf, model) uses it. A pool lives inside one computation and is closed in {@code finally}.
 */
package io.topicnmf.parallel;

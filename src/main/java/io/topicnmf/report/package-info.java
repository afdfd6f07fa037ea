/**
 * The outputs: every JSON file the tool writes is an immutable record here ({@link
 * io.topicnmf.report.Report} for fit and apply, {@link io.topicnmf.report.FactorizationReport},
 * {@link io.topicnmf.report.SelectKReport}, {@link io.topicnmf.report.VectorizeReport}, {@link
 * io.topicnmf.report.LdaVis}), built from a result of {@code model} or {@code nmf} and written by
 * Jackson through {@link io.topicnmf.report.Reports#write}, atomically.
 *
 * <p>Each format has a version tag ({@code "format"}) and a JSON Schema in {@code docs/}, checked
 * by tests against real outputs; JSON field order is the order of the record components. Nothing
 * here reads flags or prints: the package depends on {@code model} and the stages below it, never
 * on {@code cli}.
 */
package io.topicnmf.report;

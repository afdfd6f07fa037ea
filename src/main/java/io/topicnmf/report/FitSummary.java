package io.topicnmf.report;

import io.topicnmf.nmf.TracePoint;
import java.util.List;

/**
 * How the factorization went.
 *
 * @param loss "frobenius" or "kl"
 * @param solver the solver that ran
 * @param mode "in-memory" (every iteration over all rows) or "mini-batch" (online, by batches of
 *     {@code parameters.nmf.batchSize} rows; iterations are then epochs)
 * @param iterations outer iterations run
 * @param converged whether the tolerance was met before --max-iter
 * @param objective final value of the loss used (Frobenius: 0.5·‖X−WH‖²; KL: generalized divergence)
 * @param frobeniusObjective 0.5·‖X−WH‖² whatever the loss
 * @param relativeError ‖X−WH‖ / ‖X‖ (Frobenius norms)
 * @param trace (iteration, seconds, objective) rows with --trace, else empty
 */
public record FitSummary(
    String loss,
    String solver,
    String mode,
    int iterations,
    boolean converged,
    double objective,
    double frobeniusObjective,
    double relativeError,
    List<TracePoint> trace) {
  public FitSummary {
    trace = List.copyOf(trace);
  }
}

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
 * @param modeReason why this mode ran: the heap the fit needed and what was free, as the memory
 *     plan chose it (--batch-size auto) or checked it (an explicit --batch-size); null when the fit
 *     was not planned
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
    List<TracePoint> trace,
    String modeReason) {
  public FitSummary {
    trace = List.copyOf(trace);
  }

  /** A summary without a mode reason (a fit that was not planned). */
  public FitSummary(String loss, String solver, String mode, int iterations, boolean converged, double objective,
      double frobeniusObjective, double relativeError, List<TracePoint> trace) {
    this(loss, solver, mode, iterations, converged, objective, frobeniusObjective, relativeError, trace, null);
  }
}

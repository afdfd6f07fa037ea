package io.topicnmf.nmf;

import io.topicnmf.matrix.DenseMatrix;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Nmf#fit}: {@code X ≈ W·H}.
 *
 * @param w documents × topics ({@code rows × k}), non-negative
 * @param h topics × terms ({@code k × cols}), non-negative
 * @param iterations outer iterations run
 * @param converged whether the tolerance stopped the fit before {@code maxIter}
 * @param loss the loss minimised
 * @param objective the final value of that loss without the regularisation penalty: {@code
 *     ½‖X − WH‖²_F} for Frobenius, the generalized KL divergence for KL
 * @param frobeniusObjective {@code ½‖X − WH‖²_F}, whatever the loss
 * @param relativeError {@code ‖X − WH‖_F / ‖X‖_F} (0 when X is zero)
 * @param trace (iteration, seconds, objective) rows; empty unless {@link NmfOptions#trace()}
 * @param memory how the fit was run and why ({@link MemoryPlan}), or null when not planned (a
 *     result built by hand, or by {@link NmfTransform})
 */
public record NmfResult(
    DenseMatrix w,
    DenseMatrix h,
    int iterations,
    boolean converged,
    Loss loss,
    double objective,
    double frobeniusObjective,
    double relativeError,
    List<TracePoint> trace,
    MemoryPlan memory) {
  public NmfResult {
    Objects.requireNonNull(w, "w");
    Objects.requireNonNull(h, "h");
    Objects.requireNonNull(loss, "loss");
    trace = List.copyOf(trace);
  }

  /** A result without a memory plan. */
  public NmfResult(DenseMatrix w, DenseMatrix h, int iterations, boolean converged, Loss loss, double objective,
      double frobeniusObjective, double relativeError, List<TracePoint> trace) {
    this(w, h, iterations, converged, loss, objective, frobeniusObjective, relativeError, trace, null);
  }

  /** This result with {@code plan} as its memory plan. */
  public NmfResult withMemory(MemoryPlan plan) {
    return new NmfResult(w, h, iterations, converged, loss, objective, frobeniusObjective, relativeError, trace, plan);
  }
}

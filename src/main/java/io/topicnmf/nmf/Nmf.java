package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseKernels.Workers;
import io.topicnmf.matrix.DenseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Sparse-aware non-negative matrix factorization {@code X ≈ W·H} with {@code X} a non-negative
 * {@code rows × cols} CSR matrix (documents × terms), {@code W ≥ 0} ({@code rows × k}) and {@code H
 * ≥ 0} ({@code k × cols}).
 *
 * <p><b>Objective.</b> {@code loss(X, WH) + penalty(W, H)}, where the loss is {@code ½‖X − WH‖²_F}
 * ({@link Loss#FROBENIUS}) or the generalized Kullback–Leibler divergence {@code Σ x·ln(x/WH) − x
 * + WH} ({@link Loss#KL}), and the penalty is the scikit-learn-scaled L1/L2 term described in
 * {@link NmfOptions}.
 *
 * <p><b>Solvers.</b> See {@link Solver}: accelerated HALS (Gillis &amp; Glineur 2012) for
 * Frobenius, cyclic coordinate descent, and multiplicative updates (Lee &amp; Seung 2001). Dense
 * {@code X} and dense {@code W·H} are never formed: the Frobenius objective is {@code ½(‖X‖² −
 * 2⟨X·Hᵀ, W⟩ + ⟨WᵀW, H·Hᵀ⟩)} and the KL terms are evaluated at the stored entries of X only.
 *
 * <p><b>Convergence.</b> Let {@code f₀} be the (penalised) objective at the initialisation and
 * {@code f_t} after outer iteration t. The fit stops, and reports {@code converged}, after the
 * first iteration t with {@code tol > 0} and {@code (f_{t−1} − f_t) < tol · f₀}: the decrease of
 * one iteration, relative to the initial objective (so the test does not depend on the scale of
 * X or of the initialisation; scikit-learn's MU uses the same ratio, on the square root and every
 * 10 iterations). With {@code tol = 0} it runs {@code maxIter} iterations. A zero initial
 * objective counts as converged at iteration 0.
 *
 * <p><b>Determinism.</b> Randomness comes only from a {@link SplittableRandom} seeded with
 * {@link NmfOptions#seed()}. Kernels run over fixed row blocks and reduce in block order, so W
 * and H are bit-identical whatever {@link NmfOptions#threads()} is. A thread pool lives inside one
 * call and is shut down before it returns.
 */
public final class Nmf {
  private Nmf() {}

  /**
   * Factorizes {@code x}.
   *
   * @throws IllegalArgumentException if k exceeds min(rows, cols), or X holds a negative or
   *     non-finite value
   */
  public static NmfResult fit(CsrMatrix x, NmfOptions options, NmfListener listener) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(options, "options");
    NmfListener progress = listener == null ? NmfListener.NONE : listener;
    long t0 = System.nanoTime();
    checkData(x, options.k());

    int m = x.rows();
    int n = x.cols();
    int k = options.k();
    Solver solver = options.effectiveSolver();
    Regularization reg = Regularization.of(options, m, n);
    double[] w = new double[m * k];
    double[] ht = new double[n * k];
    List<TracePoint> trace = new ArrayList<>();

    try (Workers workers = Workers.of(options.threads())) {
      CsrMatrix xt = x.transpose();
      SplittableRandom rng = new SplittableRandom(options.seed());
      Initializer.initialize(x, xt, k, options.init(), rng, workers, w, ht);

      Updater updater = options.loss() == Loss.FROBENIUS
          ? new FrobeniusUpdater(x, xt, k, w, ht, solver, reg, workers)
          : new KlUpdater(x, xt, k, w, ht, solver, reg, workers);

      double f0 = updater.start();
      if (options.trace()) {
        trace.add(new TracePoint(0, seconds(t0), updater.loss()));
      }
      int iterations = 0;
      boolean converged = f0 == 0.0;
      double previous = f0;
      while (!converged && iterations < options.maxIter()) {
        double f = updater.iterate();
        iterations++;
        if (options.trace()) {
          trace.add(new TracePoint(iterations, seconds(t0), updater.loss()));
        }
        progress.onIteration(iterations, options.maxIter(), updater.loss());
        if (options.tol() > 0 && previous - f < options.tol() * f0) {
          converged = true;
        }
        previous = f;
      }

      double frob = options.loss() == Loss.FROBENIUS
          ? updater.loss()
          : FrobeniusUpdater.frobenius(x, k, w, ht, workers);
      double xx = x.frobeniusNormSquared();
      double relErr = xx == 0 ? 0.0 : Math.sqrt(2 * frob / xx);
      double[] h = new double[k * n];
      DenseKernels.transpose(ht, n, k, h);
      return new NmfResult(new DenseMatrix(m, k, w), new DenseMatrix(k, n, h), iterations,
          converged, options.loss(), updater.loss(), frob, relErr, trace);
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void checkData(CsrMatrix x, int k) {
    int m = x.rows();
    int n = x.cols();
    if (k > Math.min(m, n)) {
      if (m <= n) {
        throw new IllegalArgumentException("-k/--topics " + k + " is larger than the " + m
            + " usable documents (rows of the matrix); choose k between 1 and " + m);
      }
      throw new IllegalArgumentException("-k/--topics " + k + " is larger than the " + n
          + " usable terms (columns of the matrix); choose k between 1 and " + n);
    }
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    double[] values = x.values();
    for (int i = 0; i < m; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        double v = values[p];
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("NMF needs a non-negative finite matrix, but the value at row "
              + i + ", column " + colIdx[p] + " is " + v);
        }
      }
    }
  }
}

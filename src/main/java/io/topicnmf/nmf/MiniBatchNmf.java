package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.parallel.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NMF by mini-batches of rows, for a matrix that need not fit in memory: the online algorithm of
 * Lefèvre, Bach &amp; Févotte (WASPAA 2011) in the manner of scikit-learn's {@code MiniBatchNMF},
 * over the rows of a {@link RowSource}, then one pass that computes every row's weights for the
 * final H ({@link NmfTransform}).
 *
 * <p><b>Algorithm.</b> The rows are cut into {@code ⌈rows / b⌉} batches of {@code b =
 * min(batchSize, rows)} consecutive rows. An epoch visits every batch once, in an order drawn
 * from the seed anew each epoch (a corpus read folder by folder has its labels in runs; a fixed
 * order would let the last folders dominate H). For each batch the loss's {@link OnlineStep}
 * solves the batch's W with H fixed (warm-started from the batch's W of the previous epoch, so
 * W, {@code rows × k}, is kept: the result needs it anyway) and updates H from statistics summed
 * over the batches seen, each older batch discounted by {@code ρ = forget^(b/rows)} per batch,
 * {@code forget} = {@value #FORGET} (scikit-learn's default {@code forget_factor}; ρ compounds to
 * {@code forget} over one epoch): {@link OnlineFrobenius} for the Frobenius loss, {@link
 * OnlineKl} for KL.
 *
 * <p><b>Initialisation.</b> H is initialised as the in-memory fit does ({@link Init}), on a sample
 * of {@code max(b, k)} rows made of {@value #INIT_CHUNKS} runs of consecutive rows spread evenly
 * over the source (never more than one batch of X in memory).
 *
 * <p><b>Convergence.</b> An epoch's objective {@code f_e} is the sum over its batches of the
 * batch's penalised loss at its new W and the H the batch saw, plus the H penalty at the end of
 * the epoch. The fit stops after {@code maxIter} epochs, or, with {@code tol > 0}, after the first
 * epoch e ≥ 2 with {@code min_{s<e} f_s − f_e < tol · f_1}: like the in-memory test with a window
 * of one epoch and the first epoch in place of the initialisation (which no pass has measured).
 *
 * <p><b>Result.</b> After the last epoch W is re-solved for the final H, batch by batch, to
 * {@link NmfTransform}'s tight default tolerance from the warm W; the objective and errors
 * reported are those of this final (W, H) over all rows. {@code iterations} counts epochs; the
 * trace has one point per epoch with its loss {@code f_e} without penalty.
 *
 * <p><b>Memory.</b> One batch of X and its transpose, W ({@code rows × k}), Hᵀ and the
 * statistics ({@code 2·cols·k} doubles for KL, {@code cols·k + k²} for Frobenius), plus the
 * solver's workspace for {@code max(b, cols)} rows.
 *
 * <p><b>Determinism.</b> The batch order comes from {@link SplittableRandom} seeded with {@link
 * NmfOptions#seed()}; every kernel runs over fixed row blocks and reduces in block order, so the
 * result is the same bits whatever the thread count.
 */
final class MiniBatchNmf {
  /** scikit-learn's default {@code forget_factor}: the weight of the statistics of one epoch ago. */
  static final double FORGET = 0.7;
  /** Runs of consecutive rows the initialisation sample is made of. */
  static final int INIT_CHUNKS = 16;

  private MiniBatchNmf() {}

  static NmfResult fit(RowSource source, NmfOptions o, NmfListener listener) {
    long t0 = System.nanoTime();
    int m = source.rows();
    int n = source.cols();
    int k = o.k();
    double tol = o.effectiveTol(); // auto: 1e-4 for mini-batches of any loss
    Nmf.checkShape(m, n, k);
    int b = Math.min(o.batchSize(), m);
    int batches = Workers.blockCount(m, b);
    double rho = Math.pow(FORGET, (double) b / m);
    double[] w = new double[m * k];
    double[] ht = new double[n * k];
    List<TracePoint> trace = new ArrayList<>();
    try (Workers workers = Workers.of(o.threads())) {
      SplittableRandom rng = new SplittableRandom(o.seed());
      initialize(source, Math.min(m, Math.max(b, k)), o, rng, workers, ht);
      OnlineStep step = o.loss() == Loss.FROBENIUS
          ? new OnlineFrobenius(n, k, b, ht, o, rho, workers)
          : new OnlineKl(n, k, b, ht, o, rho, workers);
      boolean[] seen = new boolean[batches];
      int[] order = new int[batches];
      for (int q = 0; q < batches; q++) order[q] = q;
      double[] wb = new double[b * k];
      double first = Double.NaN;
      double best = Double.POSITIVE_INFINITY;
      int epochs = 0;
      boolean converged = false;
      while (!converged && epochs < o.maxIter()) {
        shuffle(order, rng);
        double f = 0.0;
        double loss = 0.0;
        for (int q = 0; q < batches; q++) {
          int from = order[q] * b;
          int to = Math.min(m, from + b);
          CsrMatrix xb = source.read(from, to);
          checkBatch(xb, from, to, n);
          System.arraycopy(w, from * k, wb, 0, (to - from) * k);
          f += step.step(xb, wb, !seen[order[q]]);
          loss += step.loss();
          seen[order[q]] = true;
          System.arraycopy(wb, 0, w, from * k, (to - from) * k);
        }
        f += step.hPenalty(m);
        epochs++;
        if (o.trace()) {
          trace.add(new TracePoint(epochs, seconds(t0), loss));
        }
        listener.onIteration(epochs, o.maxIter(), loss);
        if (epochs == 1) {
          first = f;
          converged = f == 0.0;
        } else if (tol > 0 && best - f < tol * first) {
          converged = true;
        }
        best = Math.min(best, f);
      }
      return finalWeights(source, b, w, ht, o, epochs, converged, trace, workers);
    }
  }

  /** Hᵀ from the initialisation of the in-memory fit on a sample of {@code rows} spread rows. */
  private static void initialize(RowSource source, int rows, NmfOptions o, SplittableRandom rng,
      Workers workers, double[] ht) {
    CsrMatrix sample = sample(source, rows);
    double[] ws = new double[sample.rows() * o.k()];
    Initializer.initialize(sample, sample.transpose(), o.k(), o.init(), rng, workers, ws, ht);
  }

  /**
   * {@code rows} rows of the source: all of them if that is every row, else {@value #INIT_CHUNKS}
   * runs of consecutive rows (fewer if {@code rows} is smaller) starting at evenly spaced rows.
   * A negative or non-finite value is refused with its row in the source.
   */
  static CsrMatrix sample(RowSource source, int rows) {
    int m = source.rows();
    if (rows >= m) {
      CsrMatrix all = source.read(0, m);
      Nmf.checkValues(all, 0);
      return all;
    }
    int chunks = Math.min(INIT_CHUNKS, rows);
    List<CsrMatrix> parts = new ArrayList<>(chunks);
    int taken = 0;
    for (int c = 0; c < chunks; c++) {
      int len = (rows - taken) / (chunks - c);
      int start = (int) ((long) c * m / chunks);
      CsrMatrix part = source.read(start, start + len);
      Nmf.checkValues(part, start);
      parts.add(part);
      taken += len;
    }
    return stack(parts, source.cols());
  }

  /** The rows of {@code parts}, one after the other, as one CSR matrix. */
  static CsrMatrix stack(List<CsrMatrix> parts, int cols) {
    int rows = 0;
    int nnz = 0;
    for (CsrMatrix p : parts) {
      rows += p.rows();
      nnz += p.nnz();
    }
    int[] ptr = new int[rows + 1];
    int[] idx = new int[nnz];
    float[] val = new float[nnz];
    int r = 0;
    int z = 0;
    for (CsrMatrix p : parts) {
      for (int i = 0; i < p.rows(); i++) {
        ptr[r + i + 1] = z + p.rowPtr()[i + 1];
      }
      System.arraycopy(p.colIdx(), 0, idx, z, p.nnz());
      System.arraycopy(p.values(), 0, val, z, p.nnz());
      r += p.rows();
      z += p.nnz();
    }
    return new CsrMatrix(rows, cols, ptr, idx, val);
  }

  /**
   * W re-solved for the final H batch by batch (warm from the fit's W), and the objectives of the
   * final (W, H) summed over the batches.
   */
  private static NmfResult finalWeights(RowSource source, int b, double[] w, double[] ht,
      NmfOptions o, int epochs, boolean converged, List<TracePoint> trace, Workers workers) {
    int m = source.rows();
    int n = source.cols();
    int k = o.k();
    double[] h = new double[k * n];
    DenseKernels.transpose(ht, n, k, h);
    DenseMatrix hm = new DenseMatrix(k, n, h);
    NmfTransform.Options to = NmfTransform.Options.of(o);
    double objective = 0.0;
    double frob = 0.0;
    double xx = 0.0;
    for (int from = 0; from < m; from += b) {
      int end = Math.min(m, from + b);
      CsrMatrix xb = source.read(from, end);
      checkBatch(xb, from, end, n);
      double[] w0 = new double[(end - from) * k];
      System.arraycopy(w, from * k, w0, 0, w0.length);
      NmfTransform.Result r = NmfTransform.transform(xb, hm, new DenseMatrix(end - from, k, w0), to, workers);
      System.arraycopy(r.w().data(), 0, w, from * k, w0.length);
      objective += r.objective();
      frob += r.frobeniusObjective();
      xx += xb.frobeniusNormSquared();
    }
    double relErr = xx == 0 ? 0.0 : Math.sqrt(2 * frob / xx);
    return new NmfResult(new DenseMatrix(m, k, w), hm, epochs, converged, o.loss(), objective, frob,
        relErr, trace);
  }

  /** Refuses a block of the wrong shape from the source, or a negative or non-finite value. */
  private static void checkBatch(CsrMatrix xb, int from, int to, int cols) {
    if (xb.rows() != to - from || xb.cols() != cols) {
      throw new IllegalStateException("the row source returned a " + xb.rows() + "x" + xb.cols()
          + " block for rows [" + from + ", " + to + ") of " + cols + " columns");
    }
    Nmf.checkValues(xb, from);
  }

  /** A Fisher–Yates shuffle of {@code a} drawn from {@code rng}. */
  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}

package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseKernels;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.parallel.Workers;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-seeding of degenerate topics after an in-memory KL fit has converged, as k-means re-seeds an
 * empty cluster by splitting the widest one (bisecting k-means; for NMF, splitting a topic by a
 * rank-2 factorization of its documents, Kuang &amp; Park, "Fast rank-2 nonnegative matrix
 * factorization for hierarchical document clustering", KDD 2013).
 *
 * <p>A topic is <em>degenerate</em> when it is the dominant topic (largest entry of the row of W,
 * each topic's column scaled by its row norm of H, as the report's {@code dominantTopic})
 * of fewer than {@value #MIN_SHARE} × m / k documents: a tenth of an even share. The KL fit can
 * end that way when it joins two themes in one topic and leaves another spread thinly over all
 * of them (the planted corpus of the benchmark at k = 12: one topic the dominant one of 2 of
 * 2,400 documents, another of two themes' 398). The first degenerate topic is re-seeded: the
 * topic whose own documents the factorization explains worst (the largest sum of their rows'
 * divergence, as k-means splits the cluster of the largest error), among those not degenerate,
 * is split in two by a rank-2 KL fit of its documents' rows of X ({@link Nmf}, same options,
 * k = 2); its two parts become that topic and the degenerate one (each row of H at the old
 * topic's L1 mass, W's columns scaled back), the degenerate topic's weight in the other
 * documents is dropped, and the fit continues with a fresh updater from there until the
 * tolerance stops it again (its own rule), or as soon as it is below the fit before it, within
 * what is left of {@code maxIter}. Up to {@value #MAX_ROUNDS}
 * rounds, one degenerate topic each, while one is left and the last round lowered the penalised
 * objective at the convergence rule's rate at least: by {@code tol·f₀} per five sweeps of the round
 * (f₀ the first fit's starting objective; {@link #progress}). At a million generated documents the
 * three rounds each gained 2·10⁻⁵–10⁻⁴ of the objective for 33 sweeps on top of the first fit's 25
 * and no gain in NMI (bench/RESULTS.md, "Stop 26"); at 300,000, 4·10⁻⁴ for 41 sweeps on top of 31
 * ("Stop 27").
 *
 * <p>A round is kept only when its penalised objective is below the fit's before it;
 * otherwise W and H are those before it, bit for bit, and the rounds stop (W is backed up in a {@link
 * FactorCopy}: on the heap when it has room for it twice over, else in a file; H is the first result's own array). So the
 * re-seed never returns a worse fit. Everything is deterministic (fixed orders, ties to the lower
 * index, the rank-2 fits seeded with the fit's seed) and independent of the thread count as the
 * fit is. A fit that used all of {@code maxIter}, or had tolerance 0, is left as it is.
 */
final class TopicReseed {
  /** A topic is degenerate below this share of an even share of the documents (m / k). */
  static final double MIN_SHARE = 0.1;
  /** The fewest documents a topic needs to be split (a rank-2 fit of its rows). */
  static final int MIN_SPLIT_ROWS = 4;
  /** Re-seeds at most this many times, each kept only when it lowers the objective. */
  static final int MAX_ROUNDS = 3;

  private TopicReseed() {}

  /** Whether fits with these options are re-seeded: KL coordinate descent, in memory. */
  static boolean applies(NmfOptions options) {
    return options.loss() == Loss.KL && options.effectiveSolver() == Solver.CD && options.k() >= 2
        && options.effectiveTol() > 0;
  }

  /**
   * The fit continued from re-seeded degenerate topics when that lowers the objective, else
   * {@code first}; {@code w} and {@code ht} are the arrays the first fit left its factors in
   * ({@code first.w()} wraps {@code w}). {@code f0} scales the rounds' bound ({@link #progress}):
   * the fit passes the first fit's starting objective (tests move it to reach each side of the bound).
   */
  static NmfResult refine(CsrMatrix x, CsrMatrix xt, NmfOptions options, NmfListener progress, NmfResult first,
      double[] w, double[] ht, Regularization reg, Workers workers, java.nio.file.Path compact,
      java.nio.file.Path scratch, long t0, MemoryPlan.FreeHeap free, double f0) {
    int mk = x.rows() * options.k();
    int nk = x.cols() * options.k();
    NmfResult current = first;
    for (int round = 0; round < MAX_ROUNDS && current.iterations() < options.maxIter(); round++) {
      int[] degenerate = degenerate(w, scales(ht, x.cols(), options.k()), x.rows(), options.k());
      double before = current.objective() + reg.penalty(w, mk, ht, nk);
      NmfResult next = degenerate.length == 0 ? null
          : attempt(x, xt, options, progress, current, degenerate, w, ht, reg, workers, compact, scratch, t0, free);
      if (next == null) {
        break;
      }
      int sweeps = next.iterations() - current.iterations();
      current = next;
      if (before - (current.objective() + reg.penalty(w, mk, ht, nk)) < progress(options, f0, sweeps)) {
        // Kept, but a gain the convergence rule itself calls no progress: the next degenerate
        // topic is left as it is rather than paying another continued fit.
        break;
      }
    }
    return current;
  }

  /**
   * The least gain for which a round of {@code sweeps} sweeps counts as progress: the convergence
   * rule's rate, {@code tol·f₀} per window of sweeps ({@link Nmf#window}), and never less than
   * {@code tol·f₀}. A round is a re-seed and a continued fit of 10–20 sweeps; measured by the rate,
   * not by the round, a round that merely goes on descending at the pace that stopped the first
   * fit does not buy another. At 300,000 generated documents (k = 50) the first fit stopped after
   * 31 sweeps and three rounds of 17, 12 and 12 sweeps gained 1705, 2080 and 409 against tol·f₀ =
   * 1189, 4·10⁻⁴ of the objective for 41 sweeps (bench/RESULTS.md, "Stop 27").
   */
  static double progress(NmfOptions options, double f0, int sweeps) {
    int window = Nmf.window(options.loss(), options.effectiveSolver());
    return options.effectiveTol() * f0 * Math.max(1.0, (double) sweeps / window);
  }

  /**
   * One re-seed of {@code degenerate} and the continued fit, if its objective is below {@code
   * current}'s; else null, with {@code current}'s factors back in {@code w} and {@code ht}.
   */
  private static NmfResult attempt(CsrMatrix x, CsrMatrix xt, NmfOptions options, NmfListener progress,
      NmfResult current, int[] degenerate, double[] w, double[] ht, Regularization reg, Workers workers,
      java.nio.file.Path compact, java.nio.file.Path scratch, long t0, MemoryPlan.FreeHeap free) {
    int m = x.rows();
    int n = x.cols();
    int k = options.k();
    double before = current.objective() + reg.penalty(w, m * k, ht, n * k);
    try (FactorCopy backup = backup(m * k, NmfMemory.iterationBytes(m, n, x.nnz(), NmfMemory.longestLine(x), options),
        compact, scratch, workers)) {
      backup.store(w, workers);
      if (!reseed(x, options, w, ht, degenerate, free, workers)) {
        return null;
      }
      List<TracePoint> trace = new ArrayList<>();
      NmfOptions rest = options.withMaxIter(options.maxIter() - current.iterations());
      int done = current.iterations();
      NmfListener continued = (i, max, objective) -> progress.onIteration(done + i, options.maxIter(), objective);
      // The continued fit stops as soon as it is below the fit it continues (Nmf.Continued).
      NmfResult next = Nmf.run(x, xt, rest, continued, w, ht, reg, workers, compact, trace, t0, null,
          new Nmf.Continued(before));
      if (next.objective() + reg.penalty(w, m * k, ht, n * k) < before) {
        return merged(current, next, trace);
      }
      backup.load(w, workers);
      DenseKernels.transpose(current.h().data(), k, n, ht);
      return null;
    }
  }

  /**
   * Where W's backup goes: on the heap in the plain layout when the heap has room for it twice over
   * besides {@code continued}, the estimate of the continued fit's iterations ({@link
   * NmfMemory#iterationBytes}; it counts Xᵀ, W and Hᵀ again, which are already held, so it errs on
   * the side of the file), else in a file under {@code compact}, or {@code scratch} (null: the
   * system's temporary folder). The memory plan does not count the backup (a round runs only when a
   * fit has a degenerate topic), and the continued fit allocates its updater's arrays again while
   * the backup is held: a backup on the heap of a fit planned close to the heap's size ran the 1 M
   * fit in {@code -Xmx4g} out of heap there (bench/RESULTS.md, "Stop 23"). The copy is exact either
   * way, so the result does not depend on where it is.
   */
  private static FactorCopy backup(int size, long continued, java.nio.file.Path compact,
      java.nio.file.Path scratch, Workers workers) {
    if (compact == null) {
      Runtime rt = Runtime.getRuntime();
      long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
      if (free > 16L * size + continued) {
        return FactorCopy.inMemory(size);
      }
    }
    java.nio.file.Path folder = compact != null ? compact
        : scratch != null ? scratch : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    return FactorCopy.spilled(folder, size, workers.threads());
  }

  /**
   * The topics that are the dominant topic of fewer than {@link #MIN_SHARE} × m / k documents, in
   * order; {@code scale}: each topic's row norm of H ({@link #scales}).
   */
  static int[] degenerate(double[] w, double[] scale, int m, int k) {
    int[] own = dominantCounts(w, scale, m, k);
    double floor = MIN_SHARE * m / k;
    return java.util.stream.IntStream.range(0, k).filter(t -> own[t] < floor).toArray();
  }

  /** {@link #degenerate(double[], double[], int, int)} of a fit's result. */
  static int[] degenerate(NmfResult r) {
    int k = r.h().rows();
    return degenerate(r.w().data(), scales(r.h()), r.w().rows(), k);
  }

  /**
   * Each topic's scale: the Euclidean norm of its row of H. A document's dominant topic is the
   * largest of its weights times these, as the report's {@code dominantTopic} (topics at unit norm).
   */
  static double[] scales(double[] ht, int n, int k) {
    double[] s = new double[k];
    for (int j = 0; j < n; j++) {
      for (int t = 0; t < k; t++) {
        s[t] += ht[j * k + t] * ht[j * k + t];
      }
    }
    for (int t = 0; t < k; t++) {
      s[t] = Math.sqrt(s[t]);
    }
    return s;
  }

  /** {@link #scales(double[], int, int)} from H itself (k × n). */
  static double[] scales(DenseMatrix h) {
    double[] ht = new double[h.rows() * h.cols()];
    DenseKernels.transpose(h.data(), h.rows(), h.cols(), ht);
    return scales(ht, h.cols(), h.rows());
  }

  /** How many documents each topic is the dominant topic of (first on ties; none when all weights are 0). */
  static int[] dominantCounts(double[] w, double[] scale, int m, int k) {
    int[] own = new int[k];
    for (int i = 0; i < m; i++) {
      int d = dominant(w, scale, i, k);
      if (d >= 0) {
        own[d]++;
      }
    }
    return own;
  }

  static int dominant(double[] w, double[] scale, int i, int k) {
    int best = -1;
    double max = 0.0;
    for (int t = 0; t < k; t++) {
      double v = w[i * k + t] * scale[t];
      if (v > max) {
        max = v;
        best = t;
      }
    }
    return best;
  }

  /**
   * Re-seeds the first degenerate topic from a split of the topic whose own documents the
   * factorization explains worst, writing the parts into W and Hᵀ; false when there is no topic
   * to split (nothing changed then).
   */
  private static boolean reseed(CsrMatrix x, NmfOptions options, double[] w, double[] ht, int[] degenerate,
      MemoryPlan.FreeHeap free, Workers workers) {
    int k = options.k();
    double[] scale = scales(ht, x.cols(), k);
    double[] owned = ownDivergence(x, w, ht, scale, k, workers);
    int t = -1;
    int[] own = dominantCounts(w, scale, x.rows(), k);
    for (int u = 0; u < k; u++) {
      boolean candidate = own[u] >= MIN_SPLIT_ROWS && java.util.Arrays.binarySearch(degenerate, u) < 0;
      if (candidate && (t < 0 || owned[u] > owned[t])) {
        t = u;
      }
    }
    if (t < 0) {
      return false;
    }
    int[] rows = rowsOf(w, scale, x.rows(), k, t);
    return fits(x, rows, options, free) && split(x, options, w, ht, rows, t, degenerate[0]);
  }

  /**
   * Whether the heap has room for the rank-2 fit of {@code rows} (their sub-matrix and the fit's
   * own peak, {@link NmfMemory#fitBytes}, the longest line bounded by the rows and the longest of
   * them) with the plan's margin ({@link MemoryPlan#MARGIN_PERCENT}). The memory plan does not count
   * a re-seed (it runs only when a fit has a degenerate topic); the continued fit needs what the
   * first one did, whose updater is garbage by then. A round that does not fit is not tried.
   */
  static boolean fits(CsrMatrix x, int[] rows, NmfOptions options, MemoryPlan.FreeHeap free) {
    long nnz = 0;
    int longest = rows.length;
    for (int i : rows) {
      nnz += x.rowNnz(i);
      longest = Math.max(longest, x.rowNnz(i));
    }
    NmfOptions two = options.withK(2).withTrace(false).withBatchSize(0);
    long need = NmfMemory.csrBytes(rows.length, nnz) + NmfMemory.fitBytes(rows.length, x.cols(), nnz, longest, two);
    long margin = Runtime.getRuntime().maxMemory() / 100 * MemoryPlan.MARGIN_PERCENT;
    return need <= free.bytes(need + margin) - margin;
  }

  /**
   * For each topic, the generalized KL divergence of the rows of X it is the dominant topic of
   * from their approximation, summed (k-means splits the cluster of the largest error the same way).
   * Each row's divergence is formed over blocks of rows on {@code workers} (null: on this thread),
   * then added to its topic's sum in row order, so the sums are the same bits however many threads
   * form them (a single-threaded pass over every stored entry was about 2 s of a re-seed round's
   * setup at 300 k documents).
   */
  static double[] ownDivergence(CsrMatrix x, double[] w, double[] ht, double[] scale, int k, Workers workers) {
    int m = x.rows();
    double[] hSum = new double[k];
    DenseKernels.columnSums(ht, x.cols(), k, hSum);
    double[] rowDivergence = new double[m];
    Workers.BlockTask rows = (b, from, to) -> {
      for (int i = from; i < to; i++) {
        double s = KlLoss.klTermsRows(x.rowPtr(), x.colIdx(), x.values(), w, ht, k, i, i + 1);
        for (int t = 0; t < k; t++) {
          s += w[i * k + t] * hSum[t];
        }
        rowDivergence[i] = s;
      }
    };
    if (workers != null) {
      workers.forEachBlock(m, Sweeps.BLOCK, rows);
    } else {
      rows.run(0, 0, m);
    }
    double[] owned = new double[k];
    for (int i = 0; i < m; i++) {
      int d = dominant(w, scale, i, k);
      if (d >= 0) {
        owned[d] += rowDivergence[i];
      }
    }
    return owned;
  }

  private static int[] rowsOf(double[] w, double[] scale, int m, int k, int t) {
    return java.util.stream.IntStream.range(0, m).filter(i -> dominant(w, scale, i, k) == t).toArray();
  }

  /**
   * Fits the rows {@code rows} of X with two topics and writes them as topics {@code t} and
   * {@code d}: Hᵀ's columns at topic t's old L1 mass, W's columns of those rows scaled back, W's
   * column d zero elsewhere. False (nothing written) when a part of the rank-2 fit is empty.
   */
  private static boolean split(CsrMatrix x, NmfOptions options, double[] w, double[] ht, int[] rows, int t, int d) {
    int n = x.cols();
    int k = options.k();
    CsrMatrix sub = subRows(x, rows);
    if (sub.nnz() == 0) {
      return false;
    }
    NmfResult r = Nmf.fitPlain(sub, options.withK(2).withTrace(false).withBatchSize(0));
    double[] h2 = r.h().data();
    double[] w2 = r.w().data();
    double mass = 0.0;
    for (int j = 0; j < n; j++) {
      mass += ht[j * k + t];
    }
    double[] scale = new double[2];
    for (int p = 0; p < 2; p++) {
      double s = 0.0;
      for (int j = 0; j < n; j++) {
        s += h2[p * n + j];
      }
      if (!(s > 0) || !(mass > 0)) {
        return false;
      }
      scale[p] = mass / s;
    }
    int[] topic = {t, d};
    for (int p = 0; p < 2; p++) {
      for (int j = 0; j < n; j++) {
        ht[j * k + topic[p]] = h2[p * n + j] * scale[p];
      }
    }
    for (int i = 0; i < x.rows(); i++) {
      w[i * k + d] = 0.0;
    }
    for (int q = 0; q < rows.length; q++) {
      for (int p = 0; p < 2; p++) {
        w[rows[q] * k + topic[p]] = w2[q * 2 + p] / scale[p];
      }
    }
    return true;
  }

  /** The rows {@code rows} of X (in that order) as a matrix with X's columns. */
  static CsrMatrix subRows(CsrMatrix x, int[] rows) {
    int[] rowPtr = x.rowPtr();
    int[] ptr = new int[rows.length + 1];
    for (int q = 0; q < rows.length; q++) {
      ptr[q + 1] = ptr[q] + x.rowNnz(rows[q]);
    }
    int[] idx = new int[ptr[rows.length]];
    float[] val = new float[ptr[rows.length]];
    for (int q = 0; q < rows.length; q++) {
      System.arraycopy(x.colIdx(), rowPtr[rows[q]], idx, ptr[q], ptr[q + 1] - ptr[q]);
      System.arraycopy(x.values(), rowPtr[rows[q]], val, ptr[q], ptr[q + 1] - ptr[q]);
    }
    return new CsrMatrix(rows.length, x.cols(), ptr, idx, val);
  }

  /** The continued fit as one result: iterations and trace of both runs, the second's factors and figures. */
  private static NmfResult merged(NmfResult first, NmfResult next, List<TracePoint> trace) {
    List<TracePoint> all = new ArrayList<>(first.trace());
    for (TracePoint p : trace) {
      if (p.iteration() == 0) {
        continue; // the re-seeded start: the first run's last point is the one before it
      }
      all.add(new TracePoint(first.iterations() + p.iteration(), p.seconds(), p.objective()));
    }
    return new NmfResult(next.w(), next.h(), first.iterations() + next.iterations(), next.converged(),
        next.loss(), next.objective(), next.frobeniusObjective(), next.relativeError(), all);
  }
}

package io.topicnmf.spark;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.nmf.NmfTransform;
import io.topicnmf.nmf.TracePoint;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Distributed NMF {@code X ≈ W·H}: the rows of X live in cached {@link Block}s and those of W in
 * an RDD of {@link Weights} per pass, partitioned alike and zipped with X partition by partition
 * (PLANC's and MLlib ALS's layout, W kept apart so a pass's cache holds W only); H is broadcast.
 * Each outer iteration is one pass over the blocks that (1) solves each row of W with H
 * fixed, with the core's per-row solvers ({@link NmfTransform}: HALS sweeps on the k × k Gram
 * matrix for the Frobenius loss, the coordinate Newton sweeps of Hsieh &amp; Dhillon for KL), and
 * (2) right after, from the new rows, the sums the H step needs, made per partition and added in
 * partition order ({@link #sums}): for Frobenius the k × k Gram matrix WᵀW and XᵀW (terms × k),
 * then HALS sweeps on H on the driver (exact, with those two); for KL the sums Σᵢ wᵢₜ·xᵢⱼ/(WH)ᵢⱼ
 * and the column sums of W, then the multiplicative update of H (Lee &amp; Seung), the H step that
 * needs nothing but such sums, over-relaxed (raised to a power η &gt; 1 that grows while the
 * objective falls; a pass whose objective rose is undone).
 *
 * <p>Initialisation: the core's own fit ({@link Nmf#fit}, its NNDSVDa) on a deterministic sample of
 * the rows (those whose id hashes lowest with the seed, {@code --init-sample}), so the topics start
 * where a single-machine fit of the sample ends. Convergence: the core's test on the objective,
 * {@code f_{t−L} − f_t < tol·f₀} over the same window ({@link Nmf#window}). At the end H's rows are
 * scaled to unit norm and W re-solved to the core's tight tolerance, as {@code fit} does.
 */
final class DistributedNmf {
  private DistributedNmf() {}

  /** What each pass reports: its number, its objective, and whether it was undone. */
  @FunctionalInterface
  interface Progress {
    void pass(int iteration, double objective, boolean undone);
  }

  /**
   * The fit: final blocks (with W), H (k × terms, unit rows), and the figures of the report.
   *
   * @param iterations the passes kept (the report's {@code fit.iterations}): a KL pass whose
   *     objective rose and was undone is not one of them, so they are the objectives the convergence
   *     rule and the trace saw
   * @param undone the passes undone (KL only; 0 for Frobenius): {@code iterations + undone} passes
   *     ran, and {@code --max-iter} bounds that sum
   */
  record Result(JavaRDD<Block> blocks, DenseMatrix h, int iterations, int undone, boolean converged,
      double objective, double frobenius, List<TracePoint> trace, JavaRDD<Weights> weights) {
    /** Lets the final W go from the cache ({@link #blocks} pairs it with the caller's cached X). */
    void unpersist() {
      weights.unpersist(false);
    }
  }

  /**
   * A block's W (rows × k, row-major) and its losses at (W, the H it was solved for): cached per
   * pass apart from X, so that a pass's cache holds W only. Spark sizes a cached value by what it
   * refers to, and a {@link Block} made by {@link Block#withW} refers to its partition's X: each
   * cached pass was counted as another copy of X and evicted to disk long before memory was short
   * (1 M documents, stop 28).
   */
  static final class Weights implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] w;
    final double objective;
    final double frobenius;

    Weights(double[] w, double objective, double frobenius) {
      this.w = w;
      this.objective = objective;
      this.frobenius = frobenius;
    }
  }

  /** The blocks of X with the W of {@code weights} (partition by partition, block by block; not cached). */
  static JavaRDD<Block> withWeights(JavaRDD<Block> x, JavaRDD<Weights> weights) {
    return x.zipPartitions(weights, (xs, ws) -> {
      List<Block> out = new ArrayList<>(1);
      while (xs.hasNext()) {
        Weights w = ws.next();
        out.add(xs.next().withW(w.w, w.objective, w.frobenius));
      }
      return out.iterator();
    });
  }

  /**
   * Sums of one pass (see the class comment); {@code a} is terms × k, row-major. A partition's sums
   * are made in its task (no zero value of terms × k travels to the executors); {@code a} and
   * {@code gram} stay null while nothing was added (an empty partition sends a few bytes).
   */
  static final class Sums implements Serializable {
    private static final long serialVersionUID = 2L;
    final int k;
    final int m;
    double[] gram;
    double[] a;
    final double[] colSums;
    double objective;
    double frobenius;

    Sums(int k, int m) {
      this.k = k;
      this.m = m;
      colSums = new double[k];
    }

    /** {@code a} (and for Frobenius {@code gram}) allocated, zero. */
    Sums allocate(boolean withGram) {
      if (a == null) a = new double[m * k];
      if (withGram && gram == null) gram = new double[k * k];
      return this;
    }

    /** Adds {@code o} into these sums (element by element, so the order of merges fixes the bits). */
    Sums merge(Sums o) {
      if (o.gram != null) {
        if (gram == null) gram = o.gram.clone();
        else for (int i = 0; i < gram.length; i++) gram[i] += o.gram[i];
      }
      if (o.a != null) {
        if (a == null) a = o.a.clone();
        else for (int i = 0; i < a.length; i++) a[i] += o.a[i];
      }
      for (int i = 0; i < colSums.length; i++) colSums[i] += o.colSums[i];
      objective += o.objective;
      frobenius += o.frobenius;
      return this;
    }

    /** {@code a} as terms × k (zeros when nothing was added). */
    double[] a() {
      return a != null ? a : new double[m * k];
    }

    /** WᵀW (zeros when nothing was added). */
    double[] gram() {
      return gram != null ? gram : new double[k * k];
    }
  }

  /**
   * Passes between two cuts of the cached blocks' lineage (local checkpoints). Each pass broadcasts
   * H (k × terms doubles, kept twice in the block manager: the value and its serialized piece), and
   * a broadcast can go only once a cut has left it out of every cached pass's lineage, so up to
   * about 2·CUT_EVERY copies of H are held: with 10, at 100 k documents and k = 50 (78,816 terms),
   * 20 × 2 × 30 MB filled the 720 MB storage of a 1.5 GB heap and the topics stage ran out of
   * memory (bench/RESULTS.md, "Stop 31"). A cut costs nothing more than the cache it marks.
   */
  static final int CUT_EVERY = 2;

  static Result fit(JavaSparkContext sc, JavaRDD<Block> x, NmfOptions o, int initSample,
      Progress progress) {
    return fit(sc, x, o, initSample, progress, CUT_EVERY);
  }

  /** As above, the lineage cut every {@code cutEvery} passes (the same bits for any value). */
  static Result fit(JavaSparkContext sc, JavaRDD<Block> x, NmfOptions given, int initSample,
      Progress progress, int cutEvery) {
    // An automatic tolerance is the default rule's 1e-4 for either loss: the looser one the core
    // gives its KL coordinate descent was chosen for that descent, not for these passes.
    NmfOptions o = given.tol() == NmfOptions.AUTO_TOL ? given.withTol(NmfOptions.DEFAULT_TOL) : given;
    int k = o.k();
    int m = x.first().cols;
    DenseMatrix h = initialH(x, o, initSample, m);
    NmfTransform.Options step = new NmfTransform.Options(o.loss(), o.alphaW(), o.l1Ratio(), 1, 0, 1);
    JavaRDD<Weights> blocks = solveW(x, null, sc.broadcast(h.data()), k, m,
        new NmfTransform.Options(o.loss(), o.alphaW(), o.l1Ratio(), 50, 1e-4, 1), false);
    // The pass of iteration t gives f(W_t, H_{t-1}): the objective after t - 1 whole iterations.
    // So the first pass gives f0 (W solved for the start H), and the core's rule is applied to the
    // objective with that lag.
    double f0 = Double.NaN;
    int window = Nmf.window(o.loss(), o.effectiveSolver());
    double[] recent = new double[window + 1];
    List<TracePoint> trace = new ArrayList<>();
    long t0 = System.nanoTime();
    int it = 0;
    boolean converged = false;
    // The broadcast copies of H that the cached blocks' lineage still names: a task's binary carries
    // the lineage back to the last cut, the cut pass's own closure included, and a lost partition is
    // recomputed from it. Every few passes the lineage is cut (local checkpoint) and they go.
    List<Broadcast<double[]>> live = new ArrayList<>();
    List<Broadcast<double[]>> older = new ArrayList<>();
    // KL: the H step is the multiplicative update raised to a power η (over-relaxed, Salakhutdinov
    // & Roweis 2003): η grows after every pass whose objective went down and the pass that finds it
    // went up is undone (W back to the last accepted pass's, H to the plain update from that pass's
    // sums, η back to 1). So the objectives the rule sees decrease as with the plain update.
    boolean relax = o.loss() == Loss.KL;
    double eta = 1;
    double used = 1;
    Accepted accepted = null;
    int done = -1;
    int undone = 0;
    while (!converged && it < o.maxIter()) {
      Broadcast<double[]> hb = sc.broadcast(h.data());
      live.add(hb);
      JavaRDD<Weights> next = solveW(x, blocks, hb, k, m, step, false);
      boolean cut = (it + 1) % cutEvery == 0;
      if (cut) next.rdd().localCheckpoint();
      Sums s = sums(x, next, hb, k, m, o.loss());
      it++;
      double f = s.objective;
      if (relax && accepted != null && used > 1 && f > accepted.objective) {
        progress.pass(it, f, true);
        undone++;
        // The relaxed step overshot: undo it (the plain step from the accepted pass cannot).
        next.unpersist(false);
        if (blocks != accepted.blocks) blocks.unpersist(false);
        blocks = accepted.blocks;
        h = muH(accepted.h, accepted.sums, 1);
        eta = 1;
        used = 1;
        // If this pass was a cut, the cut is undone too: the blocks are back to a pass whose lineage
        // reaches the cut before, whose closure names a broadcast of the older list. Destroying that
        // list here failed the next pass's task ("Broadcast ... after it was destroyed": 1 M
        // documents, pass 30).
        continue;
      }
      if (cut) {
        // Destroyed one cut late: until the next cut the tasks' lineage still names them.
        for (Broadcast<double[]> old : older) old.destroy(false);
        older = live;
        live = new ArrayList<>();
      }
      if (blocks != (accepted == null ? null : accepted.blocks)) blocks.unpersist(false);
      if (accepted != null && relax) accepted.blocks.unpersist(false);
      blocks = next;
      progress.pass(it, f, false);
      if (relax) accepted = new Accepted(next, h, s, f);
      done++;
      if (o.trace()) trace.add(new TracePoint(done, (System.nanoTime() - t0) / 1e9, f));
      if (done == 0) {
        f0 = f;
        recent[0] = f;
        converged = f == 0;
      } else {
        double first = recent[Math.max(0, done - window) % (window + 1)];
        recent[done % (window + 1)] = f;
        converged = o.tol() > 0 && first - f < o.tol() * f0;
      }
      // The last H is the plain step's: the final W is solved for it without a check.
      boolean last = converged || it >= o.maxIter();
      used = last ? 1 : eta;
      h = o.loss() == Loss.FROBENIUS ? halsH(h, s) : muH(h, s, used);
      if (relax) eta = Math.min(MAX_ETA, eta * ETA_GROWTH);
    }
    h = unitRows(h);
    JavaRDD<Weights> last = solveW(x, blocks, sc.broadcast(h.data()), k, m,
        new NmfTransform.Options(o.loss(), o.alphaW(), o.l1Ratio(), NmfTransform.DEFAULT_MAX_ITER,
            NmfTransform.DEFAULT_TOL, 1), true);
    // Summed in partition order, for the same bits whatever order the tasks finish in.
    double objective = 0;
    double frobenius = 0;
    for (Tuple2<Double, Double> f : last.map(w -> new Tuple2<>(w.objective, w.frobenius)).collect()) {
      objective += f._1();
      frobenius += f._2();
    }
    blocks.unpersist(false);
    // The undone passes are left out of the count: what the fit kept is what it reports.
    return new Result(withWeights(x, last), h, it - undone, undone, converged, objective, frobenius, trace, last);
  }

  /**
   * Each block's W solved for {@code h} from its current W ({@code current}, null: the neutral
   * start), cached; with {@code frobenius} each block also carries ½‖X − WH‖² (a KL pass does not
   * need it: only the final solve's goes to the report, and leaving it out spares each block a
   * product X·Hᵀ).
   */
  static JavaRDD<Weights> solveW(JavaRDD<Block> x, JavaRDD<Weights> current, Broadcast<double[]> h, int k,
      int m, NmfTransform.Options o, boolean frobenius) {
    // The options record is not serializable: its values travel, the record is made again.
    Loss loss = o.loss();
    double alphaW = o.alphaW();
    double l1Ratio = o.l1Ratio();
    int maxIter = o.maxIter();
    double tol = o.tol();
    org.apache.spark.api.java.function.Function2<Block, double[], Weights> solve = (b, w) -> {
      NmfTransform.Options options = new NmfTransform.Options(loss, alphaW, l1Ratio, maxIter, tol, 1);
      DenseMatrix hm = new DenseMatrix(k, m, h.value());
      DenseMatrix w0 = w == null ? null : new DenseMatrix(b.rows(), k, w);
      NmfTransform.Result r = NmfTransform.transform(b.matrix(), hm, w0, options, frobenius);
      return new Weights(r.w().data(), r.objective(), r.frobeniusObjective());
    };
    JavaRDD<Weights> next = current == null ? x.map(b -> solve.call(b, null))
        : x.zipPartitions(current, (xs, ws) -> {
          List<Weights> out = new ArrayList<>(1);
          while (xs.hasNext()) out.add(solve.call(xs.next(), ws.next().w));
          return out.iterator();
        });
    return next.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Partitions whose sums one task of the reduction adds up (and the driver at the end, at most). */
  static final int FAN_IN = 8;

  /**
   * The H step's sums over all blocks: each partition's sums made in its task, then added up in
   * partition order — by groups of {@link #FAN_IN} consecutive partitions on the executors while
   * more than that many remain, then on the driver — so the result is the same bits for a given
   * partitioning, whatever order the tasks finish in.
   */
  static Sums sums(JavaRDD<Block> x, JavaRDD<Weights> weights, Broadcast<double[]> h, int k, int m, Loss loss) {
    JavaRDD<Sums> parts = x.zipPartitions(weights, (xs, ws) -> {
      Sums s = new Sums(k, m);
      double[] ht = null;
      while (xs.hasNext()) {
        Weights w = ws.next();
        Block b = xs.next().withW(w.w, w.objective, w.frobenius);
        if (ht == null) ht = transpose(h.value(), k, m);
        add(s, b, ht, k, loss);
      }
      return List.of(s).iterator();
    });
    return inOrder(parts, FAN_IN);
  }

  /** The sums of an RDD with one {@link Sums} per partition, added in partition order. */
  static Sums inOrder(JavaRDD<Sums> parts, int fanIn) {
    return inOrder(parts, fanIn, Sums::merge);
  }

  /** How two partial sums add up: the second into the first, which is returned. */
  @FunctionalInterface
  interface Add<S> extends Serializable {
    S add(S total, S next);
  }

  /**
   * The values of an RDD with one value per partition, added with {@code add} in partition order:
   * by groups of {@code fanIn} consecutive partitions on the executors while more than that many
   * remain, then on the driver; null when there is no partition.
   */
  static <S> S inOrder(JavaRDD<S> parts, int fanIn, Add<S> add) {
    JavaRDD<S> level = parts;
    int p = level.getNumPartitions();
    while (p > fanIn) {
      int groups = (p + fanIn - 1) / fanIn;
      level = level.mapPartitionsWithIndex((index, it) -> {
        List<Tuple2<Integer, Tuple2<Integer, S>>> out = new ArrayList<>(1);
        while (it.hasNext()) out.add(new Tuple2<>(index / fanIn, new Tuple2<>(index, it.next())));
        return out.iterator();
      }, true).mapToPair(t -> t).partitionBy(new HashPartitioner(groups)).mapPartitions(it -> {
        List<Tuple2<Integer, S>> group = new ArrayList<>();
        while (it.hasNext()) group.add(it.next()._2());
        group.sort(java.util.Comparator.comparing(Tuple2::_1));
        S total = null;
        for (Tuple2<Integer, S> g : group) total = total == null ? g._2() : add.add(total, g._2());
        return total == null ? java.util.Collections.emptyIterator() : List.of(total).iterator();
      }, true);
      p = groups;
    }
    S total = null;
    for (S s : level.collect()) total = total == null ? s : add.add(total, s);
    return total;
  }

  /** H (k × m, row-major) transposed: m × k, so a term's k weights lie together. */
  static double[] transpose(double[] h, int k, int m) {
    double[] ht = new double[m * k];
    for (int t = 0; t < k; t++) {
      int base = t * m;
      for (int j = 0; j < m; j++) ht[j * k + t] = h[base + j];
    }
    return ht;
  }

  /**
   * Adds a block's share of the H step's sums, with H transposed ({@code ht}, m × k). Each row's
   * loops run over its non-zero weights only (W's rows are sparse); the skipped terms are exact
   * zeros, so the sums are those of the dense loops, bit for bit.
   */
  static Sums add(Sums s, Block b, double[] ht, int k, Loss loss) {
    boolean frobenius = loss == Loss.FROBENIUS;
    s.allocate(frobenius);
    s.objective += b.objective;
    s.frobenius += b.frobenius;
    double[] w = b.w;
    double[] a = s.a;
    double[] gram = s.gram;
    double[] colSums = s.colSums;
    int[] nz = new int[k];
    double[] wv = new double[k];
    for (int i = 0; i < b.rows(); i++) {
      int wi = i * k;
      int q = 0;
      for (int t = 0; t < k; t++) {
        double v = w[wi + t];
        colSums[t] += v;
        if (v != 0) {
          nz[q] = t;
          wv[q++] = v;
        }
      }
      if (frobenius) {
        for (int r = 0; r < q; r++) {
          int gt = nz[r] * k;
          double v = wv[r];
          for (int u = 0; u < q; u++) gram[gt + nz[u]] += v * wv[u];
        }
      }
      if (q == 0) continue;
      for (int p = b.rowPtr[i]; p < b.rowPtr[i + 1]; p++) {
        int aj = b.colIdx[p] * k;
        double x = b.x[p];
        double factor = x;
        if (!frobenius) {
          double wh = 0;
          for (int r = 0; r < q; r++) wh += wv[r] * ht[aj + nz[r]];
          factor = wh > 0 ? x / wh : 0;
        }
        for (int r = 0; r < q; r++) a[aj + nz[r]] += factor * wv[r];
      }
    }
    return s;
  }

  /** Three HALS sweeps over the rows of H with WᵀW and XᵀW (Cichocki &amp; Phan), on the driver. */
  static DenseMatrix halsH(DenseMatrix h, Sums s) {
    int k = h.rows();
    int m = h.cols();
    double[] hd = h.data().clone();
    double[] g = s.gram();
    double[] a = s.a();
    double[] row = new double[m];
    for (int sweep = 0; sweep < 3; sweep++) {
      for (int t = 0; t < k; t++) {
        double gtt = g[t * k + t];
        if (!(gtt > 0)) continue;
        Arrays.fill(row, 0);
        for (int u = 0; u < k; u++) {
          double gu = g[t * k + u];
          if (gu == 0) continue;
          int base = u * m;
          for (int j = 0; j < m; j++) row[j] += gu * hd[base + j];
        }
        int base = t * m;
        for (int j = 0; j < m; j++) {
          hd[base + j] = Math.max(0, hd[base + j] + (a[j * k + t] - row[j]) / gtt);
        }
      }
    }
    return new DenseMatrix(k, m, hd);
  }

  /** Growth of the relaxed step's power η after an accepted pass, and its ceiling. */
  static final double ETA_GROWTH = 1.25;
  static final double MAX_ETA = 3;

  /** A pass whose objective was accepted: its W (cached), the H it was solved for, its sums. */
  record Accepted(JavaRDD<Weights> blocks, DenseMatrix h, Sums sums, double objective) {}

  /**
   * The multiplicative KL update of H raised to the power {@code eta}: h_tj ← h_tj · (Σᵢ wᵢₜ
   * xᵢⱼ/(WH)ᵢⱼ / Σᵢ wᵢₜ)^η; η = 1 is Lee &amp; Seung's update, which never increases the objective.
   */
  static DenseMatrix muH(DenseMatrix h, Sums s, double eta) {
    int k = h.rows();
    int m = h.cols();
    double[] hd = h.data().clone();
    double[] a = s.a();
    for (int t = 0; t < k; t++) {
      double c = s.colSums[t];
      if (!(c > 0)) continue;
      if (eta == 1) {
        for (int j = 0; j < m; j++) hd[t * m + j] *= a[j * k + t] / c;
      } else {
        for (int j = 0; j < m; j++) hd[t * m + j] *= Math.pow(a[j * k + t] / c, eta);
      }
    }
    return new DenseMatrix(k, m, hd);
  }

  /** H's rows scaled to unit L2 norm, as the core's fit leaves them. */
  static DenseMatrix unitRows(DenseMatrix h) {
    int k = h.rows();
    int m = h.cols();
    double[] hd = h.data().clone();
    for (int t = 0; t < k; t++) {
      double norm = 0;
      for (int j = 0; j < m; j++) norm += hd[t * m + j] * hd[t * m + j];
      norm = Math.sqrt(norm);
      if (norm > 0) for (int j = 0; j < m; j++) hd[t * m + j] /= norm;
    }
    return new DenseMatrix(k, m, hd);
  }

  /**
   * H from the core's fit on the rows whose (seeded) id hash is lowest; for KL its zeros are
   * lifted to a small positive floor, since a multiplicative step can never move a zero.
   */
  static DenseMatrix initialH(JavaRDD<Block> x, NmfOptions o, int sample, int m) {
    long seed = o.seed();
    List<Tuple2<Long, SampleRow>> rows = x.flatMap(b -> {
      List<Tuple2<Long, SampleRow>> out = new ArrayList<>(b.rows());
      for (int i = 0; i < b.rows(); i++) {
        int from = b.rowPtr[i];
        int to = b.rowPtr[i + 1];
        if (to == from) continue;
        out.add(new Tuple2<>(mix(b.ids[i].hashCode() ^ seed), new SampleRow(b.ids[i],
            Arrays.copyOfRange(b.colIdx, from, to), Arrays.copyOfRange(b.x, from, to))));
      }
      return out.iterator();
    }).takeOrdered(sample, new BySampleKey());
    int n = rows.size();
    if (n < o.k()) {
      throw new IllegalArgumentException("-k/--topics " + o.k() + " is larger than the " + n
          + " documents with terms (or the --init-sample); choose k <= " + n);
    }
    int[] ptr = new int[n + 1];
    for (int i = 0; i < n; i++) ptr[i + 1] = ptr[i] + rows.get(i)._2().cols.length;
    int[] ci = new int[ptr[n]];
    float[] v = new float[ptr[n]];
    for (int i = 0; i < n; i++) {
      SampleRow r = rows.get(i)._2();
      System.arraycopy(r.cols, 0, ci, ptr[i], r.cols.length);
      System.arraycopy(r.values, 0, v, ptr[i], r.values.length);
    }
    NmfOptions local = o.withThreads(Math.max(1, Runtime.getRuntime().availableProcessors())).withTrace(false);
    NmfResult r = Nmf.fit(new CsrMatrix(n, m, ptr, ci, v), local, NmfListener.NONE);
    DenseMatrix h = r.h();
    if (o.loss() == Loss.KL) {
      double max = 0;
      for (double e : h.data()) max = Math.max(max, e);
      double floor = max * 1e-6;
      double[] d = h.data();
      for (int i = 0; i < d.length; i++) d[i] = Math.max(d[i], floor);
    }
    return h;
  }

  /** A sampled row: its id (ties of the hash), its columns and values. */
  record SampleRow(String id, int[] cols, float[] values) implements Serializable {}

  static final class BySampleKey implements java.util.Comparator<Tuple2<Long, SampleRow>>, Serializable {
    @Override
    public int compare(Tuple2<Long, SampleRow> a, Tuple2<Long, SampleRow> b) {
      int c = Long.compare(a._1(), b._1());
      return c != 0 ? c : a._2().id().compareTo(b._2().id());
    }
  }

  /** SplitMix64's finaliser: a well-spread 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

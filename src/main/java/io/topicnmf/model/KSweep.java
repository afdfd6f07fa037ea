package io.topicnmf.model;

import io.topicnmf.eval.Coherence;
import io.topicnmf.eval.KScore;
import io.topicnmf.eval.KSelection;
import io.topicnmf.eval.Stability;
import io.topicnmf.eval.TokenSequences;
import io.topicnmf.eval.TopicCoherence;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfListener;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.NmfResult;
import io.topicnmf.options.InvalidOptionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Fits several numbers of topics on one prepared corpus and measures each: mean NPMI, UMass, C_V
 * and diversity of the listed terms, the objective, and stability in the sense of Greene,
 * O'Callaghan &amp; Cunningham (2014, "How many topics? Stability analysis for topic models"): the
 * fit on all documents is compared with those on {@code samples} random subsamples of {@code
 * sampleFraction} of the documents, for its terms (topics matched with the Hungarian algorithm and
 * scored by the average Jaccard of their top-{@code stabilityTerms} term lists, {@link Stability})
 * and for its clusters (the adjusted Rand index of the subsample's clusters and the all-documents
 * clusters of the same documents, {@link Stability#clusterAgreement}). Then {@link
 * KSelection#recommend} picks k.
 *
 * <p>Every fit is {@code fit}'s: the same NMF options (loss included), W re-solved for H, H's rows
 * at unit length ({@link TopicModeler#factorize}), the same clustering step ({@link
 * TopicModeler#clusters}) and the same ranking of the listed terms, so the row of a k shows the
 * coherence that {@code fit -k} reports.
 *
 * <p>The matrix is built once ({@link PreparedCorpus}); every fit (one per k on all documents, and
 * one per k and subsample) is an independent job, run {@code threads} at a time, each fit
 * single-threaded, which uses the cores better than parallel kernels on matrices of this size.
 * Subsample i is drawn with a {@link SplittableRandom} seeded from the seed and i only, so every k
 * sees the same subsamples and results do not depend on the number of threads.
 */
public final class KSweep {
  private KSweep() {}

  /**
   * What to measure.
   *
   * @param ks the candidate numbers of topics ({@code --k}), distinct, each ≥ 1
   * @param samples subsample fits per k for stability ({@code --samples}), ≥ 1
   * @param sampleFraction share of the documents in a subsample ({@code --sample-fraction}), in (0, 1)
   * @param stabilityTerms top terms compared for stability ({@code --stability-terms}), ≥ 1
   */
  public record Options(List<Integer> ks, int samples, double sampleFraction, int stabilityTerms) {
    public Options {
      ks = List.copyOf(ks);
      if (ks.isEmpty()) throw new InvalidOptionException("k", "{k}: give at least one number of topics");
      if (ks.stream().distinct().count() != ks.size()) throw new InvalidOptionException("k", "{k} " + ks + ": a k is repeated");
      for (int k : ks) {
        if (k < 1) throw new InvalidOptionException("k", "{k} " + ks + ": every k must be >= 1, got " + k);
      }
      if (samples < 1 || samples > 100) {
        throw new InvalidOptionException("samples", "{samples} " + samples + " must be within [1, 100]");
      }
      if (!(sampleFraction > 0 && sampleFraction < 1)) {
        throw new InvalidOptionException("sampleFraction", "{sampleFraction} " + sampleFraction + " must be within (0, 1)");
      }
      if (stabilityTerms < 1 || stabilityTerms > 1000) {
        throw new InvalidOptionException("stabilityTerms", "{stabilityTerms} " + stabilityTerms + " must be within [1, 1000]");
      }
    }
  }

  /**
   * The measurements of one k.
   *
   * @param k number of topics
   * @param meanNpmi mean NPMI of the top terms (N = --top-terms) of the fit on all documents
   * @param meanUmass mean UMass of the same
   * @param meanCv mean C_V of the same
   * @param diversity distinct top terms / (N·k)
   * @param stability mean agreement of the all-documents topics with each subsample's (terms)
   * @param stabilityMin the lowest agreement with a subsample
   * @param clusterStability mean adjusted Rand index of each subsample's clusters against the
   *     all-documents clusters of the same documents
   * @param clusterStabilityMin the lowest of those
   * @param objective the fit's final loss on all documents
   * @param relativeError ‖X − WH‖ / ‖X‖ of that fit
   * @param iterations its iterations
   * @param converged whether it converged
   * @param seconds wall-clock seconds of the fits of this k (all documents and subsamples, summed over jobs)
   */
  public record Row(int k, double meanNpmi, double meanUmass, double meanCv, double diversity,
      double stability, double stabilityMin, double clusterStability, double clusterStabilityMin, double objective, double relativeError, int iterations, boolean converged,
      double seconds) {}

  /**
   * The sweep's outcome.
   *
   * @param rows one per k, in increasing k
   * @param recommendedK the k chosen by {@link KSelection#recommend}
   */
  public record Result(List<Row> rows, int recommendedK) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  /**
   * The largest k a sweep with subsamples of {@code sampleFraction} of the documents allows: the
   * usable documents of a subsample, or the terms if fewer.
   */
  public static int maxK(PreparedCorpus p, double sampleFraction) {
    int usable = usableRows(p.matrix()).length;
    int sampleSize = (int) Math.round(sampleFraction * usable);
    return Math.min(Math.min(sampleSize, usable), p.vocabulary().size());
  }

  /**
   * Runs the sweep.
   *
   * @param base options of every fit (its k is replaced; its threads are the number of parallel jobs)
   * @param onRow told of each k as soon as it is measured (in increasing k)
   * @throws UnusableInputException if a k is larger than the usable documents or terms of a subsample
   */
  public static Result run(PreparedCorpus p, FitOptions base, Options o, Consumer<Row> onRow)
      throws UnusableInputException {
    CsrMatrix x = p.matrix();
    CsrMatrix counts = p.counts().counts();
    int n = x.rows();
    int threads = base.nmf().threads();
    List<Integer> ks = new ArrayList<>(o.ks());
    ks.sort(null);
    int[] usable = usableRows(x);
    int sampleSize = (int) Math.round(o.sampleFraction() * usable.length);
    int maxK = ks.get(ks.size() - 1);
    int limit = maxK(p, o.sampleFraction());
    if (maxK > limit) {
      throw new UnusableInputException("{k} " + maxK + " is larger than the " + sampleSize
          + " usable documents of a " + o.sampleFraction() + " subsample (or the " + p.vocabulary().size()
          + " terms): choose k <= " + limit, "k");
    }
    CsrMatrix[] subs = new CsrMatrix[o.samples()];
    int[][] subRows = new int[o.samples()][];
    for (int s = 0; s < o.samples(); s++) {
      subRows[s] = subsample(usable, sampleSize, base.nmf().seed(), s);
      subs[s] = rows(x, subRows[s]);
    }
    int jobsPerK = 1 + o.samples();
    // Only what the measures need is kept of each fit (top-term lists and figures), not W and H.
    Fitted[][] fits = new Fitted[ks.size()][jobsPerK];
    double[][] secs = new double[ks.size()][jobsPerK];
    List<Row> out = new ArrayList<>();
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "topicnmf-select-k");
      t.setDaemon(true);
      return t;
    }) : null;
    try {
      List<List<Future<?>>> futures = new ArrayList<>();
      for (int a = 0; a < ks.size(); a++) {
        List<Future<?>> fk = new ArrayList<>();
        NmfOptions no = base.nmf().withK(ks.get(a)).withThreads(1).withTrace(false);
        for (int j = 0; j < jobsPerK; j++) {
          final int ai = a;
          final int jj = j;
          final CsrMatrix data = j == 0 ? x : subs[j - 1];
          Runnable job = () -> {
            long t0 = System.nanoTime();
            NmfResult r = TopicModeler.factorize(data, no, NmfListener.NONE);
            int m = r.h().cols();
            fits[ai][jj] = new Fitted(topLists(r.h(), Math.min(o.stabilityTerms(), m)),
                jj == 0 ? TermListChoice.lists(base.relevance(), r.w(), r.h(), x, p.counts().counts(),
                    Math.min(base.topTerms(), m), p.vocabulary().terms()).lists() : null,
                TopicModeler.clusters(data, p.idf(), r, base.clusters(), 1), r.objective(),
                r.relativeError(), r.iterations(), r.converged());
            secs[ai][jj] = (System.nanoTime() - t0) / 1e9;
          };
          if (pool == null) {
            job.run();
          } else {
            fk.add(pool.submit(job));
          }
        }
        futures.add(fk);
      }
      for (int a = 0; a < ks.size(); a++) {
        for (Future<?> f : futures.get(a)) waitFor(f);
        Row row = measure(ks.get(a), fits[a], secs[a], counts, p.texts(), subRows);
        out.add(row);
        if (onRow != null) onRow.accept(row);
        Arrays.fill(fits[a], null);
      }
    } finally {
      if (pool != null) pool.shutdownNow();
    }
    List<KScore> scores = new ArrayList<>();
    for (Row r : out) {
      scores.add(new KScore(r.k(), r.meanNpmi(), r.diversity(), r.stability(), r.clusterStability(), r.objective()));
    }
    return new Result(out, KSelection.recommend(scores));
  }

  /** What is kept of one fit. */
  private record Fitted(int[][] stabilityLists, int[][] topIds, int[] clusters, double objective,
      double relativeError, int iterations, boolean converged) {}

  private static Row measure(int k, Fitted[] fits, double[] secs, CsrMatrix counts,
      TokenSequences texts, int[][] subRows) {
    Fitted full = fits[0];
    int[][] topIds = full.topIds();
    TopicCoherence c = Coherence.compute(counts, topIds, texts);
    int[][] reference = full.stabilityLists();
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double sumAri = 0;
    double minAri = Double.POSITIVE_INFINITY;
    for (int s = 1; s < fits.length; s++) {
      double agree = Stability.agreement(reference, fits[s].stabilityLists());
      sum += agree;
      min = Math.min(min, agree);
      int[] rows = subRows[s - 1];
      int[] ofFull = new int[rows.length];
      for (int i = 0; i < rows.length; i++) ofFull[i] = full.clusters()[rows[i]];
      double ari = Stability.clusterAgreement(ofFull, fits[s].clusters());
      sumAri += ari;
      minAri = Math.min(minAri, ari);
    }
    double stability = sum / (fits.length - 1);
    double clusterStability = sumAri / (fits.length - 1);
    return new Row(k, c.meanNpmi(), c.meanUmass(), c.meanCv(), Coherence.diversity(topIds), stability, min,
        clusterStability, minAri,
        full.objective(), full.relativeError(), full.iterations(), full.converged(),
        Arrays.stream(secs).sum());
  }

  private static int[][] topLists(DenseMatrix h, int n) {
    int[][] r = new int[h.rows()][];
    for (int t = 0; t < h.rows(); t++) r[t] = TopicModeler.topColumns(h, t, n);
    return r;
  }

  private static int[] usableRows(CsrMatrix x) {
    int c = 0;
    for (int i = 0; i < x.rows(); i++) if (x.rowNnz(i) > 0) c++;
    int[] r = new int[c];
    c = 0;
    for (int i = 0; i < x.rows(); i++) if (x.rowNnz(i) > 0) r[c++] = i;
    return r;
  }

  /** {@code size} of {@code rows} drawn without replacement (partial Fisher–Yates), in increasing order. */
  static int[] subsample(int[] rows, int size, long seed, int sample) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (sample + 1));
    int[] a = rows.clone();
    for (int i = 0; i < size; i++) {
      int j = i + rng.nextInt(a.length - i);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    int[] r = Arrays.copyOf(a, size);
    Arrays.sort(r);
    return r;
  }

  /** The rows {@code idx} of {@code x}, in that order. */
  static CsrMatrix rows(CsrMatrix x, int[] idx) {
    int[] ptr = new int[idx.length + 1];
    for (int i = 0; i < idx.length; i++) ptr[i + 1] = ptr[i] + x.rowNnz(idx[i]);
    int[] col = new int[ptr[idx.length]];
    float[] val = new float[ptr[idx.length]];
    for (int i = 0; i < idx.length; i++) {
      int from = x.rowPtr()[idx[i]];
      System.arraycopy(x.colIdx(), from, col, ptr[i], ptr[i + 1] - ptr[i]);
      System.arraycopy(x.values(), from, val, ptr[i], ptr[i + 1] - ptr[i]);
    }
    return new CsrMatrix(idx.length, x.cols(), ptr, col, val);
  }

  private static void waitFor(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("select-k interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }
}

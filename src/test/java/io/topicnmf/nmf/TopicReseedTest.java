package io.topicnmf.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-seeding degenerate topics ({@link TopicReseed}) on planted corpora of 12 themes, 2,400 short
 * documents (8–20 words), as the benchmark's planted-short corpus: the plain KL fit of the
 * corpus of seed 7 (and of 8 more of the seeds 0–24) joins two themes in one topic and leaves a
 * topic that is the dominant one of almost no document; the re-seed recovers every theme at a
 * lower divergence.
 */
class TopicReseedTest {
  private static final int THEMES = 12;
  private static final int DOCS = 2400;

  @TempDir
  Path dir;

  private static PlantedThemes planted(long seed) {
    return PlantedThemes.generate(seed, THEMES, 60, DOCS, 8, 20);
  }

  private static NmfOptions kl(int threads) {
    return NmfOptions.defaults(THEMES).withLoss(Loss.KL).withThreads(threads);
  }

  @Test
  void eachTopicsOwnDivergenceIsTheSameBitsOnAnyThreadsAndMatchesTheDefinition() {
    // 1300 rows: three blocks of the parallel pass (Sweeps.BLOCK rows each); some rows have all weights 0.
    SplittableRandom rnd = new SplittableRandom(11);
    int m = 1300;
    int n = 40;
    int k = 5;
    double[][] dense = new double[m][n];
    int[] ptr = new int[m + 1];
    java.util.List<Integer> idx = new ArrayList<>();
    java.util.List<Float> val = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        if (rnd.nextDouble() < 0.3) {
          float v = (float) (0.1 + 3 * rnd.nextDouble());
          dense[i][j] = v;
          idx.add(j);
          val.add(v);
        }
      }
      ptr[i + 1] = idx.size();
    }
    int[] ci = idx.stream().mapToInt(Integer::intValue).toArray();
    float[] cv = new float[val.size()];
    for (int q = 0; q < cv.length; q++) {
      cv[q] = val.get(q);
    }
    CsrMatrix x = new CsrMatrix(m, n, ptr, ci, cv);
    double[] w = new double[m * k];
    double[] ht = new double[n * k];
    for (int q = 0; q < w.length; q++) {
      w[q] = (q / k) % 9 == 0 ? 0.0 : rnd.nextDouble() < 0.4 ? 0.0 : rnd.nextDouble();
    }
    for (int q = 0; q < ht.length; q++) {
      ht[q] = rnd.nextDouble() < 0.3 ? 0.0 : rnd.nextDouble();
    }
    assertTrue(Workers.blockCount(m, Sweeps.BLOCK) >= 3, "several blocks");
    double[] scale = TopicReseed.scales(ht, n, k);
    double[] alone = TopicReseed.ownDivergence(x, w, ht, scale, k, null);
    double[] expected = new double[k];
    for (int i = 0; i < m; i++) {
      int d = TopicReseed.dominant(w, scale, i, k);
      if (d < 0) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        double v = 0.0;
        for (int t = 0; t < k; t++) {
          v += w[i * k + t] * ht[j * k + t];
        }
        expected[d] += v;
        if (dense[i][j] > 0) {
          expected[d] += dense[i][j] * Math.log(dense[i][j] / Math.max(v, Sweeps.KL_EPSILON)) - dense[i][j];
        }
      }
    }
    for (int t = 0; t < k; t++) {
      assertEquals(expected[t], alone[t], 1e-9 * Math.abs(expected[t]), "topic " + t);
    }
    for (int threads : new int[] {1, 2, 3}) {
      try (Workers workers = Workers.of(threads)) {
        assertArrayEquals(alone, TopicReseed.ownDivergence(x, w, ht, scale, k, workers), threads + " threads");
      }
    }
  }

  @Test
  void reseedRecoversThePlantedThemesThePlainFitJoined() {
    PlantedThemes p = planted(7);
    NmfResult plain = Nmf.fitPlain(p.x(), kl(1));
    int[] degenerate = TopicReseed.degenerate(plain);
    assertEquals(1, degenerate.length, "the plain fit leaves one degenerate topic");
    assertTrue(TopicReseed.dominantCounts(plain.w().data(), TopicReseed.scales(plain.h()), DOCS, THEMES)[degenerate[0]] < DOCS / THEMES / 10);
    assertEquals(10, p.themesRecovered(plain), "the plain fit joins two themes");

    NmfResult r = Nmf.fit(p.x(), kl(1), null);
    assertEquals(THEMES, p.themesRecovered(r), "every theme has a topic of its own");
    assertEquals(0, TopicReseed.degenerate(r).length);
    assertTrue(r.objective() < plain.objective(), r.objective() + " vs " + plain.objective());
    assertTrue(r.iterations() > plain.iterations(), "the continued sweeps are counted");
    assertTrue(r.converged());
    assertEquals(r.objective(), NmfTestData.denseKl(p.x(), r.w(), r.h()), 1e-6 * r.objective(),
        "the reported divergence is the factors'");
  }

  @Test
  void progressCountsTheContinuedSweepsOnFromTheFirstFit() {
    PlantedThemes p = planted(7);
    int first = Nmf.fitPlain(p.x(), kl(1)).iterations();
    java.util.List<Integer> seen = new ArrayList<>();
    NmfResult r = Nmf.fit(p.x(), kl(1), (i, max, objective) -> {
      seen.add(i);
      assertEquals(kl(1).maxIter(), max);
    });
    assertTrue(r.iterations() > first, "re-seeded");
    assertEquals(r.iterations(), seen.size(), "one call a sweep");
    for (int q = 0; q < seen.size(); q++) {
      assertEquals(q + 1, seen.get(q), "the continuation numbers its sweeps after the first fit's " + first);
    }
  }

  @Test
  void reseededFitIsTheSameForOneAndTwoThreads() {
    PlantedThemes p = planted(7);
    NmfResult one = Nmf.fit(p.x(), kl(1), null);
    NmfResult two = Nmf.fit(p.x(), kl(2), null);
    assertArrayEquals(one.w().data(), two.w().data(), 0.0);
    assertArrayEquals(one.h().data(), two.h().data(), 0.0);
    assertEquals(one.iterations(), two.iterations());
    assertEquals(one.objective(), two.objective(), 0.0);
  }

  @Test
  void roundThatDoesNotLowerTheObjectiveLeavesTheFitBitForBit() {
    // One sweep left after the fit converges: the re-seeded factors cannot get below its divergence.
    PlantedThemes p = planted(7);
    NmfResult converged = Nmf.fitPlain(p.x(), kl(2));
    NmfOptions oneLeft = kl(2).withMaxIter(converged.iterations() + 1);
    NmfResult plain = Nmf.fitPlain(p.x(), oneLeft);
    assertEquals(1, TopicReseed.degenerate(plain).length);
    NmfResult r = Nmf.fit(p.x(), oneLeft, null);
    assertArrayEquals(plain.w().data(), r.w().data(), 0.0);
    assertArrayEquals(plain.h().data(), r.h().data(), 0.0);
    assertEquals(plain.iterations(), r.iterations());
    assertEquals(plain.objective(), r.objective(), 0.0);
  }

  @Test
  void fitWithoutDegenerateTopicsIsUntouched() {
    PlantedThemes p = planted(3);
    NmfResult plain = Nmf.fitPlain(p.x(), kl(2));
    assertEquals(0, TopicReseed.degenerate(plain).length);
    NmfResult r = Nmf.fit(p.x(), kl(2), null);
    assertArrayEquals(plain.w().data(), r.w().data(), 0.0);
    assertArrayEquals(plain.h().data(), r.h().data(), 0.0);
    assertEquals(plain.iterations(), r.iterations());
  }

  @Test
  void onlyConvergedKlDescentIsReseeded() {
    PlantedThemes p = planted(7);
    // The iteration cap used up (no sweep left), or no tolerance: the fit is left as it is.
    NmfOptions capped = kl(1).withMaxIter(8);
    assertArrayEquals(Nmf.fitPlain(p.x(), capped).w().data(), Nmf.fit(p.x(), capped, null).w().data(), 0.0);
    assertTrue(!TopicReseed.applies(kl(1).withTol(0)));
    assertTrue(!TopicReseed.applies(kl(1).withSolver(Solver.MU)));
    assertTrue(!TopicReseed.applies(kl(1).withLoss(Loss.FROBENIUS).withSolver(Solver.AUTO)));
    assertTrue(TopicReseed.applies(kl(1)));
  }

  @Test
  void compactLayoutReseedsToTheSameBitsAndLeavesNoFile() throws Exception {
    PlantedThemes p = planted(7);
    int sweeps = Nmf.fitPlain(p.x(), kl(2)).iterations();
    // A round kept, and a round undone (one sweep left): W restored from the spilled copy.
    for (NmfOptions o : new NmfOptions[] {kl(2), kl(2).withMaxIter(sweeps + 1)}) {
      double[][] plain = reseeded(p.x(), o, null);
      double[][] compact = reseeded(p.x(), o, dir);
      assertArrayEquals(plain[0], compact[0], 0.0, "W, max-iter " + o.maxIter());
      assertArrayEquals(plain[1], compact[1], 0.0, "H, max-iter " + o.maxIter());
      NmfResult fit = Nmf.fit(p.x(), o, null);
      assertArrayEquals(fit.w().data(), plain[0], 0.0, "as Nmf.fit, max-iter " + o.maxIter());
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "the spilled backup is deleted");
    }
  }

  /** The fit as {@link Nmf} runs it in memory, with {@code compact} as the spill folder (null: plain layout). */
  private static double[][] reseeded(CsrMatrix x, NmfOptions o, Path compact) {
    return reseeded(x, o, compact, MemoryPlan::freeHeap);
  }

  private static double[][] reseeded(CsrMatrix x, NmfOptions o, Path compact, MemoryPlan.FreeHeap free) {
    return reseeded(x, o, compact, free, Double.NaN);
  }

  /**
   * As above, the rounds bounded by {@code f0} (NaN: the first fit's own, as {@link Nmf} passes it);
   * the continued fits stop by the first fit's own f₀ whatever the bound.
   */
  private static double[][] reseeded(CsrMatrix x, NmfOptions o, Path compact, MemoryPlan.FreeHeap free, double f0) {
    NmfResult r = refined(x, o, compact, free, f0)[1];
    return new double[][] {r.w().data().clone(), r.h().data().clone()};
  }

  /** The first fit and the re-seeded one of {@link #reseeded(CsrMatrix, NmfOptions, Path, MemoryPlan.FreeHeap, double)}. */
  private static NmfResult[] refined(CsrMatrix x, NmfOptions o, Path compact, MemoryPlan.FreeHeap free, double f0) {
    int k = o.k();
    double[] w = new double[x.rows() * k];
    double[] ht = new double[x.cols() * k];
    try (Workers workers = Workers.of(o.threads())) {
      CsrMatrix xt = x.transpose();
      Initializer.initialize(x, xt, k, o.init(), new SplittableRandom(o.seed()), workers, w, ht);
      Regularization reg = Regularization.of(o, x.rows(), x.cols());
      long t0 = System.nanoTime();
      double[] start = new double[1];
      NmfResult first = Nmf.run(x, xt, o, NmfListener.NONE, w, ht, reg, workers, compact, new ArrayList<>(), t0,
          start);
      NmfResult r = TopicReseed.refine(x, xt, o, NmfListener.NONE, first, w, ht, reg, workers, compact, compact, t0,
          free, Double.isNaN(f0) ? start[0] : f0);
      // first's W wraps w, which the rounds overwrite; its objective and iterations stand.
      return new NmfResult[] {first, r};
    }
  }

  @Test
  void roundsStopAfterOneWhoseGainTheConvergenceRuleCallsNoProgress() {
    // 16 topics for 12 planted themes: the fit leaves several degenerate topics, and re-seeding
    // them goes on round after round while each round's gain is at least tol·f₀.
    PlantedThemes p = planted(6);
    NmfOptions o = NmfOptions.defaults(16).withLoss(Loss.KL).withThreads(2);
    int[] unbounded = new int[1];
    int[] bounded = new int[1];
    double[][] many = reseeded(p.x(), o, null, counting(unbounded), 0.0);
    double[][] one = reseeded(p.x(), o, null, counting(bounded), Double.POSITIVE_INFINITY);
    assertTrue(unbounded[0] >= 2, "several rounds without the bound: " + unbounded[0]);
    assertEquals(1, bounded[0], "one round when no gain can reach tol·f₀");
    assertFalse(java.util.Arrays.equals(many[0], one[0]), "the rounds left out would have moved W");
    // Nmf.fit passes the first fit's own f₀: the same factors as the explicit call with it.
    NmfResult fit = Nmf.fitInMemory(p.x(), o, NmfListener.NONE, null, dir, true);
    assertArrayEquals(reseeded(p.x(), o, null)[0], fit.w().data(), 0.0);
  }

  @Test
  void aRoundMustGainAtTheConvergenceRulesRateToBuyAnother() {
    // The gain a round needs grows with its sweeps: tol·f₀ per window of five (never less than tol·f₀).
    // At the tolerance the planted problem below was measured with (the default is 5e-4 for KL cd).
    NmfOptions kl = NmfOptions.defaults(16).withLoss(Loss.KL).withTol(1e-4);
    assertEquals(1e-4 * 1000, TopicReseed.progress(kl, 1000, 3), 1e-12);
    assertEquals(5e-4 * 1000, TopicReseed.progress(kl.withTol(NmfOptions.AUTO_TOL), 1000, 3), 1e-12);
    assertEquals(1e-4 * 1000, TopicReseed.progress(kl, 1000, 5), 1e-12);
    assertEquals(1e-4 * 1000 * 12 / 5.0, TopicReseed.progress(kl, 1000, 12), 1e-12);
    // The planted problem of the test above: its first round takes more than five sweeps.
    PlantedThemes p = planted(7);
    NmfOptions o = kl.withThreads(2);
    NmfResult[] one = refined(p.x(), o, null, MemoryPlan::freeHeap, Double.POSITIVE_INFINITY);
    double gain = one[0].objective() - one[1].objective();
    int sweeps = one[1].iterations() - one[0].iterations();
    assertTrue(gain > 0 && sweeps > 5, "a first round of " + sweeps + " sweeps gaining " + gain);
    // An f₀ at which the round's gain is above tol·f₀ but below the rate: it is the last round.
    double atRound = gain / o.tol() * 0.999;
    int[] rounds = new int[1];
    refined(p.x(), o, null, counting(rounds), atRound);
    assertEquals(1, rounds[0], "a gain of " + gain + " over " + sweeps + " sweeps is below the rate");
    // An f₀ at which the gain meets the rate: the next degenerate topic gets its round.
    double atRate = gain / o.tol() * 5 / sweeps * 0.999;
    rounds[0] = 0;
    refined(p.x(), o, null, counting(rounds), atRate);
    assertTrue(rounds[0] >= 2, "the rate met: " + rounds[0] + " rounds");
  }

  @Test
  void aContinuedFitStopsAsSoonAsItIsBelowTheFitItContinues() {
    // The round's own start is far below the first fit's (which starts at nndsvda), so its own rule
    // alone runs on past the first fit's objective. It stops at its first sweep below it. 16 topics
    // for the 12 themes of seed 6: one round (bound +∞).
    PlantedThemes p = planted(6);
    NmfOptions o = NmfOptions.defaults(16).withLoss(Loss.KL).withThreads(2).withTrace(true).withTol(1e-4);
    int k = o.k();
    double[] w = new double[p.x().rows() * k];
    double[] ht = new double[p.x().cols() * k];
    try (Workers workers = Workers.of(o.threads())) {
      CsrMatrix x = p.x();
      CsrMatrix xt = x.transpose();
      Initializer.initialize(x, xt, k, o.init(), new SplittableRandom(o.seed()), workers, w, ht);
      Regularization reg = Regularization.of(o, x.rows(), x.cols());
      long t0 = System.nanoTime();
      double[] start = new double[1];
      NmfResult first = Nmf.run(x, xt, o, NmfListener.NONE, w, ht, reg, workers, null, new ArrayList<>(), t0, start);
      int firstSweeps = first.iterations();
      double before = first.objective();
      NmfResult r = TopicReseed.refine(x, xt, o, NmfListener.NONE, first, w, ht, reg, workers, null, dir, t0,
          MemoryPlan::freeHeap, Double.POSITIVE_INFINITY);
      java.util.List<Double> round = new ArrayList<>();
      for (TracePoint q : r.trace()) {
        if (q.iteration() > firstSweeps) round.add(q.objective());
      }
      int sweeps = round.size();
      assertTrue(r.converged() && sweeps >= 1 && r.objective() < before, "one kept round of " + sweeps + " sweeps, converged");
      // round.get(t - 1) is the objective after the round's sweep t.
      for (int t = 1; t < sweeps; t++) {
        assertTrue(round.get(t - 1) >= before, "after sweep " + t + " the round was below the first fit and went on");
      }
      assertTrue(round.get(sweeps - 1) < before, "the round stopped below the first fit");
    }
  }

  /** The heap as the plan sees it, counting the calls: one per re-seed round tried. */
  private static MemoryPlan.FreeHeap counting(int[] rounds) {
    return needed -> {
      rounds[0]++;
      return MemoryPlan.freeHeap(needed);
    };
  }

  @Test
  void compactLayoutChosenByThePlanIsNotReseeded() {
    // The plan picks the compact layout when memory is tight; the re-seed's rank-2 fit is not in it.
    PlantedThemes p = planted(7);
    NmfResult plain = Nmf.fitPlain(p.x(), kl(2));
    NmfResult compact = Nmf.fitInMemory(p.x(), kl(2), NmfListener.NONE, dir, dir, true);
    NmfResult reseeded = Nmf.fitInMemory(p.x(), kl(2), NmfListener.NONE, null, dir, true);
    assertArrayEquals(plain.w().data(), compact.w().data(), 0.0);
    assertEquals(plain.iterations(), compact.iterations());
    assertEquals(1, TopicReseed.degenerate(compact).length);
    assertTrue(reseeded.iterations() > compact.iterations(), "the plain layout re-seeds");
    assertEquals(0, TopicReseed.degenerate(reseeded).length);
  }

  @Test
  void roundWhoseRankTwoFitHasNoRoomIsNotTried() {
    PlantedThemes p = planted(7);
    NmfResult plain = Nmf.fitPlain(p.x(), kl(2));
    double[][] none = reseeded(p.x(), kl(2), null, needed -> 0L);
    assertArrayEquals(plain.w().data(), none[0], 0.0, "no heap to spare: the fit as it was");
    assertArrayEquals(plain.h().data(), none[1], 0.0);
    long[] asked = new long[1];
    double[][] roomy = reseeded(p.x(), kl(2), null, needed -> {
      asked[0] = Math.max(asked[0], needed);
      return Long.MAX_VALUE / 2;
    });
    assertArrayEquals(Nmf.fit(p.x(), kl(2), null).w().data(), roomy[0], 0.0, "room: re-seeded as Nmf.fit");
    // asked for the rank-2 fit's need plus the plan's margin of a tenth of the maximum heap
    assertTrue(asked[0] > Runtime.getRuntime().maxMemory() / 10, "asked with the margin: " + asked[0]);
  }

  @Test
  void subRowsKeepsTheRowsInOrder() {
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {{1, 0, 2}, {0, 0, 0}, {0, 3, 0}, {4, 5, 6}}, 3);
    CsrMatrix sub = TopicReseed.subRows(x, new int[] {3, 1, 0});
    assertArrayEquals(new double[][] {{4, 5, 6}, {0, 0, 0}, {1, 0, 2}}, sub.toDense());
  }
}

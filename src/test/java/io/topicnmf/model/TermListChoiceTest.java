package io.topicnmf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.eval.Coherence;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.matrix.DenseMatrix;
import io.topicnmf.nmf.NmfResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TermListChoiceTest {
  /**
   * Four planted topics of 25 words each; every document draws most of its words from one topic,
   * a few from a background of 8 words present nearly everywhere, and a rare word six times
   * (a word of three documents, of high lift, that co-occurs with nothing).
   */
  static List<String> plantedTexts(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      int topic = i % 4;
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < 40; j++) b.append("t").append(topic).append("w").append(letters(rng.nextInt(25))).append(' ');
      for (int j = 0; j < 6; j++) b.append("bg").append(letters(rng.nextInt(8))).append(' ');
      // a rare word is in 3 documents of the topic: a high lift, co-occurring with little
      for (int j = 0; j < 6; j++) b.append("rare").append(letters(topic + 4 * (i / 12))).append(' ');
      texts.add(b.toString());
    }
    return texts;
  }

  private static String letters(int n) {
    StringBuilder s = new StringBuilder();
    do {
      s.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return s.toString();
  }

  private static TopicModelResult fit(int threads) throws Exception {
    FitOptions o = FitOptions.defaults(4).withNmf(n -> n.withThreads(threads));
    TopicModel m = new TopicModeler(o).fitTexts(plantedTexts(3));
    return m.training().orElseThrow();
  }

  @Test
  void anExclusiveListLeavesOutWhatTheOtherTopicsListAndGoesDeeper() {
    // Topics 0 and 1 share term 0 (a theme's frequent word); topic 2 shares nothing.
    int[][] top = {{0, 1, 2}, {0, 3, 4}, {7, 8, 9}};
    int[][] deep = {{0, 1, 2, 5, 3, 6}, {0, 3, 4, 1, 10, 11}, {7, 8, 9, 12}};
    int[][] got = TermListChoice.exclusive(top, deep, 3, 13);
    assertArrayEquals(new int[] {1, 2, 5}, got[0]);
    assertArrayEquals(new int[] {3, 4, 10}, got[1]);
    assertArrayEquals(new int[] {7, 8, 9}, got[2]);
    // A ranking that runs out gives a shorter list (never eligible: shorter than the list without floor).
    int[][] shallow = TermListChoice.exclusive(new int[][] {{0, 1}, {0, 2}}, new int[][] {{0, 1}, {0, 2}}, 2, 3);
    assertArrayEquals(new int[] {1}, shallow[0]);
    assertArrayEquals(new int[] {2}, shallow[1]);
  }

  @Test
  void autoIsTheDefaultAndItsChoiceIsRecorded() throws Exception {
    assertTrue(FitOptions.defaults(3).autoRelevance());
    TopicModelResult r = fit(1);
    TermListChoice.Ranking ranking = r.quality().ranking();
    assertEquals("auto", ranking.mode());
    assertEquals(TermListChoice.CANDIDATES, ranking.candidates());
    assertEquals(4, ranking.topics().size());
    assertTrue(r.quality().diversity() >= TermListChoice.MIN_DIVERSITY);
  }

  @Test
  void theChoiceMaximisesNpmiAmongTheCandidatesOnAPlantedCorpus() throws Exception {
    TopicModelResult r = fit(1);
    NmfResult f = r.factorization();
    CsrMatrix counts = r.counts();
    List<TermListChoice.Candidate> cands = new ArrayList<>();
    List<int[][]> lists = new ArrayList<>();
    TermListChoice.candidates(f.w(), f.h(), r.matrix(), counts, 10, r.vocabulary().terms(), cands, lists);
    assertEquals(TermListChoice.RANKED + TermListChoice.EXCLUSIVE, cands.size());
    int[] dominant = Described.dominantTopics(f.w());
    TermListChoice.Result chosen = TermListChoice.choose(cands, lists, counts, 4, dominant);
    double[][] cover = TermListChoice.coverage(counts, lists, 4, dominant);
    double[] bestCover = new double[4];
    for (double[] c : cover) for (int t = 0; t < 4; t++) bestCover[t] = Math.max(bestCover[t], c[t]);
    double mean = mean(Coherence.strictNpmi(counts, chosen.lists()));
    double bestFixed = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < lists.size(); c++) {
      int[][] l = lists.get(c);
      boolean covers = true;
      for (int t = 0; t < 4; t++) covers &= cover[c][t] >= TermListChoice.MIN_COVERAGE * bestCover[t] - 1e-12;
      double v = mean(Coherence.strictNpmi(counts, l));
      if (covers && Coherence.diversity(l) >= TermListChoice.MIN_DIVERSITY) bestFixed = Math.max(bestFixed, v);
    }
    assertTrue(mean >= bestFixed - 1e-12, mean + " < best single candidate " + bestFixed);
    // No listed term is a rare word (one of 3 documents): they have the highest lift but co-occur with nothing.
    for (int[] l : chosen.lists()) {
      for (int j : l) assertTrue(!r.vocabulary().term(j).startsWith("rare"), r.vocabulary().term(j));
    }
    // Each topic's list is the best of every candidate for that topic that keeps the lists diverse.
    int[][] now = chosen.lists();
    double[] own = Coherence.strictNpmi(counts, now);
    for (int t = 0; t < 4; t++) {
      for (int c = 0; c < lists.size(); c++) {
        int[][] l = lists.get(c);
        if (l[t].length < lists.get(0)[t].length) continue;
        if (cover[c][t] < TermListChoice.MIN_COVERAGE * bestCover[t] - 1e-12) continue;
        int[][] trial = now.clone();
        trial[t] = l[t];
        if (Coherence.diversity(trial) < TermListChoice.MIN_DIVERSITY) continue;
        double v = Coherence.strictNpmi(counts, new int[][] {l[t]})[0];
        assertTrue(v <= own[t] + 1e-12, "topic " + t + ": a candidate scores " + v + " > " + own[t]);
      }
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  @Test
  void theCandidatesRankByRefitHAndTheTopicsOwnDocumentsCountsWithinHsSupport() throws Exception {
    TopicModelResult r = fit(1);
    NmfResult f = r.factorization();
    List<TermListChoice.Candidate> cands = new ArrayList<>();
    List<int[][]> lists = new ArrayList<>();
    TermListChoice.candidates(f.w(), f.h(), r.matrix(), r.counts(), 10, r.vocabulary().terms(), cands, lists);
    int per = TermListChoice.RANKED / 3;
    assertEquals(List.of("refit", "h", "tf"), List.of(cands.get(0).weights(), cands.get(per).weights(),
        cands.get(2 * per).weights()));
    for (int c = 0; c < cands.size(); c++) {
      for (int t = 0; t < 4; t++) {
        for (int j : lists.get(c)[t]) assertTrue(f.h().get(t, j) > 0, cands.get(c) + " lists a term without weight");
      }
    }
  }

  @Test
  void dominantCountsSumTheCountsOfEachTopicsDocumentsOnHsSupport() {
    // Documents 0 and 2 are topic 0's (document 2 on a tie: the first topic), 1 is topic 1's,
    // 3 has no weight. Topic 1 has no weight for term 2, topic 0 none for term 3.
    DenseMatrix w = DenseMatrix.of(new double[][] {{0.9, 0.1}, {0.2, 0.7}, {0.5, 0.5}, {0, 0}});
    DenseMatrix h = DenseMatrix.of(new double[][] {{1, 1, 1, 0}, {1, 1, 0, 1}});
    CsrMatrix counts = CsrMatrix.fromDense(new double[][] {{2, 0, 1, 5}, {1, 3, 4, 2}, {0, 1, 0, 0}, {7, 7, 7, 7}}, 4);
    DenseMatrix tf = TermListChoice.dominantCounts(w, h, counts);
    assertArrayEquals(new double[] {2, 1, 1, 0, 1, 3, 0, 2}, tf.data(), 0);
  }

  @Test
  void aPairOfRareTermsThatNeverMeetIsNotPreferredToAPairThatMeetsRarely() {
    // 1,000 documents. Terms 0 and 1 are in 500 documents each and meet in 10: NPMI ≈ −0.70.
    // Terms 2 and 3 are in one document each and never meet: −1, but with ε about −0.5.
    double[][] c = new double[1000][4];
    for (int i = 0; i < 500; i++) c[i][0] = 1;
    for (int i = 490; i < 990; i++) c[i][1] = 1;
    c[995][2] = 1;
    c[996][3] = 1;
    CsrMatrix counts = CsrMatrix.fromDense(c, 4);
    List<TermListChoice.Candidate> cands = List.of(new TermListChoice.Candidate("refit", 0, "none", 0),
        new TermListChoice.Candidate("refit", 1, "none", 0));
    List<int[][]> lists = List.of(new int[][] {{2, 3}}, new int[][] {{0, 1}});
    assertTrue(Coherence.compute(counts, lists.get(0)).npmi()[0] > Coherence.compute(counts, lists.get(1)).npmi()[0],
        "with ε the rare pair looks more coherent");
    TermListChoice.Result r = TermListChoice.choose(cands, lists, counts, 1, null);
    assertArrayEquals(new int[] {0, 1}, r.lists()[0]);
    assertEquals(cands.get(1), r.ranking().topics().get(0));
  }

  @Test
  void aListOfTermsConfinedToAFewOfTheTopicsDocumentsIsNotEligible() {
    // 20 documents of topic 0. Terms 0-2 are in documents 0-1 only (NPMI 1); terms 3-5 are in
    // documents 0-9 and 10-19 in turns (they meet less: NPMI below 1), covering all 20.
    double[][] c = new double[20][6];
    for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) c[i][j] = 1;
    for (int i = 0; i < 20; i++) {
      c[i][3 + i % 3] = 1;
      c[i][3 + (i + 1) % 3] = 1;
    }
    CsrMatrix counts = CsrMatrix.fromDense(c, 6);
    List<TermListChoice.Candidate> cands = List.of(new TermListChoice.Candidate("tf", 0, "none", 0),
        new TermListChoice.Candidate("tf", 1, "none", 0));
    List<int[][]> lists = List.of(new int[][] {{0, 1, 2}}, new int[][] {{3, 4, 5}});
    int[] dominant = new int[20];
    double[][] cover = TermListChoice.coverage(counts, lists, 1, dominant);
    assertEquals(0.1, cover[0][0], 1e-12);
    assertEquals(1.0, cover[1][0], 1e-12);
    double[] npmi = Coherence.strictNpmi(counts, new int[][] {lists.get(0)[0], lists.get(1)[0]});
    assertTrue(npmi[0] > npmi[1], npmi[0] + " <= " + npmi[1]);
    // Without the coverage rule the confined list wins; with it (0.1 < 0.2 x 1.0), the other.
    assertArrayEquals(lists.get(0)[0], TermListChoice.choose(cands, lists, counts, 1, null).lists()[0]);
    TermListChoice.Result r = TermListChoice.choose(cands, lists, counts, 1, dominant);
    assertArrayEquals(lists.get(1)[0], r.lists()[0]);
    assertEquals(cands.get(1), r.ranking().topics().get(0));
    // Documents of no topic count for none; a topic without documents covers 0 and bars nothing.
    dominant[0] = -1;
    dominant[1] = -1;
    double[][] two = TermListChoice.coverage(counts, List.<int[][]>of(new int[][] {{0, 1, 2}, {3, 4, 5}}), 2, dominant);
    assertArrayEquals(new double[] {0.0, 0.0}, two[0], 0);
  }

  @Test
  void coverageCountsEachTopicsOwnDocumentsHoldingAListedTermOnRandomInputs() {
    SplittableRandom rnd = new SplittableRandom(31);
    for (int round = 0; round < 40; round++) {
      int d = 1 + rnd.nextInt(60);
      int m = 2 + rnd.nextInt(30);
      int k = 1 + rnd.nextInt(6);
      double[][] c = new double[d][m];
      for (int i = 0; i < d; i++) for (int j = 0; j < m; j++) if (rnd.nextInt(4) == 0) c[i][j] = 1 + rnd.nextInt(3);
      CsrMatrix counts = CsrMatrix.fromDense(c, m);
      int[] dominant = new int[d];
      for (int i = 0; i < d; i++) dominant[i] = rnd.nextInt(k + 1) - 1; // -1: no topic
      List<int[][]> lists = new ArrayList<>();
      for (int l = 0; l < 1 + rnd.nextInt(4); l++) {
        int[][] list = new int[k][];
        for (int t = 0; t < k; t++) {
          list[t] = rnd.ints(0, m).distinct().limit(1 + rnd.nextInt(Math.min(m, 5))).toArray();
        }
        lists.add(list);
      }
      double[][] cover = TermListChoice.coverage(counts, lists, k, dominant);
      for (int l = 0; l < lists.size(); l++) {
        for (int t = 0; t < k; t++) {
          int own = 0;
          int hit = 0;
          for (int i = 0; i < d; i++) {
            if (dominant[i] != t) continue;
            own++;
            boolean holds = false;
            for (int j : lists.get(l)[t]) holds |= c[i][j] > 0;
            if (holds) hit++;
          }
          assertEquals(own == 0 ? 0.0 : hit / (double) own, cover[l][t], 0.0, "round " + round + " list " + l + " topic " + t);
        }
      }
    }
  }

  @Test
  void eachTopicTakesItsMostCoherentCandidate() {
    // Terms 0-3 together in documents 0-3, terms 4-7 in documents 4-7, terms 8-11 in one document each.
    double[][] c = new double[12][12];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 4; j++) c[i][(i / 4) * 4 + j] = 1;
    }
    for (int j = 8; j < 12; j++) c[j][j] = 1;
    CsrMatrix counts = CsrMatrix.fromDense(c, 12);
    List<TermListChoice.Candidate> cands = List.of(new TermListChoice.Candidate("refit", 0.3, "none", 0),
        new TermListChoice.Candidate("refit", 0.9, "soft", 0.01));
    List<int[][]> lists = List.of(new int[][] {{0, 1, 2, 3}, {8, 9, 4, 10}}, new int[][] {{0, 8, 9, 11}, {4, 5, 6, 7}});
    TermListChoice.Result r = TermListChoice.choose(cands, lists, counts, 2, null);
    assertArrayEquals(new int[] {0, 1, 2, 3}, r.lists()[0]);
    assertArrayEquals(new int[] {4, 5, 6, 7}, r.lists()[1]);
    assertEquals(cands, r.ranking().topics());
    assertEquals(1.0, Coherence.compute(counts, r.lists()).meanNpmi(), 1e-9);
    for (int[][] l : lists) assertTrue(Coherence.compute(counts, l).meanNpmi() < 0.5);
  }

  @Test
  void aListLongerThanTheScoredLengthIsChosenByItsHead() {
    assertEquals(10, TermListChoice.SCORED);
    // Terms 0-9 all in documents 0-9; 30-39 all in documents 10-19; 20-29 one document each
    // (20-29); 40-59 all in documents 30-39.
    double[][] c = new double[40][60];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        c[i][j] = 1;
        c[10 + i][30 + j] = 1;
      }
      c[20 + i][20 + i] = 1;
      for (int j = 40; j < 60; j++) c[30 + i][j] = 1;
    }
    CsrMatrix counts = CsrMatrix.fromDense(c, 60);
    int[] other = new int[20];
    for (int j = 0; j < 20; j++) other[j] = 40 + j;
    // Candidate 0: a coherent head (0-9), a tail that meets nothing (20-29). Candidate 1: a mixed
    // head (0-4, 20-24), a coherent tail (30-39). Whole, candidate 1 scores higher; by the heads,
    // candidate 0 does.
    int[] a = new int[20];
    int[] b = new int[20];
    for (int j = 0; j < 10; j++) {
      a[j] = j;
      a[10 + j] = 20 + j;
      b[j] = j < 5 ? j : 15 + j;
      b[10 + j] = 30 + j;
    }
    List<int[][]> lists = List.of(new int[][] {a, other}, new int[][] {b, other});
    assertTrue(Coherence.compute(counts, new int[][] {b}).meanNpmi() > Coherence.compute(counts, new int[][] {a}).meanNpmi());
    List<TermListChoice.Candidate> cands = List.of(new TermListChoice.Candidate("refit", 0.3, "none", 0),
        new TermListChoice.Candidate("refit", 0.9, "none", 0));
    TermListChoice.Result r = TermListChoice.choose(cands, lists, counts, 2, null);
    assertArrayEquals(a, r.lists()[0], "the whole list of the candidate with the coherent head");
    assertEquals(cands.get(0), r.ranking().topics().get(0));
    // The heads are the first ten terms; a list of ten or fewer is its own head.
    assertArrayEquals(java.util.Arrays.copyOf(b, 10), TermListChoice.heads(lists).get(1)[0]);
    List<int[][]> shortLists = new ArrayList<>();
    shortLists.add(new int[][] {{1, 2, 3}});
    assertEquals(3, TermListChoice.heads(shortLists).get(0)[0].length);
  }

  @Test
  void anExclusiveLongListLeavesOutOnlyWhatTheOtherTopicsHeadsHold() {
    // Topic 1 lists term 0 only after its first ten terms: topic 0 keeps it.
    int[][] top = new int[2][12];
    int[][] deep = new int[2][24];
    for (int j = 0; j < 12; j++) {
      top[0][j] = j;
      top[1][j] = j < 11 ? 12 + j : 0;
    }
    for (int j = 0; j < 24; j++) {
      deep[0][j] = j < 12 ? j : 30 + j;
      deep[1][j] = j < 12 ? top[1][j] : 60 + j;
    }
    int[][] got = TermListChoice.exclusive(top, deep, 12, 100);
    assertArrayEquals(top[0], got[0]);
    // Topic 1's own term 0 is in topic 0's head: left out, the next of its ranking in its place.
    assertEquals(11, java.util.Arrays.stream(got[1]).filter(j -> j >= 12 && j < 23).count());
    assertEquals(72, got[1][11]);
  }

  @Test
  void diversityIsKeptWhenTheMostCoherentListsShareTerms() {
    // Terms 0-3 are together in 7 of 8 documents (NPMI 1 between them); term 4..9 in 2 documents.
    double[][] c = new double[8][10];
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 4; j++) c[i][j] = 1;
    }
    for (int j = 4; j < 10; j++) {
      c[(j - 4) % 8][j] = 1;
      c[(j - 1) % 8][j] = 1;
    }
    CsrMatrix counts = CsrMatrix.fromDense(c, 10);
    List<TermListChoice.Candidate> cands = List.of(new TermListChoice.Candidate("h", 1, "none", 0),
        new TermListChoice.Candidate("h", 0.5, "none", 0));
    // Candidate 0: both topics list the coherent terms (diversity 0.5); candidate 1: distinct lists.
    List<int[][]> lists = List.of(new int[][] {{0, 1, 2, 3}, {0, 1, 2, 3}}, new int[][] {{0, 4, 5, 6}, {1, 7, 8, 9}});
    TermListChoice.Result r = TermListChoice.choose(cands, lists, counts, 2, null);
    double div = Coherence.diversity(r.lists());
    assertTrue(div >= TermListChoice.MIN_DIVERSITY, "diversity " + div);
    // Topic 0 can take the coherent list (diversity 7/8), topic 1 then cannot (it would be 4/8).
    assertArrayEquals(lists.get(0)[0], r.lists()[0]);
    assertArrayEquals(lists.get(1)[1], r.lists()[1]);
    assertEquals(List.of(cands.get(0), cands.get(1)), r.ranking().topics());
    assertTrue(Coherence.compute(counts, lists.get(0)).meanNpmi() > Coherence.compute(counts, r.lists()).meanNpmi());
  }

  @Test
  void aShorterListIsNeverChosenAndOnlyADiverseCandidateStarts() {
    double[][] c = new double[8][10];
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 4; j++) c[i][j] = 1;
    }
    for (int j = 4; j < 10; j++) {
      c[(j - 4) % 8][j] = 1;
      c[(j - 1) % 8][j] = 1;
    }
    CsrMatrix counts = CsrMatrix.fromDense(c, 10);
    List<TermListChoice.Candidate> cands = List.of(new TermListChoice.Candidate("refit", 1, "none", 0),
        new TermListChoice.Candidate("refit", 1, "hard", 0.02), new TermListChoice.Candidate("h", 0, "none", 0));
    // Candidate 1 lists only 2 (coherent, NPMI 1) terms for topic 0: not eligible. Only candidate
    // 2 reaches diversity 0.85 (7/8; candidate 0: 6/8), so it starts; topic 0 then takes candidate
    // 0's list (diversity stays 7/8), topic 1 cannot (it would fall to 6/8).
    List<int[][]> lists = List.of(new int[][] {{0, 1, 4, 5}, {0, 1, 6, 7}}, new int[][] {{0, 1}, {0, 1, 6, 7}},
        new int[][] {{0, 4, 5, 6}, {0, 7, 8, 9}});
    TermListChoice.Result r = TermListChoice.choose(cands, lists, counts, 2, null);
    assertEquals(4, r.lists()[0].length, "the 2-term list is never chosen");
    assertArrayEquals(lists.get(0)[0], r.lists()[0], "topic 0's best eligible list");
    assertEquals(cands.get(0), r.ranking().topics().get(0));
    assertArrayEquals(lists.get(2)[1], r.lists()[1], "topic 1 keeps the start's: the other would fall to 6/8");
    assertTrue(Coherence.diversity(r.lists()) >= 0.85);
  }

  @Test
  void theChoiceIsTheSameWhateverTheThreadCount() throws Exception {
    TopicModelResult one = fit(1);
    TopicModelResult two = fit(2);
    assertEquals(one.quality().ranking(), two.quality().ranking());
    for (int t = 0; t < 4; t++) assertEquals(one.topics().get(t).terms(), two.topics().get(t).terms());
  }

  @Test
  void applyListsTheFitsTermsAndReportsItsChoice(@TempDir Path tmp) throws Exception {
    Path folder = tmp.resolve("docs");
    Files.createDirectories(folder);
    List<String> texts = plantedTexts(3);
    for (int i = 0; i < texts.size(); i++) Files.writeString(folder.resolve(String.format("%03d.txt", i)), texts.get(i));
    TopicModelResult fitted = new TopicModeler(FitOptions.defaults(4)).fit(folder);
    Path file = tmp.resolve("model.json");
    TopicModel.of(fitted).save(file);
    SavedModel saved = ModelFiles.read(file);
    assertEquals(fitted.quality().ranking(), saved.ranking());
    assertTrue(saved.options().autoRelevance());
    TopicModelResult applied = ModelApplier.apply(saved, folder, 1, FitListener.NONE);
    for (int t = 0; t < 4; t++) assertEquals(fitted.topics().get(t).terms().stream().map(TermWeight::term).toList(),
        applied.topics().get(t).terms().stream().map(TermWeight::term).toList());
    assertEquals(fitted.quality().ranking(), applied.quality().ranking());
    assertEquals(fitted.quality().meanNpmi(), applied.quality().meanNpmi(), 1e-12);
  }
}

package io.topicnmf.eval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Agreement between a clustering of documents (each document's dominant topic) and their labels
 * (e.g. the sub-folder each file came from): normalised mutual information, adjusted Rand index and
 * purity, plus the topic × label table and each topic's majority label.
 *
 * <p>Only documents that are both <em>assigned</em> ({@code assigned[i] >= 0}) and
 * <em>labelled</em> ({@code labels[i] != null}) are scored; the others are left out of every
 * measure and of the table (the count scored is {@link Agreement#documents()}). A document gets
 * no assignment, for instance, when all its topic weights are zero.
 *
 * <h2>Definitions</h2>
 *
 * With {@code n_tj} the table entry, {@code a_t} its row sums (topic sizes), {@code b_j} its column
 * sums (label sizes) and {@code n} the number of scored documents:
 *
 * <ul>
 *   <li><b>NMI</b> = MI / ((H(topics) + H(labels)) / 2), natural logarithms; the arithmetic-mean
 *       normalisation of scikit-learn's {@code normalized_mutual_info_score} (its default since
 *       0.22), with its limit cases: 1 when both sides have a single non-empty class, 0 when the
 *       mutual information is 0 otherwise.
 *   <li><b>ARI</b> (Hubert &amp; Arabie 1985) computed as scikit-learn's {@code
 *       adjusted_rand_score} does, from the pair confusion matrix: 2(tp·tn − fn·fp) / ((tp+fn)(fn+tn)
 *       + (tp+fp)(fp+tn)), and 1 when fn = fp = 0. The products are formed exactly (they overflow a
 *       long beyond about 50 000 documents).
 *   <li><b>Purity</b> = (1/n) Σ_t max_j n_tj (Manning, Raghavan &amp; Schütze 2008, §16.3).
 * </ul>
 *
 * <p>One deviation from scikit-learn: with no scored document at all the three measures are {@code
 * NaN} (undefined), where scikit-learn returns 1.0 for empty inputs.
 */
public final class ClusterAgreement {
  private ClusterAgreement() {}

  /**
   * Scores topic assignments against labels.
   *
   * @param assigned {@code assigned[i]} = topic of document i in [0, k), or -1 for none
   * @param labels {@code labels[i]} = label of document i, or {@code null} for none
   * @param k number of topics (rows of the table)
   * @return the measures, the table and each topic's majority label
   * @throws IllegalArgumentException if the arrays differ in length, k &lt; 1 or an assignment is
   *     outside [-1, k)
   */
  public static Agreement compute(int[] assigned, String[] labels, int k) {
    Objects.requireNonNull(assigned, "assigned");
    Objects.requireNonNull(labels, "labels");
    if (assigned.length != labels.length) {
      throw new IllegalArgumentException(
          assigned.length + " assignments but " + labels.length + " labels; need one per document");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    TreeSet<String> distinct = new TreeSet<>();
    for (int i = 0; i < assigned.length; i++) {
      if (assigned[i] < -1 || assigned[i] >= k) {
        throw new IllegalArgumentException("document " + i + " is assigned to topic " + assigned[i]
            + ", outside [-1, " + k + ")");
      }
      if (labels[i] != null) {
        distinct.add(labels[i]);
      }
    }
    List<String> sorted = new ArrayList<>(distinct);
    Map<String, Integer> column = new HashMap<>();
    for (int j = 0; j < sorted.size(); j++) {
      column.put(sorted.get(j), j);
    }
    int[][] table = new int[k][sorted.size()];
    int scored = 0;
    for (int i = 0; i < assigned.length; i++) {
      if (assigned[i] >= 0 && labels[i] != null) {
        table[assigned[i]][column.get(labels[i])]++;
        scored++;
      }
    }
    int[] majority = new int[k];
    double[] share = new double[k];
    for (int t = 0; t < k; t++) {
      int best = -1;
      int size = 0;
      for (int j = 0; j < sorted.size(); j++) {
        size += table[t][j];
        if (table[t][j] > 0 && (best < 0 || table[t][j] > table[t][best])) {
          best = j;
        }
      }
      majority[t] = best;
      share[t] = best < 0 ? 0.0 : (double) table[t][best] / size;
    }
    return new Agreement(nmi(table), ari(table), purity(table), scored, sorted, table, majority,
        share);
  }

  /**
   * NMI with arithmetic-mean normalisation from a contingency table (rows and columns are the two
   * partitions; the measure is symmetric). Empty rows and columns are ignored.
   *
   * @param table non-negative counts, rectangular
   * @return NMI in [0, 1], or {@code NaN} if the table is all zeros
   */
  public static double nmi(int[][] table) {
    long n = total(table);
    if (n == 0) {
      return Double.NaN;
    }
    long[] a = rowSums(table);
    long[] b = colSums(table);
    int rowsUsed = nonZero(a);
    int colsUsed = nonZero(b);
    if (rowsUsed == 1 && colsUsed == 1) {
      return 1.0; // neither side splits the data: a perfect match (scikit-learn's limit case)
    }
    if (rowsUsed == 1 || colsUsed == 1) {
      return 0.0; // one side has zero entropy, so MI = 0
    }
    double logN = Math.log(n);
    double mi = 0;
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < b.length; j++) {
        long c = table[i][j];
        if (c > 0) {
          double term = (double) c / n * (Math.log(c) + logN - Math.log((double) a[i] * b[j]));
          // scikit-learn drops terms below machine epsilon, so exact independence gives exactly 0.
          if (Math.abs(term) >= Math.ulp(1.0)) {
            mi += term;
          }
        }
      }
    }
    mi = Math.max(mi, 0.0);
    if (mi == 0.0) {
      return 0.0;
    }
    double normalizer = (entropy(a, n) + entropy(b, n)) / 2;
    return Math.min(1.0, mi / normalizer);
  }

  /**
   * Adjusted Rand index from a contingency table, computed as scikit-learn does (symmetric).
   *
   * @param table non-negative counts, rectangular
   * @return ARI in [-0.5, 1], or {@code NaN} if the table is all zeros
   */
  public static double ari(int[][] table) {
    long n = total(table);
    if (n == 0) {
      return Double.NaN;
    }
    long[] a = rowSums(table);
    long[] b = colSums(table);
    long sumSquares = 0;
    for (int[] row : table) {
      for (int c : row) {
        sumSquares += (long) c * c;
      }
    }
    long sumA2 = 0;
    for (long x : a) {
      sumA2 += x * x;
    }
    long sumB2 = 0;
    for (long x : b) {
      sumB2 += x * x;
    }
    // Pair confusion matrix (ordered pairs), as sklearn.metrics.cluster.pair_confusion_matrix.
    BigInteger tp = BigInteger.valueOf(sumSquares - n);
    BigInteger fp = BigInteger.valueOf(sumB2 - sumSquares);
    BigInteger fn = BigInteger.valueOf(sumA2 - sumSquares);
    BigInteger tn = BigInteger.valueOf(n).multiply(BigInteger.valueOf(n))
        .subtract(fp).subtract(fn).subtract(BigInteger.valueOf(sumSquares));
    if (fn.signum() == 0 && fp.signum() == 0) {
      return 1.0;
    }
    BigInteger num = tp.multiply(tn).subtract(fn.multiply(fp)).shiftLeft(1);
    BigInteger den = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
    return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
  }

  /**
   * Purity of the rows (clusters) with respect to the columns (classes): the share of documents
   * in their row's largest column. Not symmetric.
   *
   * @param table non-negative counts, rectangular, rows = clusters
   * @return purity in (0, 1], or {@code NaN} if the table is all zeros
   */
  public static double purity(int[][] table) {
    long n = total(table);
    if (n == 0) {
      return Double.NaN;
    }
    long sum = 0;
    for (int[] row : table) {
      int max = 0;
      for (int c : row) {
        max = Math.max(max, c);
      }
      sum += max;
    }
    return (double) sum / n;
  }

  private static long total(int[][] table) {
    Objects.requireNonNull(table, "table");
    int cols = table.length == 0 ? 0 : table[0].length;
    long n = 0;
    for (int i = 0; i < table.length; i++) {
      if (table[i].length != cols) {
        throw new IllegalArgumentException(
            "table row " + i + " has " + table[i].length + " columns, row 0 has " + cols);
      }
      for (int c : table[i]) {
        if (c < 0) {
          throw new IllegalArgumentException("negative count " + c + " in table row " + i);
        }
        n += c;
      }
    }
    return n;
  }

  private static long[] rowSums(int[][] table) {
    long[] s = new long[table.length];
    for (int i = 0; i < table.length; i++) {
      for (int c : table[i]) {
        s[i] += c;
      }
    }
    return s;
  }

  private static long[] colSums(int[][] table) {
    long[] s = new long[table.length == 0 ? 0 : table[0].length];
    for (int[] row : table) {
      for (int j = 0; j < row.length; j++) {
        s[j] += row[j];
      }
    }
    return s;
  }

  private static int nonZero(long[] s) {
    int c = 0;
    for (long x : s) {
      if (x > 0) {
        c++;
      }
    }
    return c;
  }

  private static double entropy(long[] counts, long n) {
    double logN = Math.log(n);
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        h -= (double) c / n * (Math.log(c) - logN);
      }
    }
    return h;
  }
}

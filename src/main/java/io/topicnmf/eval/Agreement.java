package io.topicnmf.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Agreement of topic assignments with document labels, as computed by {@link
 * ClusterAgreement#compute}. Arrays are copied on the way in and out; the record is immutable.
 *
 * @param nmi normalised mutual information, arithmetic-mean normalisation (scikit-learn's default),
 *     in [0, 1]; {@code NaN} when no document is both assigned and labelled
 * @param ari adjusted Rand index (Hubert &amp; Arabie 1985), in [-0.5, 1], 0 for chance; {@code NaN}
 *     when no document is both assigned and labelled
 * @param purity share of documents whose label is their topic's majority label, in (0, 1]; {@code
 *     NaN} when no document is both assigned and labelled
 * @param documents number of documents scored (assigned to a topic and labelled)
 * @param labels the distinct labels of all labelled documents, sorted by {@link String#compareTo}
 * @param table {@code table[t][j]} = number of scored documents of topic t with label {@code
 *     labels.get(j)}; one row per topic (k rows), one column per label
 * @param majorityLabel per topic, the index into {@code labels} of its most frequent label (the
 *     first in sorted order on ties), or -1 for a topic without scored documents
 * @param majorityShare per topic, the majority label's share of the topic's scored documents, 0 for
 *     a topic without scored documents
 */
public record Agreement(
    double nmi,
    double ari,
    double purity,
    int documents,
    List<String> labels,
    int[][] table,
    int[] majorityLabel,
    double[] majorityShare) {
  public Agreement {
    labels = List.copyOf(labels);
    table = deepCopy(table);
    majorityLabel = majorityLabel.clone();
    majorityShare = majorityShare.clone();
    if (majorityLabel.length != table.length || majorityShare.length != table.length) {
      throw new IllegalArgumentException("table has " + table.length + " topics but majorityLabel has "
          + majorityLabel.length + " and majorityShare " + majorityShare.length);
    }
    for (int[] row : table) {
      if (row.length != labels.size()) {
        throw new IllegalArgumentException("table row has " + row.length + " columns for "
            + labels.size() + " labels");
      }
    }
  }

  /** The topic × label table (a copy). */
  @Override
  public int[][] table() {
    return deepCopy(table);
  }

  /** Per topic, the index of its majority label or -1 (a copy). */
  @Override
  public int[] majorityLabel() {
    return majorityLabel.clone();
  }

  /** Per topic, the share of its majority label (a copy). */
  @Override
  public double[] majorityShare() {
    return majorityShare.clone();
  }

  /** The majority label of topic {@code t}, or {@code null} if it has no scored document. */
  public String majorityLabelOf(int t) {
    int j = majorityLabel[t];
    return j < 0 ? null : labels.get(j);
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] c = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Agreement a
        && Double.compare(nmi, a.nmi) == 0
        && Double.compare(ari, a.ari) == 0
        && Double.compare(purity, a.purity) == 0
        && documents == a.documents
        && labels.equals(a.labels)
        && Arrays.deepEquals(table, a.table)
        && Arrays.equals(majorityLabel, a.majorityLabel)
        && Arrays.equals(majorityShare, a.majorityShare);
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(nmi);
    h = 31 * h + Double.hashCode(ari);
    h = 31 * h + Double.hashCode(purity);
    h = 31 * h + documents;
    h = 31 * h + labels.hashCode();
    h = 31 * h + Arrays.deepHashCode(table);
    h = 31 * h + Arrays.hashCode(majorityLabel);
    return 31 * h + Arrays.hashCode(majorityShare);
  }

  @Override
  public String toString() {
    return "Agreement[nmi=" + nmi + ", ari=" + ari + ", purity=" + purity + ", documents="
        + documents + ", labels=" + labels + ", table=" + Arrays.deepToString(table)
        + ", majorityLabel=" + Arrays.toString(majorityLabel) + ", majorityShare="
        + Arrays.toString(majorityShare) + "]";
  }
}

package io.topicnmf.model;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A document's topic weights divided by their sum, read from its row of W when asked instead of
 * held as boxed numbers: an unmodifiable {@code List<Double>} of about 32 bytes per document,
 * where a list of 50 boxed weights takes about a kilobyte (a gigabyte for a million documents).
 * Entry {@code t} is {@code w[offset + t] / sum}, the value {@link Described} used to store.
 *
 * <p>The array is shared with the factorization and must not change afterwards (W is not modified
 * once described).
 */
final class WeightShares extends AbstractList<Double> implements RandomAccess {
  private final double[] w;
  private final int offset;
  private final int k;
  private final double sum;

  /**
   * @param w the row-major data of W
   * @param offset where the document's row starts in {@code w}
   * @param k the number of topics
   * @param sum the sum of the row, positive
   */
  WeightShares(double[] w, int offset, int k, double sum) {
    if (offset < 0 || k < 0 || offset + k > w.length || !(sum > 0)) {
      throw new IllegalArgumentException("row at " + offset + " of " + k + " weights with sum " + sum
          + " does not lie in W of " + w.length + " entries");
    }
    this.w = w;
    this.offset = offset;
    this.k = k;
    this.sum = sum;
  }

  @Override
  public Double get(int t) {
    return share(t);
  }

  /** Entry {@code t} without boxing. */
  double share(int t) {
    if (t < 0 || t >= k) throw new IndexOutOfBoundsException("topic " + t + " of " + k);
    return w[offset + t] / sum;
  }

  @Override
  public int size() {
    return k;
  }
}

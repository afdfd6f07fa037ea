package io.topicnmf.nmf;

import io.topicnmf.parallel.Workers;

/**
 * Where a row-major {@code rows × k} factor is not zero, for the passes of {@link KlCdSolver}
 * that read one row of the fixed factor per stored entry of X: a bit mask per row (bit t set when
 * {@code f[j·k + t] != 0}), and, when the factor has at most {@code packShare·rows·k} non-zeros,
 * also the non-zero entries themselves packed row by row ({@code idx}, {@code val} at {@code
 * [ptr[j], ptr[j + 1])}, components increasing), 6 bytes an entry: a char component and the
 * value rounded to float. The packed copy is a few cache lines per row where the dense row is k
 * doubles (H is 94% zeros at k = 50 on the scale corpus, so the whole of it fits in cache); the
 * mask serves while the factor is still dense (after nndsvda). Either way a pass visits the same
 * non-zero terms in the same order, with the same float-rounded values ({@link #fixed}). In 6
 * bytes instead of 12 (int and double), W's copy at 300 k documents fits the last-level cache far
 * better: the steady sweeps there took 18% less time (bench/RESULTS.md, "Stop 37"), for a
 * relative change of the objective of about 10⁻⁸. Refilled by {@link #of} whenever the factor
 * changes; package-private.
 */
final class NonZeros {
  /** The share of a factor's entries up to which {@link KlUpdater} keeps a packed copy. */
  static final double PACK_SHARE = 0.5;

  final int rows;
  final int k;
  final int words;
  final long[] mask;
  final int[] ptr;
  /** Component t of each packed entry (k ≤ {@value #MAX_PACKED_K}, so a char holds it). */
  char[] idx = new char[0];
  /** The factor's value of each packed entry, rounded to float (see {@link #of}). */
  float[] val = new float[0];
  /** Whether {@code ptr}, {@code idx} and {@code val} hold the factor last given to {@link #of}. */
  boolean packed;
  /**
   * The power of two a packed value stands for: entry q is {@code val[q]·unit}. 1 unless the
   * factor's largest entry is outside [2⁻⁶⁴, 2⁶⁴] ({@link #unitOf}); see {@link #fixed}.
   */
  double unit = 1.0;
  /** {@code 1 / unit}, also a power of two. */
  double inverse = 1.0;
  private final long cap;
  /** Whether the packed arrays are allocated at the cap at once (a share below 1), or at the size needed. */
  private final boolean atCap;

  NonZeros(int rows, int k, double packShare) {
    this.rows = rows;
    this.k = k;
    this.words = (k + 63) >>> 6;
    this.mask = new long[rows * words];
    this.ptr = new int[rows + 1];
    this.cap = (long) Math.floor(packShare * rows * (double) k);
    this.atCap = packShare < 1.0;
  }

  /** The non-zeros of {@code f} (its first {@code rows·k} entries), over blocks of rows when {@code workers} is not null. */
  NonZeros of(double[] f, Workers workers) {
    // The masks' pass also finds each block's largest entry, for the unit.
    double max;
    if (workers != null) {
      double[] blockMax = new double[Math.max(1, Workers.blockCount(rows, Sweeps.BLOCK))];
      workers.forEachBlock(rows, Sweeps.BLOCK, (b, from, to) -> blockMax[b] = masks(f, from, to));
      max = 0.0;
      for (double m : blockMax) max = Math.max(max, m);
    } else {
      max = masks(f, 0, rows);
    }
    unit = unitOf(max);
    inverse = 1.0 / unit;
    long total = 0;
    for (int j = 0; j < rows; j++) {
      ptr[j] = (int) Math.min(total, Integer.MAX_VALUE);
      for (int w = 0; w < words; w++) total += Long.bitCount(mask[j * words + w]);
    }
    packed = k <= MAX_PACKED_K && total <= cap && total <= Integer.MAX_VALUE - 8;
    if (!packed) return this;
    ptr[rows] = (int) total;
    if (idx.length < total) {
      // A copy refilled at every sweep (a share below 1: the updater's) is allocated once, at the
      // cap, which the memory plan counts (NmfMemory): a factor fills in sweep by sweep, and
      // growing by steps allocated a fresh pair at each of them (at a million documents 300 MB for
      // W's, in humongous regions that G1 must find contiguous in a heap near its limit) while the
      // old pair was still garbage. A one-shot copy (share 1, e.g. a transform's H) takes its size.
      long size = atCap ? Math.min(cap, Integer.MAX_VALUE - 8) : total;
      idx = null;
      val = null;
      idx = new char[(int) size];
      val = new float[(int) size];
    }
    if (workers != null) {
      workers.forEachBlock(rows, Sweeps.BLOCK, (b, from, to) -> pack(f, from, to));
    } else {
      pack(f, 0, rows);
    }
    return this;
  }

  /** The masks of rows {@code [from, to)}; returns their largest entry. */
  private double masks(double[] f, int from, int to) {
    double max = 0.0;
    for (int j = from; j < to; j++) {
      for (int w = 0; w < words; w++) {
        long bits = 0L;
        for (int t = w << 6, end = Math.min(k, (w + 1) << 6); t < end; t++) {
          double e = f[j * k + t];
          bits |= (e != 0.0 ? 1L : 0L) << (t & 63);
          max = Math.max(max, e);
        }
        mask[j * words + w] = bits;
      }
    }
    return max;
  }

  private void pack(double[] f, int from, int to) {
    for (int j = from; j < to; j++) {
      int q = ptr[j];
      for (int w = 0; w < words; w++) {
        for (long bits = mask[j * words + w]; bits != 0L; bits &= bits - 1) {
          int t = (w << 6) + Long.numberOfTrailingZeros(bits);
          idx[q] = (char) t;
          val[q++] = (float) (f[j * k + t] * inverse);
        }
      }
    }
  }

  /** The largest rank whose components a packed entry's char holds; a larger rank is never packed. */
  static final int MAX_PACKED_K = Character.MAX_VALUE;

  /** Bytes of one packed entry: a char component and a float value. */
  static final int PACKED_ENTRY_BYTES = 6;

  /**
   * The value the solvers read for an entry of the factor last given to {@link #of}: rounded to
   * float, in units of {@link #unit}, as the packed copy holds it, so a pass over the dense factor
   * (through the masks) computes with the same numbers as a pass over the packed copy and the two
   * leave the same bits. With unit 1 (any factor whose largest entry is within [2⁻⁶⁴, 2⁶⁴], the
   * factors of a TF-IDF matrix among them) this is {@code (float) f}.
   */
  double fixed(double f) {
    return (float) (f * inverse) * unit;
  }

  /**
   * The unit of the packed values of a factor whose largest entry is {@code max}: 1 when it is
   * within [2⁻⁶⁴, 2⁶⁴] (or zero), else the power of two of that entry, so that entries far beyond
   * float's range (a KL fit of a matrix with values near 10³⁸ reached 10⁸⁰) keep their leading
   * digits. Scaling by a power of two is exact, so every sum the solver forms is that of the
   * unscaled values times the unit (bench/RESULTS.md, "Stop 37").
   */
  static double unitOf(double max) {
    if (!(max > 0.0) || (max >= 0x1p-64 && max <= 0x1p64) || Double.isInfinite(max)) {
      return 1.0;
    }
    return Math.scalb(1.0, Math.getExponent(max));
  }

  /** Heap of a {@code NonZeros} for {@code rows × k} with the given share packed at most. */
  static long bytes(long rows, long k, double packShare) {
    return 8 * rows * ((k + 63) >>> 6) + 4 * (rows + 1) + (long) (PACKED_ENTRY_BYTES * packShare * rows * k) + 64;
  }
}

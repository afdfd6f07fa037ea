package io.topicnmf.nmf;

/**
 * The fixed row-block size and the numeric floors shared by the solvers' kernels. Blocks have a
 * fixed size, never derived from the thread count, so that every kernel run over {@link
 * io.topicnmf.parallel.Workers} gives the same bits whatever {@code --threads} is.
 */
final class Sweeps {
  /** Rows per block for the HALS, NNLS and multiplicative-update sweeps; fixed, never derived from threads. */
  static final int BLOCK = 512;

  /** Replaces a zero denominator in multiplicative updates, as scikit-learn's {@code EPSILON} (float32 eps). */
  static final double MU_EPSILON = 1.1920928955078125e-7;

  /**
   * Floor of {@code (W·H)(i,j)} where a ratio {@code x/(W·H)} or a logarithm is taken, as
   * scikit-learn's {@code EPSILON} (float32 machine epsilon), so a zero prediction at a stored
   * entry gives a large but finite gradient.
   */
  static final double KL_EPSILON = 1.1920928955078125e-7;

  private Sweeps() {}
}

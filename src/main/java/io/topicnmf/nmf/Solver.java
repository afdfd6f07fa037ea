package io.topicnmf.nmf;

/**
 * The algorithm that updates W and H ({@code --solver auto|hals|cd|mu|anls}).
 *
 * <ul>
 *   <li>{@link #AUTO}: {@link #HALS} for the Frobenius loss, {@link #CD} for KL.
 *   <li>{@link #HALS}: hierarchical alternating least squares with the Gillis–Glineur acceleration
 *       (Frobenius only).
 *   <li>{@link #CD}: cyclic coordinate descent, one sweep per factor and iteration; for KL, the
 *       one-variable Newton updates of Hsieh &amp; Dhillon (KDD 2011).
 *   <li>{@link #MU}: multiplicative updates of Lee &amp; Seung as in scikit-learn (both losses).
 *   <li>{@link #ANLS}: alternating non-negative least squares, each factor solved exactly row by
 *       row with the block principal pivoting of Kim &amp; Park (SIAM J. Sci. Comput. 33(6), 2011),
 *       warm-started from the previous support (Frobenius only).
 * </ul>
 */
public enum Solver {
  AUTO,
  HALS,
  CD,
  MU,
  ANLS
}

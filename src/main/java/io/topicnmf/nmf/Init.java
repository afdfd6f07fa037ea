package io.topicnmf.nmf;

/**
 * How W and H are initialised ({@code --init}), following scikit-learn's {@code _initialize_nmf}.
 *
 * <ul>
 *   <li>{@link #NNDSVD}: non-negative double SVD (Boutsidis &amp; Gallopoulos 2008) on a randomized
 *       truncated SVD of X; small entries set to zero (good for sparse factors, but multiplicative
 *       updates cannot move them).
 *   <li>{@link #NNDSVDA}: NNDSVD with zeros replaced by the mean of X (the default).
 *   <li>{@link #NNDSVDAR}: NNDSVD with zeros replaced by small random values {@code |mean·N(0,1)/100|}.
 *   <li>{@link #RANDOM}: {@code |N(0,1)|·sqrt(mean(X)/k)} entries.
 * </ul>
 */
public enum Init {
  NNDSVD,
  NNDSVDA,
  NNDSVDAR,
  RANDOM
}

package io.topicnmf.nmf;

/**
 * The loss NMF minimises ({@code --loss frobenius|kl}).
 *
 * <ul>
 *   <li>{@link #FROBENIUS}: {@code ½‖X − WH‖²_F}, the squared error.
 *   <li>{@link #KL}: the generalized Kullback–Leibler divergence {@code Σ_ij x_ij·ln(x_ij/(WH)_ij) −
 *       x_ij + (WH)_ij}, better suited to counts and text (beta-divergence with β = 1). As in
 *       scikit-learn, a prediction {@code (WH)_ij} below ε = 2⁻²³ at a stored entry is raised to ε
 *       inside the logarithm, so the divergence stays finite.
 * </ul>
 */
public enum Loss {
  FROBENIUS,
  KL
}

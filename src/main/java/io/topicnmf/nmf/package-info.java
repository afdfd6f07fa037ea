/**
 * The factorization {@code X ≈ W·H} of any non-negative sparse matrix: options ({@link
 * io.topicnmf.nmf.NmfOptions}), initialisation (NNDSVD family via randomized SVD, random), the
 * Frobenius and KL solvers with their convergence and extrapolation, {@link
 * io.topicnmf.nmf.Nmf#fit} and {@link io.topicnmf.nmf.NmfTransform} (W for a fixed H), and the
 * result with its trace. It knows nothing of text.
 *
 * <p>The solvers own their kernels, in the style of EJML's {@code LinearSolverDense}: a solver
 * object is built once for a shape and owns its workspace, then is called once per
 * half-iteration without allocating. {@code HalsSolver} (HALS sweeps), {@code NnlsSolver} (exact
 * NNLS by block principal pivoting, Kim &amp; Park 2011), {@code KlCdSolver} (KL coordinate
 * descent, Hsieh &amp; Dhillon 2011) and {@code MultiplicativeUpdate} (Lee &amp; Seung, both
 * losses) run over fixed row blocks ({@code Sweeps.BLOCK}) and reduce in block order, so a fit
 * gives the same bits whatever the thread count.
 *
 * <p>Depends on {@code matrix} (CSR and dense types, generic sparse × dense and Gram kernels) and
 * {@code parallel}; EJML does the small dense linear algebra.
 */
package io.topicnmf.nmf;

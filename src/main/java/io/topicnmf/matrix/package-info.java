/**
 * Matrices in memory and their generic operations: the CSR sparse matrix ({@link
 * io.topicnmf.matrix.CsrMatrix}), the dense row-major matrix ({@link
 * io.topicnmf.matrix.DenseMatrix}), sparse × dense products ({@link
 * io.topicnmf.matrix.SparseKernels}) and dense kernels such as Gram matrices ({@link
 * io.topicnmf.matrix.DenseKernels}), each parallel over fixed row blocks with the same bits as
 * its single-threaded twin. File formats live in {@code io.topicnmf.matrix.io}; the NMF solvers'
 * own kernels in {@code io.topicnmf.nmf}.
 *
 * <p>Depends only on {@code parallel}. (The document-term building classes still here move to
 * {@code vectorize}.)
 */
package io.topicnmf.matrix;

/**
 * Matrix file formats: reading and writing the NIST Matrix Market exchange format ({@link
 * io.topicnmf.matrix.io.MatrixMarket}), reading a numeric CSV table as a non-negative sparse
 * matrix ({@link io.topicnmf.matrix.io.NumericCsv}, {@link io.topicnmf.matrix.io.NumericTable}),
 * and exporting a document-term matrix with its term and document names ({@link
 * io.topicnmf.matrix.io.MatrixExport}). Every reading error is a {@link
 * io.topicnmf.matrix.io.MatrixFormatException} that names the file and line.
 *
 * <p>Depends on {@code matrix} (the in-memory types), {@code files} (atomic writes) and {@code
 * parallel}; used by {@code cli} ({@code factorize}, {@code vectorize}, {@code fit
 * --save-matrix}).
 */
package io.topicnmf.matrix.io;

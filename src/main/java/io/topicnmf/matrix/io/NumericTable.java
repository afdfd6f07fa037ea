package io.topicnmf.matrix.io;

import io.topicnmf.matrix.CsrMatrix;
import java.util.List;
import java.util.Objects;

/**
 * A non-negative numeric table read from a CSV file by {@link NumericCsv#read}: the numeric
 * columns as a sparse matrix, with what is needed to label a factorization of it.
 *
 * @param matrix the numeric columns, one matrix row per data row of the file and one matrix column
 *     per numeric column, zeros not stored
 * @param columnNames the names of the numeric columns, in file order (the header's names, or
 *     {@code c1}, {@code c2}, ... by the column's 1-based position in the file when there is no
 *     header or a header cell is empty); {@code columnNames.get(j)} names matrix column {@code j}
 * @param ignoredColumns the names of the columns left out because they are not numeric (or empty),
 *     in file order, for the caller to print as a notice
 * @param rowLabels the values of the first non-numeric column, one per matrix row (such as the
 *     species of the Iris data), or {@code null} when every non-empty column is numeric
 */
public record NumericTable(
    CsrMatrix matrix, List<String> columnNames, List<String> ignoredColumns, List<String> rowLabels) {

  /** Copies the lists (read-only) and checks that their sizes match the matrix. */
  public NumericTable {
    Objects.requireNonNull(matrix, "matrix");
    columnNames = List.copyOf(columnNames);
    ignoredColumns = List.copyOf(ignoredColumns);
    rowLabels = rowLabels == null ? null : List.copyOf(rowLabels);
    if (columnNames.size() != matrix.cols()) {
      throw new IllegalArgumentException(
          columnNames.size() + " column names for a matrix with " + matrix.cols() + " columns");
    }
    if (rowLabels != null && rowLabels.size() != matrix.rows()) {
      throw new IllegalArgumentException(
          rowLabels.size() + " row labels for a matrix with " + matrix.rows() + " rows");
    }
  }
}

package io.topicnmf.model;

import io.topicnmf.files.AtomicFiles;
import io.topicnmf.matrix.MatrixMarket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the matrices of a fit so other tools can factorize the very same data: {@code matrix.mtx}
 * (the weighted matrix X, Matrix Market coordinate, full precision), {@code counts.mtx} (raw term
 * counts), {@code terms.txt} (one term a line, column order) and {@code documents.txt} (one
 * document id a line, row order). Rows are documents, columns terms, as in scikit-learn.
 */
public final class MatrixExport {
  private MatrixExport() {}

  public static void write(TopicModelResult r, Path dir) throws IOException {
    String shape = r.matrix().rows() + " documents x " + r.matrix().cols() + " terms";
    MatrixMarket.write(r.matrix(), dir.resolve("matrix.mtx"), "topicnmf weighted matrix, " + shape);
    MatrixMarket.write(r.counts(), dir.resolve("counts.mtx"), "topicnmf term counts, " + shape);
    writeLines(dir.resolve("terms.txt"), r.vocabulary().terms());
    writeLines(dir.resolve("documents.txt"), r.documentIds());
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    AtomicFiles.writeText(file, w -> {
      for (String s : lines) w.write(s + "\n");
    });
  }
}

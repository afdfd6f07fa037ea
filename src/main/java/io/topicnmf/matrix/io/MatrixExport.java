package io.topicnmf.matrix.io;

import io.topicnmf.files.AtomicFiles;
import io.topicnmf.matrix.CsrMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes a document-term matrix so other tools can factorize the very same data: {@code
 * matrix.mtx} (the weighted matrix X, Matrix Market coordinate, full precision), {@code
 * counts.mtx} (raw term counts), {@code terms.txt} (one term a line, column order) and {@code
 * documents.txt} (one document id a line, row order). Rows are documents, columns terms, as in
 * scikit-learn. The one exporter behind {@code fit --save-matrix} and {@code vectorize}.
 * Non-instantiable.
 */
public final class MatrixExport {
  private MatrixExport() {}

  /** The names of the files {@link #write} writes, in the order a publish moves them. */
  public static final List<String> FILES = List.of("matrix.mtx", "counts.mtx", "terms.txt", "documents.txt");

  /**
   * Writes matrix.mtx, counts.mtx, terms.txt and documents.txt into {@code dir} (created if
   * needed), each atomically; with two threads or more the weighted matrix (the largest file, its
   * lines formatted on {@code threads} threads) is written alongside the rest. The bytes do not
   * depend on {@code threads}.
   *
   * @param matrix the weighted matrix, documents × terms
   * @param counts the raw term counts, same shape
   * @param terms the column names, one per column
   * @param documentIds the row names, one per row
   */
  public static void write(CsrMatrix matrix, CsrMatrix counts, List<String> terms,
      List<String> documentIds, Path dir, int threads) throws IOException {
    String shape = matrix.rows() + " documents x " + matrix.cols() + " terms";
    Files.createDirectories(dir);
    IoTask rest = () -> {
      MatrixMarket.write(counts, dir.resolve("counts.mtx"), "topicnmf term counts, " + shape);
      writeLines(dir.resolve("terms.txt"), terms);
      writeLines(dir.resolve("documents.txt"), documentIds);
    };
    IoTask weighted = () -> MatrixMarket.write(matrix, dir.resolve("matrix.mtx"),
        "topicnmf weighted matrix, " + shape, threads);
    if (threads < 2) {
      weighted.run();
      rest.run();
      return;
    }
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
        try {
          rest.run();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, pool);
      IOException first = null;
      try {
        weighted.run();
      } catch (IOException e) {
        first = e;
      }
      try {
        other.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
        if (first == null && cause instanceof IOException io) first = io;
        else if (first == null && cause instanceof RuntimeException r) throw r;
        else if (first == null && cause instanceof Error er) throw er;
      }
      if (first != null) throw first;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writeLines(Path file, List<String> lines) throws IOException {
    AtomicFiles.writeText(file, w -> {
      for (String s : lines) {
        w.write(escapeLine(s));
        w.write('\n');
      }
    });
  }

  /**
   * One name as one line of terms.txt / documents.txt: a backslash is written {@code \\}, a line
   * feed {@code \n}, a carriage return {@code \r} (as in JSON and Python string literals), so that
   * every id, whatever its characters, takes exactly one line. Names without these characters are
   * written as they are.
   */
  public static String escapeLine(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A write that may fail with an IOException. */
  @FunctionalInterface
  private interface IoTask {
    void run() throws IOException;
  }
}

package io.topicnmf.matrix.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A matrix file (Matrix Market or numeric CSV) that cannot be read as a matrix.
 *
 * <p>The message starts with the file and, where one is to blame, its line, in the
 * {@code file:line: detail} form compilers use, so a user can jump to the problem:
 * {@code data/x.mtx:7: row index 12 out of range 1..10}. It is an {@link IOException} because it
 * is a problem with an input file, not with the program; commands report it and exit with a
 * usage-error code.
 */
public final class MatrixFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Line number used when no single line is to blame (empty file, no numeric column). */
  public static final long NO_LINE = -1;

  private final transient Path file;
  private final long line;
  private final String detail;

  /**
   * A problem with the file as a whole.
   *
   * @param file the file that was read
   * @param detail what is wrong and, where possible, what would fix it
   */
  public MatrixFormatException(Path file, String detail) {
    this(file, NO_LINE, detail);
  }

  /**
   * A problem on one line of the file.
   *
   * @param file the file that was read
   * @param line the 1-based line of the file, or {@link #NO_LINE}
   * @param detail what is wrong and, where possible, what would fix it
   */
  public MatrixFormatException(Path file, long line, String detail) {
    super(format(file, line, detail));
    this.file = file;
    this.line = line;
    this.detail = detail;
  }

  private static String format(Path file, long line, String detail) {
    return line == NO_LINE ? file + ": " + detail : file + ":" + line + ": " + detail;
  }

  /** The file that could not be read. */
  public Path file() {
    return file;
  }

  /** The 1-based line of the file at fault, or {@link #NO_LINE}. */
  public long line() {
    return line;
  }

  /** The message without the file and line prefix. */
  public String detail() {
    return detail;
  }
}

package io.topicnmf.cli;

import io.topicnmf.model.UnusableInputException;
import io.topicnmf.nmf.InsufficientMemoryException;
import io.topicnmf.options.InvalidOptionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Maps failures to exit codes and messages: a user's mistake (bad flag, missing file, unusable
 * input) is exit 2 with a one-line message; anything else is an internal failure, exit 1. Stack
 * traces only with --verbose.
 *
 * <p>The one place where the library's parameters become flags: library code names parameters
 * ({@code maxIter}, {@code topics}) in {@link InvalidOptionException} and {@link
 * UnusableInputException}, and {@link #flag} writes each as the flag that sets it.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
  static final int USAGE = 2;
  static final int INTERNAL = 1;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean verbose = parsed.hasMatchedOption("--verbose")
        || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
    int code;
    String msg;
    if (ex instanceof InvalidOptionException e) {
      // A bad flag value found while building the options: reported as picocli reports a bad flag.
      err.println("topicnmf: " + e.message(Errors::flag));
      err.println(tryHelp(cl));
      err.flush();
      return USAGE;
    }
    OutOfMemoryError oom = outOfMemory(ex);
    if (oom != null) {
      // Thrown in a worker thread and wrapped on its way here: reported as Main reports it.
      return resources(oom, err, verbose);
    }
    if (ex instanceof InsufficientMemoryException e) {
      code = USAGE;
      msg = insufficientMemory(e);
    } else if (ex instanceof io.topicnmf.model.HeapTooSmallException e) {
      code = USAGE;
      msg = e.getMessage() + ": give Java more heap, e.g. TOPICNMF_JAVA_OPTS=-Xmx" + heapFlag(e.suggestedHeapBytes());
    } else if (ex instanceof UnusableInputException e) {
      code = USAGE;
      msg = e.message(Errors::flag);
    } else if (ex instanceof UserException || ex instanceof io.topicnmf.matrix.io.MatrixFormatException) {
      code = USAGE;
      msg = ex.getMessage();
    } else if (ex instanceof NoSuchFileException e) {
      code = USAGE;
      msg = "no such file or folder: " + e.getFile() + " (check the path)";
    } else if (ex instanceof AccessDeniedException e) {
      code = USAGE;
      msg = "permission denied: " + e.getFile();
    } else if (ex instanceof io.topicnmf.corpus.NotRegularFileException e) {
      code = USAGE;
      msg = e.getFile() + ": " + e.getReason();
    } else if (ex instanceof NotDirectoryException e) {
      code = USAGE;
      msg = "not a folder: " + e.getFile();
    } else if (ex instanceof IOException e) {
      code = USAGE;
      msg = "cannot read or write: " + e.getMessage();
    } else if (ex instanceof java.io.UncheckedIOException e) {
      // A write that failed inside a step that cannot throw IOException (e.g. spilling to a full
      // disk): the environment's fault, told as the IOException branch tells it.
      code = USAGE;
      msg = "cannot read or write: " + e.getMessage()
          + (e.getCause() != null && e.getCause().getMessage() != null ? ": " + e.getCause().getMessage() : "");
    } else {
      code = INTERNAL;
      msg = "internal error: " + ex + " (please report it; run with --verbose for details)";
    }
    err.println("topicnmf: " + msg);
    if (verbose) ex.printStackTrace(err);
    err.flush();
    return code;
  }

  /**
   * The JVM ran out of heap or stack: one line with what to do, exit 1 (the trace only with
   * --verbose).
   */
  static int resources(Error e, PrintWriter err, boolean verbose) {
    if (e instanceof OutOfMemoryError) {
      long max = Runtime.getRuntime().maxMemory() >> 20;
      long twice = Math.max(2 * max, 64);
      String more = twice >= 1024 ? (twice + 1023) / 1024 + "g" : twice + "m";
      err.println("topicnmf: out of memory (the Java heap holds at most " + max + " MB): give it more,"
          + " e.g. TOPICNMF_JAVA_OPTS=-Xmx" + more + ", or fit by smaller mini-batches (--batch-size),"
          + " or read fewer or smaller documents");
    } else {
      err.println("topicnmf: out of stack space (input nested too deeply?): give it more, e.g."
          + " TOPICNMF_JAVA_OPTS=-Xss16m, or report the input");
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return INTERNAL;
  }

  /**
   * The one line for a fit refused before it started: what it needs, what is free, the heap to
   * give ({@code TOPICNMF_JAVA_OPTS=-Xmx…}) and, when one fits, the {@code --batch-size} to use.
   */
  static String insufficientMemory(InsufficientMemoryException e) {
    String heap = "TOPICNMF_JAVA_OPTS=-Xmx" + heapFlag(e.suggestedHeapBytes());
    String head = e.getMessage().replaceAll(";.*$", "");
    if (e.batchSize() > 0) {
      return head + ": fit by mini-batches with --batch-size " + e.batchSize() + " (about "
          + megabytes(e.batchBytes()) + " MB), or give Java more heap, e.g. " + heap;
    }
    return head + ": give Java more heap, e.g. " + heap + " (mini-batches, --batch-size, would not fit either)";
  }

  /** A heap size for {@code -Xmx}: whole gigabytes from 1 GB up, else megabytes, rounded up. */
  static String heapFlag(long bytes) {
    long mb = megabytes(bytes);
    return mb >= 1024 ? (mb + 1023) / 1024 + "g" : Math.max(mb, 64) + "m";
  }

  private static long megabytes(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }

  /** The OutOfMemoryError among the causes of {@code ex}, or null. */
  static OutOfMemoryError outOfMemory(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError oom) return oom;
      if (t.getCause() == t) break;
    }
    return null;
  }

  /** The flag that sets a library parameter: {@code maxIter} is {@code --max-iter}, {@code topics} {@code -k/--topics}. */
  static String flag(String parameter) {
    if (parameter.equals("topics")) return "-k/--topics";
    StringBuilder b = new StringBuilder("--");
    for (int i = 0; i < parameter.length(); i++) {
      char c = parameter.charAt(i);
      if (Character.isUpperCase(c)) b.append('-').append(Character.toLowerCase(c));
      else b.append(c);
    }
    return b.toString();
  }

  private static String tryHelp(CommandLine cl) {
    return "Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.";
  }

  /** Bad flags: the message, a hint, exit 2. */
  static final class Usage implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      CommandLine cl = ex.getCommandLine();
      PrintWriter err = cl.getErr();
      err.println("topicnmf: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
        err.println(tryHelp(cl));
      }
      err.flush();
      return USAGE;
    }
  }
}

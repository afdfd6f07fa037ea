package io.topicnmf.cli;

import io.topicnmf.model.UnusableInputException;
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
    if (ex instanceof UserException || ex instanceof UnusableInputException
        || ex instanceof io.topicnmf.matrix.io.MatrixFormatException) {
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
          + " e.g. TOPICNMF_JAVA_OPTS=-Xmx" + more + ", or read fewer or smaller documents");
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

  /** Bad flags: the message, a hint, exit 2. */
  static final class Usage implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      CommandLine cl = ex.getCommandLine();
      PrintWriter err = cl.getErr();
      err.println("topicnmf: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
      }
      err.flush();
      return USAGE;
    }
  }
}

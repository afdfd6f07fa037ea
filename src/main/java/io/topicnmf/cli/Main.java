package io.topicnmf.cli;

import io.topicnmf.report.ToolInfo;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code topicnmf} command: subcommands for each job. */
@Command(
    name = "topicnmf",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Finds the topics in a folder of documents with sparse non-negative matrix factorization.",
    subcommands = {FitCommand.class, FactorizeCommand.class, ApplyCommand.class, SelectKCommand.class,
        VectorizeCommand.class, ReduceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'topicnmf fit FOLDER'");
  }

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose") || java.util.Arrays.asList(args).contains("-v");
    // A thread whose failure no one waits for (the work's own threads hand theirs to the caller):
    // out of memory there is reported in one line too, and ends the run.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (e instanceof OutOfMemoryError || e instanceof StackOverflowError) {
        Runtime.getRuntime().halt(Errors.resources((Error) e, err, verbose));
      }
      err.println("topicnmf: internal error in thread " + thread.getName() + ": " + e
          + " (please report it; run with --verbose for details)");
      if (verbose) e.printStackTrace(err);
      err.flush();
    });
    System.exit(execute(new PrintWriter(System.out, true), err, args));
  }

  /** Runs the command line with the given writers and returns the exit code (0, 1 internal failure, 2 usage or input). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) {
      // Caught here, where the work has ended and its memory is garbage, so printing can succeed.
      return Errors.resources(e, err, java.util.Arrays.asList(args).contains("--verbose")
          || java.util.Arrays.asList(args).contains("-v"));
    }
  }

  /** The configured picocli command line (for tests and {@link #execute}). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new Errors());
    cl.setParameterExceptionHandler(new Errors.Usage());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Prints the tool version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"topicnmf " + ToolInfo.current().version()};
    }
  }
}

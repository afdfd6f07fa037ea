package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.options.InvalidOptionException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The library names parameters; {@link Errors#flag} turns each into a flag the command line has. */
class ParameterFlagsTest {
  /** Every parameter named in a library message (grep InvalidOptionException and UnusableInputException in src/main). */
  static final List<String> PARAMETERS = List.of("topics", "k", "loss", "solver", "init", "maxIter", "tol",
      "threads", "alphaW", "alphaH", "l1Ratio", "samples", "sampleFraction", "stabilityTerms", "topTerms",
      "relevance", "reconstructionLimit", "minDf", "maxDf", "maxFeatures", "vocabulary", "weighting", "idf",
      "norm", "language", "stem", "minTokenLength", "maxTokenLength", "ngrams", "textField", "idField",
      "labelField");

  @Test
  void parametersBecomeFlags() {
    assertEquals("-k/--topics", Errors.flag("topics"));
    assertEquals("--k", Errors.flag("k"));
    assertEquals("--max-iter", Errors.flag("maxIter"));
    assertEquals("--l1-ratio", Errors.flag("l1Ratio"));
    assertEquals("--alpha-w", Errors.flag("alphaW"));
    assertEquals("--min-df", Errors.flag("minDf"));
  }

  @Test
  void everyParameterIsAFlagOfSomeCommand() {
    Set<String> names = new HashSet<>();
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
        names.add(String.join("/", o.names()));
        names.addAll(List.of(o.names()));
      }
    }
    for (String p : PARAMETERS) {
      assertTrue(names.contains(Errors.flag(p)), p + " -> " + Errors.flag(p) + " is no flag");
    }
  }

  @Test
  void aLibraryErrorIsPrintedWithTheFlagAndTheHelpHint() {
    CliRun r = CliRun.of("fit", "corpora/sample", "--max-iter", "-1", "--quiet");
    assertEquals(2, r.code());
    assertEquals("topicnmf: --max-iter must be >= 0, got -1\nTry 'topicnmf fit --help' for the options.\n",
        r.err().replace("\r\n", "\n"));
    InvalidOptionException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidOptionException.class,
        () -> NmfOptions.defaults(3).withMaxIter(-1));
    assertEquals("maxIter", e.parameter());
    assertEquals("maxIter must be >= 0, got -1", e.getMessage());
  }
}

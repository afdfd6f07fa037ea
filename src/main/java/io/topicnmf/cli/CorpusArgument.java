package io.topicnmf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The FOLDER argument of the commands that read a corpus (fit, select-k, vectorize): the sample corpus without it. */
final class CorpusArgument {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER",
      description = "Folder (read recursively) or single file. Default: the sample corpus.")
  Path input;

  /**
   * The folder or file to read: FOLDER, else the sample corpus.
   *
   * @param example a command line that reads a folder, shown when there is none (null: none shown)
   * @throws UserException when it does not exist
   */
  Path existing(String example) throws UserException {
    Path in = input != null ? input : defaultCorpus();
    if (!Files.exists(in)) {
      throw new UserException("no such file or folder: " + in + " (give a folder of documents"
          + (example == null ? "" : ", e.g. '" + example + "'") + ")");
    }
    return in;
  }

  /** The sample corpus: under the installation folder the launcher names, else under the current folder. */
  static Path defaultCorpus() {
    String home = System.getProperty("topicnmf.home");
    Path base = home != null ? Path.of(home) : Path.of("");
    return base.resolve("corpora").resolve("sample");
  }
}

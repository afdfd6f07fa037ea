package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input size the free-space check estimates the outputs from ({@link Outputs#inputBytes}). */
class OutputsInputBytesTest {
  @TempDir Path tmp;

  private Path write(String relative, int bytes) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.write(p, new byte[bytes]);
  }

  @Test
  void countsTheFilesTheReaderReadsOnce() throws IOException {
    write("in/a.txt", 100);
    write("in/sub/b.txt", 20);
    write("in/.hidden.txt", 4000); // left out by the reader, so by the estimate
    write("in/.git/objects/blob", 50_000); // so is a hidden folder's content
    write("other/c.txt", 3);
    write("files/d.txt", 7);
    try {
      Files.createSymbolicLink(tmp.resolve("in/linked-folder"), tmp.resolve("other"));
      Files.createSymbolicLink(tmp.resolve("in/linked-file.txt"), tmp.resolve("files/d.txt"));
      Files.createSymbolicLink(tmp.resolve("in/broken.txt"), tmp.resolve("nowhere.txt"));
      Files.createSymbolicLink(tmp.resolve("in/sub/loop"), tmp.resolve("in"));
      Files.createSymbolicLink(tmp.resolve("alias"), tmp.resolve("in"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links not supported: " + e);
    }
    // Links are followed as the reader follows them (a loop and a broken link count nothing).
    assertEquals(100 + 20 + 3 + 7, Outputs.inputBytes(tmp.resolve("in")));
    // An input given through a link counts what it leads to (it counted 0 before).
    assertEquals(100 + 20 + 3 + 7, Outputs.inputBytes(tmp.resolve("alias")));
    assertEquals(100, Outputs.inputBytes(tmp.resolve("in/a.txt")));
    assertEquals(0, Outputs.inputBytes(tmp.resolve("missing")));
  }
}

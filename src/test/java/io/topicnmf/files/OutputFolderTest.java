package io.topicnmf.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
  @TempDir Path tmp;

  @AfterEach
  void faultsOff() {
    PublishFaults.failWritesAfter(-1);
    PublishFaults.failRenamesAfter(-1);
  }

  private static void write(OutputFolder f, Path target, String text) throws IOException {
    Path p = f.claim(target, target.getFileName().toString());
    AtomicFiles.writeText(p, w -> w.write(text));
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void run(Path out, String text) throws IOException {
    try (OutputFolder f = OutputFolder.open(out, text)) {
      write(f, out.resolve("a.json"), text);
      write(f, out.resolve("sub/b.txt"), text);
      write(f, out.resolve("model.json"), text);
      f.publish();
    }
  }

  @Test
  void publishesEveryFileAndLeavesOnlyTheLock() throws IOException {
    Path out = tmp.resolve("out");
    run(out, "one");
    assertEquals(List.of(".topicnmf.lock", "a.json", "model.json", "sub"), names(out));
    assertEquals("one", read(out.resolve("sub/b.txt")));
    run(out, "two");
    assertEquals("two", read(out.resolve("a.json")));
    assertEquals("two", read(out.resolve("model.json")));
    assertEquals(List.of(".topicnmf.lock", "a.json", "model.json", "sub"), names(out));
  }

  @Test
  void anUnpublishedRunLeavesTheOldFilesAndNoStaging() throws IOException {
    Path out = tmp.resolve("out");
    run(out, "one");
    try (OutputFolder f = OutputFolder.open(out, "two")) {
      write(f, out.resolve("a.json"), "two");
      // no publish: a failure before the end
    }
    assertEquals("one", read(out.resolve("a.json")));
    assertEquals(List.of(".topicnmf.lock", "a.json", "model.json", "sub"), names(out));
  }

  @Test
  void aSecondRunOnTheSameFolderIsRefusedWhileTheFirstHoldsTheLock() throws IOException {
    Path out = tmp.resolve("out");
    try (OutputFolder f = OutputFolder.open(out, "one")) {
      OutputFolder.FolderInUseException e =
          assertThrows(OutputFolder.FolderInUseException.class, () -> OutputFolder.open(out, "two"));
      assertTrue(e.getMessage().contains(".topicnmf.lock"), e.getMessage());
    }
    OutputFolder.open(out, "three").close(); // released
  }

  @Test
  void twoOutputsOnOnePathAreRefused() throws IOException {
    Path out = tmp.resolve("out");
    try (OutputFolder f = OutputFolder.open(out, "one")) {
      f.claim(out.resolve("model.json"), "model.json");
      OutputFolder.CollisionException e = assertThrows(OutputFolder.CollisionException.class,
          () -> f.claim(out.resolve("./x/../model.json"), "--ldavis"));
      assertTrue(e.getMessage().contains("model.json and --ldavis"), e.getMessage());
      f.claim(out.resolve("m/terms.txt"), "terms");
      assertThrows(OutputFolder.CollisionException.class, () -> f.claim(out.resolve("m"), "--ldavis"));
    }
  }

  @Test
  void aFileGivenAsTheFolderIsRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertThrows(NotDirectoryException.class, () -> OutputFolder.open(file, "one"));
    assertThrows(NotDirectoryException.class, () -> OutputFolder.open(file.resolve("below"), "one"));
  }

  @Test
  void aFailedWriteKeepsTheOldFilesAndTheNextRunRemovesNothingOfThem() throws IOException {
    Path out = tmp.resolve("out");
    run(out, "one");
    PublishFaults.failWritesAfter(1);
    assertThrows(IOException.class, () -> run(out, "twotwo"));
    PublishFaults.failWritesAfter(-1);
    assertEquals("one", read(out.resolve("a.json")));
    assertEquals("one", read(out.resolve("model.json")));
    assertEquals(List.of(".topicnmf.lock", "a.json", "model.json", "sub"), names(out));
  }

  @Test
  void aPublishStoppedBetweenTwoRenamesIsCompletedByTheNextRun() throws IOException {
    Path out = tmp.resolve("out");
    run(out, "one");
    PublishFaults.failRenamesAfter(1); // a.json moved, sub/b.txt and model.json not: a crash mid-publish
    assertThrows(IOException.class, () -> run(out, "two"));
    PublishFaults.failRenamesAfter(-1);
    assertEquals("two", read(out.resolve("a.json")));
    assertEquals("one", read(out.resolve("model.json")));
    assertTrue(OutputFolder.publishPending(out));
    assertTrue(OutputFolder.recover(out));
    assertFalse(OutputFolder.publishPending(out));
    assertEquals("two", read(out.resolve("sub/b.txt")));
    assertEquals("two", read(out.resolve("model.json")));
    assertEquals(List.of(".topicnmf.lock", "a.json", "model.json", "sub"), names(out));
  }

  @Test
  void staleNamesAreRemovedWhenPublishing() throws IOException {
    Path out = tmp.resolve("out");
    run(out, "one");
    try (OutputFolder f = OutputFolder.open(out, "two")) {
      write(f, out.resolve("model.json"), "two");
      f.removeWhenPublishing("a.json");
      f.publish();
    }
    assertFalse(Files.exists(out.resolve("a.json")));
  }
}

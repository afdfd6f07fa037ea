package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two halves of a fit's outputs written side by side ({@link Outputs#together}). */
class OutputsTogetherTest {
  @TempDir Path tmp;

  @Test
  void oneThreadRunsTheTasksInOrderOnTheCaller() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    Thread caller = Thread.currentThread();
    Outputs.together(1, () -> ran.add("first " + (Thread.currentThread() == caller)),
        () -> ran.add("second " + (Thread.currentThread() == caller)));
    assertEquals(List.of("first true", "second true"), ran);
  }

  @Test
  void twoThreadsRunTheSecondTaskOnAnotherThreadAndWaitForIt() throws Exception {
    Thread caller = Thread.currentThread();
    Thread[] second = new Thread[1];
    boolean[] done = new boolean[1];
    Outputs.together(2, () -> { }, () -> {
      second[0] = Thread.currentThread();
      try {
        Thread.sleep(50); // the caller must wait for it, not return first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done[0] = true;
    });
    assertNotEquals(caller, second[0]);
    assertTrue(done[0]);
  }

  @Test
  void aFailureOnTheOtherThreadReachesTheCallerAndTheFirstTasksFailureComesFirst() {
    IOException disk = new IOException("disk full");
    assertSame(disk, assertThrows(IOException.class, () -> Outputs.together(2, () -> { }, () -> {
      throw disk;
    })));
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> Outputs.together(2, () -> { }, () -> {
      throw bug;
    })));
    IOException first = new IOException("first");
    assertSame(first, assertThrows(IOException.class, () -> Outputs.together(2, () -> {
      throw first;
    }, () -> {
      throw new IOException("second");
    })));
  }

  @Test
  void aFitWritesTheSameFilesOnOneThreadAndOnTwo() throws Exception {
    Path in = ThemedCorpus.write(tmp);
    Path one = tmp.resolve("one");
    Path two = tmp.resolve("two");
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "3", "-o", one.toString(), "--threads", "1", "-q").code());
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "3", "-o", two.toString(), "--threads", "2", "-q").code());
    for (String f : List.of("doc-topics.tsv", "topic-keys.tsv")) {
      assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
    }
    for (String f : List.of("report.json", "model.json", "report.html")) {
      assertTrue(Files.size(two.resolve(f)) > 0, f);
      assertEquals(Files.size(one.resolve(f)) > 0, Files.size(two.resolve(f)) > 0, f);
    }
  }
}

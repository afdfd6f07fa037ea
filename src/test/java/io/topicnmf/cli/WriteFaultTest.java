package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.files.OutputFolder;
import io.topicnmf.files.PublishFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 5: writes that fail as a full disk does, after a seeded random number of bytes,
 * and publishes stopped after a seeded random number of renames (as a crash between two renames),
 * during fits into an {@code -o} holding a previous run. A failed write leaves the old set
 * byte for byte; a stopped publish leaves a journal the next run completes into the new set.
 * Rounds: {@code -Dtopicnmf.faultRounds=N} (default 3); {@code bench/fault_loop.sh N}.
 */
class WriteFaultTest {
  @TempDir Path tmp;

  private static final List<String> FILES = List.of("report.json", "model.json", "report.html", "vis.json",
      "m/matrix.mtx", "m/counts.mtx", "m/terms.txt", "m/documents.txt");

  @AfterEach
  void faultsOff() {
    PublishFaults.failWritesAfter(-1);
    PublishFaults.failRenamesAfter(-1);
  }

  private static CliRun fit(Path in, Path out, int seed) {
    return CliRun.of("fit", in.toString(), "-k", "3", "-o", out.toString(), "--threads", "1", "-q",
        "--seed", Integer.toString(seed), "--ldavis", out.resolve("vis.json").toString(),
        "--save-matrix", out.resolve("m").toString());
  }

  private static String snapshot(Path out) throws Exception {
    StringBuilder b = new StringBuilder();
    for (String f : FILES) b.append(f).append('\n').append(Files.readString(out.resolve(f))).append('\n');
    return b.toString();
  }

  @Test
  void failedWritesKeepTheOldOutputsAndStoppedPublishesEndInTheNewOnes() throws Exception {
    int rounds = Integer.getInteger("topicnmf.faultRounds", 3);
    Random random = new Random(Long.getLong("topicnmf.faultSeed", 14));
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("out");
    assertEquals(0, fit(in, out, 0).code());
    long total = 0;
    for (String f : FILES) total += Files.size(out.resolve(f));
    int writes = 0;
    int renames = 0;
    for (int round = 1; round <= rounds; round++) {
      String before = snapshot(out);
      boolean write = random.nextBoolean();
      if (write) PublishFaults.failWritesAfter((long) (random.nextDouble() * total * 0.9));
      else PublishFaults.failRenamesAfter(random.nextInt(FILES.size()));
      CliRun r = fit(in, out, round);
      PublishFaults.failWritesAfter(-1);
      PublishFaults.failRenamesAfter(-1);
      assertEquals(2, r.code(), r.err());
      if (write) {
        writes++;
        assertTrue(r.err().contains("No space left") && r.err().contains(out.toString()), r.err());
        assertFalse(OutputFolder.publishPending(out));
        assertEquals(before, snapshot(out), "a failed write leaves the old outputs byte for byte");
      } else {
        renames++;
        assertTrue(OutputFolder.publishPending(out), r.err());
        OutputFolder.recover(out);
        assertEquals(KillFaultTest.check(out), PublishCommandTest.runId(out.resolve("model.json")));
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"seed\" : " + round), "the new run's set");
      }
      try (Stream<Path> s = Files.list(out)) {
        assertFalse(s.anyMatch(f -> f.getFileName().toString().startsWith(OutputFolder.STAGING_PREFIX)), "staging left");
      }
    }
    System.out.printf("WriteFaultTest: %d rounds: %d failed writes (old set kept), %d stopped publishes (new set"
        + " completed)%n", rounds, writes, renames);
  }
}

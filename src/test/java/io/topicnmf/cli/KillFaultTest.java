package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicnmf.files.OutputFolder;
import io.topicnmf.files.PublishFaults;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 5: the real command line, in a child JVM, killed ({@code destroyForcibly}, i.e.
 * SIGKILL) at seeded random moments of a fit into an {@code -o} that holds a previous run's
 * outputs. After each kill the folder holds the old or the new set, complete, with one run id —
 * never a mix — once an interrupted publish is completed as the next run does it; no temporary
 * file survives the next run. A publish pauses before each rename in the child ({@value
 * PublishFaults#RENAME_PAUSE}) so that some kills land inside it. Rounds: {@code
 * -Dtopicnmf.faultRounds=N} (default 4); {@code bench/fault_loop.sh N} runs N.
 */
class KillFaultTest {
  @TempDir Path tmp;

  private static final List<String> FILES = List.of("report.json", "model.json", "report.html", "vis.json",
      "m/matrix.mtx", "m/counts.mtx", "m/terms.txt", "m/documents.txt");

  @Test
  void killedRunsLeaveTheOldOrTheNewOutputsNeverAMix() throws Exception {
    int rounds = Integer.getInteger("topicnmf.faultRounds", 3);
    long seed = Long.getLong("topicnmf.faultSeed", 14);
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("out");
    CliRun first = CliRun.of("fit", in.toString(), "-k", "3", "-o", out.toString(), "--threads", "1", "-q",
        "--ldavis", out.resolve("vis.json").toString(), "--save-matrix", out.resolve("m").toString());
    assertEquals(0, first.code(), first.err());
    List<String> runs = new ArrayList<>();
    runs.add(check(out));
    Random random = new Random(seed);
    long runMillis = Long.getLong("topicnmf.faultWindowMs", 4000); // a child's run on this machine: about 3.9 s
    int[] outcome = new int[4]; // old set, new set, publish pending (completed), finished before the kill
    for (int round = 0; round < rounds; round++) {
      Process p = child(in, out, round);
      long at = 200 + (long) (random.nextDouble() * runMillis);
      boolean ended = p.waitFor(at, TimeUnit.MILLISECONDS);
      if (!ended) {
        p.destroyForcibly();
        p.waitFor();
      }
      boolean pending = OutputFolder.publishPending(out);
      if (pending) OutputFolder.recover(out); // what the next run on the folder does first
      String id = check(out);
      if (ended) outcome[3]++;
      else if (pending) outcome[2]++;
      else if (id.equals(runs.get(runs.size() - 1))) outcome[0]++;
      else outcome[1]++;
      if (!id.equals(runs.get(runs.size() - 1))) runs.add(id);
    }
    // The next run removes every temporary folder a kill left.
    assertEquals(0, CliRun.of("fit", in.toString(), "-k", "3", "-o", out.toString(), "--threads", "1", "-q",
        "--ldavis", out.resolve("vis.json").toString(), "--save-matrix", out.resolve("m").toString()).code());
    check(out);
    try (Stream<Path> s = Files.list(out)) {
      assertFalse(s.anyMatch(f -> f.getFileName().toString().startsWith(OutputFolder.STAGING_PREFIX)), "staging left");
    }
    System.out.printf("KillFaultTest: %d kills: %d old set, %d new set, %d inside a publish (completed by the next"
        + " run), %d ended before the kill%n", rounds, outcome[0], outcome[1], outcome[2], outcome[3]);
  }

  private Process child(Path in, Path out, int seed) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-D" + PublishFaults.RENAME_PAUSE + "=60",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "fit", in.toString(), "-k", "3", "-o", out.toString(), "--threads", "1", "-q", "--seed", Integer.toString(seed),
        "--ldavis", out.resolve("vis.json").toString(), "--save-matrix", out.resolve("m").toString());
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Every file is there and whole, report, model and page of one run; returns its id. */
  static String check(Path out) throws IOException {
    for (String f : FILES) assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
    JsonNode report = Reports.mapper().readTree(out.resolve("report.json").toFile());
    JsonNode model = Reports.mapper().readTree(out.resolve("model.json").toFile());
    Reports.mapper().readTree(out.resolve("vis.json").toFile());
    String id = report.path("runId").asText(null);
    assertNotNull(id);
    assertEquals(id, model.path("runId").asText(), "report.json and model.json of one run");
    assertTrue(Files.readString(out.resolve("report.html")).contains(id), "report.html of the same run");
    long docs = report.path("documents").size();
    assertEquals(docs, Files.readAllLines(out.resolve("m/documents.txt")).size());
    String mtx = Files.readString(out.resolve("m/matrix.mtx"));
    assertTrue(mtx.endsWith("\n") && mtx.startsWith("%%MatrixMarket"), "matrix.mtx whole");
    return id;
  }
}

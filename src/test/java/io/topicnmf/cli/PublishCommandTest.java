package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicnmf.files.OutputFolder;
import io.topicnmf.files.PublishFaults;
import io.topicnmf.report.Reports;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, item 2: a run's outputs are published as one unit; -o is checked before reading. */
class PublishCommandTest {
  @TempDir Path tmp;

  @AfterEach
  void faultsOff() {
    PublishFaults.failWritesAfter(-1);
    PublishFaults.failRenamesAfter(-1);
  }

  static String runId(Path json) throws IOException {
    JsonNode n = Reports.mapper().readTree(json.toFile());
    return n.path("runId").asText(null);
  }

  private CliRun fit(Path in, Path out, String... more) {
    String[] base = {"fit", in.toString(), "-k", "3", "-o", out.toString(), "--threads", "1", "-q"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.of(args);
  }

  @Test
  void reportModelAndExportsCarryOneRunIdAndANewRunAnother() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("out");
    CliRun r = fit(in, out, "--ldavis", out.resolve("vis.json").toString(), "--save-matrix", out.resolve("m").toString());
    assertEquals(0, r.code(), r.err());
    String first = runId(out.resolve("report.json"));
    assertTrue(first != null && first.matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}"), first);
    assertEquals(first, runId(out.resolve("model.json")));
    assertTrue(Files.readString(out.resolve("report.html")).contains(first), "the page names its run");
    assertTrue(Files.exists(out.resolve("m/matrix.mtx")));
    assertEquals(0, fit(in, out).code());
    String second = runId(out.resolve("report.json"));
    assertNotEquals(first, second);
    assertEquals(second, runId(out.resolve("model.json")));
  }

  @Test
  void anOutputOnAnotherOutputIsRefusedBeforeReading() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("out");
    CliRun r = fit(in, out, "--ldavis", out.resolve("model.json").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--ldavis and model.json would both write"), r.err());
    assertFalse(r.err().contains("read"), "refused before reading: " + r.err());
    assertFalse(Files.exists(out.resolve("model.json")));
    r = fit(in, out, "--save-matrix", out.toString(), "--ldavis", out.resolve("terms.txt").toString());
    assertEquals(2, r.code(), r.err());
  }

  @Test
  void anOutputFolderThatIsAFileIsRefusedBeforeReading() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    CliRun r = fit(in, file);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("is a file, not a folder"), r.err());
    assertEquals("x", Files.readString(file));
    r = fit(in, file.resolve("below"));
    assertEquals(2, r.code(), r.err());
  }

  @Test
  void aSecondRunOnALockedFolderIsRefused() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = Files.createDirectories(tmp.resolve("out"));
    try (FileChannel ch = FileChannel.open(out.resolve(OutputFolder.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      CliRun r = fit(in, out);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("is in use by another topicnmf run"), r.err());
    }
    assertEquals(0, fit(in, out).code());
  }

  @Test
  void anOutputFolderInsideTheInputIsNeverReadBack() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = in.resolve("results");
    CliRun r = fit(in, out, "--save-matrix", out.resolve("m").toString());
    assertEquals(0, r.code(), r.err());
    r = fit(in, out, "--save-matrix", out.resolve("m").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode rep = Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals(12, rep.path("corpus").path("documentsRead").asInt(), rep.path("corpus").toString());
    assertEquals(0, rep.path("corpus").path("documentsSkipped").asInt());
    // The input inside the output folder: nothing could be read, so it is refused.
    r = fit(out, tmp);
    assertEquals(2, r.code(), r.err());
  }

  @Test
  void aFullDiskKeepsThePreviousOutputsWholeAndNamesTheFolder() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("out");
    assertEquals(0, fit(in, out).code());
    String before = Files.readString(out.resolve("report.json"));
    String model = Files.readString(out.resolve("model.json"));
    long total = Files.size(out.resolve("report.json")) + Files.size(out.resolve("model.json"))
        + Files.size(out.resolve("report.html"));
    for (long budget : new long[] {0, total / 4, total / 2}) {
      PublishFaults.failWritesAfter(budget);
      CliRun r = fit(in, out, "--seed", "7");
      PublishFaults.failWritesAfter(-1);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("cannot write the outputs into " + out) && r.err().contains("No space left"), r.err());
      assertEquals(before, Files.readString(out.resolve("report.json")));
      assertEquals(model, Files.readString(out.resolve("model.json")));
      try (var s = Files.list(out)) {
        assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(OutputFolder.STAGING_PREFIX)), "staging removed");
      }
    }
  }

  @Test
  void applyRefusesAModelAndReportOfTwoRunsAndReadsAFolder() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertEquals(0, fit(in, a).code());
    assertEquals(0, fit(in, b).code());
    CliRun r = CliRun.of("apply", "-m", a.toString(), in.toString(), "-o", tmp.resolve("ap").toString(), "-q");
    assertEquals(0, r.code(), r.err());
    Files.copy(b.resolve("report.json"), a.resolve("report.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    r = CliRun.of("apply", "-m", a.resolve("model.json").toString(), in.toString(), "-o", tmp.resolve("ap").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("come from different runs"), r.err());
  }

  @Test
  void anEmptyOrForeignModelFileIsExit2WithItsReason() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    for (String content : new String[] {"", "  \n", "[1, 2]", "{}", "{\"format\": \"topicnmf-model/1\"}", "\"text\"", "{\"a\":"}) {
      Path m = Files.writeString(tmp.resolve("model.json"), content);
      CliRun r = CliRun.of("apply", "-m", m.toString(), in.toString(), "-o", tmp.resolve("ap").toString());
      assertEquals(2, r.code(), "'" + content + "': " + r.err());
      assertTrue(r.err().contains("model.json") && !r.err().contains("internal error"), r.err());
    }
  }

  @Test
  void aPublishInterruptedByACrashIsCompletedByTheNextRunOrByApply() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("out");
    assertEquals(0, fit(in, out).code());
    PublishFaults.failRenamesAfter(1); // report.json renamed, the rest not: as a kill between two renames
    CliRun r = fit(in, out, "--seed", "3");
    PublishFaults.failRenamesAfter(-1);
    assertEquals(2, r.code(), r.err());
    assertNotEquals(runId(out.resolve("report.json")), runId(out.resolve("model.json")));
    assertTrue(OutputFolder.publishPending(out));
    // apply reading the model completes the publish first, then finds one run.
    r = CliRun.of("apply", "-m", out.toString(), in.toString(), "-o", tmp.resolve("ap").toString(), "-q");
    assertEquals(0, r.code(), r.err());
    assertFalse(OutputFolder.publishPending(out));
    assertEquals(runId(out.resolve("report.json")), runId(out.resolve("model.json")));
    ObjectNode rep = (ObjectNode) Reports.mapper().readTree(out.resolve("report.json").toFile());
    assertEquals(3, rep.path("parameters").path("nmf").path("seed").asInt(), "the new run's");
  }
}

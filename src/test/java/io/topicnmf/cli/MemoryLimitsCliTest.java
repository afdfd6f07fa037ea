package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.nmf.InsufficientMemoryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A fit that cannot fit in the heap is refused before it starts (exit 2, one line with the heap or
 * batch size to use), and an OutOfMemoryError, wherever it is thrown, is one line and exit 1.
 */
class MemoryLimitsCliTest {
  @TempDir Path tmp;

  /** A rows × cols Matrix Market file with about {@code perRow} entries a row. */
  private Path matrix(int rows, int cols, int perRow) throws IOException {
    SplittableRandom rnd = new SplittableRandom(4);
    StringBuilder b = new StringBuilder();
    int nnz = 0;
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= rows; i++) {
      int start = rnd.nextInt(cols - perRow) + 1;
      for (int j = start; j < start + perRow; j++) {
        lines.append(i).append(' ').append(j).append(' ').append(1 + rnd.nextInt(5)).append('\n');
        nnz++;
      }
    }
    b.append("%%MatrixMarket matrix coordinate real general\n").append(rows).append(' ').append(cols)
        .append(' ').append(nnz).append('\n').append(lines);
    return Files.writeString(tmp.resolve("x.mtx"), b);
  }

  @Test
  void aFitThatCannotFitTheHeapIsRefusedBeforeItStartsWithTheHeapToGive() throws Exception {
    Path x = matrix(40_000, 2_000, 4);
    Path out = tmp.resolve("out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // W alone (40000 × 200 doubles) is 61 MB: neither mode fits a 64 MB heap.
    List<String> cmd = List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "factorize", x.toString(), "-k", "200", "--loss", "kl", "-o", out.toString(), "-q");
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    List<String> lines = err.lines().toList();
    assertEquals(1, lines.size(), err);
    assertTrue(lines.get(0).contains("needs about") && lines.get(0).contains("TOPICNMF_JAVA_OPTS=-Xmx"), err);
    assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    assertFalse(Files.exists(out.resolve("factorization.json")));
  }

  @Test
  void aHeapTooSmallToReadTheCorpusIsRefusedBeforeTheReadingWithTheHeapToGive() throws Exception {
    Path out = tmp.resolve("read");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The sample corpus needs a heap floor of about 20 MB at 2 threads (ReadingMemory): 12 MB is
    // refused before a file is read, where it used to end in an OutOfMemoryError.
    String sample = Path.of("corpora", "sample").toString();
    List<String> cmd = List.of(java, "-Xmx12m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "fit", sample, "-k", "3", "--threads", "2", "-o", out.toString(), "-q");
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    List<String> lines = err.lines().toList();
    assertEquals(1, lines.size(), err);
    assertTrue(lines.get(0).startsWith("topicnmf: reading and analysing " + sample + " ("), err);
    assertTrue(lines.get(0).contains("needs at least") && lines.get(0).contains("the heap holds at most 12.0 MB")
        && lines.get(0).endsWith("give Java more heap, e.g. TOPICNMF_JAVA_OPTS=-Xmx64m"), err);
    assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("OutOfMemoryError"), err);
    assertFalse(Files.exists(out.resolve("report.json")));
  }

  /** The exit code and stderr of {@code fit docs} failing with {@code e}, as the CLI's handler tells it. */
  private record Handled(int code, String err) {}

  private static Handled handled(Exception e) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = new Errors().handleExecutionException(e, cl, cl.parseArgs("fit", "docs"));
    return new Handled(code, err.toString());
  }

  @Test
  void aReadingThatRanOutOfHeapIsExitTwoWithTheProjectedHeap() {
    Handled h = handled(io.topicnmf.model.ReadingMemory.ranOut("docs", 21L << 20, 11314, 5329, 2, 64L << 20));
    assertEquals(2, h.code());
    assertEquals("topicnmf: reading and analysing docs (21.0 MB of text) ran out of heap after 5329 of 11314 files"
        + " (the heap holds at most 64.0 MB); it needs about 156 MB: give Java more heap, e.g."
        + " TOPICNMF_JAVA_OPTS=-Xmx195m", h.err().strip());
  }

  @Test
  void aWriteThatFailsInsideAStepIsExitTwoWithItsCauseNotAnInternalError() {
    // bench/repros.sh disk-full-second-fit: spilling the token sequences to a full disk.
    Handled h = handled(new java.io.UncheckedIOException("cannot spill the token sequences under out/.topicnmf-tmp-1",
        new java.nio.file.FileSystemException("out/.topicnmf-tmp-1/texts", null, "No space left on device")));
    assertEquals(2, h.code());
    assertEquals("topicnmf: cannot read or write: cannot spill the token sequences under out/.topicnmf-tmp-1:"
        + " out/.topicnmf-tmp-1/texts: No space left on device", h.err().strip());
  }

  @Test
  void theRefusalSuggestsABatchSizeWhenMiniBatchesFit() {
    InsufficientMemoryException e = new InsufficientMemoryException("the in-memory fit", 3L << 30, 1L << 30,
        2L << 30, 4096, 600L << 20);
    String msg = Errors.insufficientMemory(e);
    assertTrue(msg.startsWith("the in-memory fit needs about 3.0 GB of heap but 1.0 GB are free (the heap holds"
        + " at most 2.0 GB): fit by mini-batches with --batch-size 4096 (about 600 MB), or give Java more heap,"
        + " e.g. TOPICNMF_JAVA_OPTS=-Xmx5g"), msg);
    assertEquals("64m", Errors.heapFlag(1 << 20));
    assertEquals("2g", Errors.heapFlag((1L << 30) + 1));
  }

  @Test
  void anOutOfMemoryErrorFromAWorkerThreadIsOneLineAndExitOne() {
    // As a pool hands a worker's failure to the caller: wrapped.
    Handled h = handled(new IllegalStateException(new java.util.concurrent.ExecutionException(
        new OutOfMemoryError("Java heap space"))));
    assertEquals(1, h.code());
    List<String> lines = h.err().lines().toList();
    assertEquals(1, lines.size(), h.err());
    assertTrue(lines.get(0).startsWith("topicnmf: out of memory (the Java heap holds at most")
        && lines.get(0).contains("TOPICNMF_JAVA_OPTS=-Xmx") && lines.get(0).contains("--batch-size"), lines.get(0));
  }

  @Test
  void theDefaultBatchSizeIsAutoAndTheReportSaysWhy() throws IOException {
    Path x = matrix(300, 80, 6);
    Path out = tmp.resolve("auto");
    CliRun r = CliRun.of("factorize", x.toString(), "-k", "3", "-o", out.toString(), "-q");
    assertEquals(0, r.code(), r.err());
    String json = Files.readString(out.resolve("factorization.json"));
    assertTrue(json.contains("\"mode\" : \"in-memory\"") || json.contains("\"mode\":\"in-memory\""), json);
    assertTrue(json.contains("auto: the in-memory fit needs about"), json);
    CliRun mb = CliRun.of("factorize", x.toString(), "-k", "3", "-o", tmp.resolve("mb").toString(), "-q",
        "--batch-size", "100");
    assertEquals(0, mb.code(), mb.err());
    assertTrue(Files.readString(tmp.resolve("mb").resolve("factorization.json"))
        .contains("mini-batches of 100 rows as asked (--batch-size 100)"));
  }
}

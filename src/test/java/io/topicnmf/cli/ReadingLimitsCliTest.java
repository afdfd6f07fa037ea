package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading limits and non-regular inputs through the command line. */
class ReadingLimitsCliTest {
  @TempDir Path dir;

  @Test
  void aDeviceGivenAsInputIsOneLineAndExit2() {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    CliRun r = CliRun.of("fit", "/dev/zero", "-k", "2", "-o", dir.resolve("out").toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("topicnmf: /dev/zero: not a regular file or folder (a FIFO, device or socket is"
        + " never read); name a folder of documents or one document\n", r.err());
  }

  @Test
  void aBadSizeNamesTheFlag() {
    CliRun r = CliRun.of("fit", dir.toString(), "-k", "2", "--max-document-size", "lots");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("topicnmf: --max-document-size must be a size such as 32M"), r.err());
  }

  @Test
  void aSkippedBombIsListedInTheReportWithItsReason() throws IOException {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    String[] texts = {"bank interest rates mortgage loans credit savings",
        "garden soil plants compost flowers seeds water",
        "bank loans credit garden flowers seeds savings",
        "mortgage rates compost water soil plants deposit"};
    for (int i = 0; i < texts.length; i++) {
      Files.writeString(in.resolve("s" + i + ".txt"), texts[i]);
    }
    byte[] line = "bank interest rates mortgage garden soil\n".repeat(1600).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(in.resolve("bomb.txt.gz")))) {
      for (long n = 0; n < (20L << 20); n += line.length) {
        out.write(line);
      }
    }
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("fit", in.toString(), "-k", "2", "--min-df", "1", "-q", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    JsonNode skipped = report.path("corpus").path("skipped");
    assertEquals(1, skipped.size(), skipped.toString());
    assertEquals("bomb.txt.gz", skipped.get(0).path("path").asText());
    assertTrue(skipped.get(0).path("reason").asText().startsWith("likely a decompression bomb"));
  }
}

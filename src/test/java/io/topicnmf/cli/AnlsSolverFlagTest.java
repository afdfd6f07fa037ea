package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --solver anls} on the command line: Frobenius only, implied when {@code --loss} is absent. */
class AnlsSolverFlagTest {
  @TempDir Path tmp;

  private Path csv() throws IOException {
    Path f = tmp.resolve("x.csv");
    Files.writeString(f, "a,b,c\n1,2,0\n2,5,1\n0,1,3\n4,8,2\n1,1,1\n", StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void klLossIsAUsageErrorNamingBothFlags() throws IOException {
    CliRun r = CliRun.of("factorize", csv().toString(), "-k", "2", "--solver", "anls", "--loss", "kl",
        "-o", tmp.resolve("o").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--solver anls") && r.err().contains("--loss kl"), r.err());
    assertTrue(Files.notExists(tmp.resolve("o").resolve("factorization.json")));
  }

  @Test
  void factorizeRunsAnlsAndReportsIt() throws IOException {
    Path out = tmp.resolve("o");
    CliRun r = CliRun.of("factorize", csv().toString(), "-k", "2", "--solver", "anls", "--tol", "0",
        "--max-iter", "50", "-o", out.toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
    String json = Files.readString(out.resolve("factorization.json"));
    assertTrue(json.contains("\"solver\" : \"anls\"") || json.contains("\"solver\":\"anls\""), json);
    assertTrue(json.contains("\"loss\" : \"frobenius\"") || json.contains("\"loss\":\"frobenius\""), json);
  }

  @Test
  void fitWithAnlsAloneUsesTheFrobeniusLoss() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve("fit");
    CliRun r = CliRun.of("fit", in.toString(), "-k", "3", "--solver", "anls", "-o", out.toString(), "-q");
    assertEquals(0, r.code(), r.err());
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(json.replace(" ", "").contains("\"loss\":\"frobenius\""), "fit with --solver anls: " + json);
  }
}

package io.topicnmf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tol auto} (the default): 5e-4 for a KL coordinate-descent fit on all rows at once, 1e-4
 * for every other loss, solver and mode; the report records the tolerance that ran.
 */
class ToleranceFlagTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private JsonNode fit(String name, String... flags) throws IOException {
    Path in = ThemedCorpus.write(tmp);
    Path out = tmp.resolve(name);
    String[] args = new String[flags.length + 6];
    args[0] = "fit";
    args[1] = in.toString();
    args[2] = "-k";
    args[3] = "3";
    args[4] = "-o";
    args[5] = out.toString();
    System.arraycopy(flags, 0, args, 6, flags.length);
    CliRun r = CliRun.of(args);
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  @Test
  void fitsDefaultRunsTheLooserKlToleranceAndStopsSoonerThanTheTighterOne() throws IOException {
    JsonNode byDefault = fit("default", "-q");
    JsonNode auto = fit("auto", "-q", "--tol", "auto");
    JsonNode given = fit("given", "-q", "--tol", "5e-4");
    JsonNode tight = fit("tight", "-q", "--tol", "1e-4");
    assertEquals(5e-4, byDefault.path("parameters").path("nmf").path("tol").asDouble(), byDefault.path("parameters").toString());
    assertEquals(5e-4, auto.path("parameters").path("nmf").path("tol").asDouble());
    assertEquals(1e-4, tight.path("parameters").path("nmf").path("tol").asDouble());
    // The fit ran with 5e-4, not only reported it: the same sweeps and objective as --tol 5e-4.
    for (JsonNode r : new JsonNode[] {byDefault, auto}) {
      assertEquals(given.path("fit").path("iterations").asInt(), r.path("fit").path("iterations").asInt());
      assertEquals(given.path("fit").path("objective").asDouble(), r.path("fit").path("objective").asDouble());
    }
    assertTrue(auto.path("fit").path("iterations").asInt() < tight.path("fit").path("iterations").asInt(),
        "5e-4 stops before 1e-4 on this corpus: " + auto.path("fit").path("iterations") + " against "
            + tight.path("fit").path("iterations"));
  }

  @Test
  void otherLossesAndMiniBatchesKeepTheTighterTolerance() throws IOException {
    JsonNode frobenius = fit("frobenius", "-q", "--loss", "frobenius");
    JsonNode mu = fit("mu", "-q", "--solver", "mu");
    JsonNode batches = fit("batches", "-q", "--batch-size", "4");
    assertEquals(1e-4, frobenius.path("parameters").path("nmf").path("tol").asDouble());
    assertEquals(1e-4, mu.path("parameters").path("nmf").path("tol").asDouble());
    assertEquals(1e-4, batches.path("parameters").path("nmf").path("tol").asDouble());
    assertEquals("mini-batch", batches.path("fit").path("mode").asText());
  }

  @Test
  void factorizesDefaultIsTheTighterTolerance() throws IOException {
    Path csv = tmp.resolve("x.csv");
    Files.writeString(csv, "a,b,c\n1,2,0\n2,5,1\n0,1,3\n4,8,2\n1,1,1\n", StandardCharsets.UTF_8);
    Path out = tmp.resolve("f");
    CliRun r = CliRun.of("factorize", csv.toString(), "-k", "2", "-o", out.toString(), "-q");
    assertEquals(0, r.code(), r.err());
    JsonNode f = JSON.readTree(out.resolve("factorization.json").toFile());
    assertEquals(1e-4, f.path("parameters").path("nmf").path("tol").asDouble(), f.path("parameters").toString());
  }

  @Test
  void aNegativeOrNonNumericToleranceIsAUsageErrorNamingTheFlag() throws IOException {
    Path in = ThemedCorpus.write(tmp);
    for (String bad : new String[] {"-1", "-2", "soon", "Infinity"}) {
      CliRun r = CliRun.of("fit", in.toString(), "-k", "3", "-o", tmp.resolve("bad").toString(), "--tol", bad);
      assertEquals(2, r.code(), bad + ": " + r.err());
      assertTrue(r.err().contains("--tol") && r.err().contains("auto"), r.err());
      assertTrue(Files.notExists(tmp.resolve("bad").resolve("report.json")));
    }
  }
}

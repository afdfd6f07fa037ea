package io.topicnmf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every double the reports write (report.json, the page's data, the flat exports) parses back to
 * the same bits: the fast double writer (Schubfach) only changes how fast, and at most the text
 * of a value JDK 17's {@link Double#toString} did not write in its shortest form.
 */
class DoubleRoundTripTest {
  /** Values that stress a double-to-text conversion, then random ones of every magnitude and random bit patterns. */
  static double[] values() {
    List<Double> v = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 2.0, 100.0, 1e7, 1e-3, 9.999999999999999e-4,
        1234567.0, 12345678.0, 4503599627370496.0, 9007199254740993.0, 0.1, 0.2, 0.1 + 0.2, 1.0 / 3, 2.0 / 3,
        1e-300, 1e300, -1e300, 1e23, 2e23, 8.41e21, 5e-324, -5e-324, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
        2.2250738585072014E-308 / 3, Double.MAX_VALUE, -Double.MAX_VALUE, Math.nextUp(1.0), Math.nextDown(1.0),
        Math.PI, Math.E, 0.5, 0.25, 1e-5, 2.0E-3, 1.0E22, 9.007199254740991E15, 4.35, 0.3));
    SplittableRandom random = new SplittableRandom(20240611L);
    for (int i = 0; i < 20_000; i++) {
      v.add(random.nextDouble()); // shares in [0, 1), as the weights
      v.add(random.nextDouble() * Math.pow(10, random.nextInt(-320, 309)));
      v.add((double) random.nextInt(-1_000_000, 1_000_000)); // integers
      v.add(Double.longBitsToDouble(random.nextLong() >>> 12)); // subnormals
      double bits = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(bits)) v.add(bits);
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The numbers of a JSON array written as text, each parsed by {@link Double#parseDouble}. */
  private static double[] parse(String json) {
    String inner = json.strip();
    assertTrue(inner.startsWith("[") && inner.endsWith("]"), inner);
    return Arrays.stream(inner.substring(1, inner.length() - 1).split(","))
        .map(String::strip)
        .map(s -> s.startsWith("\"") ? s.substring(1, s.length() - 1) : s)
        .mapToDouble(Double::parseDouble)
        .toArray();
  }

  private static void assertSameBits(double[] expected, double[] actual, String where) {
    assertEquals(expected.length, actual.length, where);
    for (int i = 0; i < expected.length; i++) {
      if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])
          && !(Double.isNaN(expected[i]) && Double.isNaN(actual[i]))) {
        throw new AssertionError(where + ": " + Double.toString(expected[i]) + " read back as " + actual[i]);
      }
    }
  }

  @Test
  void reportMapperUsesTheFastWriter() {
    assertTrue(Reports.mapper().getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER));
  }

  @Test
  void reportJsonWritesEveryDoubleSoThatItParsesBackBitForBit() throws IOException {
    double[] v = values();
    assertSameBits(v, parse(Reports.mapper().writeValueAsString(v)), "double[]");
    List<Double> boxed = Arrays.stream(v).boxed().toList(); // as a document's weights
    assertSameBits(v, parse(Reports.mapper().writeValueAsString(boxed)), "List<Double>");
    double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    assertSameBits(special, parse(Reports.mapper().writeValueAsString(special)), "not finite");
  }

  @Test
  void aDoubleReadsBackAsTheSameBitsThroughJacksonToo() throws IOException {
    double[] v = values();
    double[] read = Reports.mapper().readValue(Reports.mapper().writeValueAsString(Map.of("v", v)), Values.class).v();
    assertSameBits(v, read, "readValue");
  }

  record Values(double[] v) {}

  @Test
  void thePagesDataWritesEveryDoubleSoThatItParsesBackBitForBit() throws IOException {
    double[] v = values();
    assertSameBits(v, parse(HtmlPages.json(v)), "page");
  }

  @Test
  void flatExportsWriteEveryDoubleSoThatItParsesBackBitForBitInDoubleToStringsFormat() {
    double[] v = values();
    for (double x : v) {
      String s = FlatExports.number(x);
      assertSameBits(new double[] {x}, new double[] {Double.parseDouble(s)}, "TSV " + s);
      // Double.toString's format: a decimal point always, E and an exponent outside [1e-3, 1e7).
      String plain = Double.toString(x);
      assertEquals(plain.contains("E"), s.contains("E"), plain + " vs " + s);
      assertTrue(s.contains("."), s);
    }
    assertEquals("NaN", FlatExports.number(Double.NaN));
    assertEquals("Infinity", FlatExports.number(Double.POSITIVE_INFINITY));
    assertEquals("-0.0", FlatExports.number(-0.0));
    assertEquals("0.30000000000000004", FlatExports.number(0.1 + 0.2));
  }
}

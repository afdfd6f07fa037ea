package io.topicnmf.corpus;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Issue 11: is Apache Commons CSV slower than the hand-written RFC 4180 reader of .csv corpora on
 * a 20news-sized file? Parses the same decoded text with both, 7 rounds each interleaved, and
 * prints the medians. Run with bench/csv/run.sh.
 */
public final class CsvReaderBench {
  public static void main(String[] args) throws IOException {
    String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).build();
    int rounds = 7;
    double[] hand = new double[rounds];
    double[] commons = new double[rounds];
    long check = 0;
    for (int r = 0; r < rounds + 2; r++) {
      long t0 = System.nanoTime();
      RecordFiles.CsvParser p = new RecordFiles.CsvParser(text);
      long n1 = 0;
      for (List<String> rec; (rec = p.next()) != null; ) n1 += rec.size();
      long t1 = System.nanoTime();
      long n2 = 0;
      try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
        for (CSVRecord rec : parser) n2 += rec.size();
      }
      long t2 = System.nanoTime();
      if (n1 != n2) throw new IllegalStateException("field counts differ: " + n1 + " vs " + n2);
      check = n1;
      if (r >= 2) { // two warm-up rounds
        hand[r - 2] = (t1 - t0) / 1e6;
        commons[r - 2] = (t2 - t1) / 1e6;
      }
    }
    Arrays.sort(hand);
    Arrays.sort(commons);
    System.out.printf("%d chars, %d fields; median ms: hand-written %.1f, commons-csv %.1f (ratio %.2f)%n",
        text.length(), check, hand[rounds / 2], commons[rounds / 2], commons[rounds / 2] / hand[rounds / 2]);
  }
}

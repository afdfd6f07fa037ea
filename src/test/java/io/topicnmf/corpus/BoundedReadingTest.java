package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded, streaming reading: limits, likely bombs, non-regular files, odd names. */
class BoundedReadingTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** {@code bytes} gzipped in memory (also for {@link FileInputTest}). */
  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /** Writes {@code unit} again and again, about {@code total} bytes, in large blocks. */
  private static void writeRepeated(OutputStream out, byte[] unit, long total) throws IOException {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    while (block.size() < 65536) {
      block.write(unit);
    }
    byte[] b = block.toByteArray();
    for (long n = 0; n < total; n += b.length) {
      out.write(b);
    }
  }

  private Corpus read(CorpusOptions options) throws IOException {
    return CorpusReader.read(dir, options, CorpusListener.NONE);
  }

  private static Map<String, String> skips(Corpus c) {
    Map<String, String> m = new TreeMap<>();
    c.skipped().forEach(s -> m.put(s.path(), s.reason()));
    return m;
  }

  private static List<String> ids(Corpus c) {
    return c.documents().stream().map(Document::id).toList();
  }

  private static CorpusOptions limits(ReadLimits limits) {
    return CorpusOptions.defaults().withLimits(limits);
  }

  @Test
  void aGzipBombOfRepeatedWordsIsSkippedAsALikelyBomb() throws IOException {
    write("note.txt", "a small note on bank rates");
    // 20 MB of one repeated line expands about 150:1 from gzip; written as a stream, never held.
    byte[] line = "bank interest rates mortgage garden soil\n".getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("bomb.txt.gz")))) {
      writeRepeated(out, line, 20L << 20);
    }
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(List.of("note.txt"), ids(c));
    String reason = skips(c).get("bomb.txt.gz");
    assertTrue(reason.startsWith("likely a decompression bomb: ") && reason.endsWith(
        " (over 100:1, --max-compression-ratio)"), reason);
    // The same file passes the ratio test when the user allows that ratio, and is then stopped
    // by the document limit instead.
    Corpus allowed = read(limits(ReadLimits.defaults().withMaxCompressionRatio(100_000)
        .withMaxDocumentBytes(1 << 20)));
    assertEquals("file too large (over 1024 KB, --max-document-size)", skips(allowed).get("bomb.txt.gz"));
  }

  @Test
  void aLikelyBombInARecordFileSkipsTheWholeFile() throws IOException {
    byte[] record = ("{\"text\": \"" + "bank interest rates mortgage garden soil ".repeat(50)
        + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("b.jsonl.gz")))) {
      writeRepeated(out, record, 20L << 20);
    }
    write("ok.txt", "some text");
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(List.of("ok.txt"), ids(c));
    assertTrue(skips(c).get("b.jsonl.gz").startsWith("likely a decompression bomb"), skips(c).toString());
    assertEquals(1, c.skipped().size());
  }

  @Test
  void theExpandedSizeLimitStopsAGzipFile() throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      jsonl.append("{\"text\": \"record number ").append(i).append("\"}\n");
    }
    Files.write(dir.resolve("r.jsonl.gz"), gzip(jsonl.toString().getBytes(StandardCharsets.UTF_8)));
    Corpus c = read(limits(ReadLimits.defaults().withMaxExpandedBytes(1000)));
    assertEquals(List.of(), ids(c));
    assertEquals(Map.of("r.jsonl.gz", "gzip file expands to more than 1000 bytes (--max-expanded-size)"),
        skips(c));
  }

  @Test
  void aTruncatedGzipKeepsTheRecordsBeforeTheBreak() throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 1; i <= 5000; i++) {
      jsonl.append("{\"text\": \"record ").append(i).append(" about ").append(i * 7919 % 1000)
          .append("\"}\n");
    }
    byte[] gz = gzip(jsonl.toString().getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("t.jsonl.gz"), Arrays.copyOf(gz, gz.length / 2));
    Corpus c = read(CorpusOptions.defaults());
    int kept = c.documents().size();
    assertTrue(kept > 100 && kept < 5000, "kept " + kept);
    assertEquals("t.jsonl.gz#1", c.documents().get(0).id());
    String reason = skips(c).get("t.jsonl.gz");
    assertTrue(reason.startsWith("read up to record ") && reason.contains("corrupt gzip file"), reason);
  }

  @Test
  void aCorruptGzipHeaderIsSkippedWithItsReason() throws IOException {
    Files.write(dir.resolve("x.txt.gz"), "not gzip at all".getBytes(StandardCharsets.US_ASCII));
    Corpus c = read(CorpusOptions.defaults());
    assertTrue(skips(c).get("x.txt.gz").startsWith("corrupt gzip file ("), skips(c).toString());
  }

  @Test
  void theDocumentLimitAppliesToFilesRecordsAndMessages() throws IOException {
    String big = "word ".repeat(40); // 200 bytes
    write("small.txt", "short text");
    write("big.txt", big);
    Files.write(dir.resolve("big.txt.gz"), gzip(big.getBytes(StandardCharsets.US_ASCII)));
    write("r.jsonl", "{\"text\": \"first\"}\n{\"text\": \"" + big + "\"}\n{\"text\": \"third\"}\n");
    write("m.mbox", "From a Mon Jan  1 00:00:00 2024\nSubject: one\n\nshort\n\n"
        + "From b Mon Jan  1 00:00:00 2024\nSubject: two\n\n" + big + "\n\n"
        + "From c Mon Jan  1 00:00:00 2024\nSubject: three\n\nshort too\n");
    Corpus c = read(limits(ReadLimits.defaults().withMaxDocumentBytes(100)));
    assertEquals(List.of("m.mbox#1", "m.mbox#3", "r.jsonl#1", "r.jsonl#3", "small.txt"), ids(c));
    Map<String, String> s = skips(c);
    assertEquals("file too large (over 100 bytes, --max-document-size): 200 bytes", s.get("big.txt"));
    assertEquals("file too large (over 100 bytes, --max-document-size)", s.get("big.txt.gz"));
    assertEquals("record too large (over 100 bytes, --max-document-size)", s.get("r.jsonl#2"));
    assertEquals("message too large (over 100 bytes, --max-document-size)", s.get("m.mbox#2"));
    assertEquals(4, s.size(), s.toString());
  }

  @Test
  void aCsvRecordOverTheLimitStopsTheFileWithItsReasonUnlessAStrayQuoteMadeIt() throws IOException {
    // One line over the bound: nothing after it can be trusted, the file stops there.
    write("a.csv", "text\nfirst row\n" + "long ".repeat(40) + "\nlater row\n");
    Corpus c = read(limits(ReadLimits.defaults().withMaxDocumentBytes(100)));
    assertEquals(List.of("a.csv#1"), ids(c));
    assertTrue(skips(c).get("a.csv#2").startsWith("record too large (over 100 bytes"), skips(c).toString());

    // A quote left open over the bound: only its record is lost, the lines it swallowed are read.
    write("a.csv", "text\nfirst row\n\"an unbalanced quote runs on\n" + "and on\n".repeat(50));
    c = read(limits(ReadLimits.defaults().withMaxDocumentBytes(100)));
    assertEquals(51, ids(c).size(), ids(c).toString());
    assertEquals("a.csv#3", ids(c).get(1));
    assertTrue(skips(c).get("a.csv#2").startsWith("malformed record: the quoted field that starts on line 3 is still"
        + " open after 100 characters (a stray quote?)"), skips(c).toString());
  }

  private static boolean run(String... command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void aFifoInAFolderIsNeverOpened() throws IOException {
    write("a.txt", "some text");
    assumeTrue(run("mkfifo", dir.resolve("pipe.txt").toString()), "mkfifo is not available");
    // Opening the FIFO would block this test forever: it must be skipped unopened.
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(List.of("a.txt"), ids(c));
    assertEquals(FileReaders.NOT_REGULAR, skips(c).get("pipe.txt"));
  }

  @Test
  void aFifoOrDeviceGivenAsTheInputIsRefused() throws IOException {
    assumeTrue(run("mkfifo", dir.resolve("pipe").toString()), "mkfifo is not available");
    NotRegularFileException e = assertThrows(NotRegularFileException.class,
        () -> CorpusReader.read(dir.resolve("pipe"), CorpusOptions.defaults(), CorpusListener.NONE));
    assertTrue(e.getReason().startsWith("not a regular file or folder"), e.getReason());
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero));
    assertThrows(NotRegularFileException.class,
        () -> CorpusReader.read(zero, CorpusOptions.defaults(), CorpusListener.NONE));
  }

  @Test
  void aLinkToADeviceInAFolderIsSkipped() throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero));
    write("a.txt", "some text");
    Files.createSymbolicLink(dir.resolve("zero.txt"), zero);
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(List.of("a.txt"), ids(c));
    assertEquals(FileReaders.NOT_REGULAR, skips(c).get("zero.txt"));
    Files.delete(dir.resolve("zero.txt"));
  }

  @Test
  void namesThatAreNotUtf8AreReadWithTheirBytesEscaped() throws IOException {
    // Java cannot name such a file; the shell's printf writes the raw byte 0xE9 (é in Latin-1).
    assumeTrue(run("sh", "-c", "cd '" + dir + "' && mkdir \"$(printf 'dossi\\351r')\" && printf"
        + " 'bank rates' > \"$(printf 'caf\\351.txt')\" && printf 'garden soil' >"
        + " \"$(printf 'dossi\\351r')/x.txt\""), "cannot make a file with a Latin-1 name");
    write("plain.txt", "other text");
    Corpus c = read(CorpusOptions.defaults());
    assertEquals(List.of(
        new Document("caf%E9.txt", null, "bank rates"),
        new Document("dossi%E9r/x.txt", "dossi%E9r", "garden soil"),
        new Document("plain.txt", null, "other text")), c.documents());
    assertEquals(List.of(), c.skipped());
  }

  @Test
  void escapingKeepsValidUtf8AndWritesOtherBytesAsHex() {
    assertEquals("café.txt", FileNames.escape("café.txt".getBytes(StandardCharsets.UTF_8)));
    assertEquals("caf%E9.txt", FileNames.escape(new byte[] {'c', 'a', 'f', (byte) 0xE9, '.', 't', 'x', 't'}));
    assertEquals("a%C3", FileNames.escape(new byte[] {'a', (byte) 0xC3}));
    assertEquals("%FF%FEé", FileNames.escape(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, (byte) 0xA9}));
  }

  private static String readAll(Reader r) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[1000];
    int n;
    while ((n = r.read(buf)) != -1) {
      b.append(buf, 0, n);
    }
    return b.toString();
  }

  @Test
  void recordTextIsDecodedLineByLine() throws IOException {
    byte[] utf8 = "naïve café\n".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "déjà vu\n".getBytes(StandardCharsets.ISO_8859_1);
    // A line far longer than a chunk, with a two-byte character across every chunk boundary.
    String longLine = "é".repeat(LineDecodingReader.CHUNK) + "\n";
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    all.write(utf8);
    all.write(latin1);
    all.write(longLine.getBytes(StandardCharsets.UTF_8));
    all.write("end".getBytes(StandardCharsets.US_ASCII));
    String text = readAll(new LineDecodingReader(new java.io.ByteArrayInputStream(all.toByteArray())));
    assertEquals("naïve café\ndéjà vu\n" + longLine + "end", text);
  }

  @Test
  void boundedLinesDropsAnOverlongLineAndGoesOn() throws IOException {
    RecordFiles.BoundedLines lines = new RecordFiles.BoundedLines(
        new StringReader("short\r\n" + "x".repeat(50) + "\nafter\nlast"), 10);
    assertEquals("short", lines.next());
    assertEquals("", lines.next());
    assertTrue(lines.overflowed());
    assertEquals("after", lines.next());
    assertEquals("last", lines.next());
    assertEquals(null, lines.next());
  }

  @Test
  void sizesAreParsedWithBinaryMultiples() {
    assertEquals(32L << 20, ReadLimits.parseSize("32M", "--max-document-size"));
    assertEquals(4L << 30, ReadLimits.parseSize("4g", "--max-expanded-size"));
    assertEquals(512L << 10, ReadLimits.parseSize("512KB", "--x"));
    assertEquals(1000, ReadLimits.parseSize("1000", "--x"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReadLimits.parseSize("lots", "--max-document-size"));
    assertEquals("--max-document-size must be a size such as 32M, 512K, 4G or a number of bytes"
        + " (at least 1), got 'lots'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReadLimits.parseSize("0", "--x"));
    assertThrows(IllegalArgumentException.class, () -> new ReadLimits(1, 1, 1));
  }
}

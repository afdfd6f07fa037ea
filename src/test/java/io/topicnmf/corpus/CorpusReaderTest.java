package io.topicnmf.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {
  @TempDir Path dir;

  private Path write(String relative, byte[] bytes) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  private Path write(String relative, String text) throws IOException {
    return write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Corpus read(Path p) throws IOException {
    return CorpusReader.read(p, CorpusOptions.defaults(), CorpusListener.NONE);
  }

  private static Map<String, Document> byId(Corpus c) {
    return c.documents().stream().collect(Collectors.toMap(Document::id, Function.identity()));
  }

  private static Map<String, String> skips(Corpus c) {
    Map<String, String> m = new TreeMap<>();
    for (Skipped s : c.skipped()) {
      m.put(s.path(), s.reason());
    }
    return m;
  }

  @Test
  void decodesUtf8WithAndWithoutBomAndFallsBackToWindows1252() throws IOException {
    write("utf8.txt", "Grüße aus Köln — “quoted” €");
    byte[] body = "café naïve".getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[body.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bom, 3, body.length);
    write("bom.txt", bom);
    write("latin1.txt", "café naïve résumé".getBytes(StandardCharsets.ISO_8859_1));
    write("cp1252.txt", "“smart” quotes cost 5€".getBytes(Charset.forName("windows-1252")));

    Map<String, Document> docs = byId(read(dir));
    assertEquals("Grüße aus Köln — “quoted” €", docs.get("utf8.txt").text());
    assertEquals("café naïve", docs.get("bom.txt").text()); // no U+FEFF left
    assertEquals("café naïve résumé", docs.get("latin1.txt").text());
    assertEquals("“smart” quotes cost 5€", docs.get("cp1252.txt").text());
  }

  @Test
  void decodesUtf16WithBom() {
    byte[] body = "hello wörld".getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);
    assertEquals(false, TextDecoder.looksBinary(bytes));
    assertEquals("hello wörld", TextDecoder.decode(bytes));
  }

  @Test
  void skipsBinaryEmptyWhitespaceUnsupportedAndHiddenFiles() throws IOException {
    write("good.txt", "some words here");
    byte[] binary = new byte[100];
    binary[50] = 0;
    binary[0] = 'P';
    write("image.txt", binary);
    write("empty.txt", new byte[0]);
    write("blank.md", " \n\t \r\n");
    write("data.xlsx", "PK pretend spreadsheet");
    write(".hidden.txt", "secret words");
    write(".git/config", "ignored words");
    write("sub/.hidden/inside.txt", "ignored words");

    Corpus c = read(dir);
    assertEquals(List.of("good.txt"), c.documents().stream().map(Document::id).toList());
    Map<String, String> skipped = skips(c);
    assertEquals(4, skipped.size(), skipped.toString());
    assertEquals("binary file (NUL byte in first 8 KB)", skipped.get("image.txt"));
    assertEquals("empty file", skipped.get("empty.txt"));
    assertEquals("empty file (only whitespace)", skipped.get("blank.md"));
    assertEquals("unsupported file type .xlsx", skipped.get("data.xlsx"));
  }

  @Test
  void nulByteAfterFirst8KbIsNotBinary() throws IOException {
    byte[] bytes = new byte[TextDecoder.BINARY_PROBE_BYTES + 10];
    java.util.Arrays.fill(bytes, (byte) 'a');
    bytes[TextDecoder.BINARY_PROBE_BYTES + 5] = 0;
    write("long.txt", bytes);
    assertEquals(1, read(dir).documents().size());
  }

  @Test
  void idsUseSlashesAndLabelsAreFirstSubFolderInSortedOrder() throws IOException {
    write("b/deep/er/z.txt", "zed");
    write("b/a.md", "alpha");
    write("a/x", "no extension is plain text");
    write("root.text", "at the root");
    write("B/upper.txt", "upper case folder sorts first");

    Corpus c = read(dir);
    List<String> ids = c.documents().stream().map(Document::id).toList();
    assertEquals(List.of("B/upper.txt", "a/x", "b/a.md", "b/deep/er/z.txt", "root.text"), ids);
    Map<String, Document> docs = byId(c);
    assertEquals("b", docs.get("b/deep/er/z.txt").label());
    assertEquals("a", docs.get("a/x").label());
    assertNull(docs.get("root.text").label());
    assertEquals("no extension is plain text", docs.get("a/x").text());
    assertEquals(dir.normalize().toString(), c.root());
  }

  @Test
  void htmlIsStrippedAndForceHtmlAppliesToTextFiles() throws IOException {
    write("page.html", "<html><head><title>T</title><script>var x=1;</script></head>"
        + "<body><p>Caf&eacute; <b>bold</b></p></body></html>");
    write("note.txt", "<p>Tagged &amp; text</p>");
    write("blank.htm", "<html><body>  </body></html>");

    Corpus plain = read(dir);
    Map<String, Document> docs = byId(plain);
    String html = docs.get("page.html").text();
    assertTrue(html.contains("Café"), html);
    assertTrue(html.contains("bold"), html);
    assertTrue(!html.contains("<") && !html.contains("var x"), html);
    assertEquals("<p>Tagged &amp; text</p>", docs.get("note.txt").text());
    assertEquals("empty file (no text after HTML stripping)", skips(plain).get("blank.htm"));

    Corpus forced = CorpusReader.read(dir, CorpusOptions.defaults().withForceHtml(true),
        CorpusListener.NONE);
    assertEquals("Tagged & text", byId(forced).get("note.txt").text().strip());
  }

  @Test
  void singleFileHasItsNameAsIdAndNoLabel() throws IOException {
    Path f = write("sub/one.txt", "just one");
    Corpus c = read(f);
    assertEquals(1, c.documents().size());
    assertEquals("one.txt", c.documents().get(0).id());
    assertNull(c.documents().get(0).label());
    assertEquals("just one", c.documents().get(0).text());
  }

  @Test
  void missingPathFailsWithNoSuchFile() {
    Path missing = dir.resolve("nope");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> read(missing));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void symlinkLoopIsSkippedAndReported() throws IOException {
    write("a/doc.txt", "inside a");
    Path link = dir.resolve("a/loop");
    try {
      Files.createSymbolicLink(link, dir.resolve("a"));
      Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links not supported: " + e);
    }
    Corpus c = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> read(dir));
    assertEquals(List.of("a/doc.txt"), c.documents().stream().map(Document::id).toList());
    Map<String, String> skipped = skips(c);
    assertTrue(skipped.get("a/loop").startsWith("symbolic link loop"), skipped.toString());
    assertTrue(skipped.get("b").startsWith("folder already read"), skipped.toString());
  }

  @Test
  void excludedPathsAreLeftOutByTheirRealPathsThroughLinksToo() throws IOException {
    // The walk takes a plain entry's real path from its folder's (no stat and readlink per path
    // component), and a symbolic link's from the file system: both must match the excluded set,
    // also when the root is itself reached through a link.
    write("corpus/keep.txt", "kept text");
    write("corpus/sub/also.txt", "also kept");
    write("corpus/out/report.txt", "an output of an earlier run");
    write("corpus/sub/skip.txt", "an output file written inside the input");
    write("elsewhere/out2/x.txt", "outside the corpus");
    Path root = dir.resolve("corpus");
    Path viaLink = dir.resolve("alias");
    try {
      Files.createSymbolicLink(viaLink, root);
      Files.createSymbolicLink(root.resolve("linked-out"), root.resolve("out"));
      Files.createSymbolicLink(root.resolve("linked-out2"), dir.resolve("elsewhere/out2"));
      Files.createSymbolicLink(root.resolve("linked-file.txt"), root.resolve("sub/skip.txt"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links not supported: " + e);
    }
    java.util.Set<Path> excluded = java.util.Set.of(root.resolve("out").toRealPath(),
        dir.resolve("elsewhere/out2").toRealPath(), root.resolve("sub/skip.txt").toRealPath());
    for (Path start : List.of(root, viaLink)) {
      Corpus c = CorpusReader.read(start, CorpusOptions.defaults(), (n, p) -> {}, excluded);
      assertEquals(List.of("keep.txt", "sub/also.txt"), c.documents().stream().map(Document::id).toList(),
          "read from " + start);
      assertEquals(Map.of(), skips(c), "read from " + start);
    }
    // Without exclusions every path is read, the links to folders and files included.
    Corpus all = CorpusReader.read(root, CorpusOptions.defaults(), (n, p) -> {}, java.util.Set.of());
    assertEquals(List.of("keep.txt", "linked-file.txt", "linked-out/report.txt", "linked-out2/x.txt",
        "sub/also.txt", "sub/skip.txt"), all.documents().stream().map(Document::id).toList());
    assertEquals("folder already read through another path (symbolic link)", skips(all).get("out"));
  }

  @Test
  void listenerSeesEveryReadFileOnceInIncreasingCount() throws IOException {
    for (int i = 0; i < 50; i++) {
      write(String.format("f%02d.txt", i), "text number " + i);
    }
    List<Integer> counts = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    Corpus c = CorpusReader.read(dir, CorpusOptions.defaults(), (n, p) -> {
      counts.add(n);
      paths.add(p);
    });
    assertEquals(50, c.documents().size());
    int[] expected = new int[50];
    for (int i = 0; i < 50; i++) {
      expected[i] = i + 1;
    }
    assertArrayEquals(expected, counts.stream().mapToInt(Integer::intValue).toArray());
    assertEquals(50, paths.stream().distinct().count());
    // Document order is the walk order, whatever the reading order was.
    assertEquals("f00.txt", c.documents().get(0).id());
    assertEquals("f49.txt", c.documents().get(49).id());
  }
}

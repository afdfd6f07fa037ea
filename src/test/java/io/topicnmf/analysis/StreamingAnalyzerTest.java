package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.corpus.Corpus;
import io.topicnmf.corpus.CorpusListener;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.corpus.CorpusReader;
import io.topicnmf.corpus.CorpusStream;
import io.topicnmf.corpus.Document;
import io.topicnmf.corpus.Skipped;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.report.Snippets;
import io.topicnmf.vectorize.DocumentTermMatrix;
import io.topicnmf.vectorize.RowStore;
import io.topicnmf.vectorize.VocabularyOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming reader ({@link StreamingAnalyzer} over {@link CorpusStream}) against the reader it
 * replaces ({@link CorpusReader#read}, {@link CorpusAnalyzer#analyze}, {@link
 * DocumentTermMatrix#build}): the same documents, skips with their reasons and order, mail
 * clean-up, boilerplate, surface forms, tokens, language check and matrix, on the sample corpus and
 * on generated folders of every format, with 1 and 2 threads, and through the spill path.
 */
class StreamingAnalyzerTest {
  private static final String[] WORDS = ("market price bank rate oil trade export growth river garden "
      + "music piano concert league match goal stars planet orbit bread flour oven doctors patients "
      + "running runs ran cities city's churches church analysis analyses").split(" ");

  @TempDir Path tmp;

  private static String words(SplittableRandom r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(WORDS[r.nextInt(WORDS.length)]).append(i % 11 == 10 ? ".\n" : " ");
    }
    return b.toString();
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** A folder of every format, with skips of every kind. */
  private Path mixedFolder() throws IOException {
    SplittableRandom r = new SplittableRandom(7);
    Path root = tmp.resolve("mixed");
    Path a = Files.createDirectories(root.resolve("a"));
    for (int i = 0; i < 12; i++) Files.writeString(a.resolve("plain" + i + ".txt"), words(r, 30 + i));
    Path b = Files.createDirectories(root.resolve("b"));
    for (int i = 0; i < 6; i++) {
      Files.writeString(b.resolve("page" + i + ".html"), "<html><body><div>Home | About | Contact</div>"
          + "<p>" + words(r, 40) + "</p><footer>Copyright cookies privacy</footer></body></html>");
    }
    Files.writeString(b.resolve("page9.html"), "<html><body><div>Home | About | Contact</div>"
        + "<footer>Copyright cookies privacy</footer></body></html>");
    Path c = Files.createDirectories(root.resolve("c"));
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      jsonl.append("{\"id\": \"r").append(i).append("\", \"text\": ").append(json(words(r, 25)))
          .append(", \"label\": \"L").append(i % 3).append("\", \"year\": ").append(1990 + i).append("}\n");
      if (i == 5) jsonl.append("\n");
      if (i == 7) jsonl.append("{not json\n");
      if (i == 9) jsonl.append("{\"id\": \"nr\"}\n");
      if (i == 11) jsonl.append("{\"id\": \"r3\", \"text\": \"again the same id\"}\n");
      if (i == 13) jsonl.append("[1, 2]\r\n");
    }
    Files.writeString(c.resolve("records.jsonl"), jsonl);
    StringBuilder csv = new StringBuilder("text,id,label,source\n");
    for (int i = 0; i < 20; i++) {
      csv.append('"').append(words(r, 20).replace("\"", "")).append("\",c").append(i).append(",C,web\n");
      if (i == 4) csv.append("only,two\n");
    }
    Files.writeString(c.resolve("table.csv"), csv);
    Path d = Files.createDirectories(root.resolve("d"));
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      mbox.append("From someone@example.org Mon Jan  1 00:00:00 2024\nFrom: someone@example.org\n"
          + "Subject: note ").append(i).append("\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\n")
          .append(words(r, 30)).append("\n> quoted reply line\n\n");
    }
    Files.writeString(d.resolve("box.mbox"), mbox);
    Files.writeString(d.resolve("one.eml"), "From: x@example.org\nSubject: hello\n\n" + words(r, 30));
    Path e = Files.createDirectories(root.resolve("e"));
    StringBuilder gz = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      gz.append("{\"id\": \"").append(i == 2 ? "r1" : "g" + i).append("\", \"text\": ")
          .append(json(words(r, 25))).append("}\n");
    }
    Files.write(e.resolve("more.jsonl.gz"), gzip(gz.toString()));
    byte[] whole = gzip(gz.toString().repeat(40));
    Files.write(e.resolve("truncated.jsonl.gz"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
    Files.write(e.resolve("binary.txt"), new byte[] {'a', 0, 'b', 'c'});
    Files.write(e.resolve("empty.txt"), new byte[0]);
    Files.writeString(e.resolve("blanks.jsonl"), "\n\n  \n");
    Files.writeString(e.resolve("notes.xyz"), "unsupported");
    Files.writeString(e.resolve("latin.txt"), "caf\u00e9 na\u00efve " + words(r, 10),
        java.nio.charset.Charset.forName("windows-1252"));
    Files.writeString(root.resolve("top.md"), words(r, 50));
    return root;
  }

  private static Function<List<String>, StreamingAnalyzer.Resolution> given(AnalysisOptions a) {
    return sample -> new StreamingAnalyzer.Resolution(a, LanguageCheck.ofSample(sample, a.language()));
  }

  /** Resolution as {@code --language auto} does it (English chosen by default, light stemming). */
  private static StreamingAnalyzer.Resolution auto(AnalysisOptions a, List<String> sample) {
    Language chosen = LanguageCheck.ofSample(sample, Language.EN).choice();
    return new StreamingAnalyzer.Resolution(a.resolved(chosen, Stemming.NONE),
        LanguageCheck.ofSample(sample, chosen).asAutomatic());
  }

  private StreamingAnalyzer.Streamed stream(Path root, CorpusOptions co,
      Function<List<String>, StreamingAnalyzer.Resolution> resolver, int threads) throws IOException {
    return StreamingAnalyzer.analyze(CorpusStream.walk(root, java.util.Set.of()), co, resolver::apply, threads,
        tmp.resolve("scratch"), CorpusListener.NONE, AnalysisListener.NONE);
  }

  /** The streamed corpus equals the corpus read, analysed and counted by the earlier reader. */
  private void assertSameAsReader(Path root, CorpusOptions co, AnalysisOptions ao, int threads,
      Function<List<String>, StreamingAnalyzer.Resolution> resolver) throws IOException {
    Corpus old = CorpusReader.read(root, co, CorpusListener.NONE);
    List<String> sample = new ArrayList<>();
    for (int d : LanguageCheck.sample(old.documents().size())) sample.add(old.documents().get(d).text());
    StreamingAnalyzer.Resolution expected = resolver.apply(sample);
    AnalyzedCorpus a = CorpusAnalyzer.analyze(old.documents(), expected.analysis(), threads, AnalysisListener.NONE);
    VocabularyOptions vo = VocabularyOptions.defaults();
    DocumentTermMatrix dtm = DocumentTermMatrix.build(a.documentTerms(), vo, threads);
    try (StreamingAnalyzer.Streamed s = stream(root, co, resolver, threads)) {
      Corpus got = s.corpus();
      assertEquals(old.root(), got.root());
      assertEquals(old.skipped(), got.skipped());
      assertEquals(old.mailCleanup(), got.mailCleanup());
      assertEquals(old.htmlBoilerplate(), got.htmlBoilerplate());
      List<String> oldIds = old.documents().stream().map(Document::id).toList();
      List<String> newIds = got.documents().stream().map(Document::id).toList();
      if (!oldIds.equals(newIds)) {
        List<String> missing = new ArrayList<>(oldIds);
        missing.removeAll(newIds);
        List<String> extra = new ArrayList<>(newIds);
        extra.removeAll(oldIds);
        throw new AssertionError("missing " + missing + " extra " + extra);
      }
      for (int i = 0; i < old.documents().size(); i++) {
        Document o = old.documents().get(i);
        Document n = got.documents().get(i);
        assertEquals(o.id(), n.id());
        assertEquals(o.label(), n.label());
        assertEquals(o.metadata(), n.metadata());
        assertEquals(Snippets.of(o.text()), Snippets.of(n.text()), o.id());
        assertTrue(n.text().length() <= Math.max(o.text().length(), 0));
      }
      assertEquals(expected.analysis(), s.analysis());
      assertEquals(expected.check(), s.language());
      assertEquals(a.surfaceForms(), s.surfaceForms());
      assertEquals(a.documentTerms(), s.tokens());
      DocumentTermMatrix m = s.rows().matrix(vo);
      assertEquals(dtm.vocabulary().terms(), m.vocabulary().terms());
      assertArrayEquals(dtm.vocabulary().documentFrequencies(), m.vocabulary().documentFrequencies());
      assertEquals(dtm.pruning(), m.pruning());
      assertSameMatrix(dtm.counts(), m.counts());
    }
  }

  private static void assertSameMatrix(CsrMatrix want, CsrMatrix got) {
    assertEquals(want.rows(), got.rows());
    assertEquals(want.cols(), got.cols());
    assertArrayEquals(want.rowPtr(), got.rowPtr());
    assertArrayEquals(want.colIdx(), got.colIdx());
    assertArrayEquals(want.values(), got.values());
  }

  @Test
  void sampleCorpusAsTheReaderReadsIt() throws IOException {
    AnalysisOptions ao = AnalysisOptions.defaults().withLanguage(Language.EN).withStem(Stemming.LIGHT);
    for (int threads : new int[] {1, 2}) {
      assertSameAsReader(Path.of("corpora/sample"), CorpusOptions.defaults(), ao, threads, given(ao));
    }
  }

  @Test
  void everyFormatAndSkipAsTheReaderReadsIt() throws IOException {
    Path root = mixedFolder();
    AnalysisOptions ao = AnalysisOptions.defaults().withLanguage(Language.EN).withStem(Stemming.LIGHT);
    for (int threads : new int[] {1, 2, 3}) {
      assertSameAsReader(root, CorpusOptions.defaults(), ao, threads, given(ao));
    }
    AnalysisOptions plain = AnalysisOptions.defaults().withLanguage(Language.EN).withStem(Stemming.NONE);
    assertSameAsReader(root, CorpusOptions.defaults().withStripQuotes(true).withIdField("id"), plain, 2,
        given(plain));
    assertSameAsReader(root.resolve("c/records.jsonl"), CorpusOptions.defaults(), ao, 2, given(ao));
    try (StreamingAnalyzer.Streamed s = stream(root, CorpusOptions.defaults(), given(ao), 2)) {
      List<String> reasons = s.corpus().skipped().stream().map(Skipped::reason).toList();
      assertTrue(reasons.stream().anyMatch(x -> x.startsWith("read up to record")), reasons.toString());
      assertTrue(reasons.contains("no records"), reasons.toString());
      assertTrue(reasons.stream().anyMatch(x -> x.startsWith("binary file")), reasons.toString());
    }
  }

  /** Mail in the majority only after the first documents: the guess is wrong, a second pass fixes it. */
  @Test
  void aWrongGuessOfTheMailCleanUpIsCorrected() throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 1300; i++) {
      String text = i < 600 ? words(r, 20)
          : "From: a" + i + "@example.org\nSubject: re: item " + i + "\n\n" + words(r, 20) + "\n> old reply";
      jsonl.append("{\"text\": ").append(json(text)).append("}\n");
    }
    Path f = Files.writeString(tmp.resolve("mail.jsonl"), jsonl);
    AnalysisOptions ao = AnalysisOptions.defaults().withLanguage(Language.EN).withStem(Stemming.LIGHT);
    assertSameAsReader(f, CorpusOptions.defaults(), ao, 2, given(ao));
    try (StreamingAnalyzer.Streamed s = stream(f, CorpusOptions.defaults(), given(ao), 2)) {
      assertTrue(s.corpus().mailCleanup().automatic());
      assertEquals(2, s.passes());
    }
  }

  /** English first, German in the evenly spaced sample: --language auto reads it as German. */
  @Test
  void theLanguageIsDecidedOnTheCorpusSampleNotThePrefix() throws IOException {
    SplittableRandom r = new SplittableRandom(5);
    String german = "der die und das ist nicht mit den von sich auch auf f\u00fcr ein eine ";
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      String text = i < 600 ? "the and of to is in it that " + words(r, 15) : german + german + words(r, 6);
      jsonl.append("{\"text\": ").append(json(text)).append("}\n");
    }
    Path f = Files.writeString(tmp.resolve("langs.jsonl"), jsonl);
    AnalysisOptions ao = AnalysisOptions.defaults().withLanguage(Language.AUTO);
    Function<List<String>, StreamingAnalyzer.Resolution> resolver = sample -> auto(ao, sample);
    assertSameAsReader(f, CorpusOptions.defaults(), ao, 2, resolver);
    try (StreamingAnalyzer.Streamed s = stream(f, CorpusOptions.defaults(), resolver, 2)) {
      assertEquals(Language.DE, s.analysis().language());
      assertEquals(2, s.passes());
    }
  }

  /** A tiny row budget spills the rows to the scratch folder: the same matrix, the file removed on close. */
  @Test
  void spilledRowsGiveTheSameMatrix() throws IOException {
    Path root = mixedFolder();
    AnalysisOptions ao = AnalysisOptions.defaults().withLanguage(Language.EN).withStem(Stemming.LIGHT);
    VocabularyOptions vo = VocabularyOptions.defaults();
    DocumentTermMatrix inMemory;
    try (StreamingAnalyzer.Streamed s = stream(root, CorpusOptions.defaults(), given(ao), 2)) {
      assertFalse(s.rows().rows().spilled());
      inMemory = s.rows().matrix(vo);
    }
    String before = System.getProperty(RowStore.BUDGET_PROPERTY);
    System.setProperty(RowStore.BUDGET_PROPERTY, "64");
    try (StreamingAnalyzer.Streamed s = stream(root, CorpusOptions.defaults(), given(ao), 2)) {
      RowStore rows = s.rows().rows();
      assertTrue(rows.spilled());
      assertTrue(rows.spillFile().startsWith(tmp.resolve("scratch")), rows.spillFile().toString());
      DocumentTermMatrix spilled = s.rows().matrix(vo);
      assertEquals(inMemory.vocabulary().terms(), spilled.vocabulary().terms());
      assertSameMatrix(inMemory.counts(), spilled.counts());
      s.close();
      assertFalse(Files.exists(rows.spillFile()));
    } finally {
      if (before == null) System.clearProperty(RowStore.BUDGET_PROPERTY);
      else System.setProperty(RowStore.BUDGET_PROPERTY, before);
    }
  }

  /**
   * A large file whose first bytes are binary is skipped on them: a sparse 64 MB .jsonl and .txt of
   * NUL bytes (larger than --max-document-size allows whole) are skipped as binary, not as too large.
   */
  @Test
  void binaryContentIsTestedBeforeTheRestIsRead() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("bin"));
    for (String name : new String[] {"zeros.jsonl", "zeros.txt"}) {
      try (RandomAccessFile f = new RandomAccessFile(root.resolve(name).toFile(), "rw")) {
        f.setLength(64L << 20);
      }
    }
    Files.writeString(root.resolve("ok.txt"), "some words here to read");
    CorpusOptions co = CorpusOptions.defaults()
        .withLimits(CorpusOptions.defaults().limits().withMaxDocumentBytes(1 << 20));
    AnalysisOptions ao = AnalysisOptions.defaults().withLanguage(Language.EN);
    try (StreamingAnalyzer.Streamed s = stream(root, co, given(ao), 2)) {
      assertEquals(List.of(new Skipped("zeros.jsonl", "binary file (NUL byte in first 8 KB)"),
          new Skipped("zeros.txt", "binary file (NUL byte in first 8 KB)")), s.corpus().skipped());
      assertEquals(1, s.corpus().documents().size());
    }
  }

  /** A .gz record file is streamed: a gzipped .jsonl gives what the plain one gives. */
  @Test
  void gzipRecordsAreReadAsThePlainFile() throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      jsonl.append("{\"id\": \"d").append(i).append("\", \"text\": ").append(json(words(r, 30))).append("}\n");
    }
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Path zipped = Files.createDirectories(tmp.resolve("zipped"));
    Files.writeString(plain.resolve("docs.jsonl"), jsonl);
    Files.write(zipped.resolve("docs.jsonl"), gzip(jsonl.toString()));
    Files.move(zipped.resolve("docs.jsonl"), zipped.resolve("docs.jsonl.gz"));
    AnalysisOptions ao = AnalysisOptions.defaults().withLanguage(Language.EN);
    try (StreamingAnalyzer.Streamed a = stream(plain, CorpusOptions.defaults(), given(ao), 2);
        StreamingAnalyzer.Streamed b = stream(zipped, CorpusOptions.defaults(), given(ao), 2)) {
      assertEquals(3000, b.corpus().documents().size());
      assertEquals(a.corpus().documents().stream().map(d -> d.id().replace(".jsonl#", "#")).toList(),
          b.corpus().documents().stream().map(d -> d.id().replace(".jsonl.gz#", "#")).toList());
      assertEquals(a.tokens(), b.tokens());
      assertSameMatrix(a.rows().matrix(VocabularyOptions.defaults()).counts(),
          b.rows().matrix(VocabularyOptions.defaults()).counts());
    }
    assertSameAsReader(zipped, CorpusOptions.defaults(), ao, 2, given(ao));
  }
}

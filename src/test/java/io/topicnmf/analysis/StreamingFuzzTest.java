package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.topicnmf.corpus.Corpus;
import io.topicnmf.corpus.CorpusListener;
import io.topicnmf.corpus.CorpusOptions;
import io.topicnmf.corpus.CorpusReader;
import io.topicnmf.corpus.CorpusStream;
import io.topicnmf.corpus.Document;
import io.topicnmf.corpus.ReadLimits;
import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.report.Snippets;
import io.topicnmf.vectorize.DfLimit;
import io.topicnmf.vectorize.DocumentTermMatrix;
import io.topicnmf.vectorize.VocabularyOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Differential fuzzing of the streaming reader that {@code fit}, {@code apply}, {@code select-k}
 * and {@code vectorize} use ({@link StreamingAnalyzer} over {@link CorpusStream}): a folder of one
 * or two files of any readable type (optionally gzipped, or raw bytes behind a .gz name) must give
 * exactly what the whole-file reader gives ({@link CorpusReader#read}, {@link
 * CorpusAnalyzer#analyze}, {@link DocumentTermMatrix#build}): the same documents in the same order,
 * the same skips with their reasons, the same tokens and counts; and neither may throw anything but
 * what a user's file is allowed to cause (nothing: every bad file is a skip with a reason).
 */
class StreamingFuzzTest {
  private static final ReadLimits LIMITS = new ReadLimits(64 * 1024, 1 << 20, 100);
  private static final CorpusOptions OPTIONS = CorpusOptions.defaults().withLimits(LIMITS);
  private static final String[] TYPES = {"txt", "html", "eml", "mbox", "jsonl", "csv", "md"};

  @FuzzTest
  void streamedEqualsRead(FuzzedDataProvider data) throws IOException {
    Path root = Files.createTempDirectory("fuzz-stream");
    try {
      int files = data.consumeInt(1, 2);
      for (int f = 0; f < files; f++) {
        String ext = data.pickValue(TYPES);
        boolean gzip = data.consumeBoolean();
        byte[] bytes = f + 1 < files ? data.consumeBytes(data.consumeInt(0, 4096)) : data.consumeRemainingAsBytes();
        Path file = root.resolve("doc" + f + "." + ext + (gzip ? ".gz" : ""));
        Files.write(file, gzip && bytes.length % 2 == 0 ? gzip(bytes) : bytes);
      }
      compare(root, data.consumeInt(1, 2));
    } finally {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  private static void compare(Path root, int threads) throws IOException {
    AnalysisOptions ao = AnalysisOptions.defaults();
    Corpus old = CorpusReader.read(root, OPTIONS, CorpusListener.NONE);
    AnalyzedCorpus a = CorpusAnalyzer.analyze(old.documents(), ao, threads, AnalysisListener.NONE);
    // Every term kept (min 1, max all documents), so any number of documents is a valid corpus.
    VocabularyOptions vo = VocabularyOptions.defaults().withMinDf(DfLimit.count(1)).withMaxDf(DfLimit.share(1.0));
    Path scratch = Files.createDirectories(root.resolve("scratch"));
    try (StreamingAnalyzer.Streamed s = StreamingAnalyzer.analyze(CorpusStream.walk(root, java.util.Set.of(scratch)),
        OPTIONS, sample -> new StreamingAnalyzer.Resolution(ao, LanguageCheck.ofSample(sample, ao.language())),
        threads, scratch, CorpusListener.NONE, AnalysisListener.NONE)) {
      Corpus got = s.corpus();
      assertEquals(old.skipped(), got.skipped());
      assertEquals(old.mailCleanup(), got.mailCleanup());
      assertEquals(old.htmlBoilerplate(), got.htmlBoilerplate());
      List<String> oldIds = old.documents().stream().map(Document::id).toList();
      assertEquals(oldIds, got.documents().stream().map(Document::id).toList());
      for (int i = 0; i < old.documents().size(); i++) {
        Document o = old.documents().get(i);
        Document n = got.documents().get(i);
        assertEquals(o.label(), n.label(), o.id());
        assertEquals(o.metadata(), n.metadata(), o.id());
        assertEquals(Snippets.of(o.text()), Snippets.of(n.text()), o.id());
      }
      assertEquals(a.documentTerms(), s.tokens());
      if (!old.documents().isEmpty()) {
        DocumentTermMatrix want = DocumentTermMatrix.build(a.documentTerms(), vo, threads);
        DocumentTermMatrix m = s.rows().matrix(vo);
        assertEquals(want.vocabulary().terms(), m.vocabulary().terms());
        CsrMatrix x = want.counts();
        CsrMatrix y = m.counts();
        assertArrayEquals(x.rowPtr(), y.rowPtr());
        assertArrayEquals(x.colIdx(), y.colIdx());
        assertArrayEquals(x.values(), y.values());
      }
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }
}

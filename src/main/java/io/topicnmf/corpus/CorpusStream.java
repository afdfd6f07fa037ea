package io.topicnmf.corpus;

import io.topicnmf.corpus.CorpusReader.FileTask;
import io.topicnmf.corpus.StreamUnit.Payload;
import io.topicnmf.parallel.OrderedTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a folder or file in one ordered streaming pass, documents in parallel, without keeping
 * their texts: the reading thread walks the entries, opens each record file as a stream (binary
 * test on its first bytes first) and cuts it into batches (a .jsonl into lines of bytes, a .csv
 * into records, an .mbox into messages; .gz inflated on the way); workers read whole files,
 * decode and parse the batches, clean and analyse every document ({@link Analysis}); the results
 * reach the {@link Sink} in corpus order, whatever the number of threads, with what a report needs
 * of each document ({@link Document} with only a snippet's worth of text).
 *
 * <p>The decisions {@link CorpusReader} takes on the whole corpus (mail clean-up, the lines web
 * pages share) are given to a pass ({@link Decisions}); the pass counts what decides them (header
 * blocks, mail messages, pages holding each line, by hash) so the caller can check them afterwards
 * and run the pass again in the rare case they differ ({@link Outcome}). Skipped files and records
 * come out with the reasons and in the order {@link CorpusReader#read} gives them.
 */
public final class CorpusStream {
  /** Units in flight per thread: bounds the bytes the pass holds (a unit is at most ~1 MB of text). */
  static final int WINDOW_PER_THREAD = 4;
  /** Records (or messages) per unit of a .csv or .mbox, and characters. */
  static final int RECORDS_PER_UNIT = 256;
  static final long CHARS_PER_UNIT = 1L << 20;

  /** A system property that, when set, prints each pass's CPU time per thread on stderr (benchmarks). */
  public static final String STATS_PROPERTY = "topicnmf.streamStats";

  private CorpusStream() {}

  /** The analysis of one document's text, run on a worker thread. */
  @FunctionalInterface
  public interface Analysis<R> {
    R analyse(String text) throws IOException;
  }

  /** Receives, in corpus order, every analysed document, and whether it is kept (not a repeated id). */
  @FunctionalInterface
  public interface Sink<R> {
    void document(Document document, R analysed, boolean kept) throws IOException;
  }

  /**
   * What a pass applies to every document.
   *
   * @param stripHeaders remove mail header blocks
   * @param stripQuotes remove quoted replies and signatures
   * @param sharedLines hashes of the lines removed from web pages ({@link LineCounts#hash}), sorted
   * @param skipFiles entries (by index) skipped whole with their reason: files that failed part
   *     way in an earlier pass
   */
  public record Decisions(boolean stripHeaders, boolean stripQuotes, long[] sharedLines, Map<Integer, String> skipFiles) {
    public Decisions {
      sharedLines = sharedLines.clone();
      skipFiles = Map.copyOf(skipFiles);
    }

    /** Nothing removed. */
    public static Decisions none() {
      return new Decisions(false, false, new long[0], Map.of());
    }

    /** Whether {@code other} removes the same (headers, quotes, lines, files). */
    public boolean same(Decisions other) {
      return stripHeaders == other.stripHeaders && stripQuotes == other.stripQuotes
          && Arrays.equals(sharedLines, other.sharedLines) && skipFiles.equals(other.skipFiles);
    }
  }

  /** The entries of a walk: files to read and entries skipped, in walk order. */
  public static final class Entries {
    final String root;
    final List<Object> list;

    Entries(String root, List<Object> list) {
      this.root = root;
      this.list = List.copyOf(list);
    }

    /** The folder or file read, as given, normalised. */
    public String root() {
      return root;
    }

    /** The number of files to read (skipped entries left out). */
    public int files() {
      int n = 0;
      for (Object o : list) {
        if (o instanceof FileTask) n++;
      }
      return n;
    }

    /**
     * The bytes the files to read hold, as text: a file's size, or for a {@code .gz} file the
     * inflated size its trailer records when that is larger (the ISIZE field: exact for one
     * member under 4 GB, an underestimate otherwise). A file whose size cannot be read counts 0
     * (its reading will say why), and so does a file of {@value #PROBED_FROM} bytes of text or more
     * that its reading will skip as binary (a NUL byte in its first {@link
     * TextDecoder#BINARY_PROBE_BYTES} bytes, inflated for a {@code .gz}; not the document formats,
     * whose parsers read binary containers): a 1.9 GB sparse file or 5 GB of gzipped zeros beside
     * a few texts must not make the heap check refuse a reading that skips them. Reads the first
     * bytes of such files and the trailers of the {@code .gz} ones.
     */
    public long inputBytes() {
      long total = 0;
      for (Object o : list) {
        if (o instanceof FileTask task) total += textBytes(task.path(), task.size());
      }
      return total;
    }

    /** Files from this size on are probed for binary content by {@link #inputBytes}. */
    static final long PROBED_FROM = 1 << 20;

    private static long textBytes(Path path, long size) {
      try {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean gz = name.endsWith(".gz");
        long text = size;
        if (gz && size >= 18) {
          try (java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(path)) {
            java.nio.ByteBuffer trailer = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.position(size - 4);
            while (trailer.hasRemaining() && ch.read(trailer) >= 0) {
              // read the four bytes of ISIZE
            }
            if (!trailer.hasRemaining()) text = Math.max(size, trailer.getInt(0) & 0xFFFFFFFFL);
          }
        }
        return text >= PROBED_FROM && skippedAsBinary(path, name, gz) ? 0 : text;
      } catch (IOException | SecurityException e) {
        return 0;
      }
    }

    /** Whether the reading will skip {@code path} as binary (see {@link #inputBytes}). */
    private static boolean skippedAsBinary(Path path, String name, boolean gz) {
      String base = gz ? name.substring(0, name.length() - 3) : name;
      int dot = base.lastIndexOf('.');
      if (DocumentText.handles(dot < 0 ? "" : base.substring(dot + 1))) {
        return false;
      }
      try (java.io.InputStream raw = java.nio.file.Files.newInputStream(path);
          java.io.InputStream in = gz ? new java.util.zip.GZIPInputStream(raw, 8192) : raw) {
        return TextDecoder.looksBinary(in.readNBytes(TextDecoder.BINARY_PROBE_BYTES));
      } catch (IOException | SecurityException e) {
        return false; // counted as before; its reading will say what is wrong with it
      }
    }
  }

  /**
   * Walks a folder (or takes one file) as {@link CorpusReader#read} does, reading nothing yet.
   *
   * @throws IOException as {@link CorpusReader#read} throws
   */
  public static Entries walk(Path rootOrFile, Set<Path> excluded) throws IOException {
    return new Entries(rootOrFile.normalize().toString(), CorpusReader.entries(rootOrFile, excluded));
  }

  /**
   * One pass over {@code entries}.
   *
   * @param wanted for a re-read of some documents: entry index → the record numbers wanted
   *     (sorted; as {@link Outcome#records()} gives them), or null for every document
   * @param stopAfter stop reading new files once this many documents were kept (a prefix), or
   *     {@link Integer#MAX_VALUE}
   */
  public static <R> Outcome pass(Entries entries, CorpusOptions options, Decisions decisions, int threads,
      Analysis<R> analysis, Sink<R> sink, CorpusListener listener, Map<Integer, int[]> wanted, int stopAfter)
      throws IOException {
    Objects.requireNonNull(options, "options");
    StreamGatherer<R> gatherer = new StreamGatherer<>(options, sink, listener);
    boolean stats = System.getProperty(STATS_PROPERTY) != null;
    long[] wait0 = stats ? waitedMillis() : null;
    long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    try (OrderedTasks<StreamUnit> tasks = OrderedTasks.of(threads, threads * WINDOW_PER_THREAD, gatherer::accept)) {
      int[] submitted = {0};
      // A prefix stops on the documents kept, or on the records handed out (the consumer lags).
      Reading<R> reading = new Reading<>(options, decisions, analysis, tasks,
          () -> gatherer.outcome.documents >= stopAfter || submitted[0] >= stopAfter, submitted);
      for (int e = 0; e < entries.list.size() && !reading.enough.getAsBoolean(); e++) {
        if (wanted != null && !wanted.containsKey(e)) {
          continue;
        }
        int[] records = wanted == null ? null : wanted.get(e);
        Object entry = entries.list.get(e);
        if (entry instanceof Skipped s) {
          StreamUnit u = new StreamUnit(e, null, null, Payload.SKIP);
          u.walkSkip = s;
          u.last = true;
          reading.submit(u);
        } else {
          reading.file(e, (FileTask) entry, decisions.skipFiles().get(e), records);
        }
      }
      tasks.finish();
      if (stats) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] wait1 = waitedMillis();
        System.err.printf(java.util.Locale.ROOT,
            "stream pass: %d documents in %.2f s; CPU s: reading thread %.2f, workers %s;"
                + " waiting s: reading thread %.2f, workers %s%n",
            gatherer.outcome.documents, (System.nanoTime() - wall0) / 1e9,
            (mx.getCurrentThreadCpuTime() - cpu0) / 1e9, Arrays.toString(tasks.workerCpuSeconds()),
            (wait1[0] - wait0[0]) / 1e3, Arrays.toString(tasks.workerWaitSeconds()));
      }
    }
    return gatherer.outcome;
  }

  /**
   * This thread's waited (parked) and blocked milliseconds so far, turning the JVM's thread
   * contention monitoring on first ({@link #STATS_PROPERTY} only: it costs a little on every park).
   */
  private static long[] waitedMillis() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    if (mx.isThreadContentionMonitoringSupported() && !mx.isThreadContentionMonitoringEnabled()) {
      mx.setThreadContentionMonitoringEnabled(true);
    }
    java.lang.management.ThreadInfo info = mx.getThreadInfo(Thread.currentThread().getId());
    return new long[] {info == null ? 0 : Math.max(0, info.getWaitedTime()) + Math.max(0, info.getBlockedTime())};
  }

  /** The reading thread's side: opens files and cuts record files into units. */
  private static final class Reading<R> {
    final CorpusOptions options;
    final Decisions decisions;
    final Analysis<R> analysis;
    final OrderedTasks<StreamUnit> tasks;
    final java.util.function.BooleanSupplier enough;
    /** Records (or files) handed out so far. */
    final int[] submitted;

    Reading(CorpusOptions options, Decisions decisions, Analysis<R> analysis, OrderedTasks<StreamUnit> tasks,
        java.util.function.BooleanSupplier enough, int[] submitted) {
      this.options = options;
      this.decisions = decisions;
      this.analysis = analysis;
      this.tasks = tasks;
      this.enough = enough;
      this.submitted = submitted;
    }

    void submit(StreamUnit u) throws IOException {
      submitted[0] += u.lines != null ? u.lines.lines : u.records != null ? u.records.size()
          : u.payload == Payload.WHOLE ? 1 : 0;
      tasks.submit(() -> u.run(options, decisions, analysis));
    }

    /** Stops cutting a record file once a prefix pass has its documents. */
    void checkEnough() {
      if (enough.getAsBoolean()) {
        throw new Enough();
      }
    }

    void file(int e, FileTask task, String forced, int[] records) throws IOException {
      FileReaders.Kind kind = FileReaders.kind(task);
      if (forced != null) {
        StreamUnit end = new StreamUnit(e, task, kind, Payload.END);
        end.last = true;
        end.abort = forced;
        submit(end);
        return;
      }
      if (kind == FileReaders.Kind.WHOLE) {
        StreamUnit u = new StreamUnit(e, task, kind, Payload.WHOLE);
        u.wanted = records;
        u.last = true;
        submit(u);
        return;
      }
      Batcher batcher = new Batcher(e, task, kind, records);
      String abort = null;
      Object opened = FileReaders.open(task, options);
      if (opened instanceof String reason) {
        abort = reason;
      } else {
        try (FileInput in = (FileInput) opened) {
          abort = stream(in, task, kind, batcher);
        } catch (Enough stop) {
          abort = null;
        } catch (IOException | UncheckedIOException | SecurityException ex) {
          abort = FileReaders.unreadable(ex);
        }
      }
      batcher.end(abort);
    }

    /** Cuts an opened record file into units; the reason to skip it whole, or null. */
    private String stream(FileInput in, FileTask task, FileReaders.Kind kind, Batcher batcher) throws IOException {
      if (kind == FileReaders.Kind.MBOX) {
        return MboxFile.read(task.id(), in.stream(), options.limits(), batcher.messages());
      }
      if (kind == FileReaders.Kind.CSV || utf16(in.probe())) {
        Batcher.Records sink = batcher.records();
        return kind == FileReaders.Kind.CSV ? RecordFiles.csv(in.reader(), options, sink)
            : RecordFiles.jsonl(in.reader(), options, sink);
      }
      JsonlCutter cutter = new JsonlCutter(in.stream(), options.limits().maxDocumentBytes(), batcher::lines);
      try {
        cutter.run();
      } catch (FileInput.SkipException ex) {
        if (ex.wholeFile()) {
          return ex.getMessage();
        }
        batcher.stopped(new Skipped(task.id(), "read up to record " + cutter.lines() + " only: " + ex.getMessage()));
      }
      return null;
    }

    private static boolean utf16(byte[] probe) {
      if (probe.length < 2) return false;
      int b0 = probe[0] & 0xFF;
      int b1 = probe[1] & 0xFF;
      return (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE);
    }

    /** Gathers one record file's records or messages into units of a bounded size. */
    final class Batcher {
      final int entry;
      final FileTask task;
      final FileReaders.Kind kind;
      final int[] wanted;
      List<Object[]> pending = new ArrayList<>();
      long chars;
      Payload payload = Payload.RECORDS;

      Batcher(int entry, FileTask task, FileReaders.Kind kind, int[] wanted) {
        this.entry = entry;
        this.task = task;
        this.kind = kind;
        this.wanted = wanted;
      }

      void lines(JsonlCutter.Lines lines) throws IOException {
        StreamUnit u = new StreamUnit(entry, task, kind, Payload.LINES);
        u.lines = lines;
        u.wanted = wanted;
        submit(u);
        checkEnough();
      }

      void add(Object[] record, long size) throws IOException {
        pending.add(record);
        chars += size;
        if (pending.size() >= RECORDS_PER_UNIT || chars >= CHARS_PER_UNIT) {
          flush();
        }
      }

      void stopped(Skipped s) throws IOException {
        add(new Object[] {Integer.MAX_VALUE, s}, 0);
      }

      void flush() throws IOException {
        if (pending.isEmpty()) return;
        StreamUnit u = new StreamUnit(entry, task, kind, payload);
        u.records = pending;
        u.wanted = wanted;
        pending = new ArrayList<>();
        chars = 0;
        submit(u);
        checkEnough();
      }

      void end(String abort) throws IOException {
        flush();
        StreamUnit u = new StreamUnit(entry, task, kind, Payload.END);
        u.last = true;
        u.abort = abort;
        submit(u);
      }

      Records records() {
        return new Records();
      }

      MboxFile.MessageSink messages() {
        payload = Payload.MESSAGES;
        return new MboxFile.MessageSink() {
          @Override
          public void message(int number, byte[] bytes) throws IOException {
            add(new Object[] {number, bytes}, bytes == null ? 0 : bytes.length);
          }

          @Override
          public void stopped(int number, String reason) throws IOException {
            Batcher.this.stopped(new Skipped(task.id(), "read up to message " + number + " only: " + reason));
          }
        };
      }

      /** Records parsed on the reading thread (.csv, UTF-16 .jsonl), handed on as they are. */
      final class Records implements RecordFiles.RecordSink {
        @Override
        public void record(int number, String text, String id, String label, Map<String, String> metadata)
            throws IOException {
          add(new Object[] {number, text, id, label, metadata}, text == null ? 0 : text.length());
        }

        @Override
        public void skip(int number, String reason) throws IOException {
          add(new Object[] {number, new Skipped(task.id() + "#" + number, reason)}, 0);
        }

        @Override
        public void stopped(int number, String reason) throws IOException {
          Batcher.this.stopped(new Skipped(task.id(), "read up to record " + number + " only: " + reason));
        }
      }
    }
  }

  /** Thrown to stop reading a file once a prefix pass has its documents. */
  private static final class Enough extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Enough() {
      super(null, null, false, false);
    }
  }

  /**
   * What a pass found: the skipped entries in {@link CorpusReader}'s order, the kept documents'
   * places (to re-read a sample), and the figures that decide the mail clean-up and the
   * boilerplate removal.
   */
  public static final class Outcome {
    final List<Skipped> skipped = new ArrayList<>();
    int documents;
    int[] entries = new int[1024];
    int[] records = new int[1024];
    int plain;
    int withHeader;
    int messages;
    int pages;
    long removedLines;
    final LineCounts lines = new LineCounts();
    final Map<Integer, String> failed = new HashMap<>();

    /** The files and records skipped, with their reasons. */
    public List<Skipped> skipped() {
      return List.copyOf(skipped);
    }

    /** Documents kept. */
    public int documents() {
      return documents;
    }

    /**
     * The places of kept documents {@code indices} (in corpus order, sorted): entry index → its
     * record numbers, for {@link CorpusStream#pass}'s {@code wanted}.
     */
    public Map<Integer, int[]> places(int[] indices) {
      Map<Integer, List<Integer>> by = new HashMap<>();
      for (int d : indices) by.computeIfAbsent(entries[d], k -> new ArrayList<>()).add(records[d]);
      Map<Integer, int[]> out = new HashMap<>();
      by.forEach((e, r) -> out.put(e, r.stream().mapToInt(Integer::intValue).sorted().toArray()));
      return out;
    }

    /**
     * The decisions the whole corpus calls for, given the options and the decisions this pass
     * ran with: the mail clean-up as {@link CorpusReader} decides it, the lines at least half the
     * pages share, the files that failed part way.
     */
    public Decisions decided(CorpusOptions options, Decisions ran) {
      MailCleanup m = mailCleanup(options);
      Map<Integer, String> skip = new HashMap<>(ran.skipFiles());
      skip.putAll(failed);
      return new Decisions(m.headersStripped(), m.quotesStripped(), sharedLines(), skip);
    }

    /** The mail clean-up for the documents counted (see {@link CorpusReader}). */
    public MailCleanup mailCleanup(CorpusOptions options) {
      boolean detect = options.autoMailCleanup() && !(options.stripMailHeaders() && options.stripQuotes());
      return MailCleanup.decide(options, detect, plain, withHeader, messages);
    }

    /** The hashes of the lines at least half the pages (and {@value HtmlBoilerplate#MIN_SHARED_PAGES}) hold. */
    public long[] sharedLines() {
      if (pages < HtmlBoilerplate.MIN_PAGES) {
        return new long[0];
      }
      return lines.atLeast(HtmlBoilerplate.threshold(pages));
    }

    /** The boilerplate removal as reported, for a pass that ran with {@link #sharedLines()}. */
    public HtmlBoilerplate boilerplate() {
      if (pages < HtmlBoilerplate.MIN_PAGES) {
        return pages == 0 ? HtmlBoilerplate.NONE : new HtmlBoilerplate(pages, 0, 0);
      }
      long[] shared = sharedLines();
      return shared.length == 0 ? new HtmlBoilerplate(pages, 0, 0)
          : new HtmlBoilerplate(pages, shared.length, (int) removedLines);
    }

    void kept(int entry, int record) {
      if (documents == entries.length) {
        entries = Arrays.copyOf(entries, documents * 2);
        records = Arrays.copyOf(records, documents * 2);
      }
      entries[documents] = entry;
      records[documents] = record;
      documents++;
    }
  }
}

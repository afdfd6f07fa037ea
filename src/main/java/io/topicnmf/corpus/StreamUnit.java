package io.topicnmf.corpus;

import io.topicnmf.corpus.CorpusReader.FileReading;
import io.topicnmf.corpus.CorpusReader.FileTask;
import io.topicnmf.corpus.CorpusStream.Analysis;
import io.topicnmf.corpus.CorpusStream.Decisions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One piece of work of a streaming read, cut by the reading thread and done by a worker: a whole
 * file to read, a batch of a .jsonl file's lines (bytes), of a .csv file's records or of an mbox's
 * messages, or a skipped entry of the walk. The worker turns it into {@link Item}s in file order:
 * it decodes and parses, applies the mail clean-up and the boilerplate removal decided for the
 * pass, and analyses each document's text; the text is then dropped, only what the report needs
 * stays ({@link Document} with a snippet's worth of text).
 */
final class StreamUnit {
  enum Payload { SKIP, WHOLE, LINES, RECORDS, MESSAGES, END }

  /** The reason of a document emptied by the mail clean-up. */
  static final String EMPTY_AFTER_MAIL = "empty after mail clean-up";

  final int entry;
  final FileTask task;
  final FileReaders.Kind kind;
  final Payload payload;
  Skipped walkSkip;
  JsonlCutter.Lines lines;
  /** Records ({number, text, id, label, metadata}), record skips ({number, Skipped}) or messages ({number, bytes}). */
  List<Object[]> records;
  /** The record numbers wanted (a re-read of a sample), sorted, or null for all. */
  int[] wanted;
  /** Whether this is the file's last unit; then {@link #abort} (skip the whole file) or null. */
  boolean last;
  String abort;
  /** What the worker made of it. */
  final List<Item> items = new ArrayList<>();

  StreamUnit(int entry, FileTask task, FileReaders.Kind kind, Payload payload) {
    this.entry = entry;
    this.task = task;
    this.kind = kind;
    this.payload = payload;
  }

  /** One document or reading skip, in file order. */
  static final class Item {
    int record;
    Skipped skip;
    String id;
    Document document;
    boolean mime;
    boolean headerBlock;
    boolean page;
    long[] lines;
    int removedLines;
    /** Why the document was dropped after reading ({@link #EMPTY_AFTER_MAIL}, boilerplate only), or null. */
    String drop;
    Object analysed;
  }

  /** Does the work, on a worker thread. */
  <R> StreamUnit run(CorpusOptions options, Decisions decisions, Analysis<R> analysis) throws IOException {
    switch (payload) {
      case SKIP -> skip(walkSkip);
      case WHOLE -> whole(options, decisions, analysis);
      case LINES -> lines(options, decisions, analysis);
      case RECORDS -> records(options, decisions, analysis);
      case MESSAGES -> messages(options, decisions, analysis);
      case END -> { }
    }
    return this;
  }

  private void skip(Skipped s) {
    Item it = new Item();
    it.skip = s;
    items.add(it);
  }

  private boolean wanted(int record) {
    return wanted == null || Arrays.binarySearch(wanted, record) >= 0;
  }

  private <R> void whole(CorpusOptions options, Decisions decisions, Analysis<R> analysis) throws IOException {
    FileReading r = FileReaders.read(task, options);
    List<Document> docs = r.documents();
    for (int o = 0; o < docs.size(); o++) {
      if (wanted(o)) {
        document(o, docs.get(o), r.mail(), r.html(), options, decisions, analysis);
      }
    }
    if (wanted == null) {
      r.skipped().forEach(this::skip);
    }
  }

  private <R> void lines(CorpusOptions options, Decisions decisions, Analysis<R> analysis) throws IOException {
    long max = options.limits().maxDocumentBytes();
    List<Object[]> parsed = new ArrayList<>(1);
    RecordFiles.RecordSink sink = recordSink(parsed);
    for (int l = 0; l < lines.lines; l++) {
      int number = lines.numbers[l];
      if (!wanted(number)) {
        continue;
      }
      String text = lines.decode(l, max);
      if (text == null) {
        skip(new Skipped(task.id() + "#" + number, FileInput.tooLarge("record", max)));
        continue;
      }
      parsed.clear();
      RecordFiles.jsonlLine(number, text, options, sink);
      for (Object[] rec : parsed) {
        record(rec, options, decisions, analysis);
      }
    }
    lines = null;
  }

  /** A sink that keeps what one line gave, as the reading thread's records are kept. */
  private RecordFiles.RecordSink recordSink(List<Object[]> into) {
    String fileId = task.id();
    return new RecordFiles.RecordSink() {
      @Override
      public void record(int number, String text, String id, String label, Map<String, String> metadata) {
        into.add(new Object[] {number, text, id, label, metadata});
      }

      @Override
      public void skip(int number, String reason) {
        into.add(new Object[] {number, new Skipped(fileId + "#" + number, reason)});
      }

      @Override
      public void stopped(int number, String reason) {
        into.add(new Object[] {number, new Skipped(fileId, "read up to record " + number + " only: " + reason)});
      }
    };
  }

  private <R> void records(CorpusOptions options, Decisions decisions, Analysis<R> analysis) throws IOException {
    for (Object[] rec : records) {
      if (wanted((Integer) rec[0])) {
        record(rec, options, decisions, analysis);
      }
    }
    records = null;
  }

  @SuppressWarnings("unchecked")
  private <R> void record(Object[] rec, CorpusOptions options, Decisions decisions, Analysis<R> analysis)
      throws IOException {
    int number = (Integer) rec[0];
    if (rec.length == 2) {
      if (wanted == null) skip((Skipped) rec[1]);
      return;
    }
    Object d = RecordFiles.document(task.id(), task.label(), number, (String) rec[1], (String) rec[2],
        (String) rec[3], (Map<String, String>) rec[4], options);
    if (d instanceof String reason) {
      skip(new Skipped(task.id() + "#" + number, reason));
    } else {
      document(number, (Document) d, false, false, options, decisions, analysis);
    }
  }

  private <R> void messages(CorpusOptions options, Decisions decisions, Analysis<R> analysis) throws IOException {
    long limit = options.limits().maxDocumentBytes();
    List<Document> docs = new ArrayList<>(1);
    List<Skipped> skips = new ArrayList<>(1);
    for (Object[] m : records) {
      int number = (Integer) m[0];
      if (m[1] instanceof Skipped s) {
        if (wanted == null) skip(s);
        continue;
      }
      if (!wanted(number)) {
        continue;
      }
      docs.clear();
      skips.clear();
      MboxFile.message(task.id(), task.label(), number, (byte[]) m[1], limit, docs, skips);
      for (Document doc : docs) {
        document(number, doc, true, false, options, decisions, analysis);
      }
      skips.forEach(this::skip);
    }
    records = null;
  }

  /**
   * A document read: the header-block test (for the mail detection), the clean-up and boilerplate
   * removal decided, the line hashes of a page (for the boilerplate detection), then its analysis;
   * only a snippet of its text is kept.
   */
  private <R> void document(int record, Document d, boolean mime, boolean page, CorpusOptions options,
      Decisions decisions, Analysis<R> analysis) throws IOException {
    Item it = new Item();
    it.record = record;
    it.id = d.id();
    it.mime = mime;
    it.page = page;
    items.add(it);
    String text = d.text();
    if (!mime && options.autoMailCleanup()) {
      it.headerBlock = MailText.startsWithHeaderBlock(text);
    }
    if (decisions.stripHeaders()) {
      text = MailText.stripHeaders(text);
    }
    if (decisions.stripQuotes()) {
      text = MailText.stripQuotes(text);
    }
    if ((decisions.stripHeaders() || decisions.stripQuotes()) && text.isBlank()) {
      it.drop = EMPTY_AFTER_MAIL;
      return;
    }
    if (page) {
      it.lines = LineCounts.distinctLines(text);
      long[] shared = decisions.sharedLines();
      if (shared.length > 0) {
        StringBuilder kept = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
          String key = CorpusReader.normalizeLine(line);
          if (!key.isEmpty() && Arrays.binarySearch(shared, LineCounts.hash(key)) >= 0) {
            it.removedLines++;
          } else {
            kept.append(line).append('\n');
          }
        }
        text = kept.toString();
        if (text.isBlank()) {
          it.drop = HtmlBoilerplate.ONLY_BOILERPLATE;
          return;
        }
      }
    }
    it.document = new Document(d.id(), d.label(), Document.snippetSource(text), d.metadata());
    it.analysed = analysis.analyse(text);
  }
}

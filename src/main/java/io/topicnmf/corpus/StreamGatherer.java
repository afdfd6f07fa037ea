package io.topicnmf.corpus;

import io.topicnmf.corpus.CorpusStream.Outcome;
import io.topicnmf.corpus.CorpusStream.Sink;
import io.topicnmf.corpus.StreamUnit.Item;
import io.topicnmf.corpus.StreamUnit.Payload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ordered side of a {@link CorpusStream} pass, on the reading thread: receives the workers'
 * units in corpus order and does what needs the order, as {@link CorpusReader} does it: the ids a
 * record file already gave and those of earlier files (a repeated id is skipped, the first kept),
 * the skips of each file in {@link CorpusReader}'s order (repeated ids in earlier files, the file's
 * own skips, documents emptied by the mail clean-up, pages left with boilerplate only), "no
 * records", the figures of the mail and boilerplate detection, and the kept documents handed to
 * the {@link Sink}.
 */
final class StreamGatherer<R> {
  final CorpusOptions options;
  final Sink<R> sink;
  final CorpusListener listener;
  final Outcome outcome = new Outcome();
  final Set<String> ids = new HashSet<>();
  final boolean detect;
  int files;
  int current = -1;
  final List<Skipped> crossDuplicates = new ArrayList<>();
  final List<Skipped> reading = new ArrayList<>();
  final List<Skipped> cleanedEmpty = new ArrayList<>();
  final List<Skipped> onlyBoilerplate = new ArrayList<>();
  final Map<String, Integer> firstRecord = new HashMap<>();
  boolean anyRecord;
  boolean anyDocument;

  StreamGatherer(CorpusOptions options, Sink<R> sink, CorpusListener listener) {
    this.options = options;
    this.sink = sink;
    this.listener = listener;
    this.detect = options.autoMailCleanup() && !(options.stripMailHeaders() && options.stripQuotes());
  }

  void accept(StreamUnit u) throws IOException {
    if (u.payload == Payload.SKIP) {
      outcome.skipped.add(u.walkSkip);
      return;
    }
    if (u.entry != current) {
      current = u.entry;
      crossDuplicates.clear();
      reading.clear();
      cleanedEmpty.clear();
      onlyBoilerplate.clear();
      firstRecord.clear();
      anyRecord = false;
      anyDocument = false;
    }
    boolean records = u.kind == FileReaders.Kind.JSONL || u.kind == FileReaders.Kind.CSV;
    for (Item it : u.items) {
      item(u, it, records);
    }
    if (u.last) {
      endFile(u, records);
    }
  }

  @SuppressWarnings("unchecked")
  private void item(StreamUnit u, Item it, boolean records) throws IOException {
    anyRecord = true;
    if (it.skip != null) {
      reading.add(it.skip);
      return;
    }
    anyDocument = true;
    String duplicate = records ? RecordFiles.duplicate(firstRecord, it.id, it.record) : null;
    if (duplicate != null) {
      reading.add(new Skipped(u.task.id() + "#" + it.record, duplicate));
      forget(it);
      return;
    }
    if (detect) {
      if (it.mime) {
        outcome.messages++;
      } else {
        outcome.plain++;
        if (it.headerBlock) outcome.withHeader++;
      }
    }
    if (StreamUnit.EMPTY_AFTER_MAIL.equals(it.drop)) {
      cleanedEmpty.add(new Skipped(it.id, StreamUnit.EMPTY_AFTER_MAIL));
      return;
    }
    if (it.page) {
      outcome.pages++;
      outcome.lines.addAll(it.lines);
      outcome.removedLines += it.removedLines;
    }
    if (it.drop != null) {
      onlyBoilerplate.add(new Skipped(it.id, it.drop));
      return;
    }
    if (!ids.add(it.id)) {
      crossDuplicates.add(new Skipped(u.task.id() + " (id " + it.id + ")",
          CorpusReader.DUPLICATE_ID + " in an earlier file; the first is kept"));
      forget(it);
      return;
    }
    outcome.kept(u.entry, it.record);
    sink.document(it.document, (R) it.analysed, true);
  }

  /** Tells the sink about an analysed document that is not kept (its terms are not counted). */
  @SuppressWarnings("unchecked")
  private void forget(Item it) throws IOException {
    if (it.analysed != null) {
      sink.document(it.document, (R) it.analysed, false);
    }
  }

  private void endFile(StreamUnit u, boolean records) {
    if (u.abort != null) {
      if (anyDocument) {
        outcome.failed.put(u.entry, u.abort);
      } else {
        outcome.skipped.add(new Skipped(u.task.id(), u.abort));
      }
    } else if (records && !anyRecord) {
      outcome.skipped.add(new Skipped(u.task.id(), "no records"));
    } else {
      outcome.skipped.addAll(crossDuplicates);
      outcome.skipped.addAll(reading);
      outcome.skipped.addAll(cleanedEmpty);
      outcome.skipped.addAll(onlyBoilerplate);
    }
    listener.onFile(++files, u.task.id());
  }
}

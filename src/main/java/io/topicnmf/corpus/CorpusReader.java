package io.topicnmf.corpus;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads a folder (recursively) or a single file into a {@link Corpus}.
 *
 * <p>The walk is deterministic: the entries of each folder are visited in {@link String} order of
 * their names. Hidden files and folders (name starting with '.') are ignored. Symbolic links are
 * followed, but the real path of every folder read is remembered, so a link back to an ancestor (a
 * loop) or to a folder already read is skipped and reported instead of read again. Files are read
 * in parallel; the result order is the walk order whatever the thread scheduling.
 *
 * <p>Formats: plain text (.txt, .text, .md and files without extension), HTML (.html, .htm),
 * records (.jsonl/.ndjson and .csv, one document per record, see {@link
 * CorpusOptions#textField()}),
 * e-mail messages (.eml, see {@link MimeText}), mailboxes (.mbox, one document per message, see
 * {@link MboxFile}), office documents (.pdf, .docx, .odt, see {@link DocumentText}), and any of
 * these compressed with gzip (.gz).
 *
 * <p>A document's id is its path relative to the root with '/' separators (for a single file, its
 * file name; for records, the file's id, '#' and the record's number, unless {@link
 * CorpusOptions#idField()} names a field); its label is the first sub-folder of that path ({@code
 * null} at the root) unless {@link CorpusOptions#labelField()} names a field. Binary
 * files, empty files, unreadable files and unsupported file types become {@link Skipped} entries
 * with a reason; they never stop the reading.
 *
 * <p>Mail clean-up ({@link MailText}) is applied when asked for, or automatically when more than
 * half of the documents are mail: they start with an RFC 822 header block, or are .eml messages
 * (whose headers MIME parsing already removed, but whose quotes and signatures remain); {@link
 * Corpus#mailCleanup()} says what was done.
 */
public final class CorpusReader {
  /** The start of the reason given for a document skipped because its id is already taken. */
  public static final String DUPLICATE_ID = "duplicate id (ids must be unique; check --id-field)";

  /** The file types read, for messages about a folder with nothing to read. */
  public static final String READABLE_FILES = ".txt, .text, .md, .html, .htm, .jsonl, .ndjson, .csv,"
      + " .eml, .mbox, .pdf, .docx, .odt, files without extension, and any of these as .gz";

  private CorpusReader() {}

  /**
   * Reads a folder or a single file.
   *
   * @param rootOrFile the folder to walk, or one file
   * @param options how files are read
   * @param listener told about every file read (may be {@link CorpusListener#NONE})
   * @return the documents and skipped files, in walk order
   * @throws NoSuchFileException when {@code rootOrFile} does not exist
   * @throws AccessDeniedException when it exists but cannot be read
   * @throws NotRegularFileException when it is neither a folder nor a regular file (a FIFO, a
   *     device, a socket), which is never opened
   * @throws IOException when the root folder cannot be listed
   */
  public static Corpus read(Path rootOrFile, CorpusOptions options, CorpusListener listener)
      throws IOException {
    return read(rootOrFile, options, listener, Set.of());
  }

  /**
   * Reads a folder or a single file, leaving out {@code excluded}: folders and files (real paths)
   * the walk passes over without a word, as it does names starting with '.'. The output folder of
   * a run inside its input folder is excluded so that outputs are never read back as documents.
   *
   * @see #read(Path, CorpusOptions, CorpusListener)
   */
  public static Corpus read(Path rootOrFile, CorpusOptions options, CorpusListener listener, Set<Path> excluded)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    List<Object> entries = entries(rootOrFile, excluded);
    boolean detect = options.autoMailCleanup() && !(options.stripMailHeaders() && options.stripQuotes());
    FileReading[] results = new FileReading[entries.size()];
    int[] headerBlocks = detect ? new int[entries.size()] : null;
    readAll(entries, options, listener, results, headerBlocks);
    MailCleanup cleanup = mailCleanup(results, headerBlocks, options);
    HtmlBoilerplate boilerplate = removeBoilerplate(results);
    List<Document> documents = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Object entry = entries.get(i);
      if (entry instanceof Skipped s) {
        skipped.add(s);
      } else {
        for (Document d : results[i].documents()) {
          // Reports and models key documents by id: a later document with an id already taken
          // (record ids from --id-field repeated across files) is skipped, not renamed.
          if (ids.add(d.id())) {
            documents.add(d);
          } else {
            skipped.add(new Skipped(((FileTask) entry).id() + " (id " + d.id() + ")",
                DUPLICATE_ID + " in an earlier file; the first is kept"));
          }
        }
        skipped.addAll(results[i].skipped());
      }
    }
    return new Corpus(rootOrFile.normalize().toString(), documents, skipped, cleanup, boilerplate);
  }

  /**
   * The entries of a folder's walk (or the one file): {@link FileTask}s and {@link Skipped}
   * entries, in walk order, leaving out {@code excluded}.
   *
   * @throws NoSuchFileException, AccessDeniedException, NotRegularFileException, IOException as
   *     {@link #read(Path, CorpusOptions, CorpusListener)} throws them
   */
  static List<Object> entries(Path rootOrFile, Set<Path> excluded) throws IOException {
    Objects.requireNonNull(excluded, "excluded");
    Objects.requireNonNull(rootOrFile, "rootOrFile");
    if (!Files.exists(rootOrFile)) {
      throw new NoSuchFileException(rootOrFile.toString(), null, "no such file or folder");
    }
    if (!Files.isReadable(rootOrFile)) {
      throw new AccessDeniedException(rootOrFile.toString(), null, "not readable");
    }
    List<Object> entries = new ArrayList<>(); // FileTask or Skipped, in walk order
    BasicFileAttributes rootAttributes = Files.readAttributes(rootOrFile, BasicFileAttributes.class);
    if (rootAttributes.isDirectory()) {
      Walker walker = new Walker(entries, excluded);
      walker.walkRoot(rootOrFile);
    } else if (rootAttributes.isRegularFile()) {
      entries.add(new FileTask(rootOrFile, FileNames.name(rootOrFile), null, rootAttributes.size()));
    } else {
      // Opening a FIFO blocks until a writer comes; a device like /dev/zero never ends.
      throw new NotRegularFileException(rootOrFile.toString());
    }
    return entries;
  }

  /**
   * The corpus of documents given in memory (the library's texts), read as the reader reads the
   * text of a plain-text file: markup stripped when {@link CorpusOptions#forceHtml()} is set (the
   * texts are then web pages, and the lines most of them share are removed as {@link
   * HtmlBoilerplate}), mail clean-up applied when asked for or detected ({@link MailCleanup}), blank
   * texts and repeated ids skipped with their reason. The order is the order given.
   *
   * @param root what the documents are, for the report's {@code input} (e.g. "(texts in memory)")
   * @param texts the documents, with unique ids; their text as given (not decoded again)
   */
  public static Corpus of(String root, List<Document> texts, CorpusOptions options) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    boolean detect = options.autoMailCleanup() && !(options.stripMailHeaders() && options.stripQuotes());
    FileReading[] results = new FileReading[texts.size()];
    int[] headerBlocks = detect ? new int[texts.size()] : null;
    IntStream.range(0, results.length).parallel().forEach(i -> {
      Document d = texts.get(i);
      results[i] = d.text().isBlank() ? FileReading.skip(d.id(), "empty text")
          : FileReaders.textDocument(d.id(), d.label(), d.text(), options.forceHtml());
      if (headerBlocks != null) headerBlocks[i] = headerBlocks(results[i]);
    });
    MailCleanup cleanup = mailCleanup(results, headerBlocks, options);
    HtmlBoilerplate boilerplate = removeBoilerplate(results);
    List<Document> documents = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (FileReading r : results) {
      for (Document d : r.documents()) {
        if (ids.add(d.id())) {
          documents.add(d);
        } else {
          skipped.add(new Skipped(d.id(), DUPLICATE_ID + "; the first is kept"));
        }
      }
      skipped.addAll(r.skipped());
    }
    return new Corpus(root, documents, skipped, cleanup, boilerplate);
  }

  /** How many of a reading's documents start with a mail header block (0 for a MIME message). */
  private static int headerBlocks(FileReading r) {
    if (r.mail()) {
      return 0;
    }
    int n = 0;
    for (Document d : r.documents()) {
      if (MailText.startsWithHeaderBlock(d.text())) {
        n++;
      }
    }
    return n;
  }

  /**
   * Removes, from every web page, the lines that most pages share ({@link HtmlBoilerplate}); a
   * line is compared with its surrounding whitespace trimmed and inner runs of whitespace as one
   * space. Pages left blank become skipped.
   */
  private static HtmlBoilerplate removeBoilerplate(FileReading[] results) {
    int pages = 0;
    for (FileReading r : results) {
      if (r != null && r.html()) {
        pages += r.documents().size();
      }
    }
    if (pages < HtmlBoilerplate.MIN_PAGES) {
      return pages == 0 ? HtmlBoilerplate.NONE : new HtmlBoilerplate(pages, 0, 0);
    }
    Map<String, Integer> pagesWith = new HashMap<>();
    for (FileReading r : results) {
      if (r != null && r.html()) {
        for (Document d : r.documents()) {
          Set<String> lines = new HashSet<>();
          for (String line : d.text().split("\n")) {
            String key = normalizeLine(line);
            if (!key.isEmpty()) {
              lines.add(key);
            }
          }
          for (String key : lines) {
            pagesWith.merge(key, 1, Integer::sum);
          }
        }
      }
    }
    int threshold = HtmlBoilerplate.threshold(pages);
    Set<String> shared = new HashSet<>();
    pagesWith.forEach((key, n) -> {
      if (n >= threshold) {
        shared.add(key);
      }
    });
    if (shared.isEmpty()) {
      return new HtmlBoilerplate(pages, 0, 0);
    }
    int removed = 0;
    for (int i = 0; i < results.length; i++) {
      FileReading r = results[i];
      if (r == null || !r.html()) {
        continue;
      }
      List<Document> docs = new ArrayList<>(r.documents().size());
      List<Skipped> skips = new ArrayList<>(r.skipped());
      for (Document d : r.documents()) {
        StringBuilder kept = new StringBuilder(d.text().length());
        for (String line : d.text().split("\n")) {
          if (shared.contains(normalizeLine(line))) {
            removed++;
          } else {
            kept.append(line).append('\n');
          }
        }
        String text = kept.toString();
        if (text.isBlank()) {
          skips.add(new Skipped(d.id(), HtmlBoilerplate.ONLY_BOILERPLATE));
        } else {
          docs.add(d.withText(text));
        }
      }
      results[i] = new FileReading(docs, skips, r.mail(), true);
    }
    return new HtmlBoilerplate(pages, shared.size(), removed);
  }

  /** A line as compared between pages: trimmed, runs of whitespace as one space. */
  static String normalizeLine(String line) {
    String t = line.strip();
    if (t.isEmpty()) {
      return t;
    }
    StringBuilder b = new StringBuilder(t.length());
    boolean space = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Decides the mail clean-up (explicit options, or automatic when most documents start with a
   * header block) and applies it in place to every file's documents, in parallel.
   */
  private static MailCleanup mailCleanup(
      FileReading[] results, int[] headerBlocks, CorpusOptions options) {
    int plain = 0;
    int withHeader = 0;
    int messages = 0;
    for (int i = 0; headerBlocks != null && i < results.length; i++) {
      FileReading r = results[i];
      if (r == null) {
        continue;
      }
      if (r.mail()) {
        messages += r.documents().size();
      } else {
        plain += r.documents().size();
        withHeader += headerBlocks[i];
      }
    }
    MailCleanup cleanup = MailCleanup.decide(options, headerBlocks != null, plain, withHeader, messages);
    if (cleanup == MailCleanup.NONE) {
      return cleanup;
    }
    IntStream.range(0, results.length)
        .parallel()
        .forEach(
            i -> {
              if (results[i] != null) {
                results[i] = results[i].cleaned(cleanup.headersStripped(), cleanup.quotesStripped());
              }
            });
    return cleanup;
  }

  /**
   * Reads every file task into {@code results} (same index), in parallel; when {@code
   * headerBlocks} is given, also counts there, for each file that is not a MIME message, its
   * documents that start with a mail header block (while the text is fresh in the cache).
   */
  private static void readAll(
      List<Object> entries,
      CorpusOptions options,
      CorpusListener listener,
      FileReading[] results,
      int[] headerBlocks) {
    Object lock = new Object();
    int[] seen = {0};
    IntStream.range(0, entries.size())
        .parallel()
        .forEach(
            i -> {
              if (entries.get(i) instanceof FileTask task) {
                FileReading r = FileReaders.read(task, options);
                results[i] = r;
                if (headerBlocks != null) {
                  headerBlocks[i] = headerBlocks(r);
                }
                synchronized (lock) {
                  listener.onFile(++seen[0], task.id());
                }
              }
            });
  }

  /**
   * A file to read: where it is, its id and label, and its size when the walk found it (for the
   * reading's memory estimate, without another stat per file).
   */
  record FileTask(Path path, String id, String label, long size) {}

  /** The documents and skips one file gave (several documents for record formats). */
  record FileReading(List<Document> documents, List<Skipped> skipped, boolean mail, boolean html) {
    FileReading(List<Document> documents, List<Skipped> skipped) {
      this(documents, skipped, false, false);
    }

    static FileReading of(Document d) {
      return new FileReading(List.of(d), List.of());
    }

    /** A web page, stripped of its markup: a candidate for boilerplate removal. */
    static FileReading ofPage(Document d) {
      return new FileReading(List.of(d), List.of(), false, true);
    }

    /** A message already parsed as MIME (.eml): mail, though its text has no header block left. */
    static FileReading ofMessage(Document d) {
      return ofMessage(d, List.of());
    }

    /** A message kept though some of its parts were left out ({@code partial} says which). */
    static FileReading ofMessage(Document d, List<Skipped> partial) {
      return new FileReading(List.of(d), partial, true, false);
    }

    static FileReading skip(String id, String reason) {
      return new FileReading(List.of(), List.of(new Skipped(id, reason)));
    }

    /** This reading with mail clean-up applied; documents left blank become skipped. */
    FileReading cleaned(boolean headers, boolean quotes) {
      List<Document> docs = new ArrayList<>(documents.size());
      List<Skipped> skips = new ArrayList<>(skipped);
      for (Document d : documents) {
        String text = d.text();
        if (headers) {
          text = MailText.stripHeaders(text);
        }
        if (quotes) {
          text = MailText.stripQuotes(text);
        }
        if (text.isBlank()) {
          skips.add(new Skipped(d.id(), "empty after mail clean-up"));
        } else {
          docs.add(d.withText(text));
        }
      }
      return new FileReading(docs, skips, mail, html);
    }
  }

  /** The recursive, link-safe, sorted folder walk. */
  private static final class Walker {
    private final List<Object> out;
    private final Set<Path> visited = new HashSet<>();
    private final Deque<Path> chain = new ArrayDeque<>();
    private final Set<Path> excluded;

    Walker(List<Object> out, Set<Path> excluded) {
      this.out = out;
      this.excluded = excluded;
    }

    /**
     * Whether {@code child} of the folder being walked is excluded. Its real path is the folder's
     * (the top of {@link #chain}) and its name unless the child is itself a symbolic link ({@code
     * link}; null: unknown): {@code toRealPath} checks every component of the path with a stat and
     * a readlink, a dozen system calls a file on a deep path, which made the walk of a folder of
     * 100,000 files spend more in the kernel than in reading (bench/RESULTS.md, "Stop 32").
     */
    private boolean excluded(Path child, Boolean link) {
      if (excluded.isEmpty()) return false;
      try {
        Path name = child.getFileName();
        return excluded.contains(Boolean.FALSE.equals(link) && name != null ? chain.peek().resolve(name) : child.toRealPath());
      } catch (IOException | SecurityException e) {
        return false;
      }
    }

    void walkRoot(Path root) throws IOException {
      Path real = root.toRealPath();
      visited.add(real);
      chain.push(real);
      walk(root, "", null, true);
    }

    private void walk(Path dir, String prefix, String label, boolean isRoot) throws IOException {
      // The Paths the listing gives are kept (not names turned back into Paths): a name that is
      // not valid UTF-8 (or not valid in the locale's encoding) does not survive as a String.
      List<Map.Entry<String, Path>> children = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        for (Path child : stream) {
          children.add(Map.entry(FileNames.name(child), child));
        }
      } catch (IOException e) {
        if (isRoot) {
          throw e;
        }
        out.add(new Skipped(prefix, "unreadable folder (" + describe(e) + ")"));
        return;
      }
      // Sort the names once, not Paths by a key re-derived at every comparison.
      children.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
      for (Map.Entry<String, Path> entry : children) {
        String name = entry.getKey();
        if (name.startsWith(".")) {
          continue;
        }
        Path child = entry.getValue();
        // One stat per entry that is not a symbolic link (its own attributes are those a stat
        // following links gives), instead of isDirectory then isRegularFile; a link is followed.
        BasicFileAttributes attributes;
        Boolean link;
        try {
          attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          link = attributes.isSymbolicLink();
        } catch (IOException | SecurityException e) {
          attributes = null;
          link = null;
        }
        if (excluded(child, link)) {
          continue;
        }
        String id = prefix.isEmpty() ? name : prefix + "/" + name;
        if (link == null || link) {
          try {
            attributes = Files.readAttributes(child, BasicFileAttributes.class);
          } catch (IOException | SecurityException e) {
            attributes = null;
          }
        }
        if (attributes != null && attributes.isDirectory()) {
          enterFolder(child, id, label == null ? name : label);
        } else if (attributes != null && attributes.isRegularFile()) {
          out.add(new FileTask(child, id, label, attributes.size()));
        } else if (Files.isSymbolicLink(child) && !Files.exists(child)) {
          out.add(new Skipped(id, "broken symbolic link"));
        } else {
          out.add(new Skipped(id, FileReaders.NOT_REGULAR));
        }
      }
    }

    private void enterFolder(Path dir, String id, String label) throws IOException {
      Path real;
      try {
        real = dir.toRealPath();
      } catch (IOException e) {
        out.add(new Skipped(id, "unreadable folder (" + describe(e) + ")"));
        return;
      }
      if (chain.contains(real)) {
        out.add(new Skipped(id, "symbolic link loop (leads back to an enclosing folder)"));
        return;
      }
      if (!visited.add(real)) {
        out.add(new Skipped(id, "folder already read through another path (symbolic link)"));
        return;
      }
      chain.push(real);
      try {
        walk(dir, id, label, false);
      } finally {
        chain.pop();
      }
    }
  }

  static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    String message = e.getMessage();
    return message == null ? kind : kind + ": " + message;
  }

}

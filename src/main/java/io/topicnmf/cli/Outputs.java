package io.topicnmf.cli;

import io.topicnmf.files.OutputFolder;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The outputs of one run of a command, published as one unit ({@link OutputFolder}): opened and
 * checked before any reading (folder creatable, writable, not a file, not in use, free space for a
 * rough estimate), every output claimed up front (two outputs on one path refused), written to
 * staging paths, published together at the end. An output outside {@code -o} ({@code --ldavis}
 * elsewhere) is written atomically on its own; {@code --save-matrix DIR} outside {@code -o} is a
 * unit of its own, published just before {@code -o}. Every failure is a {@link UserException}
 * naming the folder; the previous outputs stay whole.
 */
final class Outputs implements Closeable {
  private final List<OutputFolder> folders = new ArrayList<>(); // the main one last
  private final OutputFolder main;
  private final Map<Path, String> outside = new HashMap<>();

  private Outputs(OutputFolder main) {
    this.main = main;
  }

  /** Opens {@code dir} ({@code -o}) for a run reading {@code input} (null: none). */
  static Outputs open(Path dir, Path input) throws UserException {
    if (input != null && Files.exists(input)) {
      Path in = real(input);
      Path out = real(dir);
      if (out.equals(in)) {
        throw new UserException("-o " + dir + " is the input folder itself: choose an output folder outside it or below it");
      }
      if (in.startsWith(out)) {
        throw new UserException("the input " + input + " lies inside the output folder -o " + dir
            + ", whose files are never read as documents: choose another -o");
      }
    }
    return new Outputs(openFolder(dir, "-o", OutputFolder.newRunId()));
  }

  private static OutputFolder openFolder(Path dir, String flag, String runId) throws UserException {
    try {
      return OutputFolder.open(dir, runId);
    } catch (OutputFolder.FolderInUseException e) {
      throw new UserException(flag + " " + dir + " is in use by another topicnmf run (its lock "
          + e.folder().resolve(OutputFolder.LOCK) + " is held): wait for that run to end, or choose another " + flag);
    } catch (NotDirectoryException e) {
      throw new UserException(flag + " " + dir + ": " + e.getFile() + " is a file, not a folder: choose a folder");
    } catch (AccessDeniedException e) {
      throw new UserException(flag + " " + dir + ": permission denied (" + e.getFile() + "): choose a folder you can write to");
    } catch (FileSystemException e) {
      throw new UserException(flag + " " + dir + ": cannot create or write it (" + e.getFile()
          + (e.getReason() != null ? ": " + e.getReason() : "") + ")");
    } catch (IOException e) {
      throw new UserException(flag + " " + dir + ": cannot create or write it (" + e.getMessage() + ")");
    }
  }

  /** The run id written into every output of the run. */
  String runId() {
    return main.runId();
  }

  /** The folder for the run's temporary files (spilled rows), inside {@code -o}'s staging folder. */
  Path scratch() {
    return main.scratch();
  }

  /** The output folder. */
  Path dir() {
    return main.dir();
  }

  /**
   * Reserves {@code target} for the output {@code what} and returns where to write it: a staging
   * path inside {@code -o} (or inside its own unit), else the target itself.
   */
  Path claim(Path target, String what) throws UserException {
    try {
      for (OutputFolder f : folders) {
        if (f.contains(target)) return f.claim(target, what);
      }
      if (main.contains(target)) return main.claim(target, what);
      Path abs = target.toAbsolutePath().normalize();
      if (Files.isDirectory(abs)) throw new UserException(what + " " + target + " is a folder: give a file name");
      String earlier = outside.putIfAbsent(abs, what);
      if (earlier != null) {
        throw new UserException(earlier + " and " + what + " would both write " + abs
            + ": two outputs of one run may not share a file; choose another path");
      }
      return abs;
    } catch (OutputFolder.CollisionException e) {
      throw new UserException(e.getMessage());
    }
  }

  /**
   * A folder of outputs ({@code --save-matrix DIR}): inside {@code -o} it is part of its unit, else
   * a unit of its own, opened (locked, checked) now.
   */
  Path folder(Path dir, String flag) throws UserException {
    Path abs = dir.toAbsolutePath().normalize();
    if (main.contains(abs)) return abs;
    for (OutputFolder f : folders) if (f.contains(abs)) return abs;
    for (Path p : outside.keySet()) {
      if (p.startsWith(abs)) throw new UserException(flag + " " + dir + " holds " + outside.get(p) + " " + p
          + ": two outputs of one run may not share a file");
    }
    OutputFolder f = openFolder(dir, flag, main.runId());
    folders.add(f);
    return f.dir();
  }

  /**
   * Claims the page {@code name} in {@code output} ({@code -o}) and returns where to write it;
   * with {@code skip} ({@code --no-html}) null, and a page of an earlier run there is removed at
   * publishing.
   */
  Path claimPage(Path output, String name, boolean skip) throws UserException {
    if (skip) {
      removeWhenPublishing(name);
      return null;
    }
    return claim(output.resolve(name), name);
  }

  /** Removes {@code name} from {@code -o} at publishing (an output of an earlier run this one does not write). */
  void removeWhenPublishing(String name) {
    main.removeWhenPublishing(name);
  }

  /** The paths a reader must not read: the output folders and outputs elsewhere. */
  Set<Path> excluded() {
    Set<Path> s = new LinkedHashSet<>();
    s.add(real(main.dir()));
    for (OutputFolder f : folders) s.add(real(f.dir()));
    for (Path p : outside.keySet()) s.add(real(p));
    return s;
  }

  /**
   * Refuses the run before reading when {@code -o}'s file system has less free space than a rough
   * estimate of the outputs: {@code perInputByte} times the input's size (regular files, names
   * starting with '.' left out) plus {@code fixed} bytes.
   */
  void requireSpace(Path input, double perInputByte, long fixed) throws UserException {
    long in = input == null ? 0 : inputBytes(input);
    long need = fixed + (long) Math.min(perInputByte * in, Long.MAX_VALUE / 2.0);
    long free;
    try {
      free = main.usableSpace();
    } catch (IOException e) {
      return; // unknown: the writes themselves will tell
    }
    if (free < need) {
      throw new UserException(String.format(Locale.ROOT,
          "-o %s: only %.1f MB free on its file system, the outputs need about %.1f MB (estimated from the"
              + " input's %.1f MB): free some space or choose another -o", main.dir(), free / 1e6, need / 1e6, in / 1e6));
    }
  }

  static long inputBytes(Path input) {
    if (Files.isRegularFile(input)) {
      try {
        return Files.size(input);
      } catch (IOException e) {
        return 0;
      }
    }
    // One stat per entry, as the reader walks (links followed, names starting with '.' left out,
    // folders included): a folder of 100,000 files cost three stats each through Files.walk,
    // isRegularFile and size, and a link to the input folder counted nothing.
    long[] total = {0};
    try {
      Files.walkFileTree(input, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          return !dir.equals(input) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path p, BasicFileAttributes attributes) {
          if (attributes.isRegularFile() && !hidden(p)) total[0] += attributes.size();
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path p, IOException e) {
          return FileVisitResult.CONTINUE; // unreadable entries and link loops count nothing; the reader reports them
        }
      });
    } catch (IOException | SecurityException e) {
      // the reader reports an unreadable input
    }
    return total[0];
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  /** Writes through {@code task}; a failure says the previous outputs are unchanged. */
  void write(IoTask task) throws UserException {
    try {
      task.run();
    } catch (IOException e) {
      throw new UserException("cannot write the outputs into " + main.dir() + " (" + describe(e)
          + "); the outputs of the previous run there are unchanged");
    }
  }

  /**
   * Writes through {@code first} and {@code second}, at the same time when {@code threads} is at
   * least 2 (the second on a thread of its own, shut down before this returns), else one after the
   * other; they must write different files. Each file's bytes depend only on what its task writes,
   * so the outputs are the same either way; a failure says the previous outputs are unchanged (the
   * first task's failure when both fail).
   */
  void write(int threads, IoTask first, IoTask second) throws UserException {
    write(() -> together(threads, first, second));
  }

  /** Runs both tasks, the second on its own thread when {@code threads ≥ 2}; rethrows the first task's failure first. */
  static void together(int threads, IoTask first, IoTask second) throws IOException {
    if (threads < 2) {
      first.run();
      second.run();
      return;
    }
    Throwable[] failed = new Throwable[1];
    Thread other = new Thread(() -> {
      try {
        second.run();
      } catch (Throwable e) {
        failed[0] = e;
      }
    }, "topicnmf-write");
    other.setDaemon(true);
    other.start();
    try {
      first.run();
    } finally {
      joinUninterruptibly(other);
    }
    Throwable e = failed[0];
    if (e instanceof IOException io) {
      throw io;
    } else if (e instanceof RuntimeException r) {
      throw r;
    } else if (e instanceof Error err) {
      throw err;
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every output folder, {@code -o} last: the order they are published and closed in. */
  private List<OutputFolder> all() {
    List<OutputFolder> all = new ArrayList<>(folders);
    all.add(main);
    return all;
  }

  /** Publishes the units, {@code -o} last. */
  void publish() throws UserException {
    for (OutputFolder f : all()) {
      try {
        f.publish();
      } catch (IOException e) {
        throw new UserException("cannot publish the outputs into " + f.dir() + " (" + describe(e)
            + "); the next run on it completes the publishing");
      }
    }
  }

  @Override
  public void close() {
    for (OutputFolder f : all()) {
      try {
        f.close();
      } catch (IOException e) {
        // the next run on the folder removes what is left
      }
    }
  }

  private static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + (f.getFile() != null ? ": " + f.getFile() : "");
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /** A write that may fail. */
  @FunctionalInterface
  interface IoTask {
    void run() throws IOException;
  }
}
